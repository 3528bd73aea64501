"""A claim as one JSON Lines record of the evaluation contract (eval/ANNOTATING.md).

`headcount extract --format jsonl` prints these; the contract's scored fields come first, then
Headcount's own (population group, countries, origin, offsets, as-of date, rule).
"""

from __future__ import annotations

from typing import Any

from pipelines.claims.model import Claim

# One claim of the evaluation contract as a JSON Lines record: predicted (built here) or
# annotated (read from the gold and tolerated files), so any field may be missing or null.
Record = dict[str, Any]


def contract_record(doc: str, claim: Claim) -> Record:
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
        "status": claim.status,
        "confidence": claim.confidence,
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
