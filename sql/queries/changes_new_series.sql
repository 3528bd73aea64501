-- Series whose first claim was retrieved at or after $since. The first $limit (all when null).
select topic, population_group, status, country, min(retrieved_at) as first_retrieved, count(*) as reports
from series_reports
group by topic, population_group, status, country
having min(retrieved_at) >= $since
order by topic, population_group, status, country nulls first
limit $limit
