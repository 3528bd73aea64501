"""All 181 real news pages of ../shared through `headcount extract` and the pipeline.

Skipped on a clone without ../shared (a user's clone has none); the pages are read in place,
never copied into the project.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines import stages
from pipelines.settings import Settings
from pipelines.warehouse import db, load

REAL_PAGES = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real-pages"
pytestmark = pytest.mark.skipif(
    not REAL_PAGES.is_dir(), reason=f"no real pages at {REAL_PAGES} (../shared is optional)"
)


def test_headcount_extract_reads_every_real_page():
    pages = sorted(REAL_PAGES.glob("*.html.gz"))
    result = subprocess.run(
        [sys.executable, "-m", "assets.cli", "extract", str(REAL_PAGES), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: some pages have no article text
    unreadable = [line for line in result.stderr.splitlines() if line.startswith("headcount:")]
    assert len(unreadable) < len(pages) // 10, unreadable
    for line in result.stdout.splitlines():
        record = json.loads(line)
        assert record["sentence"][
            record["start"] - record["sentence_start"] : record["end"] - record["sentence_start"]
        ]


def test_pipeline_ingests_every_real_page(tmp_path):
    sources = tmp_path / "sources.yml"
    sources.write_text(
        "sources:\n  - name: real\n    kind: folder\n"
        f"    path: {REAL_PAGES}\n    patterns: ['*.html.gz']\n    topic: news\n",
        encoding="utf-8",
    )
    settings = Settings(tmp_path / "warehouse", sources, tmp_path / "reviews")
    with db.open_build(settings) as con:
        stages.ingest_documents(settings, con)
        parsed = stages.parse_articles(settings, con)
        stages.extract_article_claims(con)
        counts = load.count_rows(con)
    pages = len(list(REAL_PAGES.glob("*.html.gz")))
    assert counts["documents"] == pages
    assert parsed.processed == pages
    assert (
        counts["articles"]
        + sum(n for outcome, n in parsed.outcomes.items() if outcome != "article")
        == pages
    )
    assert counts["extracted_articles"] == counts["articles"]
