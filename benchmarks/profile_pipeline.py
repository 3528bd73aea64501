"""Profile one pipeline run (``materialize_all``) on N synthetic pages with pyinstrument.

    .venv/bin/python benchmarks/profile_pipeline.py [--pages 1000] [--countries 0]

Runs with ``HEADCOUNT_WORKERS=1`` so parsing and extraction happen in the profiled process
(with a pool, pyinstrument would only see the parent waiting), and without ``DAGSTER_HOME``
(an ephemeral Dagster instance). Writes benchmarks/out/profile.txt and profile.html.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
sys.path.insert(0, str(BENCH_DIR))
from checkout import use_this_checkout  # noqa: E402

use_this_checkout()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--countries", type=int, default=0, help="origins (0 = all 30)")
    parser.add_argument("--out", type=Path, default=OUT_DIR / "profile")
    args = parser.parse_args(argv)
    os.environ["HEADCOUNT_WORKERS"] = "1"
    os.environ.pop("DAGSTER_HOME", None)
    from generate_corpus import write_corpus
    from pyinstrument import Profiler

    from assets.runner import materialize_all
    from pipelines.settings import Settings

    with tempfile.TemporaryDirectory(prefix="headcount-bench-profile-") as scratch:
        root = Path(scratch)
        write_corpus(args.pages, root / "corpus", countries=args.countries)
        (root / "reviews").mkdir()
        sources = root / "sources.yml"
        sources.write_text(
            "sources:\n  - name: bench\n    kind: folder\n"
            f"    path: {root / 'corpus'}\n"
            '    patterns: ["*.html"]\n    topic: bench\n',
            encoding="utf-8",
        )
        settings = Settings(root / "warehouse", sources, root / "reviews")
        profiler = Profiler(interval=0.005)
        begin = time.perf_counter()
        profiler.start()
        summary = materialize_all(settings)
        profiler.stop()
        seconds = time.perf_counter() - begin
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    args.out.with_suffix(".txt").write_text(text, encoding="utf-8")
    args.out.with_suffix(".html").write_text(profiler.output_html(), encoding="utf-8")
    print(f"{args.pages} pages: materialize_all {seconds:.1f} s, success={summary.success}")
    print(f"profile: {args.out.with_suffix('.txt')} and .html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
