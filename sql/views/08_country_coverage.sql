-- country_coverage: for each topic and country, when was it first and last reported, how often,
-- by how many independent origins, and in which population groups and statuses?
create or replace view country_coverage as
select
    topic,
    country,
    min(reported_on) as first_report,
    max(reported_on) as last_report,
    count(*) as reports,
    count(distinct origin_key) as origins,
    count(distinct article_id) as articles,
    list(distinct population_group order by population_group) as population_groups,
    list(distinct status order by status) as statuses
from series_reports
group by topic, country;
