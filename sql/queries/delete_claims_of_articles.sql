-- Forget the claims of a batch of articles about to be extracted again (a new extractor version):
-- their new claims replace them in the same transaction, so no stale claim outlives the upgrade.
delete from claims
where article_id in (select unnest($article_ids::varchar[]))
