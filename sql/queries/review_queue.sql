-- Unreviewed claims, least certain first (no confidence counts as least certain), then newest.
select claim_id, country, population, figure_text, qualifier, speaker, outlet, reported_on,
       confidence, rule, sentence
from claim_timeline
where review_status = 'unreviewed'
order by confidence asc nulls first, reported_on desc nulls last, claim_id
limit $limit
