-- Note that this run publishes the warehouse, unless it brings nothing since the last publication.
with current_state as (
    select count(*) as claims, max(a.retrieved_at) as latest_retrieval
    from claims as c
    join articles as a using (article_id)
),
last_publication as (
    select claims, latest_retrieval
    from publications
    order by published_at desc
    limit 1
)
insert into publications
select $published_at, claims, latest_retrieval
from current_state
where not exists (
    select 1 from last_publication as l
    where l.claims = current_state.claims
        and l.latest_retrieval is not distinct from current_state.latest_retrieval
)
