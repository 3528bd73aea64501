-- Whether a warehouse file has been given a schema.
select count(*) > 0
from information_schema.tables
where table_name = 'schema_info'
