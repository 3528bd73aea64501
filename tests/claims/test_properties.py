"""Properties that hold for any text: no exception, offsets slice back, bounds are ordered."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.claims.extract import extract_claims, read_mentions
from pipelines.claims.sentences import split_sentences
from pipelines.dates import FuzzyDate

# News-like fragments mixed with arbitrary unicode, so generated texts reach the claim rules.
_FRAGMENTS = st.sampled_from(
    [
        "About 3,000 Americans have volunteered",
        "nearly 20 000 foreign fighters",
        "between 1,000 and 1,500 refugees",
        "tens of thousands of refugees have fled",
        "from 52 countries",
        ", the ministry said.",
        "\u201cThe number is around 300 now,\u201d he said.",
        "The figure could be as high as 700.",
        "Kuleba told U.S. media on Monday",
        " 11.500 troops ",
        " 3k recruits ",
        " a dozen Britons joined the fight ",
        " 1.5 million ",
        "\n",
        ". ",
        "$2",
        "\u00a0",
        "'",
        '"',
    ]
)
_TEXTS = st.lists(st.one_of(_FRAGMENTS, st.text(max_size=30)), max_size=12).map("".join)


@settings(max_examples=200, deadline=None)
@given(_TEXTS, st.one_of(st.none(), st.dates()))
def test_claims_are_well_formed(text: str, published: dt.date | None) -> None:
    claims = extract_claims(text, FuzzyDate(published) if published else None)
    for claim in claims:
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
        assert any(ch.isdigit() or ch.isalpha() for ch in text[claim.start : claim.end])
        bounds = [b for b in (claim.low, claim.value, claim.high) if b is not None]
        assert bounds and bounds == sorted(bounds)
        assert all(b > 0 for b in bounds)
        assert claim.country is None or claim.countries == (claim.country,)


@settings(max_examples=200, deadline=None)
@given(_TEXTS)
def test_claims_only_reading_finds_the_claims_of_the_full_reading(text: str) -> None:
    """Skipping the mentions no scope verdict could make claims changes no claim."""
    full = [r.claim for r in read_mentions(text) if r.claim is not None]
    assert [r.claim for r in read_mentions(text, claims_only=True) if r.claim] == full


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_unicode(text: str) -> None:
    assert isinstance(extract_claims(text), list)


def test_digit_runs_of_any_length_do_not_raise() -> None:
    text = " ".join(str(i) for i in range(2000)) + " " + "9" * 400 + " volunteers"
    assert extract_claims(text) == []


def test_unpunctuated_text_is_cut_into_bounded_sentences() -> None:
    text = "officials said 300 volunteers joined, " * 200
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(len(s.text) <= 1500 and text[s.start : s.end] == s.text for s in sentences)
