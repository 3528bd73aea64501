-- Changes of figure brought by claims retrieved at or after $since, largest relative change first.
select f.topic, f.population_group, f.status, f.country, f.previous_figure_text, f.figure_text, f.change,
       f.relative_change, f.days_elapsed, f.direction, f.outlet
from figure_changes as f
join claim_timeline as t using (claim_id)
where t.retrieved_at >= $since
order by abs(f.relative_change) desc nulls last, f.topic, f.country nulls first
limit 10
