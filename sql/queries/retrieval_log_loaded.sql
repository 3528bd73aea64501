-- Where this build stopped loading a retrieval log (no row: load it from the beginning).
select loaded_bytes, first_line_sha256
from retrieval_log_loaded
where log = $log
