-- How many claims the build holds per country, population group and qualifier (for the UI).
select 'country' as dimension, coalesce(country, '(total)') as value, count(*) as claims
from claims group by all
union all
select 'population_group', population_group, count(*) from claims group by all
union all
select 'qualifier', qualifier, count(*) from claims group by all
order by dimension, claims desc, value
