"""bench_pipeline's memory by stage: each PSS sample goes to the stage running when it was taken."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from bench_pipeline import _peak_by_stage  # noqa: E402


def test_each_sample_counts_for_the_stage_it_was_taken_in_and_gaps_are_other() -> None:
    run = {"spans": [("ingest_documents", 10.0, 20.0), ("parse_articles", 25.0, 40.0)]}
    samples = [(5.0, 9_000 * 1024), (12.0, 100 * 1024), (18.0, 150 * 1024),
               (22.0, 120 * 1024), (30.0, 300 * 1024), (50.0, 9_000 * 1024)]  # fmt: skip
    assert _peak_by_stage(run, samples) == {
        "ingest_documents": 150.0,
        "other": 120.0,  # between the two stages
        "parse_articles": 300.0,
    }  # before the first stage and after the last: not the run's (start-up, shutdown)
    assert _peak_by_stage({"spans": []}, samples) == {}
