-- parsed_documents: which documents the current parser has seen, so reruns skip them.
create table if not exists parsed_documents (
    document_id varchar not null,
    parser_version varchar not null,
    outcome varchar not null,              -- article, duplicate, skipped, error
    article_id varchar
);
-- Key: (document_id, parser_version), kept by insert_parsed_documents.sql, not by an index:
-- a checkpoint writes a key index whole, however few rows were added.
