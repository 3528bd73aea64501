-- Documents the current parser has not seen, oldest retrieval first (one row per body).
select document_id, source, topic, location, url, outlet, published, published_precision,
       published_inferred, synthetic, content_type, retrieved_at
from documents d
where not exists (
    select 1 from parsed_documents p
    where p.document_id = d.document_id and p.parser_version = $parser_version
)
qualify row_number() over (partition by document_id order by retrieved_at, source, location) = 1
order by retrieved_at, document_id
