-- claim_timeline: every claim with its series, bounds, who said it, and where and when it was reported.
-- Only current versions of articles count (current_articles). Reviews are applied (review_status; rejected claims stay here, flagged, and leave the other views).
-- A series is (topic, population_group, status, country): only like is compared with like. interval_low and
-- interval_high are the figure's honest interval (null high = unbounded above), used to compare
-- reports. is_report marks one mention per figure per article (headline and body repeat figures):
-- the comparison views count reports, not mentions.
-- The rows are computed once per publication into claim_timeline_snapshot (the published file
-- is a snapshot anyway): its windows and joins over every claim would otherwise run again inside
-- every comparison view and every analyst query (BENCHMARKS.md, views on 1,000,000 claims).
create or replace table claim_timeline_snapshot as
select
    c.claim_id,
    a.topic,
    c.population_group,
    c.status,
    c.country,
    c.countries,
    c.population,
    c.value,
    c.low,
    c.high,
    c.qualifier,
    coalesce(c.value, c.low, c.high) as figure,
    case
        when c.value is null and c.low is not null and c.high is not null
            then format('{:d}-{:d}', c.low, c.high)
        when c.value is null and c.low is not null then format('{:d}+', c.low)
        else concat(
            case c.qualifier
                when 'approximately' then '~'
                when 'nearly' then 'nearly '
                when 'more_than' then '>'
                when 'at_least' then '>='
                when 'at_most' then '<='
                when 'less_than' then '<'
                when 'up_to' then 'up to '
                else ''
            end,
            coalesce(c.value, c.high)
        )
    end as figure_text,
    coalesce(c.low, c.value, c.high) as interval_low,
    case
        when c.high is not null then c.high
        when c.qualifier in ('more_than', 'at_least') then null
        else c.value
    end as interval_high,
    c.speaker,
    c.speaker_key,
    c.origin,
    -- Independent origin: the speaker, else the outlet cited, else the attributed mention of
    -- the same figure in the same article (a headline repeating the body counts once), else the
    -- outlet that first ran the story (syndicated reprints count once), else the story itself.
    coalesce(
        first_value(coalesce(c.speaker_key, lower(c.origin))) over mentions_of_figure,
        first_copy.outlet_id,
        a.story_id
    ) as origin_key,
    -- One report per figure per article: the best-attributed of its mentions.
    row_number() over mentions_of_figure = 1 as is_report,
    a.story_id,
    o.name as outlet,
    a.url,
    a.title,
    a.published_at,
    a.published_precision,
    a.published_inferred,
    c.as_of,
    c.as_of_precision,
    c.as_of_inferred,
    c.as_of_source,
    coalesce(c.as_of, a.published_at) as reported_on,
    a.retrieved_at,
    a.synthetic,
    c.direct_quote,
    c.sentence,
    c.sentence_start,
    c.sentence_end,
    c.mention,
    c.start,
    c."end",
    c.rule,
    c.confidence,
    c.review_status,
    c.review_note,
    c.article_id,
    a.document_id
from reviewed_claims as c
join articles as a using (article_id)
left join articles as first_copy on first_copy.article_id = a.story_id
left join outlets as o on o.outlet_id = a.outlet_id
where c.article_id in (select article_id from current_articles)
window mentions_of_figure as (
    partition by c.article_id, c.population_group, c.status, c.country, c.value, c.low, c.high
    order by coalesce(c.speaker_key, c.origin) is null, length(coalesce(c.speaker, '')) desc,
        c.start
);

create or replace view claim_timeline as
select *
from claim_timeline_snapshot;
