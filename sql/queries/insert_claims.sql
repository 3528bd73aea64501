-- Add new claims rows; rows already there (same key) are kept as they are, so reruns add nothing.
-- The key (claim_id) has no index: rows whose key is in the table, or earlier in
-- the batch, are left out here.
insert into claims by name
select new.*
from new_rows as new
where not exists (
    select 1 from claims as kept
    where kept.claim_id = new.claim_id
)
qualify row_number() over (partition by new.claim_id) = 1
