-- How many series the report will chart (at most: claims without a date or figure are left out).
select count(*) as series
from (
    select distinct topic, population_group, status, country
    from claim_timeline
    where review_status <> 'rejected'
)
