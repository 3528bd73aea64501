"""Reading one file into an article and printing claims in the evaluation contract.

`headcount extract` works on files directly, without sources or warehouse, so that the
extractor can be scored (../shared/eval/README.md) on exactly what the pipeline would see.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
from pathlib import Path

from pipelines.claims.model import Claim
from pipelines.ingest.folders import read_sidecar
from pipelines.ingest.model import Article, DocumentMeta
from pipelines.ingest.parse import parse_document


def read_article(path: Path) -> Article:
    """Parse a local .html/.htm/.txt/.md file (optionally gzipped), with its sidecar metadata."""
    body = path.read_bytes()
    name = path.name.lower()
    if name.endswith(".gz"):
        body = gzip.decompress(body)
        name = name.removesuffix(".gz")
    sidecar = read_sidecar(path)
    content_type = "text/html" if name.endswith((".html", ".htm")) else "text/plain"
    meta = DocumentMeta(
        document_id=hashlib.sha256(body).hexdigest(),
        source="cli",
        topic="cli",
        location=str(path),
        retrieved_at=dt.datetime.now(dt.UTC),
        content_type=content_type,
        url=sidecar.url,
        outlet=sidecar.outlet,
        published=sidecar.published,
        synthetic=bool(sidecar.synthetic),
    )
    return parse_document(body, meta)


def contract_record(doc: str, claim: Claim) -> dict:
    """The claim as one JSON Lines record of the evaluation contract, plus Headcount's extras."""
    return {
        "doc": doc,
        "sentence": claim.sentence,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "country": claim.country,
        "population": claim.population,
        "speaker": claim.speaker,
        "population_group": claim.population_group,
        "countries": list(claim.countries),
        "speaker_key": claim.speaker_key,
        "origin": claim.origin,
        "direct_quote": claim.direct_quote,
        "start": claim.start,
        "end": claim.end,
        "sentence_start": claim.sentence_start,
        "sentence_end": claim.sentence_end,
        "as_of": claim.as_of.isoformat() if claim.as_of else None,
        "as_of_precision": claim.as_of.precision if claim.as_of else None,
        "as_of_inferred": claim.as_of.inferred if claim.as_of else None,
        "as_of_source": claim.as_of_source,
        "rule": claim.rule,
    }
