-- memory_for_checks: the memory a claims check's connection may use. The writing steps keep
-- DuckDB's cache small (pipelines/warehouse/db.py); the trace check, which joins claims with
-- their articles' texts, ran out of that limit in a whole 100,000-page run, and the id check,
-- which groups every claim, is given the same. The check's connection closes right after it.
set memory_limit = '160MB';
