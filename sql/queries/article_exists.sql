-- The article an analyst adds a claim to, if it exists.
select article_id
from articles
where article_id = $article_id
