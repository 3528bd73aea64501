-- Move this build's position in the retrieval log (one row per log file).
insert or replace into retrieval_log_loaded by name select * from new_rows
