-- memory_for_views: the memory the publication's connection may use. Creating the views
-- materializes the claim timeline (windows and joins over every claim): a million claims need
-- about 500 MB, more than the steps' limit (pipelines/warehouse/db.py). The connection closes
-- right after publishing.
set memory_limit = '512MB';
