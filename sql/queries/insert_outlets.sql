-- Add new outlets rows; rows already there (same key) are kept as they are, so reruns add nothing.
insert or ignore into outlets by name select * from new_rows
