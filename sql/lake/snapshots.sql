-- snapshots: the lake's snapshots, oldest first.
select snapshot_id, snapshot_time from ducklake_snapshots('lake') order by snapshot_id;
