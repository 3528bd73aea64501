-- A connection to the build that closes leaves its committed writes in the write-ahead log
-- (durable since they committed) instead of checkpointing them (pipelines/warehouse/db.py).
pragma disable_checkpoint_on_shutdown
