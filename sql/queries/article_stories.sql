-- Every article's id, story and fingerprint, to tell new texts, copies and new stories apart.
select article_id, story_id, fingerprint
from articles
