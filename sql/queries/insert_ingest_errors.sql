-- Add new ingest_errors rows; rows already there (same key) are kept as they are, so reruns add nothing.
insert or ignore into ingest_errors by name select * from new_rows
