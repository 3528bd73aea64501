"""Writing retrievals so that only what is new lands: the bookkeeping shared by all collectors.

A retrieval is new when its body has not yet been recorded for that (source, location); a
failure is new when the location's last record is not the same failure. So a rerun over
unchanged inputs writes nothing and yields nothing, while a changed page is a new retrieval of
the same location.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from pipelines.dates import FuzzyDate
from pipelines.ingest.dedup import canonical_url
from pipelines.ingest.fetcher import Fetcher, FetchResult
from pipelines.ingest.model import DocumentMeta, IngestError, IngestFailure
from pipelines.ingest.parse import check_bytes, gunzip
from pipelines.ingest.rawcache import RawCache, RetrievalRecord
from pipelines.ingest.sources import Source

LOGGER = logging.getLogger(__name__)

# Response headers worth keeping: what parsing and conditional requests need, never cookies.
KEPT_HEADERS = ("content-type", "content-language", "etag", "last-modified", "date")
_GZIP_TYPES = ("application/gzip", "application/x-gzip")
_TEXT_TYPES = (
    "text/",
    "application/xhtml",
    "application/xml",
    "application/rss",
    "application/atom",
)


@dataclass(frozen=True, slots=True)
class Retrieved:
    """What the 'is this new?' questions need of one logged retrieval, and no more: the state
    holds one per location (two when the last one failed) for the whole collect, so its size
    sets the collect's peak of Python objects: a whole `RetrievalRecord` per location would
    double it, so only these fields are kept, and the folder's matches as strings."""

    document_id: str | None
    error_stage: str | None
    error_reason: str | None
    file_signature: str | None
    headers: dict[str, str] | None  # None when empty (every local file)

    @property
    def ok(self) -> bool:
        return self.document_id is not None and self.error_stage is None

    @classmethod
    def of(cls, record: RetrievalRecord) -> Retrieved:
        return cls(
            record.document_id, record.error_stage, record.error_reason, record.file_signature,
            record.headers or None,
        )  # fmt: skip


@dataclass
class LogState:
    """What the retrieval log already holds, indexed for the 'is this new?' questions."""

    seen: set[tuple[str, str, str]] = field(default_factory=set)
    last: dict[tuple[str, str], Retrieved] = field(default_factory=dict)
    last_ok: dict[tuple[str, str], Retrieved] = field(default_factory=dict)

    @classmethod
    def from_records(cls, records: Iterable[RetrievalRecord]) -> LogState:
        state = cls()
        for record in records:
            state.add(record)
        return state

    def add(self, record: RetrievalRecord) -> None:
        key = (record.source, record.location)
        retrieved = Retrieved.of(record)
        self.last[key] = retrieved
        if retrieved.ok and retrieved.document_id:
            self.seen.add((*key, retrieved.document_id))
            self.last_ok[key] = retrieved


@dataclass(frozen=True)
class Extra:
    """Metadata that overrides the page's own: from a sidecar, a feed entry or the defaults."""

    url: str | None = None
    outlet: str | None = None
    published: FuzzyDate | None = None
    synthetic: bool | None = None


