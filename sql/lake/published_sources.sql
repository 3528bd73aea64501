-- published_sources: the sources a publication replaces, for publish.sql and published_rows.sql.
create or replace temp table published_sources as
select unnest($sources::varchar[]) as source;
