-- retrieval_log_loaded: how far this build has loaded the raw cache's retrieval log, so a run
-- loads only the lines appended since (a new build, or another raw cache, loads it all).
-- Written in the same transaction as the documents and documents_not_loaded rows those lines became.
create table if not exists retrieval_log_loaded (
    log varchar primary key,               -- the log's file name (retrievals.jsonl)
    loaded_bytes bigint not null,          -- bytes loaded, ending a complete line
    first_line_sha256 varchar not null     -- identifies the log the offset belongs to
);
