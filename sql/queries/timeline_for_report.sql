-- The claims the figures-over-time report draws: every claim not rejected by a review, with
-- only the columns the charts, hover labels and tables show (a wide row costs memory even
-- streamed: the sentence, shown on hover, is the larger part of a row; offsets are left out), in
-- the order charts.plotted_points sorts points in, so that the report can take the rows a chunk
-- at a time.
select
    claim_id, topic, population_group, status, country, reported_on, figure, interval_low,
    interval_high, qualifier, origin_key, outlet, figure_text, speaker, origin, url,
    as_of_precision, synthetic, sentence
from claim_timeline
where review_status <> 'rejected'
order by topic, population_group, status, country nulls first, reported_on, figure, claim_id
