-- documents: one row per retrieval of a raw body (local file read or URL fetched) that is in the raw cache.
create table if not exists documents (
    document_id varchar not null,          -- sha256 of the raw body, its address in warehouse/raw
    source varchar not null,               -- source name in sources.yml
    topic varchar not null,
    location varchar not null,             -- URL fetched, or path inside the source folder
    url varchar,                           -- the article's public URL (sidecar or fetched URL)
    outlet varchar,                        -- from the sidecar or source configuration, if given
    published date,
    published_precision varchar,
    published_inferred boolean,
    synthetic boolean not null default false,
    content_type varchar,
    status integer,                        -- HTTP status; null for local files
    retrieved_at timestamp not null        -- UTC
);
-- Key: (document_id, source, location), kept by insert_documents.sql, not by an index:
-- a checkpoint writes a key index whole, however few rows were added.
