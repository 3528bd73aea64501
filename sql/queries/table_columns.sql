-- The columns of a table of the build, for the column schema shown in the Dagster UI.
select column_name, data_type, is_nullable = 'YES' as nullable
from information_schema.columns
where table_name = $table_name
order by ordinal_position
