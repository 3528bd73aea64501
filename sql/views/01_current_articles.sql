-- current_articles: which articles are the latest version of at least one location? A page or
-- file retrieved again with changed content is a new version of the same article: the views
-- compare only current versions, while older versions stay in `articles` as history.
create or replace view current_articles as
with latest_retrievals as (
    select document_id
    from documents
    qualify row_number() over (
        partition by source, location order by retrieved_at desc, document_id
    ) = 1
)
select distinct p.article_id
from parsed_documents as p
join latest_retrievals using (document_id)
where p.article_id is not null;
