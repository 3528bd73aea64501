-- The text and publication date of every article the current extractor has not processed, in
-- one pass over `articles` (streamed a chunk at a time): no order, since fetching batches by id
-- instead scanned the whole table once a batch (BENCHMARKS.md, round 5).
select article_id, text, published_at, published_precision, published_inferred
from articles as a
where not exists (
    select 1 from extracted_articles as e
    where e.article_id = a.article_id and e.extractor_version = $extractor_version
)
