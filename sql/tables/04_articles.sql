-- articles: the readable text of each parsed document, one row per distinct text.
create table if not exists articles (
    article_id varchar not null,           -- sha256 of the article text (first 16 hex digits)
    document_id varchar not null,          -- the raw body it was parsed from
    source varchar not null,
    topic varchar not null,
    url varchar,
    canonical_url varchar,                 -- tracking parameters and fragments removed
    story_id varchar not null,             -- article_id of the first copy of a syndicated story
    fingerprint ubigint not null,          -- 64-bit SimHash of the text (pipelines/ingest/dedup.py)
    title varchar,
    outlet_id varchar,
    published_at date,                     -- null when unknown, never silently today
    published_precision varchar,
    published_inferred boolean,
    retrieved_at timestamp not null,
    language varchar,
    synthetic boolean not null default false,
    text varchar not null,                 -- claim offsets index this text
    parser_version varchar not null
);
-- Key: (article_id), kept by insert_articles.sql, not by an index:
-- a checkpoint writes a key index whole, however few rows were added.
