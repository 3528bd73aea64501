"""Feeds and sitemaps: documents that list the articles to fetch.

Both are fetched conditionally (ETag / Last-Modified of their last recorded retrieval) and
stored like articles, with role "feed" or "sitemap", so a run can be replayed offline. On a 304
the cached copy is walked again: its articles are fetched conditionally too, so a page that
failed or changed since is still picked up, while unchanged ones cost a 304 and write nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterator
from urllib.parse import urljoin

import feedparser
from lxml import etree

from pipelines.dates import FuzzyDate
from pipelines.ingest.dedup import canonical_url
from pipelines.ingest.model import DocumentMeta, IngestFailure
from pipelines.ingest.recorder import Extra, Recorder

LOGGER = logging.getLogger(__name__)

# Sitemap indexes nest one level in practice (index -> sitemaps); 3 allows an index of indexes
# and still stops a crawler trap.
MAX_SITEMAP_DEPTH = 3
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

Outcome = DocumentMeta | IngestFailure


def collect_feed(recorder: Recorder) -> Iterator[Outcome]:
    """New articles linked from an RSS/Atom feed (and failures fetching them or the feed)."""
    feed_url = recorder.source.url or ""
    location, body, outcome = recorder.fetch(feed_url, role="feed")
    if outcome:
        yield outcome
    if body is None:
        return
    parsed = feedparser.parse(io.BytesIO(body))  # a stream, so feedparser never fetches
    linked = [entry for entry in parsed.entries if entry.get("link")]
    problem = parsed.get("bozo_exception")
    if not linked:
        what = "no entries with a link" if parsed.entries else "no entries"
        if failure := recorder.failure(location, "feed", f"{what} ({problem or 'empty feed'})"):
            yield failure
        return
    if problem and (
        failure := recorder.failure(
            location, "feed", f"malformed, {len(linked)} entries recovered: {problem}"
        )
    ):
        yield failure
    for entry in linked:
        link = entry["link"]
        extra = Extra(published=_entry_date(entry))
        if outcome := recorder.document(urljoin(feed_url, link), extra):
            yield outcome


def _entry_date(entry: feedparser.FeedParserDict) -> FuzzyDate | None:
    """The entry's published date (not 'updated', which moves with every edit)."""
    parsed = entry.get("published_parsed")
    if not parsed:
        return None
    return FuzzyDate(dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday), "day", False)


def collect_sitemap(recorder: Recorder) -> Iterator[Outcome]:
    """New articles listed in a sitemap, following sitemap indexes up to MAX_SITEMAP_DEPTH."""
    yield from _walk_sitemap(recorder, recorder.source.url or "", 0, set())


def _walk_sitemap(recorder: Recorder, url: str, depth: int, visited: set[str]) -> Iterator[Outcome]:
    visited.add(canonical_url(url))
    location, body, outcome = recorder.fetch(url, role="sitemap")
    if outcome:
        yield outcome
    if body is None:
        return
    try:
        kind, locations = _read_sitemap(body)
    except ValueError as exc:
        if failure := recorder.failure(location, "sitemap", str(exc)):
            yield failure
        return
    for loc in locations:
        target = urljoin(url, loc)
        if kind == "urlset":
            if outcome := recorder.document(target):
                yield outcome
        elif canonical_url(target) in visited:  # a sitemap listing itself, or a cycle
            reason = "cycle: lists a sitemap already read"
            if failure := recorder.failure(canonical_url(target), "sitemap", reason):
                yield failure
        elif depth + 1 > MAX_SITEMAP_DEPTH:
            reason = f"not followed: sitemap index nested deeper than {MAX_SITEMAP_DEPTH}"
            if failure := recorder.failure(canonical_url(target), "sitemap", reason):
                yield failure
        else:
            yield from _walk_sitemap(recorder, target, depth + 1, visited)


def _read_sitemap(body: bytes) -> tuple[str, list[str]]:
    """('urlset' or 'sitemapindex', the <loc> URLs); ValueError when not a sitemap."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not XML: {exc}") from exc
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise ValueError(f"not a sitemap: root element <{kind}>")
    child = "url" if kind == "urlset" else "sitemap"
    locations = []
    for loc in root.iter(f"{_SITEMAP_NS}loc", "loc"):
        parent = loc.getparent()
        # The root is a <urlset> or <sitemapindex>, so every <loc> found in it has a parent.
        assert parent is not None
        if loc.text and etree.QName(parent).localname == child:
            locations.append(loc.text.strip())
    return kind, locations
