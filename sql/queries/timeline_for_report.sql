-- The claims the figures-over-time report draws: every claim not rejected by a review.
select *
from claim_timeline
where review_status <> 'rejected'
order by topic, population_group, country nulls first, reported_on, claim_id
