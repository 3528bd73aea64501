-- Add new extracted_articles rows; rows already there (same key) are kept as they are, so reruns add nothing.
insert or ignore into extracted_articles by name select * from new_rows
