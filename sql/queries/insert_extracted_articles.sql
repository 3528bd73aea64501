-- Add new extracted_articles rows; rows already there (same key) are kept as they are, so reruns add nothing.
-- The key (article_id, extractor_version) has no index: rows whose key is in the table, or earlier in
-- the batch, are left out here.
insert into extracted_articles by name
select new.*
from new_rows as new
where not exists (
    select 1 from extracted_articles as kept
    where kept.article_id = new.article_id
        and kept.extractor_version = new.extractor_version
)
qualify row_number() over (partition by new.article_id, new.extractor_version) = 1
