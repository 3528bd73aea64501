-- figure_changes: how did each report of a series compare with the previous report of that series?
-- Absolute and relative change of the figure, days elapsed, and the direction judged on intervals
-- (up or down only when the two intervals do not overlap).
create or replace view figure_changes as
with reports as (
    select
        *,
        lag(claim_id) over series_order as previous_claim_id,
        lag(figure) over series_order as previous_figure,
        lag(figure_text) over series_order as previous_figure_text,
        lag(interval_low) over series_order as previous_interval_low,
        lag(interval_high) over series_order as previous_interval_high,
        lag(reported_on) over series_order as previous_reported_on,
        lag(outlet) over series_order as previous_outlet
    from series_reports
    window series_order as (
        partition by topic, population_group, status, country
        order by reported_on nulls first, retrieved_at, claim_id
    )
)
select
    topic,
    population_group,
    status,
    country,
    claim_id,
    previous_claim_id,
    previous_reported_on,
    reported_on,
    date_diff('day', previous_reported_on, reported_on) as days_elapsed,
    previous_figure_text,
    figure_text,
    previous_figure,
    figure,
    figure - previous_figure as change,
    round((figure - previous_figure) / nullif(previous_figure, 0), 4) as relative_change,
    case
        when interval_low > previous_interval_high then 'up'
        when interval_high < previous_interval_low then 'down'
        else 'overlapping'
    end as direction,
    previous_outlet,
    outlet
from reports
where previous_claim_id is not null;
