"""The reliability suite's machinery: installations under tmp_path, `headcount run` in a
subprocess (exit status, wall time, peak memory), and snapshots of a warehouse to compare runs.

Nothing here is a test; the fixtures that use it live in conftest.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines.settings import REVIEWS_ENV, SOURCES_ENV, WAREHOUSE_ENV, Settings

FIXTURES = Path(__file__).parents[1] / "fixtures"
CORPUS = FIXTURES / "corpus"
BAD = FIXTURES / "bad"
# The fixture corpus minus 03_gamma: the "before" state the crash and reader tests start from.
BASE_ARTICLES = ("01_alpha", "02_beta", "04_weather")
FULL_ARTICLES = (*BASE_ARTICLES, "03_gamma")
_SCRIPT = Path(sys.executable).with_name("headcount")
HEADCOUNT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "assets.cli"]
# Set once per session by conftest: child processes cache their bytecode there (the sandbox sets
# PYTHONDONTWRITEBYTECODE, which makes every `headcount` start-up recompile dagster: ~10 s).
PYCACHE_DIR: Path | None = None
CLAIM_TIMELINE_STABLE = (
    "select claim_id, country, value, low, high, qualifier, population_group, outlet, "
    "published_at, review_status from claim_timeline order by claim_id"
)
# A review written before the crash, which must still apply after the rerun: it corrects the
# US figure of 02_beta (">4000") to 4500.
REVIEW_HEADER = (
    "claim_id,action,article_id,sentence,value,low,high,qualifier,country,population,"
    "population_group,speaker,reviewer,reviewed_at,note\n"
)


@dataclass(frozen=True)
class Installation:
    """One Headcount installation under ``root``: sources.yml, articles/, reviews/, warehouse/."""

    root: Path

    @property
    def settings(self) -> Settings:
        return Settings(self.root / "warehouse", self.root / "sources.yml", self.root / "reviews")

    @property
    def articles(self) -> Path:
        return self.root / "articles"

    def env(self, crash_at: str | None = None) -> dict[str, str]:
        """The environment of a `headcount` child: this installation, an ephemeral Dagster."""
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DAGSTER_HOME", "HEADCOUNT_CRASH_AT", "PYTHONDONTWRITEBYTECODE")
        }
        settings = self.settings
        env[WAREHOUSE_ENV] = str(settings.warehouse_dir)
        env[SOURCES_ENV] = str(settings.sources_file)
        env[REVIEWS_ENV] = str(settings.reviews_dir)
        tmp = self.root / "tmp"
        tmp.mkdir(exist_ok=True)
        env["TMPDIR"] = str(tmp)  # dagster's ephemeral instance writes there, not in /tmp
        if PYCACHE_DIR is not None:
            env["PYTHONPYCACHEPREFIX"] = str(PYCACHE_DIR)
        if crash_at:
            env["HEADCOUNT_CRASH_AT"] = crash_at
        return env


def corpus_installation(root: Path, articles: tuple[str, ...] = BASE_ARTICLES) -> Installation:
    """An installation reading a copy of some articles of the fixture corpus."""
    root.mkdir(parents=True, exist_ok=True)
    install = Installation(root)
    install.articles.mkdir(exist_ok=True)
    add_articles(install, articles)
    shutil.copyfile(CORPUS / "sources.yml", install.settings.sources_file)
    return install


def add_articles(install: Installation, articles: tuple[str, ...]) -> None:
    for name in articles:
        for suffix in (".txt", ".meta.yml"):
            shutil.copyfile(
                CORPUS / "articles" / f"{name}{suffix}", install.articles / f"{name}{suffix}"
            )


def copy_installation(source: Installation, root: Path) -> Installation:
    """A copy of an installation (warehouse, raw cache, articles, reviews) at ``root``."""
    shutil.copytree(source.root, root, ignore=shutil.ignore_patterns("tmp"))
    return Installation(root)


def write_review(install: Installation, claim_id: str) -> None:
    """The correction of the test suite, byte-identical in every installation."""
    install.settings.reviews_dir.mkdir(exist_ok=True)
    (install.settings.reviews_dir / "reviews.csv").write_text(
        REVIEW_HEADER
        + f"{claim_id},correct,,,4500,,,approximately,,,,,reliability,2026-01-01T00:00:00,"
        "'; drop table claims; --\n",
        encoding="utf-8",
    )


@dataclass(frozen=True)
class RunResult:
    """How one `headcount` process ended."""

    returncode: int
    elapsed_s: float
    max_rss_mb: float
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def start_headcount(
    install: Installation, *args: str, crash_at: str | None = None, log_name: str = "run"
) -> tuple[subprocess.Popen, float]:
    """Start `headcount ARGS` (default `run`); its output goes to files under the installation."""
    logs = install.root / "logs"
    logs.mkdir(exist_ok=True)
    with (
        open(logs / f"{log_name}.out", "wb") as stdout,
        open(logs / f"{log_name}.err", "wb") as stderr,
    ):
        process = subprocess.Popen(
            [*HEADCOUNT, *(args or ("run",))],
            env=install.env(crash_at),
            cwd=install.root,
            stdout=stdout,
            stderr=stderr,
        )
    return process, time.monotonic()


def wait_headcount(
    install: Installation,
    process: subprocess.Popen,
    started: float,
    *,
    log_name: str = "run",
    timeout_s: float = 300.0,
) -> RunResult:
    """Reap the process with os.wait4 (for its peak RSS); kill it after ``timeout_s``."""
    deadline = started + timeout_s
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    logs = install.root / "logs"
    return RunResult(
        returncode=process.returncode,
        elapsed_s=elapsed,
        max_rss_mb=usage.ru_maxrss / 1024,
        stdout=(logs / f"{log_name}.out").read_text(encoding="utf-8", errors="replace"),
        stderr=(logs / f"{log_name}.err").read_text(encoding="utf-8", errors="replace"),
    )


def run_headcount(
    install: Installation, *args: str, crash_at: str | None = None, log_name: str = "run"
) -> RunResult:
    process, started = start_headcount(install, *args, crash_at=crash_at, log_name=log_name)
    return wait_headcount(install, process, started, log_name=log_name)


def assert_succeeded(result: RunResult) -> None:
    assert result.returncode == 0, result.output[-3000:]


def connect_published(install: Installation) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(install.settings.database), read_only=True)


# Where a build stopped reading its own raw cache's log: the offset of a log whose lines hold
# retrieval times, so it differs from one installation of the same corpus to another.
_POSITION_TABLES = {"retrieval_log_loaded"}


def table_contents(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without its timestamp columns (when things happened) and
    without the log position bookkeeping."""
    names = [row[0] for row in con.execute("select table_name from duckdb_tables()").fetchall()]
    contents = {}
    for name in sorted(set(names) - _POSITION_TABLES):
        relation = con.table(name)
        keep = [i for i, kind in enumerate(relation.types) if "TIMESTAMP" not in str(kind)]
        rows = [tuple(row[i] for i in keep) for row in relation.fetchall()]
        contents[name] = sorted(rows, key=repr)
    return contents


