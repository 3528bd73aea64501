"""A real HTTP server on 127.0.0.1 (ephemeral port) serving the ingest fixtures and traps."""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from pipelines.ingest.fetcher import Fetcher
from pipelines.ingest.model import DocumentMeta
from tests.loopback import serve

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


@dataclass
class Response:
    """What the server answers for one path; a header set to None is left out."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str | None] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass
class TestServer:
    """Routes can be changed between requests; hits and request headers are recorded."""

    base: str
    routes: dict[str, Response | Callable[[BaseHTTPRequestHandler], Response]]
    hits: Counter = field(default_factory=Counter)
    pages: dict[str, bytes] = field(default_factory=dict)  # bodies a test edits between runs
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def _handler(server: TestServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server naming
            path = self.path.split("?", 1)[0]
            server.hits[path] += 1
            server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(path)
            response = route(self) if callable(route) else route
            if response is None:
                response = Response(b"not here", 404)
            time.sleep(response.delay_s)
            try:
                self.send_response(response.status)
                headers = {
                    "Content-Type": "text/html; charset=utf-8",
                    "Content-Length": str(len(response.body)),
                    **response.headers,
                }
                for name, value in headers.items():
                    if value is not None:
                        self.send_header(name, value)
                if headers["Content-Length"] is None:
                    self.close_connection = True  # the body ends when the connection does
                self.end_headers()
                if response.status != 304:
                    self.wfile.write(response.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout, size cap): that is the point of the test

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


@pytest.fixture
def http_server() -> Iterator[TestServer]:
    """Start a server on 127.0.0.1:0 in a thread; always shut down and closed afterwards."""
    state = TestServer(base="", routes={})
    with serve(_handler(state)) as base:
        state.base = base
        yield state


@pytest.fixture
def fast_fetcher() -> Fetcher:
    """Tiny timeouts and backoff so the suite stays fast; caps small enough to test."""
    return Fetcher(timeout_s=0.3, max_bytes=100_000, max_redirects=3, retries=1, backoff_s=0.01)


@pytest.fixture
def fixture_bytes() -> Callable[[str], bytes]:
    """Read a file of tests/fixtures/ingest."""
    return lambda name: (FIXTURES / name).read_bytes()


@pytest.fixture
def make_meta() -> Callable[..., DocumentMeta]:
    """Build a DocumentMeta for parse tests: location decides the format unless overridden."""

    def build(location: str = "doc.html", **overrides: object) -> DocumentMeta:
        fields: dict = {
            "document_id": "0" * 64,
            "source": "test",
            "topic": "test-topic",
            "location": location,
            "retrieved_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        }
        fields.update(overrides)
        return DocumentMeta(**fields)

    return build
