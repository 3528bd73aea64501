"""Crash safety: `headcount run` SIGKILLed at each named crash point, then run again.

Every scenario starts from a copy of a clean, published warehouse (the fixture corpus minus
03_gamma), writes a review row and adds 03_gamma, and runs `headcount run` with
HEADCOUNT_CRASH_AT set (pipelines/faults.py): the process kills itself there, with no cleanup.
Then it runs again without the variable. The final warehouse must equal, table by table and
row by row (retrieval times aside), the one a clean uninterrupted run produced from the same
starting point (conftest.Baselines.full).

The scenarios run two at a time (the machine has two cores); only the scenarios of the selected
tests are run.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipelines.ingest.rawcache import RawCache
from tests.reliability._support import (
    Installation,
    RunResult,
    Snapshot,
    connect_published,
    corrupt_objects,
    run_headcount,
    snapshot,
    staging_leftovers,
)

pytestmark = pytest.mark.slow

CRASH_POINTS = ("load_rows", "load_rows:3", "publish_swap", "raw_cache_write")
# A rerun must not wait for a lock a dead process held: the lock wait is 600 s
# (pipelines/warehouse/db.py LOCK_WAIT_S); a clean run takes ~10-30 s here.
PROMPT_RERUN_S = 120.0


@dataclass(frozen=True)
class CrashOutcome:
    """What one crash-then-rerun scenario left behind at each stage."""

    install: Installation
    crashed: RunResult
    published_after_crash: Snapshot
    lock_free_after_crash: bool
    staging_after_crash: list[Path]
    raw_temp_files_after_crash: list[Path]
    build_counts_after_crash: dict[str, int]
    rerun: RunResult
    final: Snapshot
    staging_after_rerun: list[Path]
    corrupt_after_rerun: list[Path]


def _lock_is_free(install: Installation) -> bool:
    lock = install.settings.warehouse_dir / ".build.lock"
    with open(lock, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def _build_counts(install: Installation) -> dict[str, int]:
    con = duckdb.connect(str(install.settings.build_database), read_only=True)
    try:
        names = [row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()]
        return {name: len(con.table(name).fetchall()) for name in names}
    finally:
        con.close()


def _raw_temp_files(install: Installation) -> list[Path]:
    return sorted((install.settings.raw_dir / "objects").glob("??/.tmp-*"))


def _crash_then_rerun(baselines, crash_at: str, root: Path) -> CrashOutcome:
    install = baselines.next_run(root)
    crashed = run_headcount(install, crash_at=crash_at, log_name="crashed")
    after_crash = dict(
        published_after_crash=snapshot(install),
        lock_free_after_crash=_lock_is_free(install),
        staging_after_crash=staging_leftovers(install),
        raw_temp_files_after_crash=_raw_temp_files(install),
        build_counts_after_crash=_build_counts(install),
    )
    rerun = run_headcount(install, log_name="rerun")
    return CrashOutcome(
        install=install,
        crashed=crashed,
        rerun=rerun,
        final=snapshot(install) if rerun.returncode == 0 else None,
        staging_after_rerun=staging_leftovers(install),
        corrupt_after_rerun=corrupt_objects(install),
        **after_crash,
    )


@pytest.fixture(scope="module")
def outcomes(request, baselines, tmp_path_factory) -> dict[str, CrashOutcome]:
    """Crash-then-rerun of every crash point the selected tests ask for, two at a time."""
    wanted = sorted(
        {
            item.callspec.params["crash_at"]
            for item in request.session.items
            if hasattr(item, "callspec") and "crash_at" in item.callspec.params
        }
    )
    root = tmp_path_factory.mktemp("crashes")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            point: pool.submit(_crash_then_rerun, baselines, point, root / point.replace(":", "-"))
            for point in wanted
        }
        return {point: future.result() for point, future in futures.items()}


@pytest.mark.parametrize("crash_at", CRASH_POINTS)
def test_run_is_killed_where_asked(outcomes, baselines, crash_at, record_property):
    outcome = outcomes[crash_at]
    record_property("crashed_returncode", outcome.crashed.returncode)
    record_property("crashed_after_s", round(outcome.crashed.elapsed_s, 1))
    assert outcome.crashed.returncode == -9, outcome.crashed.output[-2000:]
    base_counts = baselines.base_snapshot.row_counts
    build = outcome.build_counts_after_crash
    if crash_at == "load_rows":  # the first write of the run (documents): none of it committed
        assert build["documents"] == base_counts["documents"]
    if crash_at.startswith("load_rows"):  # no article of 03_gamma committed
        assert build["articles"] == base_counts["articles"]
    if crash_at == "publish_swap":  # the complete copy was waiting beside the published file
        assert len(outcome.staging_after_crash) == 1
    if crash_at == "raw_cache_write":  # the body was half-written under a temporary name
        assert outcome.raw_temp_files_after_crash


@pytest.mark.parametrize("crash_at", CRASH_POINTS)
def test_published_warehouse_survives_the_kill(outcomes, baselines, crash_at):
    """The analysts' file still opens and holds exactly the last good publication."""
    outcome, expected = outcomes[crash_at], baselines.base_snapshot
    assert outcome.published_after_crash.tables == expected.tables
    assert outcome.published_after_crash.claim_timeline == expected.claim_timeline
    assert outcome.lock_free_after_crash  # the kernel dropped the dead process's flock


