"""The team profile's throughput: two runs on two sources at once against one run on both.

    .venv/bin/python benchmarks/bench_team.py --pages 1000

Starts a throwaway PostgreSQL (Debian's binaries, as the team tests do) for the lakes'
catalogs, writes two synthetic corpora of ``--pages`` pages each, then, each case a fresh
``headcount run`` with ``HEADCOUNT_PROFILE=team`` and one worker process
(``HEADCOUNT_WORKERS=1``):

* ``one_run``: one ``headcount run`` over both sources (2 x pages): in the team profile, the
  two sources' partition runs one after the other, publishing to their own lake;
* ``two_runs``: two runs started together, one source each, publishing to one shared lake.

``team_two_run_speedup`` is the one run's wall time over the two runs' (the later to finish):
on two cores, near 2 when the runs neither wait for each other nor for the lake. The lakes
must hold the same claims (counts compared). Results go to ``benchmarks/out/team.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
from checkout import use_this_checkout  # noqa: E402

use_this_checkout()
from generate_corpus import write_corpus  # noqa: E402

from pipelines.warehouse import lake  # noqa: E402
from tests.team.postgres import running_postgres, server_binaries  # noqa: E402

HEADCOUNT = Path(sys.executable).parent / "headcount"


def _sources(path: Path, corpora: dict[str, Path]) -> Path:
    lines = ["sources:"]
    for name, folder in corpora.items():
        lines += [
            f"  - name: {name}",
            "    kind: folder",
            f"    path: {json.dumps(str(folder))}",
            '    patterns: ["*.html"]',
            "    topic: bench",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _start(work: Path, corpora: dict[str, Path], config: lake.LakeConfig) -> subprocess.Popen:
    work.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEADCOUNT_", "DAGSTER_"))}
    env.update(
        HEADCOUNT_PROFILE="team",
        HEADCOUNT_LAKE_CATALOG=config.catalog,
        HEADCOUNT_LAKE_DATA=config.data_path,
        HEADCOUNT_WAREHOUSE=str(work / "warehouse"),
        HEADCOUNT_SOURCES=str(_sources(work / "sources.yml", corpora)),
        HEADCOUNT_REVIEWS=str(work / "reviews"),
        HEADCOUNT_WORKERS="1",
    )
    log = open(work / "run.log", "w")  # noqa: SIM115 - closed by the process's end
    return subprocess.Popen([str(HEADCOUNT), "run"], env=env, stdout=log, stderr=log)


def _wait(runs: list[subprocess.Popen], began: float) -> float:
    for run in runs:
        if run.wait() != 0:
            raise RuntimeError(f"a run failed: see {run.args} and its run.log")
    return time.perf_counter() - began


def _claims(config: lake.LakeConfig) -> int:
    con = lake.connect(config, read_only=True)
    try:
        return int(con.execute("select count(*) from claims").fetchall()[0][0])
    finally:
        con.close()


def measure(pages: int) -> dict:
    binaries = server_binaries()
    if binaries is None:
        raise SystemExit("PostgreSQL's server is not installed (apt-get install postgresql)")
    with (
        tempfile.TemporaryDirectory(prefix="bench-team-") as scratch,
        running_postgres(binaries) as server,
    ):
        root = Path(scratch)
        corpora = {}
        for index, name in enumerate(("source_a", "source_b")):
            write_corpus(pages, root / name, seed=index, start=index * pages)
            corpora[name] = root / name

        def lake_of(name: str) -> lake.LakeConfig:
            server.create_database(name)
            return lake.LakeConfig("postgres:" + server.dsn(name), str(root / f"{name}-data"))

        alone, shared = lake_of("one_run"), lake_of("two_runs")
        began = time.perf_counter()
        one_s = _wait([_start(root / "one", corpora, alone)], began)
        began = time.perf_counter()
        runs = [
            _start(root / f"run-{name}", {name: folder}, shared) for name, folder in corpora.items()
        ]
        two_s = _wait(runs, began)
        claims = {"one_run": _claims(alone), "two_runs": _claims(shared)}
    if claims["one_run"] != claims["two_runs"]:
        raise RuntimeError(f"the lakes differ: {claims}")
    return {
        "pages_per_source": pages,
        "one_run_s": round(one_s, 2),
        "two_runs_s": round(two_s, 2),
        "claims": claims["one_run"],
        "team_two_run_speedup": round(one_s / two_s, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages per source")
    parser.add_argument("--json", type=Path, default=BENCH_DIR / "out" / "team.json")
    args = parser.parse_args()
    result = measure(args.pages)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    for name, value in result.items():
        print(f"{name}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
