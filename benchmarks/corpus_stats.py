"""How a folder of pages compares with real news: page and text sizes, text share, numbers.

    .venv/bin/python benchmarks/corpus_stats.py FOLDER [FOLDER ...]

The synthetic corpus of ``generate_corpus.py`` is calibrated against the 181 real pages of
``../shared/corpus/real-pages`` with this script: the pipeline's costs beyond trafilatura grow
with the article text (fingerprint, language, claims), trafilatura's with the HTML, so a
corpus whose pages are mostly article text would misstate the ratio between them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
from pathlib import Path

from trafilatura import bare_extraction

from pipelines.ingest.parse import TRAFILATURA_OPTIONS

_NUMBER = re.compile(r"\d[\d,.]*")
_MIN_TEXT_CHARS = 300  # shorter extractions are error pages and menus, not articles


def page_stats(path: Path) -> tuple[int, int, int]:
    """(HTML bytes, extracted text characters, numbers in the text) of one page."""
    body = path.read_bytes()
    if body.startswith(b"\x1f\x8b"):
        body = gzip.decompress(body)
    html = body.decode("utf-8", errors="replace")
    result = bare_extraction(html, **TRAFILATURA_OPTIONS)
    text = (result.text or "") if result is not None else ""
    return len(body), len(text), len(_NUMBER.findall(text))


def folder_stats(folder: Path) -> dict:
    pages = sorted(p for p in folder.iterdir() if p.name.endswith((".html", ".html.gz")))
    rows = [page_stats(path) for path in pages]
    articles = [row for row in rows if row[1] >= _MIN_TEXT_CHARS]

    def deciles(values: list[float]) -> list[float]:
        cuts = statistics.quantiles(values, n=10)
        return [round(cuts[0], 2), round(statistics.median(values), 2), round(cuts[-1], 2)]

    return {
        "folder": str(folder),
        "pages": len(rows),
        "articles": len(articles),
        "html_kb_p10_p50_p90": deciles([html / 1000 for html, _, _ in articles]),
        "text_kb_p10_p50_p90": deciles([text / 1000 for _, text, _ in articles]),
        "text_share_p10_p50_p90": deciles([text / html for html, text, _ in articles]),
        "numbers_per_text_kb_p10_p50_p90": deciles([n / (t / 1000) for _, t, n in articles]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+")
    for folder in parser.parse_args(argv).folders:
        print(json.dumps(folder_stats(folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
