-- s3_secret_shell: s3_secret.sql for the `duckdb` shell, whose statements are printed and passed
-- on a command line: the key and secret are read there from the shell's environment (the
-- shell's getenv), never written out (`:name` as in attach.sql).
create or replace secret headcount_lake (
    type s3, key_id getenv('AWS_ACCESS_KEY_ID'), secret getenv('AWS_SECRET_ACCESS_KEY'),
    region :region, endpoint :endpoint, url_style :url_style, use_ssl :use_ssl
);
