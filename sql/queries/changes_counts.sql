-- How many series and claims are new since $since: the lists of changes_new_series and
-- changes_new_figures may show only their first rows.
select
    (
        select count(*)
        from (
            select 1
            from series_reports
            group by topic, population_group, status, country
            having min(retrieved_at) >= $since
        )
    ) as new_series,
    (select count(*) from series_reports where retrieved_at >= $since) as new_figures
