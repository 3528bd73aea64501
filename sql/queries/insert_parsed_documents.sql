-- Add new parsed_documents rows; rows already there (same key) are kept as they are, so reruns add nothing.
-- The key (document_id, parser_version) has no index: rows whose key is in the table, or earlier in
-- the batch, are left out here.
insert into parsed_documents by name
select new.*
from new_rows as new
where not exists (
    select 1 from parsed_documents as kept
    where kept.document_id = new.document_id
        and kept.parser_version = new.parser_version
)
qualify row_number() over (partition by new.document_id, new.parser_version) = 1
