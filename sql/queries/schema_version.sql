-- The schema version a warehouse file was built with (null when it has no schema yet).
select max(schema_version)
from schema_info
