-- extracted_articles: which articles the current extractor has processed, so reruns skip them.
create table if not exists extracted_articles (
    article_id varchar not null,
    extractor_version varchar not null,
    claims integer not null,
    primary key (article_id, extractor_version)
);
