-- Network sources (feeds, URL lists, sitemaps) with no successful retrieval since $since.
-- `network_sources(source)` is registered by the caller from sources.yml.
select n.source, max(d.retrieved_at) as last_retrieved
from network_sources as n
left join documents as d on d.source = n.source
group by n.source
having max(d.retrieved_at) is null or max(d.retrieved_at) < $since
order by n.source
