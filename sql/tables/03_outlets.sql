-- outlets: the publications articles come from, synthetic ones (example.org demos) flagged.
create table if not exists outlets (
    outlet_id varchar primary key,         -- lowercase name
    name varchar not null,
    domain varchar,
    synthetic boolean not null default false
);
