"""The whole pipeline (stages, no Dagster) fed by a feed on a real 127.0.0.1 server."""

from __future__ import annotations

from pathlib import Path

from pipelines import stages
from pipelines.settings import Settings
from pipelines.warehouse import db, load

from .conftest import Response
from .test_collect_http import site  # noqa: F401 - the test news site fixture


def _settings(tmp_path: Path, feed_url: str) -> Settings:
    sources = tmp_path / "sources.yml"
    sources.write_text(
        "sources:\n"
        "  - name: herald\n"
        "    kind: feed\n"
        f"    url: {feed_url}\n"
        "    topic: legion\n"
        "    keywords: [legion*, volunteer*]\n"
        "    local: true\n",
        encoding="utf-8",
    )
    return Settings(tmp_path / "warehouse", sources, tmp_path / "reviews")


def _run(settings: Settings, fetcher) -> dict[str, int]:
    with db.open_build(settings) as con:
        stages.ingest_documents(settings, con, fetcher=fetcher)
        stages.parse_articles(settings, con)
        stages.extract_article_claims(con)
        return load.count_rows(con)


def test_feed_to_claims_with_skips_errors_stories_and_a_quiet_rerun(
    site,  # noqa: F811
    fast_fetcher,
    tmp_path,
):
    relevant_body = site.routes["/news/relevant.html"].body

    def relevant_with_etag(handler) -> Response:
        if handler.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(relevant_body, headers={"ETag": '"v1"'})

    site.routes["/news/relevant.html"] = relevant_with_etag
    settings = _settings(tmp_path, site.url("/feed.rss"))
    first = _run(settings, fast_fetcher)
    with db.open_build(settings) as con:
        articles = con.execute(
            "select replace(url, ?, ''), story_id = article_id from articles order by url",
            [site.base],
        ).fetchall()
        errors = con.execute(
            "select replace(location, ?, ''), stage from documents_not_loaded order by location",
            [site.base],
        ).fetchall()
        claims = con.execute("select count(*) from claims").fetchall()[0][0]
    assert articles == [("/news/relevant.html", True), ("/wire/syndicated.html", False)]
    assert ("/news/irrelevant.html", "relevance") in errors
    assert {location for location, stage in errors if stage == "fetch"} == {
        "/news/error.html",
        "/news/loop.html",
        "/news/missing.html",
        "/news/slow.html",
        "/news/big.html",
    }
    assert claims >= 1

    log_before = (settings.raw_dir / "retrievals.jsonl").read_bytes()
    assert _run(settings, fast_fetcher) == first  # nothing loaded twice
    assert (settings.raw_dir / "retrievals.jsonl").read_bytes() == log_before  # nothing new
    reruns = [headers for path, headers in site.requests if path == "/news/relevant.html"]
    assert reruns[-1]["if-none-match"] == '"v1"'  # unchanged page: a conditional 304, no body
