-- publications: when a run published new claims, so "what changed since the last run" has a date.
-- A run that brought nothing new adds no row (a no-op rerun leaves every table as it was).
create table if not exists publications (
    published_at timestamp primary key,    -- UTC
    claims integer not null,
    latest_retrieval timestamp
);
