-- Add new articles rows; rows already there (same key) are kept as they are, so reruns add nothing.
insert or ignore into articles by name select * from new_rows
