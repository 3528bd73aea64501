-- load_extensions: DuckLake and the Postgres scanner its catalog needs (never downloaded).
load postgres_scanner;
load ducklake;
