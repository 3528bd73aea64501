-- The claims the figures-over-time report draws: every claim not rejected by a review, with
-- only the columns the charts and tables show (the report holds every row in memory, and the
-- sentences and offsets are the larger part of a row).
select
    claim_id, topic, population_group, country, reported_on, figure, interval_low,
    interval_high, qualifier, origin_key, outlet, figure_text, speaker, origin, url,
    as_of_precision, synthetic
from claim_timeline
where review_status <> 'rejected'
order by topic, population_group, country nulls first, reported_on, claim_id
