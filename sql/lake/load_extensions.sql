-- load_extensions: DuckLake, the Postgres scanner its catalog needs, and httpfs for data files
-- in an S3-compatible store (never downloaded).
load postgres_scanner;
load ducklake;
load httpfs;
