-- attach_as_of: the lake as it stood at :snapshot_time (UTC), for reading (`:name` as in attach.sql).
attach :catalog as lake (data_path :data_path, read_only, snapshot_time :snapshot_time);
