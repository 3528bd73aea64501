"""The raw cache: every body ever retrieved, stored once by content, and a log of retrievals.

Bodies live under ``root/objects/ab/abcdef...`` (SHA-256 hex), written atomically, so a rerun
parses exactly the bytes of the first run, offline. ``root/retrievals.jsonl`` records every
retrieval and failed retrieval, one JSON object a line, flushed and fsynced; it is the durable
truth from which the warehouse is rebuilt. Collecting a folder of 10,000 files paid three fsyncs
per file, as much as parsing it: inside ``group_commit()`` bodies and log lines are made durable
a group at a time (one ``os.sync()``, then the group's lines and one fsync), so a line never
names a body that is not on disk. A crash mid-append leaves a torn last line, which is
skipped on read (and fenced off by a newline before the next append). One writer at a time is
assumed; appends also take an advisory ``flock`` so concurrent writers cannot interleave.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import re
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipelines.dates import FuzzyDate, to_columns
from pipelines.durable import fsync_dir
from pipelines.faults import crash_point
from pipelines.ingest.model import DocumentMeta, IngestFailure

LOGGER = logging.getLogger(__name__)

LOG_NAME = "retrievals.jsonl"
# Retrievals made durable together inside group_commit(): a kill loses at most this many log
# lines, whose bodies the next run finds in place and records again.
GROUP_RECORDS = 256
# Records handed to a reader of the log at a time (read_log): memory stays flat in its length.
LOG_BATCH_RECORDS = 5000
_TAIL_BYTES = 1 << 16  # bytes read at a time when backing over a torn last line
_DOCUMENT_ID_RE = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class RetrievalRecord:
    """One line of the retrieval log: a retrieval (document_id set) or a failure (error set).

    ``role`` tells article documents from the feeds and sitemaps that listed them (kept too, so
    a rerun can replay them offline). ``published*``, ``outlet`` and ``synthetic`` come from a
    sidecar, a feed entry or the source defaults, and override what the page says.
    """

    source: str
    topic: str
    location: str
    retrieved_at: dt.datetime
    url: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    document_id: str | None = None
    error_stage: str | None = None
    error_reason: str | None = None
    role: str = "document"  # "document", "feed" or "sitemap"
    content_type: str | None = None
    outlet: str | None = None
    published: FuzzyDate | None = None
    synthetic: bool = False
    file_signature: str | None = None  # a local file's "size:mtime_ns" when it was read

    @property
    def ok(self) -> bool:
        return self.document_id is not None and self.error_stage is None

    def to_document_meta(self) -> DocumentMeta:
        """The DocumentMeta of a successful retrieval (ValueError for a failure record)."""
        if not self.ok or self.document_id is None:
            raise ValueError(f"retrieval of {self.location} failed: no document")
        return DocumentMeta(
            document_id=self.document_id,
            source=self.source,
            topic=self.topic,
            location=self.location,
            retrieved_at=self.retrieved_at,
            status=self.status,
            headers=dict(self.headers),
            content_type=self.content_type,
            url=self.url,
            outlet=self.outlet,
            published=self.published,
            synthetic=self.synthetic,
        )

    def to_failure(self) -> IngestFailure:
        """The IngestFailure of a failed retrieval (ValueError for a success record)."""
        if self.error_stage is None:
            raise ValueError(f"retrieval of {self.location} did not fail")
        return IngestFailure(
            self.source, self.location, self.error_stage, self.error_reason or "", self.retrieved_at
        )

    def to_json(self) -> str:
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values["retrieved_at"] = self.retrieved_at.astimezone(dt.UTC).isoformat()
        values.update(to_columns(self.published, "published"))  # a line's three date fields
        if self.published:
            values["published"] = self.published.value.isoformat()
        return json.dumps(values, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> RetrievalRecord:
        fields: dict[str, Any] = json.loads(line)
        fields["retrieved_at"] = dt.datetime.fromisoformat(fields["retrieved_at"])
        published = fields.get("published")
        fields["published"] = FuzzyDate.from_columns(
            dt.date.fromisoformat(published) if published else None,
            fields.get("published_precision"),
            fields.get("published_inferred"),
        )
        known = cls.__dataclass_fields__
        return cls(**{key: value for key, value in fields.items() if key in known})


@dataclass(frozen=True)
class LogPosition:
    """How far a reader has read the retrieval log: ``offset`` bytes, ending a complete line,
    of the log whose first line has the SHA-256 ``head`` (another log, such as a new raw cache's,
    is read from its beginning)."""

    offset: int
    head: str


class RawCache:
    """Content-addressed bodies plus the append-only retrieval log, under one root folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.objects = self.root / "objects"
        self.log_path = self.root / LOG_NAME
        self.objects.mkdir(parents=True, exist_ok=True)
        self._pending_lines: list[bytes] | None = None  # a list only inside group_commit()

    def _object_path(self, document_id: str) -> Path:
        if not _DOCUMENT_ID_RE.match(document_id):
            raise ValueError(f"not a SHA-256 hex document id: {document_id!r}")
        return self.objects / document_id[:2] / document_id

    def put(self, body: bytes) -> str:
        """Store a body once (atomically: temp file, fsync, rename) and return its SHA-256.

        Inside group_commit() the fsyncs are left to the group's commit. A stored body of the
        wrong size (cut short by a power loss before its group was synced) is written again.
        """
        document_id = hashlib.sha256(body).hexdigest()
        path = self._object_path(document_id)
        with contextlib.suppress(FileNotFoundError):
            if path.stat().st_size == len(body):
                return document_id
        path.parent.mkdir(parents=True, exist_ok=True)
        grouped = self._pending_lines is not None
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as tmp:
            try:
                tmp.write(body)
                crash_point("raw_cache_write")  # body half on disk under a temporary name
                if not grouped:
                    tmp.flush()
                    os.fsync(tmp.fileno())
            except BaseException:
                os.unlink(tmp.name)
                raise
        os.replace(tmp.name, path)
        if not grouped:
            fsync_dir(path.parent)
        return document_id

    @contextlib.contextmanager
    def group_commit(self) -> Iterator[None]:
        """Make the bodies and records of this block durable a group at a time (see above)."""
        if self._pending_lines is not None:
            yield  # already inside a group
            return
        self._pending_lines = []
        try:
            yield
        finally:
            try:
                self.commit_group()
            finally:
                self._pending_lines = None

    def commit_group(self) -> None:
        """Make what the group has written so far durable: its bodies first (one sync of
        everything written), then its log lines. Nothing to do outside a group."""
        if not self._pending_lines:
            return
        os.sync()
        lines, self._pending_lines = self._pending_lines, []
        self._write_lines(lines)

    def remove_partial_writes(self, older_than_s: float = 0.0) -> int:
        """Delete bodies half-written by a killed run (temporary files never renamed into
        place); call with the build lock held, so no live writer of this installation owns
        one. A cache shared by several workers passes ``older_than_s``: another worker's write
        in progress is seconds old. Returns how many."""
        cutoff = time.time() - older_than_s
        leftovers = [p for p in self.objects.glob("??/.tmp-*") if _mtime(p) <= cutoff]
        for leftover in leftovers:
            leftover.unlink(missing_ok=True)
        return len(leftovers)

    def get(self, document_id: str) -> bytes:
        """The stored body; KeyError if absent, ValueError if the bytes no longer match the id."""
        path = self._object_path(document_id)
        try:
            body = path.read_bytes()
        except FileNotFoundError:
            raise KeyError(document_id) from None
        if hashlib.sha256(body).hexdigest() != document_id:
            raise ValueError(f"raw cache object {document_id} is corrupt")
        return body

    def append(self, record: RetrievalRecord) -> None:
        """Append one record durably (flush + fsync) before returning; inside group_commit(),
        when its group is committed."""
        line = (record.to_json() + "\n").encode("utf-8")
        if self._pending_lines is None:
            self._write_lines([line])
            return
        self._pending_lines.append(line)
        if len(self._pending_lines) >= GROUP_RECORDS:
            self.commit_group()

    def _write_lines(self, lines: list[bytes]) -> None:
        with open(self.log_path, "ab") as log:
            fcntl.flock(log, fcntl.LOCK_EX)
            try:
                if log.tell() > 0 and not _ends_with_newline(self.log_path):
                    log.write(b"\n")  # fence off a torn line left by a crash
                log.write(b"".join(lines))
                log.flush()
                os.fsync(log.fileno())
            finally:
                fcntl.flock(log, fcntl.LOCK_UN)

    def log_end(self) -> LogPosition | None:
        """The position after the log's last complete line (None while it has none): where a
        reader that has loaded every line so far would resume. Taken under the log's lock, so
        another writer's append is whole or absent; only a crash leaves a torn last line."""
        if not self.log_path.exists():
            return None
        with open(self.log_path, "rb") as log:
            fcntl.flock(log, fcntl.LOCK_SH)
            try:
                first = log.readline()
                if not first.endswith(b"\n"):
                    return None
                end = os.fstat(log.fileno()).st_size
                while end > len(first):  # back over a torn last line, a block at a time
                    log.seek(max(len(first), end - _TAIL_BYTES))
                    block = log.read(end - log.tell())
                    if block.endswith(b"\n"):
                        break
                    newline = block.rfind(b"\n")
                    end -= len(block) - newline - 1 if newline >= 0 else len(block)
                    if newline >= 0:
                        break
            finally:
                fcntl.flock(log, fcntl.LOCK_UN)
        return LogPosition(max(end, len(first)), hashlib.sha256(first).hexdigest())

    def records(self) -> Iterator[RetrievalRecord]:
        """Every readable record in log order; torn or corrupt lines are skipped with a warning."""
        for batch, _ in self.read_log():
            yield from batch

    def read_log(
        self, since: LogPosition | None = None, *, batch_records: int = LOG_BATCH_RECORDS
    ) -> Iterator[tuple[list[RetrievalRecord], LogPosition]]:
        """The records logged after ``since``, a batch at a time, each batch with the position
        after it, so a reader can resume where it stopped instead of reading the log again.

        A position in another log (its first line differs) or past the end reads from the
        beginning. A last line without its newline (torn, or not yet fenced off) is left for
        a later read. Nothing is yielded when there is nothing new.
        """
        if not self.log_path.exists():
            return
        with open(self.log_path, "rb") as log:
            first = log.readline()
            if not first.endswith(b"\n"):
                return
            head = hashlib.sha256(first).hexdigest()
            size = os.fstat(log.fileno()).st_size
            start = since.offset if since and since.head == head and since.offset <= size else 0
            log.seek(start)
            offset = reported = start
            batch: list[RetrievalRecord] = []
            for raw in log:
                if not raw.endswith(b"\n"):
                    break
                if record := self._record(raw, offset):
                    batch.append(record)
                offset += len(raw)
                if len(batch) >= batch_records:
                    yield batch, LogPosition(offset, head)
                    batch, reported = [], offset
            if offset > reported:
                yield batch, LogPosition(offset, head)

    def _record(self, raw: bytes, offset: int) -> RetrievalRecord | None:
        if not raw.strip():
            return None
        try:
            return RetrievalRecord.from_json(raw.decode("utf-8"))
        except (ValueError, TypeError, KeyError) as exc:
            LOGGER.warning("%s at byte %d unreadable, skipped: %s", self.log_path, offset, exc)
            return None


def _ends_with_newline(path: Path) -> bool:
    with open(path, "rb") as log:
        log.seek(-1, os.SEEK_END)
        return log.read(1) == b"\n"


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return float("inf")  # renamed into place or removed meanwhile: not a leftover
