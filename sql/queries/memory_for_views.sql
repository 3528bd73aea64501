-- memory_for_views: the memory the publication's connection may use. Creating the views
-- materializes the claim timeline (windows and joins over every claim). Kept in the order they
-- were read, a million claims ran out of 160 MB; in no order, benchmarks/bench_views.py builds
-- them within the limit below, and no view depends on the snapshot's row order. The connection
-- closes right after publishing.
set memory_limit = '256MB';
set preserve_insertion_order = false;
