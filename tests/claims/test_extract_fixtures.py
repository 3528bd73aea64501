"""Every field of every claim in the fixture set, and no claim in the negative fixtures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from pipelines.claims.extract import EXTRACTOR_VERSION, extract_claims
from pipelines.dates import FuzzyDate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "claims"
CASES = yaml.safe_load((FIXTURES / "claims.yml").read_text(encoding="utf-8"))
NEGATIVES = yaml.safe_load((FIXTURES / "negatives.yml").read_text(encoding="utf-8"))


def _published(case: dict) -> FuzzyDate | None:
    return FuzzyDate(case["published"]) if case.get("published") else None


def _as_dict(text: str, claim) -> dict:
    as_of = claim.as_of
    return {
        "mention": text[claim.start : claim.end],
        "sentence": claim.sentence,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "population": claim.population,
        "population_group": claim.population_group,
        "country": claim.country,
        "countries": list(claim.countries),
        "speaker": claim.speaker,
        "speaker_key": claim.speaker_key,
        "origin": claim.origin,
        "direct_quote": claim.direct_quote,
        "as_of": None
        if as_of is None
        else {"value": as_of.value, "precision": as_of.precision, "inferred": as_of.inferred},
        "as_of_source": claim.as_of_source,
        "rule": claim.rule,
    }


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_claims_match_fixture(case: dict) -> None:
    text = case["text"]
    claims = extract_claims(text, _published(case))
    assert [_as_dict(text, c) for c in claims] == case["claims"]
    for claim in claims:
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.mention == text[claim.start : claim.end]


@pytest.mark.parametrize("case", NEGATIVES, ids=[c["id"] for c in NEGATIVES])
def test_no_claim_in_negative(case: dict) -> None:
    assert extract_claims(case["text"], _published(case)) == []


def test_claims_come_in_text_order() -> None:
    text = "About 300 Danish volunteers arrived. Later, 40 Irish volunteers followed them."
    assert [c.value for c in extract_claims(text)] == [300, 40]


def test_version_is_a_string() -> None:
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_as_of_falls_back_to_publication_date() -> None:
    published = FuzzyDate(dt.date(2022, 3, 1))
    (claim,) = extract_claims("Some 500 Czech volunteers have joined the legion.", published)
    assert (claim.as_of, claim.as_of_source) == (published, "published")
