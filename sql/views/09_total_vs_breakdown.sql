-- total_vs_breakdown: per topic, population group, status and as-of week, does the sum of the per-country
-- figures exceed the reported total? Each country counts with its largest lower bound that week;
-- the total is the largest total reported that week. A sum above the total is flagged.
create or replace view total_vs_breakdown as
with weekly as (
    select
        topic,
        population_group,
        status,
        country,
        date_trunc('week', reported_on)::date as week,
        max(interval_low) as largest_low,
        max(coalesce(interval_high, interval_low)) as largest_figure
    from series_reports
    where reported_on is not null
    group by all
),
totals as (
    select topic, population_group, status, week, largest_figure as total
    from weekly
    where country is null
),
breakdowns as (
    select topic, population_group, status, week, sum(largest_low) as breakdown_sum, count(*) as countries
    from weekly
    where country is not null
    group by topic, population_group, status, week
)
select
    t.topic,
    t.population_group,
    t.status,
    t.week,
    t.total,
    b.breakdown_sum,
    b.countries,
    b.breakdown_sum > t.total as sum_exceeds_total
from totals as t
join breakdowns as b using (topic, population_group, status, week);
