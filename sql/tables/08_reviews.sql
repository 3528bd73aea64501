-- reviews: the analysts' reviews of reviews/*.csv, loaded whole on every run (the one input that
-- cannot be rebuilt from the raw cache). Corrections override the extracted fields they set.
create table if not exists reviews (
    file varchar not null,
    line integer not null,                 -- line in its CSV file, header = line 1
    claim_id varchar not null,             -- extracted claim, or a new id for an added claim
    action varchar not null,               -- confirm, reject, correct, add
    article_id varchar,                    -- for added claims
    sentence varchar,                      -- for added claims
    value bigint,
    low bigint,
    high bigint,
    qualifier varchar,
    country varchar,
    population varchar,
    population_group varchar,
    speaker varchar,
    reviewer varchar,
    reviewed_at timestamp not null,
    note varchar,
    primary key (file, line)
);
