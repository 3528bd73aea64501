"""The retrieval log's state (what is already recorded) read from its snapshot and the lines after
it is the state of the whole log, and a snapshot that does not belong to the log is ignored."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pipelines.ingest import recorder
from pipelines.ingest.rawcache import RawCache, RetrievalRecord
from pipelines.ingest.recorder import STATE_SNAPSHOT, LogState

_AT = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)


def _ok(location: str, body: str, **extra: object) -> RetrievalRecord:
    return RetrievalRecord("s", "t", location, _AT, document_id=body * 64, **extra)  # type: ignore[arg-type]


def _failed(location: str, reason: str) -> RetrievalRecord:
    return RetrievalRecord("s", "t", location, _AT, error_stage="fetch", error_reason=reason)


def _history() -> list[RetrievalRecord]:
    """A location read twice with different bodies, one whose last read failed after a success,
    one that only failed, files with signatures and a page with conditional-request headers."""
    return [
        _ok("a.html", "a", file_signature="10:1"),
        _ok("a.html", "b", file_signature="12:2"),
        _ok("https://x.test/p", "c", headers={"etag": '"v1"'}),
        _failed("https://x.test/p", "HTTP 503"),
        _failed("https://x.test/gone", "HTTP 404"),
    ]


def _every_line(cache: RawCache) -> LogState:
    """The state of the whole log, every line added in turn (no snapshot)."""
    state = LogState()
    for record in cache.records():
        state.add(record)
    return state


def _append(cache: RawCache, records: list[RetrievalRecord]) -> None:
    for record in records:
        cache.append(record)


def _with_marked_snapshot(tmp_path: Path, spoil=lambda data: data) -> RawCache:
    """A cache whose log has `_history` and whose snapshot also holds a location the log does
    not (so a test can tell whether the snapshot was read), then ``spoil``-ed."""
    cache = RawCache(tmp_path)
    _append(cache, _history())
    LogState.of_log(cache)
    snapshot = tmp_path / STATE_SNAPSHOT
    data = json.loads(snapshot.read_text())
    data["last"].append(["s", "only-in-the-snapshot", "e" * 64, None, None, None, None])
    snapshot.write_text(json.dumps(spoil(data)))
    return cache


@pytest.fixture
def small_snapshots(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recorder, "SNAPSHOT_AFTER_RECORDS", 3)


def test_snapshot_and_tail_give_the_whole_log_state(tmp_path: Path, small_snapshots) -> None:
    cache = RawCache(tmp_path)
    _append(cache, _history())
    assert LogState.of_log(cache) == _every_line(cache)
    assert (tmp_path / STATE_SNAPSHOT).is_file()  # five lines read: written
    _append(cache, [_ok("https://x.test/gone", "d"), _ok("a.html", "a", file_signature="10:3")])
    assert LogState.of_log(cache) == _every_line(cache)


def test_the_snapshot_is_read_instead_of_the_lines_before_it(
    tmp_path: Path, small_snapshots
) -> None:
    cache = _with_marked_snapshot(tmp_path)
    assert ("s", "only-in-the-snapshot") in LogState.of_log(cache).last


def test_few_new_lines_leave_the_snapshot_as_it_is(tmp_path: Path, small_snapshots) -> None:
    cache = RawCache(tmp_path)
    _append(cache, _history())
    LogState.of_log(cache)
    written = (tmp_path / STATE_SNAPSHOT).read_bytes()
    _append(cache, [_ok("b.html", "f")])
    assert LogState.of_log(cache) == _every_line(cache)
    assert (tmp_path / STATE_SNAPSHOT).read_bytes() == written


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda data: {**data, "head": "0" * 64}, id="another log"),
        pytest.param(lambda data: {**data, "offset": 10**9}, id="past the end"),
        pytest.param(lambda data: {**data, "format": 0}, id="another format"),
        pytest.param(lambda data: {**data, "last": [["s"]]}, id="malformed"),
    ],
)
def test_a_snapshot_that_does_not_fit_the_log_is_ignored(
    tmp_path: Path, small_snapshots, spoil
) -> None:
    cache = _with_marked_snapshot(tmp_path, spoil)
    assert LogState.of_log(cache) == _every_line(cache)


def test_an_unreadable_snapshot_is_ignored(tmp_path: Path, small_snapshots) -> None:
    cache = RawCache(tmp_path)
    _append(cache, _history())
    (tmp_path / STATE_SNAPSHOT).write_bytes(b"\x00not json")
    assert LogState.of_log(cache) == _every_line(cache)