@dataclass(frozen=True)
class Snapshot:
    """What a published warehouse and its raw cache hold, minus retrieval times."""

    row_counts: dict[str, int]
    tables: dict[str, list[tuple]]
    claim_timeline: list[tuple]
    retrievals: list[str]


def snapshot(install: Installation) -> Snapshot:
    con = connect_published(install)
    try:
        tables = table_contents(con)
        timeline = con.execute(CLAIM_TIMELINE_STABLE).fetchall()
    finally:
        con.close()
    return Snapshot(
        row_counts={name: len(rows) for name, rows in tables.items()},
        tables=tables,
        claim_timeline=timeline,
        retrievals=retrieval_lines(install),
    )


def retrieval_lines(install: Installation) -> list[str]:
    """The retrieval log's records without their retrieval time and the file's mtime (both
    differ from one installation of the same corpus to another), sorted."""
    log = install.settings.raw_dir / "retrievals.jsonl"
    if not log.exists():
        return []
    records = []
    for line in log.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            record.pop("retrieved_at", None)
            record.pop("file_signature", None)
            records.append(json.dumps(record, sort_keys=True))
    return sorted(records)


def corrupt_objects(install: Installation) -> list[Path]:
    """Raw cache objects whose bytes do not hash to their name (a torn or partial write)."""
    objects = install.settings.raw_dir / "objects"
    return [
        path
        for path in objects.glob("??/*")
        if not path.name.startswith(".")
        and hashlib.sha256(path.read_bytes()).hexdigest() != path.name
    ]


def staging_leftovers(install: Installation) -> list[Path]:
    """Copies of the warehouse left beside the published file by an unfinished publish."""
    database = install.settings.database
    return sorted(database.parent.glob(f".{database.name}.*.tmp"))
