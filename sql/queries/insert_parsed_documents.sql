-- Add new parsed_documents rows; rows already there (same key) are kept as they are, so reruns add nothing.
insert or ignore into parsed_documents by name select * from new_rows
