-- latest_figures: what is the latest reported figure of each series (topic, population group,
-- status, country), and how many independent origins report that same figure? Counts of countries are left
-- out; origins are speakers (five outlets quoting one minister are one), else the cited or printing outlet.
create or replace view latest_figures as
with reports as (
    select * from series_reports
),
latest_per_series as (
    -- The latest report: latest as-of date (undated last), then latest retrieval, largest figure.
    select
        topic,
        population_group,
        status,
        country,
        arg_max(
            claim_id,
            struct_pack(dated := reported_on is not null, reported_on, retrieved_at, figure, claim_id)
        ) as claim_id,
        count(*) as reports
    from reports
    group by all
),
origins_per_figure as (
    select topic, population_group, status, country, value, low, high,
        count(distinct origin_key) as origins
    from reports
    group by all
)
select
    latest.topic,
    latest.population_group,
    latest.status,
    latest.country,
    latest.population,
    latest.value,
    latest.low,
    latest.high,
    latest.qualifier,
    latest.figure_text,
    latest.reported_on as as_of,
    latest.as_of_precision,
    latest.outlet,
    latest.speaker,
    latest.origin,
    latest.claim_id,
    same.origins,
    series.reports
from latest_per_series as series
join reports as latest using (claim_id)
join origins_per_figure as same
    on same.topic = latest.topic
    and same.population_group = latest.population_group
    and same.status = latest.status
    and same.country is not distinct from latest.country
    and same.value is not distinct from latest.value
    and same.low is not distinct from latest.low
    and same.high is not distinct from latest.high;
