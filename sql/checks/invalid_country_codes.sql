-- Claims whose country (or one of whose countries) is not an ISO 3166-1 alpha-2 code.
-- `valid_countries(code)` is registered by the caller from pycountry.
select claim_id, country as code
from claims
where country is not null and country not in (select code from valid_countries)
union all
select claim_id, code
from (select claim_id, unnest(countries) as code from claims)
where code not in (select code from valid_countries)
