-- documents_not_loaded: every document that could not be fetched, read or parsed, or was skipped as off-topic, and why.
create table if not exists documents_not_loaded (
    source varchar not null,
    location varchar not null,
    document_id varchar,                   -- null when nothing was retrieved
    stage varchar not null,                -- fetch, read, parse, relevance
    reason varchar not null,
    occurred_at timestamp not null                -- UTC: the retrieval time, so rebuilds are identical
);
-- Key: (source, location, stage, occurred_at), kept by insert_documents_not_loaded.sql, not by an index:
-- a checkpoint writes a key index whole, however few rows were added.
