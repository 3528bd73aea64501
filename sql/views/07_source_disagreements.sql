-- source_disagreements: which origins report incompatible figures for one series at about the same
-- time? Pairs of reports from different origins, at most `disagreement_window_days` apart (default
-- 14; `set variable disagreement_window_days = 30` to widen), whose intervals do not overlap.
create or replace view source_disagreements as
with window_days as (
    select coalesce(getvariable('disagreement_window_days'), 14) as days
),
reports as (
    -- Buckets as wide as the window: two reports at most `days` apart sit in the same or
    -- neighbouring buckets, so the join compares only those instead of a whole series.
    select
        t.*,
        date_diff('day', date '1970-01-01', t.reported_on) // (w.days + 1) as bucket
    from series_reports as t, window_days as w
    where t.reported_on is not null
),
lower_candidates as (
    select reports.*, reports.bucket + shift.step as join_bucket
    from reports, (values (-1), (0), (1)) as shift(step)
)
select
    lower_report.topic,
    lower_report.population_group,
    lower_report.status,
    lower_report.country,
    lower_report.figure_text as lower_figure_text,
    lower_report.interval_high as lower_high,
    lower_report.origin_key as lower_origin,
    lower_report.outlet as lower_outlet,
    lower_report.reported_on as lower_reported_on,
    higher_report.figure_text as higher_figure_text,
    higher_report.interval_low as higher_low,
    higher_report.origin_key as higher_origin,
    higher_report.outlet as higher_outlet,
    higher_report.reported_on as higher_reported_on,
    higher_report.interval_low - lower_report.interval_high as spread,
    abs(date_diff('day', lower_report.reported_on, higher_report.reported_on)) as days_apart,
    lower_report.claim_id as lower_claim_id,
    higher_report.claim_id as higher_claim_id
from lower_candidates as lower_report
join reports as higher_report
    on higher_report.bucket = lower_report.join_bucket
    and higher_report.topic = lower_report.topic
    and higher_report.population_group = lower_report.population_group
    and higher_report.status = lower_report.status
    and higher_report.country is not distinct from lower_report.country
    and higher_report.origin_key <> lower_report.origin_key
    and lower_report.interval_high < higher_report.interval_low
    and abs(date_diff('day', lower_report.reported_on, higher_report.reported_on))
        <= (select days from window_days);
