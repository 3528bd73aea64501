"""collect() against a real HTTP server on 127.0.0.1: feeds, sitemaps, URL lists and traps."""

from __future__ import annotations

import datetime as dt
import gzip
from collections import Counter
from pathlib import Path

import pytest

from pipelines.dates import FuzzyDate
from pipelines.ingest.collect import collect
from pipelines.ingest.dedup import StoryIndex, story_fingerprint
from pipelines.ingest.model import DocumentMeta, IngestFailure
from pipelines.ingest.parse import parse_document
from pipelines.ingest.rawcache import RawCache
from pipelines.ingest.relevance import is_relevant
from pipelines.ingest.sources import Source

from .conftest import Response

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"
FEED_ETAG = '"feed-v1"'
RSS_LINKS = [
    "/news/relevant.html",
    "/news/relevant.html?utm_source=rss&utm_campaign=spring",  # the same article, tracked
    "/news/irrelevant.html",
    "/wire/syndicated.html",
    "/news/missing.html",
    "/news/error.html",
    "/news/slow.html",
    "/news/big.html",
    "/news/binary.bin",
    "/news/loop.html",
]


def _rss(base: str) -> bytes:
    items = "".join(
        f"<item><title>Item {n}</title><link>{base}{link}</link>"
        f"<pubDate>Tue, 08 Mar 2022 09:00:00 GMT</pubDate></item>"
        for n, link in enumerate(RSS_LINKS)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test Herald</title>'
        f"<link>{base}/</link><description>news</description>{items}</channel></rss>"
    ).encode()


