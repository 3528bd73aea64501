"""The raw cache: content addressing, atomic writes, a durable log that survives a torn line."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import replace
from pathlib import Path

import pytest

from pipelines.dates import FuzzyDate
from pipelines.ingest.model import DocumentMeta
from pipelines.ingest.rawcache import RawCache, RetrievalRecord


def _record(**overrides: object) -> RetrievalRecord:
    fields: dict = {
        "source": "s",
        "topic": "t",
        "location": "a.txt",
        "retrieved_at": dt.datetime(2024, 5, 1, 12, 30, tzinfo=dt.UTC),
        "document_id": "ab" * 32,
        "content_type": "text/plain",
        "headers": {"etag": '"v1"'},
        "outlet": "Example",
        "published": FuzzyDate(dt.date(2022, 3, 7), "day", inferred=True),
        "synthetic": True,
    }
    fields.update(overrides)
    return RetrievalRecord(**fields)


def test_put_get(tmp_path: Path) -> None:
    cache = RawCache(tmp_path)
    body = b"hello world"
    document_id = cache.put(body)
    assert document_id == hashlib.sha256(body).hexdigest()
    assert cache.get(document_id) == body
    path = tmp_path / "objects" / document_id[:2] / document_id
    assert path.read_bytes() == body
    assert cache.put(body) == document_id  # stored once
    assert list((tmp_path / "objects" / document_id[:2]).iterdir()) == [path]


def test_missing_and_corrupt_objects(tmp_path: Path) -> None:
    cache = RawCache(tmp_path)
    with pytest.raises(KeyError):
        cache.get("0" * 64)
    with pytest.raises(ValueError, match="not a SHA-256"):
        cache.get("../../etc/passwd")
    document_id = cache.put(b"original")
    (tmp_path / "objects" / document_id[:2] / document_id).write_bytes(b"tampered")
    with pytest.raises(ValueError, match="corrupt"):
        cache.get(document_id)


def test_failed_write_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    cache = RawCache(tmp_path)

    def crash(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError, match="disk full"):
        cache.put(b"never stored")
    monkeypatch.undo()
    document_id = hashlib.sha256(b"never stored").hexdigest()
    with pytest.raises(KeyError):
        cache.get(document_id)
    assert [p for p in (tmp_path / "objects").rglob("*") if p.is_file()] == []


def test_log_round_trip_and_conversions(tmp_path: Path) -> None:
    cache = RawCache(tmp_path)
    ok = _record()
    failed = _record(
        location="b.txt", document_id=None, error_stage="fetch", error_reason="HTTP 404"
    )
    cache.append(ok)
    cache.append(failed)
    assert list(cache.records()) == [ok, failed]
    meta = ok.to_document_meta()
    assert meta.published == FuzzyDate(dt.date(2022, 3, 7), "day", inferred=True)
    assert meta.synthetic and meta.outlet == "Example" and meta.headers == {"etag": '"v1"'}
    failure = failed.to_failure()
    assert (failure.location, failure.stage, failure.reason) == ("b.txt", "fetch", "HTTP 404")
    with pytest.raises(ValueError):
        failed.to_document_meta()
    line = cache.log_path.read_text().splitlines()[0]
    assert '"retrieved_at": "2024-05-01T12:30:00+00:00"' in line
    # The log keeps a date in three fields, as logs written before the FuzzyDate field did.
    assert '"published": "2022-03-07"' in line and '"published_inferred": true' in line
    assert '"published_precision": "day"' in line


def test_document_metadata_is_one_row_of_documents_and_back() -> None:
    meta = _record(status=200).to_document_meta()
    row = meta.to_columns()
    assert row["published"] == dt.date(2022, 3, 7) and row["published_inferred"] is True
    assert row["retrieved_at"] == dt.datetime(2024, 5, 1, 12, 30)  # naive UTC, as DuckDB holds it
    read = DocumentMeta.from_columns({**row, "url": float("nan")})  # pandas' null
    assert read == replace(meta, headers={}, url=None, retrieved_at=dt.datetime(2024, 5, 1, 12, 30))


def test_torn_last_line_is_ignored_and_fenced(tmp_path: Path) -> None:
    cache = RawCache(tmp_path)
    first = _record()
    cache.append(first)
    with open(cache.log_path, "ab") as log:  # a crash in the middle of an append
        log.write(_record(location="torn").to_json().encode()[:40])
    assert list(cache.records()) == [first]
    second = _record(location="after-crash")
    cache.append(second)
    assert list(cache.records()) == [first, second]


def test_empty_cache_has_no_records(tmp_path: Path) -> None:
    assert list(RawCache(tmp_path / "new").records()) == []


def test_group_commit_writes_lines_only_after_their_bodies(tmp_path: Path, monkeypatch) -> None:
    cache = RawCache(tmp_path)
    synced: list[int] = []
    monkeypatch.setattr(os, "sync", lambda: synced.append(len(list(cache.records()))))
    with cache.group_commit():
        for number in range(3):
            document_id = cache.put(f"body {number}".encode())
            cache.append(_record(location=f"{number}.txt", document_id=document_id))
        assert list(cache.records()) == []  # nothing logged before the group is made durable
    assert synced == [0]  # one sync, before any of the group's lines
    records = list(cache.records())
    assert [r.location for r in records] == ["0.txt", "1.txt", "2.txt"]
    assert [cache.get(r.document_id) for r in records] == [b"body 0", b"body 1", b"body 2"]


def test_group_commit_commits_every_group_and_on_error(tmp_path: Path, monkeypatch) -> None:
    from pipelines.ingest import rawcache

    monkeypatch.setattr(rawcache, "GROUP_RECORDS", 2)
    cache = RawCache(tmp_path)
    with pytest.raises(RuntimeError), cache.group_commit():
        for number in range(3):
            cache.append(_record(location=f"{number}.txt"))
            if number == 1:
                assert len(list(cache.records())) == 2  # a full group is committed at once
        raise RuntimeError("collector failed")
    assert len(list(cache.records())) == 3  # what came before the error is kept


def test_a_body_cut_short_is_written_again(tmp_path: Path) -> None:
    cache = RawCache(tmp_path)
    body = b"a body that a power loss cut short"
    document_id = cache.put(body)
    path = tmp_path / "objects" / document_id[:2] / document_id
    path.write_bytes(body[:5])
    assert cache.put(body) == document_id
    assert cache.get(document_id) == body


def _locations(batches: list) -> list[list[str]]:
    return [[record.location for record in records] for records, _ in batches]


def test_read_log_resumes_where_the_reader_stopped(tmp_path: Path) -> None:
    cache = RawCache(tmp_path)
    for name in ("a", "b", "c"):
        cache.append(_record(location=name))
    batches = list(cache.read_log(batch_records=2))
    assert _locations(batches) == [["a", "b"], ["c"]]
    position = batches[-1][1]
    assert position.offset == cache.log_path.stat().st_size
    assert list(cache.read_log(position)) == []  # nothing new
    cache.append(_record(location="d"))
    assert _locations(list(cache.read_log(position))) == [["d"]]


def test_read_log_starts_over_on_another_log(tmp_path: Path) -> None:
    cache = RawCache(tmp_path)
    cache.append(_record(location="a"))
    ((_, position),) = cache.read_log()
    other = RawCache(tmp_path / "other")
    other.append(_record(location="x"))
    other.append(_record(location="y"))
    assert _locations(list(other.read_log(position))) == [["x", "y"]]  # another first line
    cut = replace(position, offset=position.offset + 10_000)  # past the end: log replaced
    assert _locations(list(cache.read_log(cut))) == [["a"]]


def test_read_log_leaves_a_torn_line_for_later(tmp_path: Path) -> None:
    cache = RawCache(tmp_path)
    cache.append(_record(location="a"))
    torn = _record(location="torn").to_json().encode()
    with open(cache.log_path, "ab") as log:  # a crash in the middle of an append
        log.write(torn[:40])
    ((records, position),) = cache.read_log()
    assert [r.location for r in records] == ["a"]
    assert position.offset == cache.log_path.stat().st_size - 40  # before the torn line
    cache.append(_record(location="b"))  # fences the torn line off
    assert _locations(list(cache.read_log(position))) == [["b"]]


def test_log_end_is_after_the_last_complete_line(tmp_path: Path, monkeypatch) -> None:
    cache = RawCache(tmp_path)
    assert cache.log_end() is None
    cache.append(_record())
    cache.append(_record(location="b.txt"))
    [(_, read_to)] = list(cache.read_log())
    assert cache.log_end() == read_to and read_to.offset == cache.log_path.stat().st_size
    monkeypatch.setattr("pipelines.ingest.rawcache._TAIL_BYTES", 16)  # a torn line longer than it
    with open(cache.log_path, "ab") as log:  # a crash in the middle of an append
        log.write(_record(location="torn").to_json().encode()[:100])
    assert cache.log_end() == read_to
