-- Reviews whose claim (or added claim's article) is gone, to report after a run.
select file, line, claim_id, action, reviewer, reviewed_at
from orphaned_reviews
order by file, line
