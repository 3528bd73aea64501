-- publish: replace the published sources' rows in the lake (`lake`) with the build's
-- (`build`), in the caller's transaction. `published_sources` (a temporary table) names the
-- sources; reviews belong to the team and are replaced whole; an outlet is replaced by the
-- build's row of the same id.
delete from lake.claims
where article_id in (
    select article_id from lake.articles where source in (select source from published_sources)
);
delete from lake.articles where source in (select source from published_sources);
delete from lake.parsed_documents
where document_id in (
    select document_id from lake.documents where source in (select source from published_sources)
);
delete from lake.documents where source in (select source from published_sources);
delete from lake.documents_not_loaded where source in (select source from published_sources);
delete from lake.outlets where outlet_id in (select outlet_id from build.outlets);
delete from lake.reviews;

insert into lake.documents
select * from build.documents where source in (select source from published_sources);
insert into lake.documents_not_loaded
select * from build.documents_not_loaded where source in (select source from published_sources);
insert into lake.parsed_documents
select p.* from build.parsed_documents as p
where p.document_id in (
    select document_id from build.documents where source in (select source from published_sources)
);
insert into lake.outlets select * from build.outlets;
insert into lake.articles
select * from build.articles where source in (select source from published_sources);
insert into lake.claims
select c.* from build.claims as c
where c.article_id in (
    select article_id from build.articles where source in (select source from published_sources)
);
insert into lake.reviews select * from build.reviews;
