-- attach_read_only: the lake as it stands now, for reading (`:name` as in attach.sql).
attach :catalog as lake (data_path :data_path, read_only);
