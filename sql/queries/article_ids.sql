-- Every article id already in the build, to tell a new text from one seen under another URL.
select article_id
from articles
