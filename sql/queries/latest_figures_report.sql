-- The latest figure per series, as `headcount run` prints it.
select topic, population_group, status, coalesce(country, '(total)') as country, figure_text,
       as_of, outlet, speaker, origins
from latest_figures
order by topic, population_group, status, country nulls first
