"""The build database: schema versions, the one-writer lock, atomic publishing."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import textwrap

import duckdb
import pytest

from pipelines.settings import Settings
from pipelines.warehouse import db, sqlfiles


@pytest.fixture
def settings(tmp_path):
    return Settings(tmp_path / "warehouse", tmp_path / "sources.yml", tmp_path / "reviews")


def test_open_build_creates_every_table(settings):
    with db.open_build(settings) as con:
        tables = {
            row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()
        }
        version = con.execute("select schema_version from schema_info").fetchall()[0][0]
    assert {"documents", "articles", "claims", "documents_not_loaded", "outlets"} <= tables
    assert version == sqlfiles.schema_version()


def test_build_of_another_schema_version_is_rebuilt_empty(settings):
    with db.open_build(settings) as con:
        con.execute("insert into outlets values ('x', 'X', null, false)")
        con.execute("update schema_info set schema_version = 'old'")
    with db.open_build(settings) as con:
        assert con.execute("select count(*) from outlets").fetchall()[0][0] == 0
        assert con.execute("select schema_version from schema_info").fetchall()[0][0] != "old"


def _hold_lock(warehouse_dir, ready, release):
    settings = Settings(warehouse_dir, warehouse_dir / "s.yml", warehouse_dir / "r")
    with db.build_lock(settings):
        ready.set()
        release.wait(10)


def test_second_writer_waits_then_fails_with_a_clear_message(settings):
    ctx = multiprocessing.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(settings.warehouse_dir, ready, release))
    holder.start()
    try:
        assert ready.wait(20)
        with (
            pytest.raises(db.WarehouseBusy, match="another Headcount run"),
            db.build_lock(settings, wait_s=0.5),
        ):
            pass
    finally:
        release.set()
        holder.join(10)
    with db.build_lock(settings, wait_s=1):  # released once the holder ended
        pass


def test_killed_holder_does_not_keep_the_lock(settings):
    settings.warehouse_dir.mkdir(parents=True)
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from pipelines.settings import Settings
        from pipelines.warehouse import db
        s = Settings(Path({str(settings.warehouse_dir)!r}), Path('x'), Path('y'))
        with db.build_lock(s):
            os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    killed = subprocess.run([sys.executable, "-c", script], check=False)
    assert killed.returncode == -9
    with db.build_lock(settings, wait_s=1):
        pass


def test_a_step_leaves_its_writes_in_the_log_and_publishing_checkpoints_them(settings):
    with db.open_build(settings) as con:
        con.execute("insert into outlets values ('x', 'X', null, false)")
    wal = settings.build_database.with_name(settings.build_database.name + ".wal")
    assert wal.stat().st_size > 0  # closing a step's connection did not checkpoint
    with db.open_build(settings) as con:
        assert con.execute("select count(*) from outlets").fetchall()[0][0] == 1
    db.publish(settings)
    assert not wal.exists()
    con = db.connect(settings.database, read_only=True)
    assert con.execute("select count(*) from outlets").fetchall()[0][0] == 1
    con.close()


def test_publish_swaps_while_a_reader_keeps_its_snapshot(settings):
    with db.open_build(settings) as con:
        con.execute("insert into outlets values ('first', 'First', null, false)")
    db.publish(settings)
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, duckdb
                con = duckdb.connect({str(settings.database)!r}, read_only=True)
                print(con.execute('select count(*) from outlets').fetchall()[0][0], flush=True)
                sys.stdin.readline()
                print(con.execute('select count(*) from outlets').fetchall()[0][0], flush=True)
                """
            ),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "1"
        with db.open_build(settings) as con:
            con.execute("insert into outlets values ('second', 'Second', null, false)")
        db.publish(settings)  # the reader's open file does not block the swap
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "1"  # its snapshot stays consistent
    finally:
        reader.kill()
        reader.wait()
    con = db.connect(settings.database, read_only=True)
    assert con.execute("select count(*) from outlets").fetchall()[0][0] == 2
    con.close()


def test_published_file_opens_in_the_duckdb_cli(settings):
    with db.open_build(settings) as con:
        con.execute("insert into outlets values ('first', 'First', null, false)")
    db.publish(settings)
    cli = subprocess.run(
        [
            sys.executable.replace("python", "duckdb"),
            "-readonly",
            str(settings.database),
            "-csv",
            "-c",
            "select name from outlets",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert cli.returncode == 0, cli.stderr
    assert "First" in cli.stdout


def test_a_statement_without_bound_parameters_quotes_every_value() -> None:
    """ATTACH and SET take no bound parameters: sqlfiles.statement quotes each value, so a
    quote in a path or a catalog string cannot end the literal and add SQL."""
    catalog = "postgres:dbname=x'; drop table claims; --"
    text = sqlfiles.statement("attach", catalog=catalog, data_path="/tmp/o'brien")
    statement = text.splitlines()[-1]
    assert statement == (
        "attach 'postgres:dbname=x''; drop table claims; --' as lake (data_path '/tmp/o''brien');"
    )
    assert len(duckdb.connect().extract_statements(statement)) == 1  # no second statement


def test_a_statement_missing_a_value_fails_before_running() -> None:
    with pytest.raises(KeyError, match=":data_path"):
        sqlfiles.statement("attach", catalog="x")


def test_a_claims_row_has_exactly_the_columns_of_the_claims_table() -> None:
    """Claim.to_columns is the one conversion of a claim to a row: a field added to Claim and not
    to sql/tables/06_claims.sql (or the reverse) fails here, not in a run."""
    from pipelines.claims.extract import extract_claims
    from pipelines import rows

    text = "Some 300 Norwegians have volunteered, the embassy in Oslo said on Monday."
    claims = extract_claims(text)
    assert claims
    row = rows.claim_rows("a1", text, claims, "test")[0]
    con = duckdb.connect()
    for table in sqlfiles.table_files():
        con.execute(table.read_text(encoding="utf-8"))
    columns = {name for name, *_ in con.execute("describe claims").fetchall()}
    assert set(row) == columns
    assert row["mention"] == "Some 300" and row["countries"] == ["NO"]


def test_claims_of_one_mention_for_several_countries_have_distinct_ids() -> None:
    """"About 100 men from each country" makes one claim per country at the same offsets: each
    keeps its own id, and a mention with one claim keeps the id of its offsets alone."""
    from pipelines.claims.extract import extract_claims
    from pipelines import rows

    text = "Chad and Niger each sent 500 troops. Some 300 Norwegians have volunteered."
    shared = rows.claim_rows("a1", text, extract_claims(text), "test")
    ids = [row["claim_id"] for row in shared]
    assert len(ids) == 3 and len(set(ids)) == 3
    lone = next(row for row in shared if row["value"] == 300)
    assert lone["claim_id"] == rows.claim_id("a1", lone["start"], lone["end"])
