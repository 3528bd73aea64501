-- schema_info: the schema version this file was built with; an older build is rebuilt from the raw cache.
create table if not exists schema_info (
    schema_version varchar not null,
    built_at timestamp not null
);
