-- Weeks whose per-country figures add up to more than the reported total (a warning: outlets
-- count differently, but it often means a mis-attributed country or total).
select topic, population_group, status, week, total, breakdown_sum, countries
from total_vs_breakdown
where sum_exceeds_total
