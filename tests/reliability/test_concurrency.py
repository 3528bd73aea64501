"""Concurrency: two runs into one warehouse at once, and analysts reading while a run rebuilds."""

from __future__ import annotations

import json
import select
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.reliability._support import (
    connect_published,
    corpus_installation,
    snapshot,
    staging_leftovers,
    start_headcount,
    wait_headcount,
)

pytestmark = pytest.mark.slow

DUCKDB_CLI = Path(sys.executable).with_name("duckdb")
# What a reader asks, again and again: three answers that must agree with each other.
READER_QUERY = (
    "select (select count(*) from claims), (select count(*) from claim_timeline), "
    "(select string_agg(claim_id, ',' order by claim_id) from claim_timeline)"
)
_READER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    import duckdb
    database, stop, query = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    con = duckdb.connect(database, read_only=True)
    print(json.dumps(["ready", time.time()]), flush=True)
    while not stop.exists():
        try:
            print(json.dumps([time.time(), list(con.execute(query).fetchone())]), flush=True)
        except Exception as exc:
            print(json.dumps([time.time(), "error", repr(exc)]), flush=True)
        time.sleep(0.05)
    """
)


def test_two_runs_at_once_both_finish_and_agree_with_a_clean_run(
    baselines, tmp_path, record_property
):
    install = corpus_installation(tmp_path / "shared")
    first = start_headcount(install, log_name="first")
    second = start_headcount(install, log_name="second")
    results = [
        wait_headcount(install, *first, log_name="first"),
        wait_headcount(install, *second, log_name="second"),
    ]
    record_property("returncodes", [result.returncode for result in results])
    record_property("elapsed_s", [round(result.elapsed_s, 1) for result in results])
    for result in results:
        # one may wait for the other and succeed, or give up naming the other run
        assert result.returncode == 0 or (
            result.returncode > 0 and "another Headcount run" in result.output
        ), result.output[-3000:]
    assert any(result.returncode == 0 for result in results)
    final = snapshot(install)
    assert final.tables == baselines.base_snapshot.tables
    assert final.claim_timeline == baselines.base_snapshot.claim_timeline
    assert final.retrievals == baselines.base_snapshot.retrievals  # nothing fetched twice
    assert staging_leftovers(install) == []


def _cli_reader(database: Path) -> subprocess.Popen:
    """The analyst's `duckdb -readonly` shell, kept open on the published file."""
    return subprocess.Popen(
        [str(DUCKDB_CLI), "-readonly", "-csv", "-noheader", str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _cli_ask(cli: subprocess.Popen, query: str, timeout_s: float = 60.0) -> str:
    """One query to the shell, one line of answer (never blocks the suite for good)."""
    cli.stdin.write(query + ";\n")
    cli.stdin.flush()
    ready, _, _ = select.select([cli.stdout], [], [], timeout_s)
    assert ready, f"the duckdb shell did not answer {query!r} within {timeout_s} s"
    return cli.stdout.readline().strip()


def test_readers_of_the_published_warehouse_never_fail_a_run(baselines, tmp_path, record_property):
    """A Python reader polls the published file throughout a rebuild, and a duckdb CLI session
    stays open across it: the run succeeds, and both keep answering from their snapshot."""
    install = baselines.next_run(tmp_path / "read")
    database = install.settings.database
    stop = tmp_path / "stop-reading"
    answers_file = tmp_path / "answers.jsonl"
    with open(answers_file, "w") as answers:
        reader = subprocess.Popen(
            [sys.executable, "-c", _READER, str(database), str(stop), READER_QUERY],
            stdout=answers,
            stderr=subprocess.STDOUT,
        )
    cli = _cli_reader(database)
    try:
        before_cli = _cli_ask(cli, "select count(*) from claims")
        deadline = time.monotonic() + 60
        while "ready" not in answers_file.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        process, started = start_headcount(install)
        run_started = time.time()
        result = wait_headcount(install, process, started)
        run_ended = time.time()
        during_cli = _cli_ask(cli, "select count(*) from claims")
    finally:
        stop.touch()
        reader.wait(timeout=30)
        cli.stdin.close()
        cli.wait(timeout=30)

    assert result.returncode == 0, result.output[-3000:]
    lines = [json.loads(line) for line in answers_file.read_text().splitlines()]
    assert lines[0][0] == "ready"
    replies = lines[1:]
    assert all(len(reply) == 2 for reply in replies), [r for r in replies if len(r) != 2][:3]
    during = [answer for at, answer in replies if run_started <= at <= run_ended]
    record_property("run_s", round(result.elapsed_s, 1))
    record_property("answers_during_run", len(during))
    assert len(during) >= 10  # it kept answering while the run rebuilt and published
    old = baselines.base_snapshot
    expected_old = [
        old.row_counts["claims"],
        len(old.claim_timeline),
        ",".join(sorted(row[0] for row in old.claim_timeline)),
    ]
    assert all(answer == expected_old for _, answer in replies)  # one consistent snapshot
    assert before_cli == during_cli == str(old.row_counts["claims"])

    final = snapshot(install)  # a new session sees the new publication
    assert final.tables == baselines.full_snapshot.tables
    assert final.claim_timeline == baselines.full_snapshot.claim_timeline
    con = connect_published(install)
    try:
        assert con.execute("select count(*) from claims").fetchone()[0] > int(before_cli)
    finally:
        con.close()
