-- Add new documents rows; rows already there (same key) are kept as they are, so reruns add nothing.
-- The key (document_id, source, location) has no index: rows whose key is in the table, or earlier in
-- the batch, are left out here.
insert into documents by name
select new.*
from new_rows as new
where not exists (
    select 1 from documents as kept
    where kept.document_id = new.document_id
        and kept.source = new.source
        and kept.location = new.location
)
qualify row_number() over (partition by new.document_id, new.source, new.location) = 1
