"""Peak memory of each pipeline stage on N synthetic pages: which stage grows with the corpus.

    .venv/bin/python benchmarks/bench_stage_memory.py --pages 10000

Runs the functions of ``pipelines.stages`` the assets call (ingest, parse, extract, publish,
report) one after the other in this process, with the default worker pool, and reads the
process's peak resident set after each; the peak is reset between stages
(``/proc/self/clear_refs``, Linux), so a stage's figure is the most this process held while it
ran (at least what the stage before left resident), and ``stage_after_rss_mb`` what it left.
Workers are separate processes and not counted here: `bench_pipeline.py` measures the whole
tree. One size a process: memory a first run left resident would count in a second one.
Prints ``stage_peak_rss_mb_N_STAGE: value`` and ``stage_after_rss_mb_N_STAGE: value`` lines
and writes them as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
sys.path.insert(0, str(BENCH_DIR))
from checkout import use_this_checkout  # noqa: E402

use_this_checkout()


def _status_mb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) // 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def _reset_peak() -> None:
    with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
        clear.write("5")  # resets VmHWM to the current resident set


def measure(pages: int, scratch: Path) -> dict[str, float]:
    from generate_corpus import write_corpus

    from pipelines import stages
    from pipelines.settings import Settings
    from pipelines.warehouse import db

    corpus = scratch / "corpus"
    write_corpus(pages, corpus)
    (scratch / "reviews").mkdir()
    sources = scratch / "sources.yml"
    sources.write_text(
        f"sources:\n  - name: bench\n    kind: folder\n    path: {corpus}\n"
        '    patterns: ["*.html"]\n    topic: bench\n',
        encoding="utf-8",
    )
    settings = Settings(scratch / "warehouse", sources, scratch / "reviews")

    def in_build(step: Callable[..., object]) -> Callable[[], object]:
        def run() -> object:
            with db.open_build(settings) as con:
                return step(con)

        return run

    steps: dict[str, Callable[[], object]] = {
        "ingest": in_build(lambda con: stages.ingest_documents(settings, con)),
        "parse": in_build(lambda con: stages.parse_articles(settings, con)),
        "extract": in_build(stages.extract_article_claims),
        "publish": lambda: stages.publish_warehouse(settings),
        "report": lambda: stages.render_figure_report(settings),
    }
    result: dict[str, float] = {}
    for name, step in steps.items():
        _reset_peak()
        begin = time.perf_counter()
        step()
        result[f"stage_peak_rss_mb_{pages}_{name}"] = _status_mb("VmHWM")
        # What the stage left resident: a peak far above it was transient (DuckDB's buffers,
        # a batch's frames), not memory the run keeps.
        result[f"stage_after_rss_mb_{pages}_{name}"] = _status_mb("VmRSS")
        result[f"stage_s_{pages}_{name}"] = round(time.perf_counter() - begin, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--json", type=Path, default=OUT_DIR / "stage-memory.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="headcount-bench-memory-") as scratch:
        results = measure(args.pages, Path(scratch))
    for name, value in results.items():
        if name.startswith(("stage_peak", "stage_after")):
            print(f"{name}: {value}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
