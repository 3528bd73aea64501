-- When the run before the latest one published (null after the first run).
select published_at
from publications
order by published_at desc
limit 1 offset 1
