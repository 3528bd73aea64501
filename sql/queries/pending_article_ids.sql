-- Articles the current extractor has not processed (ids only: texts are read a batch at a time).
select article_id
from articles as a
where not exists (
    select 1 from extracted_articles as e
    where e.article_id = a.article_id and e.extractor_version = $extractor_version
)
order by article_id
