-- Articles the current extractor has not processed.
select article_id, text, published_at, published_precision, published_inferred
from articles a
where not exists (
    select 1 from extracted_articles e
    where e.article_id = a.article_id and e.extractor_version = $extractor_version
)
order by article_id
