-- published_rows: the lake's rows of the sources just published (`published_sources`), by table.
select 'documents' as table_name, count(*) as n_rows
from lake.documents where source in (select source from published_sources)
union all
select 'documents_not_loaded', count(*)
from lake.documents_not_loaded where source in (select source from published_sources)
union all
select 'articles', count(*)
from lake.articles where source in (select source from published_sources)
union all
select 'claims', count(*)
from lake.claims
where article_id in (
    select article_id from lake.articles where source in (select source from published_sources)
);
