"""The `headcount` command line: extract, run, latest, review, add, export, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from assets.cli import main
from pipelines.settings import REVIEWS_ENV, SOURCES_ENV, WAREHOUSE_ENV
from tests.conftest import FIXTURES

ARTICLES = FIXTURES / "corpus" / "articles"


@pytest.fixture
def installation(tmp_path, monkeypatch):
    monkeypatch.setenv(WAREHOUSE_ENV, str(tmp_path / "warehouse"))
    monkeypatch.setenv(SOURCES_ENV, str(FIXTURES / "corpus" / "sources.yml"))
    monkeypatch.setenv(REVIEWS_ENV, str(tmp_path / "reviews"))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    return tmp_path


def test_extract_prints_the_eval_contract_as_jsonl(capsys):
    assert main(["extract", str(ARTICLES / "02_beta.txt"), "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["country"], r["value"], r["low"], r["qualifier"]) for r in records] == [
        ("NO", 300, None, "approximately"),
        ("US", 4000, 4000, "more_than"),
    ]
    first = records[0]
    assert first["doc"] == "02_beta.txt"
    assert first["population"] == "volunteers"
    assert first["speaker"] == "the Ukrainian embassy in Oslo"
    text = (ARTICLES / "02_beta.txt").read_text(encoding="utf-8")
    assert text[first["sentence_start"] : first["sentence_end"]] == first["sentence"]
    assert "300" in text[first["start"] : first["end"]]
    assert first["as_of"] == "2022-03-08" and first["as_of_source"] == "published"


def test_extract_walks_folders_and_skips_sidecars(capsys):
    assert main(["extract", str(ARTICLES), "--format", "jsonl"]) == 0
    docs = {json.loads(line)["doc"] for line in capsys.readouterr().out.splitlines()}
    assert docs == {"01_alpha.txt", "02_beta.txt", "03_gamma.txt"}


def test_missing_path_is_a_one_line_error_with_exit_2(capsys, tmp_path):
    assert main(["extract", str(tmp_path / "nope.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("headcount: no such file or folder") and err.count("\n") == 1


def test_unreadable_file_fails_with_exit_1_but_others_are_extracted(capsys, tmp_path):
    binary = tmp_path / "broken.html"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code = main(["extract", str(binary), str(ARTICLES / "01_alpha.txt"), "--format", "jsonl"])
    captured = capsys.readouterr()
    assert code == 1
    assert "broken.html" in captured.err
    assert json.loads(captured.out.splitlines()[0])["doc"] == "01_alpha.txt"


def test_bad_arguments_exit_2():
    with pytest.raises(SystemExit) as exit_info:
        main(["extract", "x", "--format", "xml"])
    assert exit_info.value.code == 2


def test_latest_without_a_warehouse_says_run_first(installation, capsys):
    assert main(["latest"]) == 2
    assert "make run" in capsys.readouterr().err


def test_run_review_add_export_round_trip(installation, capsys):
    assert main(["run"]) == 0
    out = capsys.readouterr().out
    assert "400-500" in out and ">4000" in out

    database = installation / "warehouse" / "headcount.duckdb"
    con = duckdb.connect(str(database), read_only=True)
    claim_id, article_id = con.execute(
        "select claim_id, article_id from claim_timeline where country = 'US'"
    ).fetchall()[0]
    con.close()

    assert main(["review", claim_id, "--correct", "value=4500", "qualifier=approximately"]) == 0
    assert (
        main(
            [
                "add",
                "--article",
                article_id,
                "--population",
                "volunteers",
                "--group",
                "foreign_volunteers",
                "--value",
                "25",
                "--country",
                "DK",
                "--sentence",
                "Some 25 Danes have volunteered.",
            ]
        )
        == 0
    )
    assert main(["review", "no-such-claim", "--confirm"]) == 2
    assert main(["run"]) == 0
    capsys.readouterr()

    export = installation / "timeline.csv"
    assert main(["export", "claim_timeline", "--format", "csv", "--output", str(export)]) == 0
    exported = export.read_text(encoding="utf-8")
    con = duckdb.connect(str(database), read_only=True)
    corrected = con.execute(
        "select value, qualifier, review_status from claim_timeline where claim_id = ?",
        [claim_id],
    ).fetchall()
    added = con.execute(
        "select country, value, review_status from claim_timeline where rule = 'analyst'"
    ).fetchall()
    rows = con.execute("select count(*) from claim_timeline").fetchall()[0][0]
    con.close()
    assert corrected == [(4500, "approximately", "corrected")]
    assert added == [("DK", 25, "added")]
    assert len(exported.strip().splitlines()) == rows + 1

    assert main(["export", "no_such_view"]) == 2

    capsys.readouterr()
    assert main(["review", "--queue"]) == 0
    queue = capsys.readouterr().out
    assert claim_id not in queue  # reviewed: off the queue
    assert "volunteers" in queue  # the Norwegian claims are still waiting


def test_run_prints_what_steps_did_and_leaves_dagster_debug_to_the_event_log(
    installation, monkeypatch, capsys
):
    import dagster as dg

    home = installation / "dagster_home"
    home.mkdir()
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    assert main(["run"]) == 0
    terminal = capsys.readouterr().err
    assert " - INFO - " in terminal and "new retrievals" in terminal
    assert " - DEBUG - " not in terminal
    with dg.DagsterInstance.get() as instance:
        (run,) = instance.get_runs()
        events = [entry.dagster_event for entry in instance.all_logs(run.run_id)]
    steps_done = {event.step_key for event in events if event and event.is_step_success}
    assert {"documents", "claims", "figure_timeline"} <= steps_done


def test_help_on_every_command():
    for command in (
        "run",
        "extract",
        "latest",
        "changes",
        "review",
        "add",
        "export",
        "report",
        "reextract",
    ):
        result = subprocess.run(
            [sys.executable, "-m", "assets.cli", command, "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, command
        assert "usage: headcount" in result.stdout


def test_parquet_export_round_trips_and_changes_lists_the_news(installation, capsys):
    assert main(["run"]) == 0
    output = installation / "latest.parquet"
    assert main(["export", "latest_figures", "--output", str(output)]) == 0
    database = installation / "warehouse" / "headcount.duckdb"
    con = duckdb.connect(str(database), read_only=True)
    original = con.execute("select * from latest_figures order by all").fetchall()
    exported = con.execute("select * from read_parquet(?) order by all", [str(output)]).fetchall()
    con.close()
    assert exported == original and len(original) == 2
    capsys.readouterr()

    assert main(["changes", "--since", "2000-01-01"]) == 0
    out = capsys.readouterr().out
    assert "New series (2)" in out and "400-500" in out
    listed = out[out.index("New figures") :].splitlines()
    figures = len(listed) - 2  # the title, the column names, then a line a figure
    assert listed[0] == f"New figures ({figures}):" and figures >= 2
    assert main(["changes", "--since", "2000-01-01", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert f"New figures ({figures}, the first 1 shown)" in out
    assert "New series (2, the first 1 shown)" in out
    with pytest.raises(SystemExit) as bad_date:
        main(["changes", "--since", "not-a-date"])
    assert bad_date.value.code == 2
