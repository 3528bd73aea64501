-- The text and publication date of a batch of articles, for the extractor.
select article_id, text, published_at, published_precision, published_inferred
from articles
where article_id in (select unnest($article_ids::varchar[]))
order by article_id
