-- series_reports: the reports that count in a series comparison: one report per figure per article
-- (is_report), counts of people (not counts of countries), not rejected by a review. A series is
-- (topic, population_group, status, country): "have fought" and "have died" are two series.
create or replace view series_reports as
select *
from claim_timeline
where population_group <> 'countries' and review_status <> 'rejected' and is_report;
