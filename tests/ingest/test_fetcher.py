"""The fetcher against a real HTTP server on 127.0.0.1: caps, retries, redirects, refusals."""

from __future__ import annotations

import gzip

import pytest

from pipelines.ingest.fetcher import USER_AGENT, Fetcher

from .conftest import Response


def test_fetch_sends_honest_user_agent(http_server, fast_fetcher) -> None:
    http_server.routes["/page"] = Response(b"<p>hello</p>", headers={"ETag": '"v1"'})
    result = fast_fetcher.fetch(http_server.url("/page"), allow_local=True)
    assert (result.status, result.body, result.error) == (200, b"<p>hello</p>", None)
    assert result.headers["etag"] == '"v1"'
    assert result.final_url == result.url == http_server.url("/page")
    assert http_server.requests[-1][1]["user-agent"] == USER_AGENT
    assert USER_AGENT == "Headcount/0.1 (+https://example.org/headcount)"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://e.org/"])
def test_refuses_other_schemes(fast_fetcher, url: str) -> None:
    result = fast_fetcher.fetch(url, allow_local=True)
    assert result.body is None and "not an http(s) URL" in result.error


def test_refuses_loopback_unless_allowed(http_server, fast_fetcher) -> None:
    http_server.routes["/page"] = Response(b"secret")
    result = fast_fetcher.fetch(http_server.url("/page"))
    assert result.body is None and "non-public address 127.0.0.1" in result.error
    assert http_server.hits["/page"] == 0
    for url in ("http://localhost/", "http://10.0.0.1/", "http://169.254.169.254/latest"):
        assert "non-public address" in fast_fetcher.fetch(url).error


def test_redirects_are_followed_and_checked(http_server, fast_fetcher) -> None:
    http_server.routes["/old"] = Response(status=301, headers={"Location": "/new"})
    http_server.routes["/new"] = Response(b"moved here")
    result = fast_fetcher.fetch(http_server.url("/old"), allow_local=True)
    assert (result.status, result.body, result.final_url) == (
        200,
        b"moved here",
        http_server.url("/new"),
    )
    http_server.routes["/to-file"] = Response(
        status=302, headers={"Location": "file:///etc/passwd"}
    )
    assert (
        "not an http(s) URL"
        in fast_fetcher.fetch(http_server.url("/to-file"), allow_local=True).error
    )


def test_redirect_loop_and_cap(http_server, fast_fetcher) -> None:
    http_server.routes["/loop-a"] = Response(status=302, headers={"Location": "/loop-b"})
    http_server.routes["/loop-b"] = Response(status=302, headers={"Location": "/loop-a"})
    assert fast_fetcher.fetch(http_server.url("/loop-a"), allow_local=True).error == "redirect loop"
    for hop in range(10):
        http_server.routes[f"/hop{hop}"] = Response(
            status=302, headers={"Location": f"/hop{hop + 1}"}
        )
    result = fast_fetcher.fetch(http_server.url("/hop0"), allow_local=True)
    assert result.error == "more than 3 redirects" and http_server.hits["/hop3"] == 1
    assert http_server.hits["/hop4"] == 0


def test_404_is_not_retried(http_server, fast_fetcher) -> None:
    result = fast_fetcher.fetch(http_server.url("/missing"), allow_local=True)
    assert (result.status, result.body) == (404, None)
    assert result.error.startswith("HTTP 404")
    assert http_server.hits["/missing"] == 1


def test_500_is_retried_with_backoff(http_server) -> None:
    http_server.routes["/error"] = Response(b"oops", status=500)
    fetcher = Fetcher(timeout_s=0.5, retries=2, backoff_s=0.01)
    result = fetcher.fetch(http_server.url("/error"), allow_local=True)
    assert result.status == 500 and result.error.startswith("HTTP 500")
    assert http_server.hits["/error"] == 3


def test_500_then_success(http_server) -> None:
    answers = iter([Response(b"busy", status=503), Response(b"fine")])
    http_server.routes["/flaky"] = lambda handler: next(answers)
    result = Fetcher(retries=2, backoff_s=0.01).fetch(http_server.url("/flaky"), allow_local=True)
    assert (result.status, result.body) == (200, b"fine")


def test_slow_response_times_out_and_is_retried(http_server, fast_fetcher) -> None:
    http_server.routes["/slow"] = Response(b"late", delay_s=0.6)
    result = fast_fetcher.fetch(http_server.url("/slow"), allow_local=True)
    assert result.body is None and result.error == "timeout after 0.3 s"
    assert http_server.hits["/slow"] == 2


def test_oversized_body_is_cut(http_server, fast_fetcher) -> None:
    http_server.routes["/big"] = Response(b"x" * 200_000)
    result = fast_fetcher.fetch(http_server.url("/big"), allow_local=True)
    assert result.body is None and result.error.startswith("oversized: Content-Length 200000")
    # no Content-Length: the stream is read and stopped at the cap
    http_server.routes["/stream"] = Response(b"y" * 300_000, headers={"Content-Length": None})
    result = fast_fetcher.fetch(http_server.url("/stream"), allow_local=True)
    assert result.body is None and result.error == "oversized: body larger than 100000 bytes"
    http_server.routes["/fits"] = Response(b"z" * 90_000, headers={"Content-Length": None})
    assert fast_fetcher.fetch(http_server.url("/fits"), allow_local=True).body == b"z" * 90_000


def test_gzip_bomb_is_capped(http_server) -> None:
    http_server.routes["/bomb"] = Response(
        gzip.compress(b"z" * 1_000_000), headers={"Content-Encoding": "gzip"}
    )
    result = Fetcher(max_bytes=100_000).fetch(http_server.url("/bomb"), allow_local=True)
    assert result.error == "oversized: body larger than 100000 bytes"
    http_server.routes["/small"] = Response(
        gzip.compress(b"fine"), headers={"Content-Encoding": "gzip"}
    )
    assert Fetcher().fetch(http_server.url("/small"), allow_local=True).body == b"fine"


def test_conditional_request_gets_304(http_server, fast_fetcher) -> None:
    def feed(handler) -> Response:
        if handler.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(b"<rss/>", headers={"ETag": '"v1"', "Last-Modified": "Mon, 07 Mar 2022"})

    http_server.routes["/feed"] = feed
    first = fast_fetcher.fetch(http_server.url("/feed"), allow_local=True)
    second = fast_fetcher.fetch(
        http_server.url("/feed"), allow_local=True, etag='"v1"', last_modified="Mon, 07 Mar 2022"
    )
    assert first.status == 200 and second.status == 304 and second.not_modified
    assert second.body is None and second.error is None
    assert http_server.requests[-1][1]["if-modified-since"] == "Mon, 07 Mar 2022"
