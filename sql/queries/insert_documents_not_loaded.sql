-- Add new documents_not_loaded rows; rows already there (same key) are kept as they are, so reruns add nothing.
-- The key (source, location, stage, occurred_at) has no index: rows whose key is in the table, or earlier in
-- the batch, are left out here.
insert into documents_not_loaded by name
select new.*
from new_rows as new
where not exists (
    select 1 from documents_not_loaded as kept
    where kept.source = new.source
        and kept.location = new.location
        and kept.stage = new.stage
        and kept.occurred_at = new.occurred_at
)
qualify row_number() over (partition by new.source, new.location, new.stage, new.occurred_at) = 1