def _atom(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Test Herald Atom</title><id>urn:x</id>
<updated>2022-03-09T00:00:00Z</updated>
<entry><title>UA</title><id>urn:1</id><link href="{base}/news/ukrainian.html"/>
<published>2022-03-05T10:00:00Z</published><updated>2022-03-09T00:00:00Z</updated></entry>
<entry><title>Changing</title><id>urn:2</id><link href="/news/changing.html"/>
<updated>2022-03-09T00:00:00Z</updated></entry>
</feed>""".encode()


def _sitemap(tag: str, child: str, urls: list[str]) -> bytes:
    entries = "".join(f"<{child}><loc>{url}</loc></{child}>" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<{tag} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</{tag}>'
    ).encode()


@pytest.fixture
def site(http_server):
    """The test news site; ``site.pages['changing']`` can be edited between runs."""
    base = http_server.base
    html = {
        name: (FIXTURES / f"{name}.html").read_bytes()
        for name in ("relevant", "irrelevant", "syndicated", "ukrainian")
    }
    http_server.pages = {"changing": html["relevant"].replace(b"20,000", b"21,000")}

    def feed(handler) -> Response:
        if handler.headers.get("If-None-Match") == FEED_ETAG:
            return Response(status=304, headers={"ETag": FEED_ETAG})
        return Response(
            _rss(base), headers={"Content-Type": "application/rss+xml", "ETag": FEED_ETAG}
        )

    http_server.routes.update(
        {
            "/feed.rss": feed,
            "/feed.atom": Response(_atom(base), headers={"Content-Type": "application/atom+xml"}),
            "/news/relevant.html": Response(html["relevant"]),
            "/news/irrelevant.html": Response(html["irrelevant"]),
            "/wire/syndicated.html": Response(html["syndicated"]),
            "/news/ukrainian.html": Response(html["ukrainian"]),
            "/news/changing.html": lambda handler: Response(http_server.pages["changing"]),
            "/news/error.html": Response(b"server trouble", status=500),
            "/news/slow.html": Response(html["relevant"], delay_s=0.6),
            "/news/big.html": Response(b"<p>" + b"x" * 200_000 + b"</p>"),
            "/news/binary.bin": Response(
                b"\x00\x01\x02" * 100, headers={"Content-Type": "application/octet-stream"}
            ),
            "/news/loop.html": Response(status=302, headers={"Location": "/news/loop2.html"}),
            "/news/loop2.html": Response(status=302, headers={"Location": "/news/loop.html"}),
            "/sitemap.xml": Response(
                _sitemap(
                    "sitemapindex", "sitemap", [f"{base}/sitemap.xml", f"{base}/sitemap-news.xml"]
                ),
                headers={"Content-Type": "application/xml"},
            ),
            "/sitemap-news.xml": Response(
                _sitemap("urlset", "url", [f"{base}/news/changing.html", "/news/irrelevant.html"]),
                headers={"Content-Type": "application/xml"},
            ),
        }
    )
    return http_server


def _source(name: str, kind: str, *, local: bool = True, **fields: object) -> Source:
    return Source(
        name=name,
        kind=kind,
        topic="legion",
        keywords=("legion*", "volunteer*"),
        local=local,
        **fields,
    )


def _by_location(outcomes, base: str) -> dict[str, DocumentMeta | IngestFailure]:
    return {item.location.removeprefix(base): item for item in outcomes}


def test_rss_feed_documents_failures_and_quiet_rerun(site, fast_fetcher, tmp_path: Path) -> None:
    cache = RawCache(tmp_path / "raw")
    source = _source("rss", "feed", url=site.url("/feed.rss"))
    outcomes = _by_location(collect([source], cache, fast_fetcher), site.base)
    documents = {k for k, v in outcomes.items() if isinstance(v, DocumentMeta)}
    assert documents == {"/news/relevant.html", "/news/irrelevant.html", "/wire/syndicated.html"}
    assert site.hits["/news/relevant.html"] == 1  # the tracked duplicate was not fetched again
    relevant = outcomes["/news/relevant.html"]
    assert relevant.status == 200 and relevant.content_type == "text/html"
    assert relevant.url == site.url("/news/relevant.html")
    assert relevant.published == FuzzyDate(dt.date(2022, 3, 8), "day", inferred=False)
    failures = {k: (v.stage, v.reason) for k, v in outcomes.items() if isinstance(v, IngestFailure)}
    assert failures["/news/missing.html"] == ("fetch", "HTTP 404 Not Found")
    assert failures["/news/error.html"] == ("fetch", "HTTP 500 Internal Server Error")
    assert site.hits["/news/error.html"] == 2  # retried once, then recorded
    assert failures["/news/slow.html"] == ("fetch", "timeout after 0.3 s")
    assert failures["/news/big.html"][1].startswith("oversized")
    assert failures["/news/binary.bin"] == (
        "content",
        "unsupported content type application/octet-stream",
    )
    assert failures["/news/loop.html"] == ("fetch", "redirect loop")
    roles = Counter(record.role for record in cache.records() if record.ok)
    assert roles == {"document": 3, "feed": 1}

    log_bytes = cache.log_path.read_bytes()
    assert list(collect([source], cache, fast_fetcher)) == []
    assert cache.log_path.read_bytes() == log_bytes
    feed_requests = [headers for path, headers in site.requests if path == "/feed.rss"]
    assert feed_requests[-1]["if-none-match"] == FEED_ETAG  # conditional, answered 304
    assert site.hits["/news/relevant.html"] == 2  # the cached feed was walked again


def test_documents_parse_filter_and_link_stories(site, fast_fetcher, tmp_path: Path) -> None:
    cache = RawCache(tmp_path / "raw")
    source = _source(
        "list",
        "urls",
        urls=(
            site.url("/news/relevant.html?utm_source=twitter"),
            site.url("/news/relevant.html"),
            site.url("/news/irrelevant.html"),
            site.url("/wire/syndicated.html"),
        ),
    )
    outcomes = list(collect([source], cache, fast_fetcher))
    assert [item.location.removeprefix(site.base) for item in outcomes] == [
        "/news/relevant.html",
        "/news/irrelevant.html",
        "/wire/syndicated.html",
    ]
    articles = {
        m.location.removeprefix(site.base): parse_document(cache.get(m.document_id), m)
        for m in outcomes
    }
    relevance = {name: is_relevant(article, source) for name, article in articles.items()}
    assert relevance["/news/relevant.html"][0] and relevance["/wire/syndicated.html"][0]
    assert relevance["/news/irrelevant.html"] == (
        False,
        "no keyword of 'list' ('legion*', 'volunteer*') in title or text",
    )
    names = ("/news/relevant.html", "/wire/syndicated.html", "/news/irrelevant.html")
    original, copy, other = (story_fingerprint(articles[name].text) for name in names)
    index = StoryIndex()
    index.add(original, "original")
    assert index.find(copy) == "original" and index.find(other) is None
    assert articles["/wire/syndicated.html"].outlet == "Syndicate Daily"


def test_atom_feed_and_non_english_page(site, fast_fetcher, tmp_path: Path) -> None:
    cache = RawCache(tmp_path / "raw")
    source = _source("atom", "feed", url=site.url("/feed.atom"))
    outcomes = _by_location(collect([source], cache, fast_fetcher), site.base)
    assert set(outcomes) == {"/news/ukrainian.html", "/news/changing.html"}
    ukrainian = outcomes["/news/ukrainian.html"]
    assert ukrainian.published == FuzzyDate(dt.date(2022, 3, 5), "day")  # <published>
    assert outcomes["/news/changing.html"].published is None  # only <updated>: not a publication
    article = parse_document(cache.get(ukrainian.document_id), ukrainian)
    assert article.language == "uk" and article.text


def test_sitemap_index_self_reference_and_changed_page(site, fast_fetcher, tmp_path: Path) -> None:
    cache = RawCache(tmp_path / "raw")
    source = _source("map", "sitemap", url=site.url("/sitemap.xml"))
    first = _by_location(collect([source], cache, fast_fetcher), site.base)
    assert set(first) == {"/sitemap.xml", "/news/changing.html", "/news/irrelevant.html"}
    assert (first["/sitemap.xml"].stage, first["/sitemap.xml"].reason) == (
        "sitemap",
        "cycle: lists a sitemap already read",
    )
    assert site.hits["/sitemap.xml"] == 1  # listing itself does not loop
    site.pages["changing"] = site.pages["changing"].replace(b"21,000", b"22,000")
    (changed,) = collect([source], cache, fast_fetcher)
    assert changed.location == first["/news/changing.html"].location
    assert changed.document_id != first["/news/changing.html"].document_id
    assert b"22,000" in cache.get(changed.document_id)
    assert list(collect([source], cache, fast_fetcher)) == []


def test_sitemap_depth_is_capped(http_server, fast_fetcher, tmp_path: Path) -> None:
    for depth in range(6):
        http_server.routes[f"/index{depth}.xml"] = Response(
            _sitemap("sitemapindex", "sitemap", [http_server.url(f"/index{depth + 1}.xml")]),
            headers={"Content-Type": "application/xml"},
        )
    source = _source("deep", "sitemap", url=http_server.url("/index0.xml"))
    (failure,) = collect([source], RawCache(tmp_path / "raw"), fast_fetcher)
    assert failure.stage == "sitemap" and "nested deeper than 3" in failure.reason
    assert http_server.hits["/index3.xml"] == 1 and http_server.hits["/index4.xml"] == 0


def test_not_a_feed_is_recorded(http_server, fast_fetcher, tmp_path: Path) -> None:
    http_server.routes["/feed"] = Response(b"<html><body>no feed</body></html>")
    source = _source("bad", "feed", url=http_server.url("/feed"))
    (failure,) = collect([source], RawCache(tmp_path / "raw"), fast_fetcher)
    assert failure.stage == "feed" and failure.reason.startswith("no entries")


def test_non_local_source_refuses_loopback(site, fast_fetcher, tmp_path: Path) -> None:
    source = _source("public", "feed", local=False, url=site.url("/feed.rss"))
    (failure,) = collect([source], RawCache(tmp_path / "raw"), fast_fetcher)
    assert failure.stage == "fetch" and "non-public address 127.0.0.1" in failure.reason
    assert site.hits["/feed.rss"] == 0


def test_gzipped_sitemap(http_server, fast_fetcher, tmp_path: Path) -> None:
    http_server.routes["/sitemap.xml.gz"] = Response(
        gzip.compress(_sitemap("urlset", "url", [http_server.url("/a.html")])),
        headers={"Content-Type": "application/x-gzip"},
    )
    http_server.routes["/a.html"] = Response((FIXTURES / "relevant.html").read_bytes())
    source = _source("gz", "sitemap", url=http_server.url("/sitemap.xml.gz"))
    cache = RawCache(tmp_path / "raw")
    (document,) = collect([source], cache, fast_fetcher)
    assert document.location == http_server.url("/a.html")
    (sitemap,) = [record for record in cache.records() if record.role == "sitemap"]
    assert cache.get(sitemap.document_id).startswith(b"<?xml")
