-- Claims whose figure and bounds contradict each other: low <= value <= high, all positive.
select claim_id, value, low, high, qualifier
from claims
where (value is null and low is null and high is null)
    or value <= 0 or low <= 0 or high <= 0
    or low > value or value > high or low > high
