-- reviewed_claims: the extracted claims with the analysts' latest review applied (a correction
-- overrides the fields it sets; a rejection is kept, flagged), plus the claims analysts added.
create or replace view reviewed_claims as
with latest_review as (
    select *
    from reviews
    where action <> 'add'
    qualify row_number() over (partition by claim_id order by reviewed_at desc, file desc, line desc) = 1
)
select
    c.claim_id,
    c.article_id,
    coalesce(r.value, c.value) as value,
    coalesce(r.low, c.low) as low,
    coalesce(r.high, c.high) as high,
    coalesce(r.qualifier, c.qualifier) as qualifier,
    coalesce(r.population, c.population) as population,
    coalesce(r.population_group, c.population_group) as population_group,
    c.status,
    coalesce(r.country, c.country) as country,
    case when r.country is not null then [r.country] else c.countries end as countries,
    coalesce(r.speaker, c.speaker) as speaker,
    case when r.speaker is not null then lower(r.speaker) else c.speaker_key end as speaker_key,
    c.origin,
    c.direct_quote,
    c.sentence,
    c.sentence_start,
    c.sentence_end,
    c.mention,
    c.start,
    c."end",
    c.as_of,
    c.as_of_precision,
    c.as_of_inferred,
    c.as_of_source,
    c.rule,
    c.confidence,
    coalesce(
        case r.action when 'confirm' then 'confirmed' when 'reject' then 'rejected'
            when 'correct' then 'corrected' end,
        'unreviewed'
    ) as review_status,
    r.note as review_note
from claims as c
left join latest_review as r using (claim_id)
union all by name
select
    claim_id,
    article_id,
    value,
    low,
    high,
    coalesce(qualifier, 'exact') as qualifier,
    population,
    population_group,
    'total' as status,
    country,
    case when country is not null then [country] else [] end as countries,
    speaker,
    lower(speaker) as speaker_key,
    sentence,
    'analyst' as rule,
    'added' as review_status,
    note as review_note
from reviews
where action = 'add';
