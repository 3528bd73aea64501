-- s3_secret: the credentials and endpoint of the S3-compatible store holding the lake's data
-- files, for a process that attaches the lake (`:name` as in attach.sql).
create or replace secret headcount_lake (
    type s3, key_id :key_id, secret :secret, region :region, endpoint :endpoint,
    url_style :url_style, use_ssl :use_ssl
);
