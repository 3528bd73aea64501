-- orphaned_reviews: which reviews point at a claim that re-extraction no longer produces (or an
-- added claim whose article is gone)? They are kept in reviews/*.csv and reported, never dropped.
create or replace view orphaned_reviews as
select r.*
from reviews as r
where (r.action <> 'add' and r.claim_id not in (select claim_id from claims))
    or (r.action = 'add' and r.article_id not in (select article_id from articles));
