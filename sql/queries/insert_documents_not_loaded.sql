-- Add new documents_not_loaded rows; rows already there (same key) are kept as they are, so reruns add nothing.
insert or ignore into documents_not_loaded by name select * from new_rows
