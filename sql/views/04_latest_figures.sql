-- latest_figures: what is the latest reported figure of each series (topic, population group,
-- country), and how many independent origins report that same figure? Counts of countries are left
-- out; origins are speakers (five outlets quoting one minister are one), else the cited or printing outlet.
create or replace view latest_figures as
with reports as (
    select *
    from claim_timeline
    where population_group <> 'countries' and review_status <> 'rejected' and is_report
),
ranked as (
    select
        *,
        row_number() over (
            partition by topic, population_group, country
            order by reported_on desc nulls last, retrieved_at desc, figure desc, claim_id
        ) as recency
    from reports
)
select
    latest.topic,
    latest.population_group,
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
    (
        select count(distinct same.origin_key)
        from reports as same
        where same.topic = latest.topic
            and same.population_group = latest.population_group
            and same.country is not distinct from latest.country
            and same.value is not distinct from latest.value
            and same.low is not distinct from latest.low
            and same.high is not distinct from latest.high
    ) as origins,
    (
        select count(*)
        from reports as series
        where series.topic = latest.topic
            and series.population_group = latest.population_group
            and series.country is not distinct from latest.country
    ) as reports
from ranked as latest
where latest.recency = 1;
