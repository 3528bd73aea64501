-- Articles where the extractor produced claims that collapsed onto one claim_id (two claims for
-- the same number mention and country): the claims table then holds fewer rows than were
-- extracted.
select e.article_id, e.claims as extracted, count(c.claim_id) as stored
from extracted_articles as e
left join claims as c using (article_id)
where e.extractor_version = $extractor_version
group by e.article_id, e.claims
having count(c.claim_id) <> e.claims
