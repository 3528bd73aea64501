-- Claims that do not trace back to their article: missing article, or offsets that do not slice
-- the article text back to the stored sentence and number mention. Run once per range of
-- article ids ($low inclusive, $high exclusive or null for no end): joining every claim with
-- its article's text at once needs more memory than DuckDB's limit (pipelines/warehouse/db.py).
select c.claim_id, c.article_id,
    case
        when a.article_id is null then 'article missing'
        when c.start < c.sentence_start or c."end" > c.sentence_end or c.start >= c."end"
            then 'mention outside its sentence'
        when substring(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) <> c.sentence
            then 'sentence offsets do not slice back to the sentence'
        else 'mention offsets do not slice back to the number'
    end as problem
from (
    select * from claims
    where article_id >= $low and (article_id < $high or $high is null)
) as c
left join (
    select article_id, text from articles
    where article_id >= $low and (article_id < $high or $high is null)
) as a using (article_id)
where a.article_id is null
    or c.start < c.sentence_start or c."end" > c.sentence_end or c.start >= c."end"
    or substring(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start) <> c.sentence
    or substring(a.text, c.start + 1, c."end" - c.start) <> c.mention
    or not regexp_matches(
        c.mention,
        '(?i)[0-9]|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen|hundred|thousand|million|billion)'
    )
