-- How many articles the build holds (the trace check sizes its passes by it).
select count(*) as articles from articles
