"""Bad configuration stops `headcount run` before it starts: one line naming the file, the line
and the fix, exit 2; a run started elsewhere (the UI) fails first with the same line."""

from __future__ import annotations

import subprocess
import sys

import dagster as dg
import pytest

from assets.cli import main
from assets.documents import documents
from assets.resources import WarehouseResource
from pipelines.settings import Settings

GOOD_SOURCES = "sources:\n  - name: seeds\n    kind: folder\n    topic: t\n    path: docs\n"


@pytest.fixture
def installation(tmp_path, monkeypatch):
    """A sources file, a reviews folder and a warehouse folder, named by the environment."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "reviews").mkdir()
    (tmp_path / "sources.yml").write_text(GOOD_SOURCES)
    monkeypatch.setenv("HEADCOUNT_SOURCES", str(tmp_path / "sources.yml"))
    monkeypatch.setenv("HEADCOUNT_REVIEWS", str(tmp_path / "reviews"))
    monkeypatch.setenv("HEADCOUNT_WAREHOUSE", str(tmp_path / "warehouse"))
    for name in ("HEADCOUNT_WORKERS", "HEADCOUNT_PROFILE", "HEADCOUNT_LAKE_CATALOG",
                 "HEADCOUNT_LAKE_DATA", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):  # fmt: skip
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def _break(installation, kind: str, monkeypatch) -> str:
    """Make one kind of mistake; return what the error line must name."""
    sources = installation / "sources.yml"
    if kind == "unknown kind":
        sources.write_text(GOOD_SOURCES.replace("kind: folder", "kind: folderz"))
        return "line 3: source 'seeds': kind 'folderz' is not one of folder"
    if kind == "invalid YAML":
        sources.write_text(GOOD_SOURCES + "  - name: [unclosed\n")
        return "invalid YAML"
    if kind == "no sources file":
        sources.unlink()
        return "sources.yml: not found"
    if kind == "bad review":
        (installation / "reviews" / "mine.csv").write_text("claim_id,action\nabc,confirm\n")
        return "mine.csv:1: missing columns"
    if kind == "bad workers":
        monkeypatch.setenv("HEADCOUNT_WORKERS", "two")
        return "HEADCOUNT_WORKERS='two': not a positive whole number"
    if kind == "unknown profile":
        monkeypatch.setenv("HEADCOUNT_PROFILE", "teams")
        return "HEADCOUNT_PROFILE='teams': not a profile"
    if kind == "team without a lake":
        monkeypatch.setenv("HEADCOUNT_PROFILE", "team")
        return "HEADCOUNT_PROFILE=team needs HEADCOUNT_LAKE_CATALOG"
    if kind == "a bucket without credentials":
        monkeypatch.setenv("HEADCOUNT_PROFILE", "team")
        monkeypatch.setenv("HEADCOUNT_LAKE_CATALOG", "postgres:dbname=lake host=127.0.0.1")
        monkeypatch.setenv("HEADCOUNT_LAKE_DATA", "s3://lake/data/")
        return "names an s3:// bucket: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
    raise AssertionError(kind)


KINDS = [
    "unknown kind",
    "invalid YAML",
    "no sources file",
    "bad review",
    "bad workers",
    "unknown profile",
    "team without a lake",
    "a bucket without credentials",
]


@pytest.mark.parametrize("kind", KINDS)
def test_headcount_run_prints_one_line_and_exits_2(installation, monkeypatch, capsys, kind):
    named = _break(installation, kind, monkeypatch)
    assert main(["run"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("headcount: ") and named in err
    assert not (installation / "warehouse").exists()  # nothing started


def test_the_installed_command_says_the_same(installation, monkeypatch):
    _break(installation, "unknown kind", monkeypatch)
    done = subprocess.run(
        [sys.executable, "-m", "assets.cli", "run"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"headcount: {installation / 'sources.yml'}: line 3: source 'seeds': kind 'folderz' is "
        "not one of folder, urls, feed, sitemap"
    ]


def test_a_run_started_from_the_ui_fails_first_with_the_same_line(installation, monkeypatch):
    named = _break(installation, "unknown kind", monkeypatch)
    result = dg.materialize(
        [documents],
        resources={"warehouse": WarehouseResource.from_settings(Settings.from_env())},
        raise_on_error=False,
    )
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert named in failure.step_failure_data.error.message
