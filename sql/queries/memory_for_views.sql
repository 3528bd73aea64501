-- memory_for_views: the memory the publication's connection may use. Creating the views
-- materializes the claim timeline (windows and joins over every claim): a million claims need
-- about 500 MB when DuckDB keeps the rows in the order they were read, and 256 MB when it need
-- not (benchmarks/bench_views.py): no view depends on the snapshot's row order. The connection
-- closes right after publishing.
set memory_limit = '256MB';
set preserve_insertion_order = false;
