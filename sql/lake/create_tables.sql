-- create_tables: the lake's tables, shaped as the build's. DuckLake keeps no keys: each build
-- enforces them before anything is published.
create table if not exists lake.documents as from build.documents limit 0;
create table if not exists lake.documents_not_loaded as from build.documents_not_loaded limit 0;
create table if not exists lake.parsed_documents as from build.parsed_documents limit 0;
create table if not exists lake.outlets as from build.outlets limit 0;
create table if not exists lake.articles as from build.articles limit 0;
create table if not exists lake.claims as from build.claims limit 0;
create table if not exists lake.reviews as from build.reviews limit 0;
