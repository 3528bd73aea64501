"""Fixtures of the reliability suite: clean baseline runs to compare against, a static HTTP
server on 127.0.0.1 for feeds and sitemaps."""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from tests.loopback import serve
from tests.reliability import _support
from tests.reliability._support import (
    Installation,
    RunResult,
    Snapshot,
    add_articles,
    assert_succeeded,
    connect_published,
    copy_installation,
    corpus_installation,
    run_headcount,
    snapshot,
    write_review,
)


@pytest.fixture(scope="session", autouse=True)
def _child_bytecode_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """`headcount` children share one bytecode cache under tmp (see _support.PYCACHE_DIR)."""
    _support.PYCACHE_DIR = tmp_path_factory.mktemp("pycache")


@dataclass(frozen=True)
class Baselines:
    """Clean runs, never interrupted, that the faulty runs must end up equal to.

    ``base``: one run over the corpus minus 03_gamma. ``full``: a copy of ``base`` given the
    review and 03_gamma, then run once more; the state every crashed-then-rerun copy must reach.
    """

    base: Installation
    base_run: RunResult
    base_snapshot: Snapshot
    full: Installation
    full_run: RunResult
    full_snapshot: Snapshot
    reviewed_claim: str

    def next_run(self, root: Path) -> Installation:
        """A copy of ``base`` ready for the run that made ``full``: the review and 03_gamma."""
        return next_run_installation(self.base, self.reviewed_claim, root)


def next_run_installation(base: Installation, reviewed_claim: str, root: Path) -> Installation:
    install = copy_installation(base, root)
    write_review(install, reviewed_claim)
    add_articles(install, ("03_gamma",))
    return install


@pytest.fixture(scope="session")
def baselines(tmp_path_factory: pytest.TempPathFactory) -> Baselines:
    root = tmp_path_factory.mktemp("baselines")
    base = corpus_installation(root / "base")
    base_run = run_headcount(base)
    assert_succeeded(base_run)
    con = connect_published(base)
    try:
        (reviewed_claim,) = con.execute(
            "select claim_id from claim_timeline where country = 'US'"
        ).fetchone()
    finally:
        con.close()
    full = next_run_installation(base, reviewed_claim, root / "full")
    full_run = run_headcount(full)
    assert_succeeded(full_run)
    return Baselines(
        base=base,
        base_run=base_run,
        base_snapshot=snapshot(base),
        full=full,
        full_run=full_run,
        full_snapshot=snapshot(full),
        reviewed_claim=reviewed_claim,
    )


@dataclass
class StaticSite:
    """Routes of a test server: path -> (body, content type); hits are counted."""

    base: str
    routes: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)  # path -> Location of a 302
    hits: Counter = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="module")
def static_site() -> Iterator[StaticSite]:
    """A real HTTP server on 127.0.0.1 (ephemeral port) in a thread, for one test module."""
    site = StaticSite(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server naming
            path = self.path.split("?", 1)[0]
            site.hits[path] += 1
            if path in site.redirects:
                self.send_response(302)
                self.send_header("Location", site.redirects[path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body, content_type = site.routes.get(path, (b"not here", "text/plain"))
            self.send_response(200 if path in site.routes else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    with serve(Handler) as base:
        site.base = base
        yield site
