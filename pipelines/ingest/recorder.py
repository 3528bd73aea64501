"""Writing retrievals so that only what is new lands: the bookkeeping shared by all collectors.

A retrieval is new when its body has not yet been recorded for that (source, location); a
failure is new when the location's last record is not the same failure. So a rerun over
unchanged inputs writes nothing and yields nothing, while a changed page is a new retrieval of
the same location.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipelines.dates import FuzzyDate
from pipelines.durable import write_atomic
from pipelines.ingest.dedup import canonical_url
from pipelines.ingest.fetcher import Fetcher, FetchResult
from pipelines.ingest.model import DocumentMeta, IngestError, IngestFailure
from pipelines.ingest.parse import check_bytes, gunzip
from pipelines.ingest.rawcache import LogPosition, RawCache, RetrievalRecord
from pipelines.ingest.sources import Source

LOGGER = logging.getLogger(__name__)

# Response headers worth keeping: what parsing and conditional requests need, never cookies.
KEPT_HEADERS = ("content-type", "content-language", "etag", "last-modified", "date")
# The log's state as of a position in it, kept beside the log so that a run reads only the lines
# after that position (reading every line again was the largest part of ingesting a few new
# pages into a large warehouse). Rewritten once this many lines came after it: a run that adds a
# few leaves it be.
STATE_SNAPSHOT = "retrievals.state.json"
SNAPSHOT_AFTER_RECORDS = 1000
_SNAPSHOT_FORMAT = 1
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
    def of_log(cls, cache: RawCache) -> LogState:
        """The state of every line of ``cache``'s log: its snapshot (`STATE_SNAPSHOT`) and the
        lines after it. A snapshot of another log (its first line differs), past the log's end,
        unreadable or of another format is ignored, and the whole log read. The snapshot is
        rewritten, atomically, when many lines came after it; it only ever holds lines read
        from the log, so writers sharing the log may each rewrite it."""
        path = cache.root / STATE_SNAPSHOT
        end = cache.log_end()
        snapshot = _read_snapshot(path)
        state, position = cls(), None
        if end is not None and snapshot is not None:
            snapshot_position, snapshot_state = snapshot
            if snapshot_position.head == end.head and snapshot_position.offset <= end.offset:
                state, position = snapshot_state, snapshot_position
        read = 0
        for records, after in cache.read_log(position):
            for record in records:
                state.add(record)
            read += len(records)
            position = after
        if position is not None and read >= SNAPSHOT_AFTER_RECORDS:
            write_atomic(path, state._snapshot(position).encode("utf-8"))
        return state

    def add(self, record: RetrievalRecord) -> None:
        key = (record.source, record.location)
        retrieved = Retrieved.of(record)
        self.last[key] = retrieved
        if retrieved.ok and retrieved.document_id:
            self.seen.add((*key, retrieved.document_id))
            self.last_ok[key] = retrieved

    def _snapshot(self, position: LogPosition) -> str:
        """The state as `_read_snapshot` reads it: each location's last retrieval, and only
        what that does not imply (the last success before a failure, bodies seen before)."""
        implied = {
            (*key, retrieved.document_id)
            for key, retrieved in self.last_ok.items()
            if retrieved.document_id
        }
        return json.dumps(
            {
                "format": _SNAPSHOT_FORMAT,
                "offset": position.offset,
                "head": position.head,
                "last": [[*key, *_fields(r)] for key, r in self.last.items()],
                "last_ok": [
                    [*key, *_fields(r)]
                    for key, r in self.last_ok.items()
                    if self.last.get(key) is not r
                ],
                "seen": sorted(self.seen - implied),
            },
            separators=(",", ":"),
        )


def _fields(retrieved: Retrieved) -> list[object]:
    return [
        retrieved.document_id, retrieved.error_stage, retrieved.error_reason,
        retrieved.file_signature, retrieved.headers,
    ]  # fmt: skip


def _read_snapshot(path: Path) -> tuple[LogPosition, LogState] | None:
    """The position and state a snapshot holds; None when it is missing or unusable."""
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != _SNAPSHOT_FORMAT:
            return None
        state = LogState()
        for source, location, *fields in data["last"]:
            state.last[(source, location)] = Retrieved(*fields)
        state.last_ok = {key: r for key, r in state.last.items() if r.ok and r.document_id}
        for source, location, *fields in data["last_ok"]:
            state.last_ok[(source, location)] = Retrieved(*fields)
        state.seen = {(*key, r.document_id) for key, r in state.last_ok.items() if r.document_id}
        for source, location, document in data["seen"]:
            state.seen.add((source, location, document))
        return LogPosition(int(data["offset"]), str(data["head"])), state
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError) as exc:
        LOGGER.warning("%s unusable, the whole retrieval log is read: %s", path, exc)
        return None


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
        """Store and log a retrieved body; None when this location already has this body.

        A file whose bytes are unchanged but whose size and mtime are new (touched, copied,
        checked out again) is logged once more with them, and still returns None: without that
        line every later run would read and hash it again."""
        document_id = self.cache.put(body)
        if (self.source.name, location, document_id) in self.state.seen:
            last = self.state.last.get((self.source.name, location))
            if file_signature is None or (
                last is not None
                and last.document_id == document_id
                and last.file_signature == file_signature
            ):
                return None
            touched = self._record(location, document_id, extra, role, status, headers,
                                   content_type, file_signature)  # fmt: skip
            self._append(touched)
            return None
        record = self._record(location, document_id, extra, role, status, headers,
                              content_type, file_signature)  # fmt: skip
        self._append(record)
        return record

    def _record(
        self,
        location: str,
        document_id: str,
        extra: Extra,
        role: str,
        status: int | None,
        headers: dict[str, str] | None,
        content_type: str | None,
        file_signature: str | None,
    ) -> RetrievalRecord:
        defaults = self.source.defaults
        synthetic = extra.synthetic if extra.synthetic is not None else defaults.get("synthetic")
        return RetrievalRecord(
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