class Recorder:
    """Records one source's retrievals in the cache and log, skipping what is already there."""

    def __init__(self, source: Source, cache: RawCache, fetcher: Fetcher, state: LogState):
        self.source = source
        self.cache = cache
        self.fetcher = fetcher
        self.state = state
        self.fetched: set[str] = set()  # canonical URLs fetched in this run

    def body(
        self,
        location: str,
        body: bytes,
        *,
        extra: Extra = Extra(),
        role: str = "document",
        status: int | None = None,
        headers: dict[str, str] | None = None,
        content_type: str | None = None,
        file_signature: str | None = None,
    ) -> RetrievalRecord | None:
        """Store and log a retrieved body; None when this location already has this body."""
        document_id = self.cache.put(body)
        if (self.source.name, location, document_id) in self.state.seen:
            return None
        defaults = self.source.defaults
        synthetic = extra.synthetic if extra.synthetic is not None else defaults.get("synthetic")
        record = RetrievalRecord(
            source=self.source.name,
            topic=self.source.topic,
            location=location,
            retrieved_at=_now(),
            url=extra.url,
            status=status,
            headers={k: v for k, v in (headers or {}).items() if k in KEPT_HEADERS},
            document_id=document_id,
            role=role,
            content_type=content_type,
            outlet=extra.outlet or defaults.get("outlet"),
            published=extra.published,
            synthetic=bool(synthetic),
            file_signature=file_signature,
        )
        self._append(record)
        return record

    def unchanged_file(self, location: str, file_signature: str) -> bool:
        """Was the location last read, successfully, from a file of this size and mtime?"""
        last = self.state.last.get((self.source.name, location))
        return last is not None and last.ok and last.file_signature == file_signature

    def failure(
        self,
        location: str,
        stage: str,
        reason: str,
        *,
        url: str | None = None,
        status: int | None = None,
    ) -> IngestFailure | None:
        """Log a failed retrieval; None when the location's last record is the same failure."""
        last = self.state.last.get((self.source.name, location))
        if last and (last.error_stage, last.error_reason) == (stage, reason):
            return None
        LOGGER.warning("%s %s: %s: %s", self.source.name, location, stage, reason)
        record = RetrievalRecord(
            source=self.source.name,
            topic=self.source.topic,
            location=location,
            retrieved_at=_now(),
            url=url,
            status=status,
            error_stage=stage,
            error_reason=reason,
        )
        self._append(record)
        return record.to_failure()

    def _append(self, record: RetrievalRecord) -> None:
        self.cache.append(record)
        self.state.add(record)

    def fetch(
        self, url: str, *, role: str, extra: Extra = Extra()
    ) -> tuple[str, bytes | None, DocumentMeta | IngestFailure | None]:
        """Fetch a URL conditionally; (location, body or None, outcome to yield or None).

        The body is the fetched one, or the cached copy when the server answered 304, so feeds
        and sitemaps can be walked again; the outcome is the new document or failure, if any.
        """
        location = canonical_url(url)
        previous = self.state.last_ok.get((self.source.name, location))
        headers = (previous.headers if previous else None) or {}
        result = self.fetcher.fetch(
            url,
            allow_local=self.source.local,
            etag=headers.get("etag"),
            last_modified=headers.get("last-modified"),
        )
        try:
            if result.not_modified:
                return location, self._cached(previous), None
            body, content_type = _accepted(result, role)
        except IngestError as exc:
            failure = self.failure(location, exc.stage, exc.reason, url=url, status=result.status)
            return location, None, failure
        extra = replace(extra, url=extra.url or canonical_url(result.final_url))
        record = self.body(
            location,
            body,
            extra=extra,
            role=role,
            status=result.status,
            headers=result.headers,
            content_type=content_type,
        )
        outcome = record.to_document_meta() if record and role == "document" else None
        return location, body, outcome

    def _cached(self, previous: Retrieved | None) -> bytes:
        """The body a 304 refers to: the last one recorded for the location."""
        if previous is None or previous.document_id is None:
            raise IngestError("fetch", "HTTP 304 but nothing recorded for this location")
        try:
            return self.cache.get(previous.document_id)
        except (KeyError, ValueError) as exc:
            raise IngestError("fetch", f"HTTP 304 but the cached copy is unusable: {exc}") from exc

    def document(self, url: str, extra: Extra = Extra()) -> DocumentMeta | IngestFailure | None:
        """Fetch an article URL once per run (by canonical URL); the new outcome, if any."""
        location = canonical_url(url)
        if location in self.fetched:
            return None
        self.fetched.add(location)
        return self.fetch(url, role="document", extra=extra)[2]


def _accepted(result: FetchResult, role: str) -> tuple[bytes, str | None]:
    """The body worth storing and its media type; IngestError(stage, reason) otherwise."""
    if result.error:
        raise IngestError("fetch", result.error)
    content_type = result.headers.get("content-type", "").split(";")[0].strip().lower()
    body = result.body or b""
    if role == "sitemap":  # often served gzipped (.xml.gz); stored inflated like local .gz files
        try:
            body = gunzip(body)
        except IngestError as exc:
            raise IngestError("content", exc.reason) from exc
        content_type = "application/xml" if content_type in _GZIP_TYPES else content_type
    if problem := content_problem(body, content_type):
        raise IngestError("content", problem)
    return body, content_type or None


def content_problem(body: bytes, content_type: str | None) -> str | None:
    """Why a body is not worth storing as a document (empty, binary, not text), or None."""
    if content_type and not content_type.startswith(_TEXT_TYPES):
        return f"unsupported content type {content_type}"
    try:
        check_bytes(body)
    except IngestError as exc:
        return exc.reason
    return None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
