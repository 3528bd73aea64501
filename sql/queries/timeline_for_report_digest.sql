-- A digest of the rows timeline_for_report.sql gives (the same rows, in any order): a report
-- drawn from rows with the same digest is the same report, so a rerun with nothing new keeps it.
select
    count(*) as rows,
    coalesce(sum(hash(
        claim_id, topic, population_group, status, country, reported_on, figure, interval_low,
        interval_high, qualifier, origin_key, outlet, figure_text, speaker, origin, url,
        as_of_precision, synthetic, sentence
    )), 0)::varchar as digest
from claim_timeline
where review_status <> 'rejected'
