"""Keyword relevance: whole words, case-insensitive, trailing * for word endings."""

from __future__ import annotations

import sys
from pathlib import Path

from pipelines.ingest.model import Article, IngestError
from pipelines.ingest.parse import decode_document, parse_decoded
from pipelines.ingest.relevance import is_relevant, may_be_relevant
from pipelines.ingest.sources import Source

ROOT = Path(__file__).resolve().parents[2]
BENCHMARKS = ROOT / "benchmarks"
REAL_PAGES = ROOT.parent / "shared" / "corpus" / "real-pages"  # read in place when present


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


def test_the_pre_check_finds_keywords_in_markup_attributes_and_across_tags() -> None:
    source = _source("volunteer*", "foreign fighter*")
    assert may_be_relevant("<p>Many volun<b>teered</b>.</p>", source)[0]
    assert may_be_relevant('<meta property="og:title" content="Foreign fighters">', source)[0]
    assert may_be_relevant("<p>foreign&nbsp;fighters</p>", source)[0]
    possible, reason = may_be_relevant("<p>The weather was fine.</p>", source)
    assert not possible
    assert reason == (
        "no keyword of 's' ('volunteer*', 'foreign fighter*') anywhere in the page: not parsed"
    )
    assert may_be_relevant("anything", _source())[0]


KEYWORD_SETS = [
    ("legion*", "volunteer*", "foreign fighter*", "mercenar*"),  # the shipped sources.yml
    ("refugee*", "asylum"),
    ("troops",),
    ("president",),
]


def _pages(tmp_path: Path) -> list[tuple[str, bytes]]:
    """The 181 real pages (when ../shared is there) and 300 synthetic ones."""
    sys.path.insert(0, str(BENCHMARKS))
    from generate_corpus import write_corpus

    write_corpus(300, tmp_path / "synthetic", countries=5)
    synthetic = sorted((tmp_path / "synthetic").glob("*.html"))
    real = sorted(REAL_PAGES.glob("*.html.gz")) if REAL_PAGES.is_dir() else []
    return [(path.name, path.read_bytes()) for path in [*real, *synthetic]]


def test_the_pre_check_drops_no_page_the_full_path_keeps(tmp_path, make_meta) -> None:
    """Kept with the pre-check == kept without it, on real and synthetic pages, for several
    sources' keywords; and it spares the parser the off-topic pages."""
    pages = _pages(tmp_path)
    spared = 0
    for name, body in pages:
        meta = make_meta(name.removesuffix(".gz"))
        try:
            page = decode_document(body, meta)
            article = parse_decoded(page, meta)
        except IngestError:
            continue  # not text: recorded as such before either check
        for keywords in KEYWORD_SETS:
            source = _source(*keywords)
            kept = is_relevant(article, source)[0]
            possible = may_be_relevant(page, source)[0]
            assert possible or not kept, (name, keywords)
            spared += not possible
    assert spared > len(pages)  # most pages are off-topic for most of the sources
