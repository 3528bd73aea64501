-- attach: the lake, for writing. DuckDB's ATTACH takes no bound parameters: `:name` stands for
-- a value sqlfiles.statement quotes as a string literal.
attach :catalog as lake (data_path :data_path);
