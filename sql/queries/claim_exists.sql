-- The claim an analyst is reviewing, if it exists.
select claim_id
from claim_timeline
where claim_id = $claim_id
