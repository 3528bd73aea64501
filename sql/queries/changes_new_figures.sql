-- Claims retrieved at or after $since, newest report first. The first $limit (all when null).
select topic, population_group, status, country, figure_text, qualifier, reported_on, outlet, speaker, claim_id
from series_reports
where retrieved_at >= $since
order by reported_on desc nulls last, topic, population_group, status, country nulls first, claim_id
limit $limit
