-- Unreviewed claims, least certain first: by confidence where the extractor gives one, else by
-- how much of the claim was inferred rather than read (figure carried over from an earlier
-- sentence, population read from a cue word, no speaker, no country), then newest first.
select claim_id, country, population, figure_text, qualifier, speaker, outlet, reported_on,
       rule, sentence
from claim_timeline
where review_status = 'unreviewed' and is_report
order by
    confidence asc nulls first,
    (rule = 'carry_over')::int + (rule like '%cue%')::int + (speaker is null)::int
        + (country is null)::int desc,
    reported_on desc nulls last,
    claim_id
limit $limit