@pytest.mark.parametrize("crash_at", CRASH_POINTS)
def test_rerun_is_prompt_and_equals_a_clean_run(outcomes, baselines, crash_at, record_property):
    """No partial, duplicate or missing row in any table, nor in the retrieval log."""
    outcome = outcomes[crash_at]
    record_property("rerun_s", round(outcome.rerun.elapsed_s, 1))
    record_property("clean_run_s", round(baselines.full_run.elapsed_s, 1))
    record_property("clean_run_rss_mb", round(baselines.full_run.max_rss_mb))
    record_property("rows_compared", sum(baselines.full_snapshot.row_counts.values()))
    record_property("retrievals_compared", len(baselines.full_snapshot.retrievals))
    assert outcome.rerun.returncode == 0, outcome.rerun.output[-3000:]
    assert outcome.rerun.elapsed_s < PROMPT_RERUN_S
    expected = baselines.full_snapshot
    assert outcome.final.row_counts == expected.row_counts
    assert outcome.final.claim_timeline == expected.claim_timeline
    for table, rows in expected.tables.items():
        assert outcome.final.tables[table] == rows, table
    assert outcome.final.retrievals == expected.retrievals
    assert outcome.staging_after_rerun == []
    assert outcome.corrupt_after_rerun == []


@pytest.mark.parametrize("crash_at", CRASH_POINTS)
def test_review_written_before_the_crash_still_applies(outcomes, baselines, crash_at):
    con = connect_published(outcomes[crash_at].install)
    try:
        row = con.execute(
            "select value, qualifier, review_status from claim_timeline where claim_id = $claim",
            {"claim": baselines.reviewed_claim},
        ).fetchall()
        note = con.execute("select note from reviews").fetchall()
    finally:
        con.close()
    assert row == [(4500, "approximately", "corrected")]
    assert note == [("'; drop table claims; --",)]  # stored as data, never run


_KILLED_WRITE = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from pipelines.ingest.rawcache import RawCache
    RawCache(Path(sys.argv[1])).put(b"a body the process dies writing " * 1000)
    """
)


def test_killed_raw_cache_write_leaves_no_temporary_file_for_good(tmp_path):
    env = {**os.environ, "HEADCOUNT_CRASH_AT": "raw_cache_write"}
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_WRITE, str(tmp_path / "raw")], env=env, check=False
    )
    assert killed.returncode == -9
    cache = RawCache(tmp_path / "raw")
    document_id = cache.put(b"a body the process dies writing " * 1000)  # the retry succeeds
    assert cache.get(document_id)
    assert cache.remove_partial_writes() == 1  # what the next ingest does under the build lock
    assert list((tmp_path / "raw" / "objects").glob("??/.tmp-*")) == []


def test_a_shared_raw_cache_keeps_another_workers_write_in_progress(tmp_path):
    """Workers sharing a raw cache (HEADCOUNT_RAW) remove only old leftovers: a temporary file
    seconds old may be another worker's write in progress."""
    cache = RawCache(tmp_path / "raw")
    cache.put(b"a body")  # creates the objects folder
    folder = next((tmp_path / "raw" / "objects").glob("??"))
    fresh, stale = folder / ".tmp-fresh", folder / ".tmp-stale"
    fresh.write_bytes(b"being written")
    stale.write_bytes(b"left by a killed run")
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    assert cache.remove_partial_writes(older_than_s=600) == 1
    assert fresh.exists() and not stale.exists()
