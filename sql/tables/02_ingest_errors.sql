-- ingest_errors: every document that could not be fetched, parsed or was skipped, and why.
create table if not exists ingest_errors (
    source varchar not null,
    location varchar not null,
    document_id varchar,                   -- null when nothing was retrieved
    stage varchar not null,                -- fetch, read, parse, relevance
    reason varchar not null,
    occurred_at timestamp not null,               -- UTC: the retrieval time, so rebuilds are identical
    primary key (source, location, stage, occurred_at)
);
