-- current_snapshot: the id of the lake's latest snapshot.
select max(snapshot_id) from ducklake_snapshots('lake');
