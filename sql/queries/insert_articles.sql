-- Add new articles rows; rows already there (same key) are kept as they are, so reruns add nothing.
-- The key (article_id) has no index: rows whose key is in the table, or earlier in
-- the batch, are left out here.
insert into articles by name
select new.*
from new_rows as new
where not exists (
    select 1 from articles as kept
    where kept.article_id = new.article_id
)
qualify row_number() over (partition by new.article_id) = 1
