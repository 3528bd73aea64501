-- Record the schema version a new build is made with.
insert into schema_info values ($schema_version, $built_at)
