"""A careful HTTP(S) client: one GET, its redirects checked hop by hop, bounded in every way.

Built on the standard library's ``http.client`` rather than httpx: httpx is only present as a
transitive dependency of dagster (not declared by Headcount), and ``http.client`` gives direct
control over what matters here: each redirect hop is re-validated, and the connection goes to
the very IP address that passed the private-range check (no DNS rebinding between check and
connect), while TLS still verifies the host name.
"""

from __future__ import annotations

import http.client
import ipaddress
import logging
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

LOGGER = logging.getLogger(__name__)

USER_AGENT = "Headcount/0.1 (+https://example.org/headcount)"
# 20 s: news sites answer in well under 5 s; slower is usually a stuck connection.
DEFAULT_TIMEOUT_S = 20.0
# 10 MiB: the largest of 181 real news pages (shared corpus) is 1.5 MB; ~7x headroom.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
# 5 hops: browsers allow ~20, but legitimate article links rarely need more than 2-3.
DEFAULT_MAX_REDIRECTS = 5
# 2 retries, 1 s then 2 s: rides out a brief 5xx/timeout without hammering the server.
DEFAULT_RETRIES = 2
DEFAULT_BACKOFF_S = 1.0
_CHUNK_BYTES = 64 * 1024
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(frozen=True)
class FetchResult:
    """What one fetch produced: a body on 2xx, nothing on 304, an error otherwise."""

    url: str
    final_url: str
    status: int | None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Retryable(Exception):
    """A failure worth retrying (5xx, timeout); carries what to report if retries run out."""

    def __init__(self, result: FetchResult) -> None:
        super().__init__(result.error)
        self.result = result


class Fetcher:
    """Fetch URLs politely and safely; see the module docstring for why http.client."""

    def __init__(
        self,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_redirects: int = DEFAULT_MAX_REDIRECTS,
        retries: int = DEFAULT_RETRIES,
        backoff_s: float = DEFAULT_BACKOFF_S,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.retries = retries
        self.backoff_s = backoff_s
        self.user_agent = user_agent

    def fetch(
        self,
        url: str,
        *,
        allow_local: bool = False,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET a URL; retry 5xx and timeouts with exponential backoff; never raise for HTTP."""
        for attempt in range(self.retries + 1):
            try:
                return self._follow(url, allow_local, etag, last_modified)
            except _Retryable as exc:
                if attempt == self.retries:
                    return exc.result
                delay_s = self.backoff_s * 2**attempt
                LOGGER.info("retrying %s in %.2f s: %s", url, delay_s, exc.result.error)
                time.sleep(delay_s)
        raise AssertionError("unreachable")

    def _follow(
        self, url: str, allow_local: bool, etag: str | None, last_modified: str | None
    ) -> FetchResult:
        current = url
        visited = {url}
        for _ in range(self.max_redirects + 1):
            result = self._get(url, current, allow_local, etag, last_modified)
            if result.status not in _REDIRECTS or result.error:
                return result
            location = result.headers.get("location")
            if not location:
                return _failed(url, current, result.status, "redirect without a Location header")
            current = urljoin(current, location)
            if current in visited:
                return _failed(url, current, result.status, "redirect loop")
            visited.add(current)
        return _failed(url, current, None, f"more than {self.max_redirects} redirects")

    def _get(
        self, url: str, current: str, allow_local: bool, etag: str | None, last_modified: str | None
    ) -> FetchResult:
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return _failed(url, current, None, f"refused: not an http(s) URL: {current}")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            address = _resolve(parts.hostname, port, allow_local)
        except (OSError, ValueError) as exc:
            return _failed(url, current, None, f"refused: {exc}")
        connection = _connect(parts.scheme, parts.hostname, port, address, self.timeout_s)
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "gzip", "Accept": "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        deadline = time.monotonic() + self.timeout_s
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            status = response.status
            response_headers = {k.lower(): v for k, v in response.getheaders()}
            if status >= 500:
                raise _Retryable(
                    _failed(url, current, status, f"HTTP {status} {response.reason}".strip())
                )
            if status == 304 or status in _REDIRECTS:
                return FetchResult(url, current, status, response_headers)
            if status >= 400:
                reason = f"HTTP {status} {response.reason}".strip()
                return _failed(url, current, status, reason, response_headers)
            body = self._read_capped(response, response_headers, deadline)
        except _Oversized as exc:
            return _failed(url, current, status, str(exc), response_headers)
        except TimeoutError as exc:
            raise _Retryable(
                _failed(url, current, None, f"timeout after {self.timeout_s} s")
            ) from exc
        except (OSError, http.client.HTTPException, zlib.error) as exc:
            return _failed(url, current, None, f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()
        return FetchResult(url, current, status, response_headers, body)

    def _read_capped(
        self, response: http.client.HTTPResponse, headers: dict[str, str], deadline: float
    ) -> bytes:
        """Stream the body, stopping at max_bytes (also after gzip) and at the overall deadline."""
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise _Oversized(f"oversized: Content-Length {declared} > {self.max_bytes} bytes")
        gzipped = headers.get("content-encoding", "").lower() == "gzip"
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
        chunks: list[bytes] = []
        size = 0
        while chunk := response.read(_CHUNK_BYTES):
            if time.monotonic() > deadline:
                raise TimeoutError("body not received in time")
            if inflater is not None:
                chunk = inflater.decompress(chunk, self.max_bytes + 1 - size)
            size += len(chunk)
            if size > self.max_bytes:
                raise _Oversized(f"oversized: body larger than {self.max_bytes} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


class _Oversized(Exception):
    """The body passed max_bytes; reading stopped there."""


def _failed(
    url: str, final_url: str, status: int | None, error: str, headers: dict[str, str] | None = None
) -> FetchResult:
    return FetchResult(url, final_url, status, headers or {}, None, error)


def _resolve(hostname: str, port: int, allow_local: bool) -> str:
    """The first address of a host, refusing private, loopback and link-local ranges."""
    infos = socket.getaddrinfo(hostname, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for info in infos:
        host = info[4][0]
        # A SOCK_STREAM lookup of a host name returns AF_INET/AF_INET6 entries, whose host is a
        # str; the (int, bytes) address in the stubs is only for a CPython built without IPv6.
        assert isinstance(host, str)
        addresses.append(host)
    if not addresses:
        raise ValueError(f"{hostname} does not resolve")
    if not allow_local:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            for candidate in (ip, *_embedded_ipv4(ip)):
                if not candidate.is_global or candidate.is_multicast:
                    raise ValueError(f"{hostname} resolves to non-public address {ip}")
    return addresses[0]


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address,
) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 address carries (mapped, 6to4, NAT64, IPv4-compatible), which
    reach the IPv4 host they name and so must pass the same check."""
    if ip.version == 4:
        return []
    embedded = [ip.ipv4_mapped, ip.sixtofour]
    if ip in _NAT64 or int(ip) >> 32 == 0:
        embedded.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [address for address in embedded if address is not None]


def _connect(
    scheme: str, hostname: str, port: int, address: str, timeout_s: float
) -> http.client.HTTPConnection:
    """A connection to the checked address; TLS still verifies ``hostname``."""
    if scheme == "https":
        context = ssl.create_default_context()
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            hostname, port, timeout=timeout_s, context=context
        )
    else:
        connection = http.client.HTTPConnection(hostname, port, timeout=timeout_s)

    def pinned(_address: tuple[str, int], timeout: float, source: object = None) -> socket.socket:
        return socket.create_connection((address, port), timeout)

    # http.client's private hook for opening the socket: the only way to pin the address.
    connection._create_connection = pinned  # type: ignore[attr-defined]
    return connection
