-- claims: every numeric claim about people, traceable to its article, sentence and offsets.
create table if not exists claims (
    claim_id varchar not null,             -- hash of article_id and the mention's offsets: stable across re-extraction
    article_id varchar not null,
    value bigint,
    low bigint,
    high bigint,
    qualifier varchar not null,
    population varchar not null,
    population_group varchar not null,
    status varchar not null,               -- total, killed, wounded, captured, returned, detained
    country varchar,                       -- ISO 3166-1 alpha-2 of the people's origin
    countries varchar[],
    speaker varchar,
    speaker_key varchar,
    origin varchar,                        -- outlet cited as the figure's origin
    direct_quote boolean not null,
    sentence varchar not null,
    sentence_start integer not null,
    sentence_end integer not null,
    mention varchar not null,              -- the number as written: articles.text[start:end]
    start integer not null,
    "end" integer not null,
    as_of date,
    as_of_precision varchar,
    as_of_inferred boolean,
    as_of_source varchar not null,         -- text, published, unknown
    rule varchar not null,
    confidence double,
    extractor_version varchar not null
);
-- Key: (claim_id), kept by insert_claims.sql, not by an index:
-- a checkpoint writes a key index whole, however few rows were added.
