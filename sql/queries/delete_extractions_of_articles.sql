-- Forget which extractor versions processed a batch of articles, in the transaction that writes
-- the current version's marker and claims for them.
delete from extracted_articles
where article_id in (select unnest($article_ids::varchar[]))
