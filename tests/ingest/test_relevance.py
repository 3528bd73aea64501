"""Keyword relevance: whole words, case-insensitive, trailing * for word endings."""

from __future__ import annotations

from pipelines.ingest.model import Article
from pipelines.ingest.relevance import is_relevant
from pipelines.ingest.sources import Source


def _article(text: str, title: str | None = None) -> Article:
    return Article("0" * 64, text, title, None, None, None, "en")


def _source(*keywords: str) -> Source:
    return Source(name="s", kind="urls", topic="t", keywords=keywords, urls=("https://e.org",))


def test_no_keywords_means_relevant() -> None:
    relevant, reason = is_relevant(_article("anything"), _source())
    assert relevant and "no keywords" in reason


def test_whole_word_case_insensitive_match_in_title_first() -> None:
    relevant, reason = is_relevant(_article("body", title="The LEGION grows"), _source("legion"))
    assert relevant and reason == "keyword 'legion' matched 'LEGION' in title"


def test_no_match_inside_a_word() -> None:
    relevant, reason = is_relevant(_article("The legionella outbreak"), _source("legion"))
    assert not relevant
    assert reason == "no keyword of 's' ('legion') in title or text"


def test_trailing_star_matches_endings_and_spaces_match_line_breaks() -> None:
    assert is_relevant(_article("Many volunteered."), _source("volunteer*"))[0]
    assert is_relevant(_article("foreign\n fighters arrived"), _source("foreign fighter*"))[0]
    assert not is_relevant(_article("foreign-born fighters"), _source("foreign fighter*"))[0]
