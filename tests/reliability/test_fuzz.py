"""Fuzzing the extractor and the number parser with news-like sentences.

tests/claims/test_properties.py already throws arbitrary unicode and fixed news fragments at
`extract_claims`. These strategies complement it: sentences assembled from the parts news
writes counts with (number words, digit groups with every kind of space, ranges with every kind
of dash, qualifiers, demonyms from pipelines/data, population nouns, attributions), so the
generated texts reach deep into the rules. Derandomized with a fixed number of examples: the
same inputs on every run, a few seconds in all.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipelines.claims.extract import extract_claims
from pipelines.claims.model import QUALIFIERS
from pipelines.claims.numbers import find_numbers, parse_figure
from pipelines.dates import FuzzyDate

DATA = Path(__file__).parents[2] / "pipelines" / "data"
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _demonyms() -> list[str]:
    with open(DATA / "demonyms.csv", encoding="utf-8") as handle:
        rows = csv.reader(line for line in handle if not line.startswith("#"))
        return sorted({row[0] for row in rows if row and row[0] != "word"})


def _population_nouns() -> list[str]:
    groups = yaml.safe_load((DATA / "populations.yml").read_text(encoding="utf-8"))["groups"]
    return sorted({noun for group in groups.values() for noun in group.get("core", [])})


UNITS = ["one", "two", "three", "five", "seven", "nine", "eleven", "fifteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "ninety"]
SPACES = [" ", " ", " ", "\u00a0", "\u202f", "\u2009", "\u2007", "\u3000", "  ", "\t", "\n"]
GROUP_SEPARATORS = [",", " ", "\u00a0", "\u202f", ".", "'", "\u2009"]
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", " - ", " – "]
QUALIFIER_WORDS = [
    "",
    "about",
    "About",
    "some",
    "nearly",
    "almost",
    "more than",
    "More than",
    "at least",
    "up to",
    "as many as",
    "fewer than",
    "no more than",
    "an estimated",
    "roughly",
    "just over",
    "well over",
    "upwards of",
    "close to",
    "~",
]
VAGUE = ["dozens of", "hundreds of", "thousands of", "tens of thousands of", "several hundred"]
ENDINGS = [
    " have volunteered to join the International Legion",
    " joined the fight",
    " have fled to Poland",
    " were killed",
    " are fighting for Ukraine",
    " signed up",
    "",
]
ATTRIBUTIONS = [
    ", the ministry said.",
    ", Foreign Minister Dmytro Kuleba told reporters.",
    ", according to Reuters.",
    ".",
    "!",
    "",
    ", he said on Monday.",
]

digit_groups = st.builds(
    lambda number, separator: f"{number:,}".replace(",", separator),
    st.integers(1, 2_000_000_000),
    st.sampled_from(GROUP_SEPARATORS),
)
scaled = st.builds(
    lambda whole, tenth, scale: f"{whole}.{tenth} {scale}" if tenth else f"{whole}{scale}",
    st.integers(1, 999),
    st.integers(0, 9),
    st.sampled_from([" million", " thousand", "k", "m", " bn", " mn"]),
)
number_words = st.builds(
    lambda tens, unit, dash, scale: f"{tens}{dash}{unit}{scale}",
    st.sampled_from(TENS),
    st.sampled_from(UNITS),
    st.sampled_from(["-", " ", "\u2011", "\u2013"]),
    st.sampled_from(["", " hundred", " thousand", " million", " hundred and five"]),
)
special = st.sampled_from(["a dozen", "two dozen", "half a million", "a thousand", "a few dozen"])
figures = st.one_of(digit_groups, scaled, number_words, special)
ranges = st.one_of(
    st.builds(lambda a, d, b: f"{a}{d}{b}", digit_groups, st.sampled_from(DASHES), digit_groups),
    st.builds(lambda a, b: f"between {a} and {b}", figures, figures),
    st.builds(lambda a, b: f"{a} to {b}", figures, figures),
)
counts = st.one_of(
    st.builds(
        lambda qualifier, space, figure: f"{qualifier}{space}{figure}" if qualifier else figure,
        st.sampled_from(QUALIFIER_WORDS),
        st.sampled_from(SPACES),
        figures,
    ),
    ranges,
    st.sampled_from(VAGUE),
)
sentences = st.builds(
    lambda lead, count, space, demonym, noun, ending, attribution: (
        f"{lead}{count}{space}{demonym} {noun}{ending}{attribution}"
    ),
    st.sampled_from(["", "", "\u201c", "Officials say ", "In March, ", "By 2023 "]),
    counts,
    st.sampled_from(SPACES),
    st.sampled_from(["", *_demonyms()]),
    st.sampled_from(_population_nouns()),
    st.sampled_from(ENDINGS),
    st.sampled_from(ATTRIBUTIONS),
)
articles = st.lists(
    st.one_of(sentences, sentences, st.text(max_size=12)), min_size=1, max_size=6
).flatmap(
    lambda parts: st.sampled_from([" ", "\n", "\n\n", " \u2028 "]).map(lambda j: j.join(parts))
)
published = st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)))


def _assert_bounds(value: int | None, low: int | None, high: int | None) -> None:
    bounds = [bound for bound in (value, low, high) if bound is not None]
    assert bounds, "a figure with no value and no bound"
    assert all(bound > 0 for bound in bounds), bounds
    if low is not None and value is not None:
        assert low <= value
    if value is not None and high is not None:
        assert value <= high
    if low is not None and high is not None:
        assert low <= high


@FUZZ
@given(articles, published)
def test_extractor_on_news_like_sentences(text: str, published: dt.date | None) -> None:
    claims = extract_claims(text, FuzzyDate(published) if published else None)
    for claim in claims:
        mention = text[claim.start : claim.end]
        assert mention.strip(), (text, claim)
        assert 0 <= claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
        assert claim.sentence_end <= len(text)
        assert text[claim.sentence_start : claim.sentence_end] == claim.sentence
        assert mention in claim.sentence
        assert claim.qualifier in QUALIFIERS
        _assert_bounds(claim.value, claim.low, claim.high)


@FUZZ
@given(articles, st.integers(0, 40), st.integers(0, 400))
def test_number_parser_on_news_like_sentences(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    for mention in find_numbers(text, start, end):
        assert start <= mention.start < mention.end <= end
        assert text[mention.start : mention.end].strip()
        assert mention.qualifier in QUALIFIERS
        _assert_bounds(mention.value, mention.low, mention.high)
        if mention.value is None:
            assert mention.vague or (mention.low is not None and mention.high is not None)


@FUZZ
@given(
    st.one_of(
        st.tuples(st.integers(1, 999_999_999_999), st.just(",")),
        # space-grouped figures are read up to three groups by design (numbers.py, _DIGITS)
        st.tuples(st.integers(1, 999_999_999), st.sampled_from([" ", "\u00a0", "\u202f"])),
    )
)
def test_digit_groups_parse_to_their_number(case: tuple[int, str]) -> None:
    number, separator = case
    written = f"{number:,}".replace(",", separator)
    assert parse_figure(written) == number
    (mention,) = find_numbers(f"about {written} volunteers")
    assert mention.value == number


@FUZZ
@given(st.one_of(st.text(max_size=40), figures, counts))
def test_parse_figure_never_raises(text: str) -> None:
    value = parse_figure(text)
    assert value is None or isinstance(value, int)


@pytest.mark.parametrize("space", ["\u2009", "\u2007"])
def test_digit_groups_with_thin_spaces_parse_to_their_number(space: str) -> None:
    (mention,) = find_numbers(f"nearly 20{space}000 volunteers")
    assert mention.value == 20_000
