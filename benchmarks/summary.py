"""Print the headline figures of the last pipeline and extractor runs, one a line.

    .venv/bin/python benchmarks/summary.py PIPELINE_JSON EXTRACTOR_JSON

These are the last lines `make bench-quick` and `make bench` print (BENCHMARKS.md says what each
means and how it is measured).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Printed before the headline: the figures behind it (the headline is the last lines).
DETAILS = [
    "trafilatura_ms_per_doc",
    "pipeline_ms_per_doc",
    "pipeline_over_trafilatura_without_report",
    "real_pipeline_over_trafilatura",
]


def headline(pipeline: dict, extractor: dict) -> list[str]:
    """Detail lines, then the headline figures (the performance goals). peak_rss_mb is the
    largest peak of every size measured (the N-page run and any --rss-pages runs)."""
    metrics = pipeline["metrics"]
    peaks = {key: value for key, value in metrics.items() if key.startswith("peak_rss_mb_")}
    pss = {
        key: value
        for key, value in metrics.items()
        if key.startswith("peak_pss_mb") and value is not None
    }
    details = {key: metrics[key] for key in DETAILS if key in metrics} | pss | peaks
    figures = {
        "pipeline_over_trafilatura": metrics["pipeline_over_trafilatura"],
        "mixed_over_trafilatura": metrics.get("mixed_over_trafilatura"),
        "incremental_1pct_fraction": metrics["incremental_1pct_fraction"],
        "extractor_speedup_vs_quantulum3": extractor["extractor_speedup_vs_quantulum3"],
        "noop_rerun_fraction": metrics["noop_rerun_fraction"],
        "peak_rss_mb": max([metrics["peak_rss_mb"], *peaks.values()]),
        "two_core_speedup": metrics["two_core_speedup"],
    }
    return [f"{name}: {_fmt(value)}" for name, value in (details | figures).items()]


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
