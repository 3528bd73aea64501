-- memory_for_checks: the memory a claims check's connection may use. The writing steps keep
-- DuckDB's cache small (pipelines/warehouse/db.py); the trace check joins claims with their
-- articles' texts and the id check groups every claim, which a whole 100,000-page run found to
-- need more than the steps' limit. The check's connection closes right after it.
set memory_limit = '160MB';
