-- extracted_articles: which articles the current extractor has processed, so reruns skip them.
create table if not exists extracted_articles (
    article_id varchar not null,
    extractor_version varchar not null,
    claims integer not null
);
-- Key: (article_id, extractor_version), kept by insert_extracted_articles.sql, not by an index:
-- a checkpoint writes a key index whole, however few rows were added.
