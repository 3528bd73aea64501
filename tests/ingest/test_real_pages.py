"""Robustness on real-world HTML: the 181 gzipped pages of the shared corpus, when present."""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
from pathlib import Path

import pytest

from pipelines.ingest.model import DocumentMeta, IngestError
from pipelines.ingest.parse import parse_document

REAL_PAGES = Path("/work/shared/corpus/real-pages")
_WORD_RE = re.compile(r"\w+")


@pytest.mark.skipif(not REAL_PAGES.is_dir(), reason="shared real-pages corpus absent")
def test_real_pages_parse_without_unexpected_exceptions(capsys) -> None:
    truth = json.loads((REAL_PAGES / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted(REAL_PAGES.glob("*.html.gz"))
    assert len(pages) == 181
    with_text, refused, recalls = 0, {}, []
    for page in pages:
        page_id = page.name.removesuffix(".html.gz")
        meta = DocumentMeta(
            document_id=page_id,
            source="real-pages",
            topic="robustness",
            location=page.name,
            retrieved_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        )
        try:
            article = parse_document(page.read_bytes(), meta)  # gzip is read transparently
        except IngestError as exc:
            refused[page.name] = exc.reason
            continue
        with_text += bool(article.text.strip())
        expected = set(_WORD_RE.findall(truth[page_id]["articleBody"].lower()))
        found = set(_WORD_RE.findall(article.text.lower()))
        recalls.append(len(expected & found) / max(len(expected), 1))
    with capsys.disabled():
        print(
            f"\nreal pages: {with_text}/{len(pages)} produced text, {len(refused)} refused "
            f"{sorted(set(refused.values()))}; median word recall against the ground truth "
            f"{statistics.median(recalls):.2f}, lowest {min(recalls):.2f}"
        )
    assert with_text >= 170  # all 181 did when written; a drop means the parser regressed
    assert statistics.median(recalls) >= 0.9
