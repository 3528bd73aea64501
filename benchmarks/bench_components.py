"""CPU milliseconds a page of each piece of work the pipeline does per document, side by side.

    .venv/bin/python benchmarks/bench_components.py [--pages 300] [--passes 3]

On N synthetic pages (``generate_corpus.py``), one process, the best of ``--passes`` passes
(CPU time, so other load on the machine matters less): trafilatura alone with the pipeline's
options, ``parse_document`` (trafilatura plus decoding and the language guess), the language
guess, the story fingerprint (Headcount's and trafilatura's own SimHash), the claim extractor,
and collecting the files into a raw cache. Where ``bench_pipeline.py`` says how the whole run
compares with trafilatura, this says which piece to look at.

Two figures say what the goals of BENCHMARKS.md cost at the least. ``floor_over_trafilatura``:
the pieces every new page needs (collected, parsed, fingerprinted, its claims extracted) over
trafilatura alone, which is the least ``pipeline_over_trafilatura`` could be with perfect
parallelism and no database, checks, publishing or report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from trafilatura import bare_extraction
from trafilatura.deduplication import Simhash

UNITS = {"floor_over_trafilatura": ""}  # the others: a page

sys.path.insert(0, str(Path(__file__).resolve().parent))
from checkout import use_this_checkout  # noqa: E402

use_this_checkout()
from generate_corpus import write_corpus  # noqa: E402

from pipelines.claims.extract import extract_claims  # noqa: E402
from pipelines.ingest.collect import collect  # noqa: E402
from pipelines.ingest.dedup import story_fingerprint  # noqa: E402
from pipelines.ingest.fetcher import Fetcher  # noqa: E402
from pipelines.ingest.language import detect_language  # noqa: E402
from pipelines.ingest.model import DocumentMeta  # noqa: E402
from pipelines.ingest.parse import TRAFILATURA_OPTIONS, parse_document  # noqa: E402
from pipelines.ingest.rawcache import RawCache  # noqa: E402
from pipelines.ingest.sources import Source  # noqa: E402


def best_ms_per_item(work: Callable[[object], object], items: list, passes: int) -> float:
    """The fastest of ``passes`` passes over ``items``, in CPU milliseconds an item."""
    timings = []
    for _ in range(passes):
        begin = time.process_time()
        for item in items:
            work(item)
        timings.append(time.process_time() - begin)
    return 1000 * min(timings) / len(items)


def collect_ms(corpus: Path, scratch: Path, pages: int, passes: int) -> float:
    """Collecting the folder into an empty raw cache (read, hash, store, log), per page."""
    source = Source(name="bench", kind="folder", topic="bench", path=corpus, patterns=("*.html",))
    timings = []
    for number in range(passes):
        cache = RawCache(scratch / f"raw{number}")
        begin = time.process_time()
        for _ in collect([source], cache, Fetcher()):
            pass
        timings.append(time.process_time() - begin)
    return 1000 * min(timings) / pages


def measure(pages: int, passes: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="headcount-components-") as scratch:
        corpus = Path(scratch) / "corpus"
        write_corpus(pages, corpus)
        bodies = [path.read_bytes() for path in sorted(corpus.glob("*.html"))]
        metas = [
            DocumentMeta(
                hashlib.sha256(body).hexdigest(), "bench", "bench", str(n), dt.datetime.now(dt.UTC)
            )
            for n, body in enumerate(bodies)
        ]
        texts = [parse_document(body, meta).text for body, meta in zip(bodies, metas, strict=True)]
        extract_claims(texts[0])  # lexicons and patterns built once, as in a worker
        figures = {
            "trafilatura": best_ms_per_item(
                lambda body: bare_extraction(body.decode("utf-8"), **TRAFILATURA_OPTIONS),
                bodies,
                passes,
            ),
            "parse_document": best_ms_per_item(
                lambda pair: parse_document(*pair), list(zip(bodies, metas, strict=True)), passes
            ),
            "language": best_ms_per_item(detect_language, texts, passes),
            "fingerprint": best_ms_per_item(story_fingerprint, texts, passes),
            "fingerprint_trafilatura_simhash": best_ms_per_item(
                lambda text: Simhash(text.casefold(), length=64), texts, passes
            ),
            "extract_claims": best_ms_per_item(extract_claims, texts, passes),
            "collect": collect_ms(corpus, Path(scratch), pages, passes),
        }
    needed = ("parse_document", "fingerprint", "extract_claims", "collect")
    figures["floor_over_trafilatura"] = sum(figures[n] for n in needed) / figures["trafilatura"]
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    figures = measure(args.pages, args.passes)
    for name, value in figures.items():
        print(f"{name}: {value:.2f}{UNITS.get(name, ' ms/page (CPU)')}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
