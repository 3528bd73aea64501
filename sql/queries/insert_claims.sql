-- Add new claims rows; rows already there (same key) are kept as they are, so reruns add nothing.
insert or ignore into claims by name select * from new_rows
