-- parsed_documents: which documents the current parser has seen, so reruns skip them.
create table if not exists parsed_documents (
    document_id varchar not null,
    parser_version varchar not null,
    outcome varchar not null,              -- article, duplicate, skipped, error
    article_id varchar,
    primary key (document_id, parser_version)
);
