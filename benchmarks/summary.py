"""Print the five headline figures of the last pipeline and extractor runs, one a line.

    .venv/bin/python benchmarks/summary.py PIPELINE_JSON EXTRACTOR_JSON

These are the last lines `make bench-quick` and `make bench` print (BENCHMARKS.md says what each
means and how it is measured).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def headline(pipeline: dict, extractor: dict) -> list[str]:
    metrics = pipeline["metrics"]
    figures = {
        "pipeline_over_trafilatura": metrics["pipeline_over_trafilatura"],
        "extractor_speedup_vs_quantulum3": extractor["extractor_speedup_vs_quantulum3"],
        "noop_rerun_fraction": metrics["noop_rerun_fraction"],
        "peak_rss_mb": metrics["peak_rss_mb"],
        "two_core_speedup": metrics["two_core_speedup"],
    }
    return [f"{name}: {_fmt(value)}" for name, value in figures.items()]


def _fmt(value: float | None) -> str:
    if value is None:
        return "not measured"
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


def main(argv: list[str] | None = None) -> int:
    pipeline_json, extractor_json = (Path(arg) for arg in (argv or sys.argv[1:]))
    pipeline = json.loads(pipeline_json.read_text(encoding="utf-8"))
    extractor = json.loads(extractor_json.read_text(encoding="utf-8"))
    print("\n".join(headline(pipeline, extractor)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
