"""The whole pipeline against trafilatura alone, on the same pages, in the same run.

    .venv/bin/python benchmarks/bench_pipeline.py --pages 1000 [--rss-pages 10000 ...]

Every case runs in a fresh subprocess, so import costs and memory peaks never mix:

* ``trafilatura``: read each page (gunzip if needed), decode, ``bare_extraction(html,
  **TRAFILATURA_OPTIONS)`` (the options the pipeline uses: ``fast``, no fallback extractors),
  with as many worker processes as the pipeline uses.
* ``pipeline`` on a 1-page corpus: the fixed cost of a run (Dagster, warehouse creation, views,
  checks, report), subtracted from the N-page runs so it is reported, not hidden in the ratio.
* ``pipeline`` on N pages: a first ``materialize_all`` into a fresh warehouse, a second with
  nothing new (no-op), then a third after adding 1% new pages.
* ``pipeline`` on N pages with ``HEADCOUNT_WORKERS=1`` (first run only): the two-core speed-up.
* the 181 real pages of ``../shared/corpus/real-pages`` when present (trafilatura and pipeline),
  and a mixed feed: those pages (off-topic news) and synthetic on-topic ones, one page in ten
  on topic, read by a source with the shipped keywords: ``mixed_over_trafilatura`` is the
  whole pipeline against trafilatura run on every page.
* ``--rss-pages``: a first run at other sizes, for ``peak_rss_mb``.

Per-document costs are wall-clock: (T(N pages) - T(1 page)) / (N - 1). Stage times come from
timing the functions of ``pipelines.stages`` the assets call. Peak RSS is the largest sum of
VmRSS over the subprocess and its descendants, sampled every 50 ms from /proc, or the
subprocess's own ``ru_maxrss`` when that is larger; peak PSS the largest sum of their PSS
(shared pages divided among the processes that share them, so not counted once per worker),
sampled once a second: reading a process's ``smaps_rollup`` walks its page tables (13-24 ms of
CPU for a 300-700 MB process here), so sampling PSS every 50 ms took about half a core from the
pipeline being timed, and nothing from trafilatura's small processes.
Results go to ``benchmarks/out/``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SHARED = REPO.parent / "shared"
FEED_KEYWORDS = ["legion*", "volunteer*", "foreign fighter*", "mercenar*"]  # sources.yml's
OUT_DIR = BENCH_DIR / "out"
STAGES = [
    "ingest_documents",
    "parse_articles",
    "extract_article_claims",
    "publish_warehouse",
    "render_figure_report",
]
RSS_SAMPLE_S = 0.05
PSS_SAMPLE_S = 1.0  # the module docstring says why PSS is sampled less often than RSS

sys.path.insert(0, str(BENCH_DIR))
from checkout import use_this_checkout  # noqa: E402

use_this_checkout()
from generate_corpus import write_corpus  # noqa: E402


def git_head() -> str | None:
    """The commit the working tree sits on (uncommitted changes are not recorded)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        )
    except OSError:
        return None
    return done.stdout.strip() or None


def default_workers() -> int:
    """What the pipeline will use: HEADCOUNT_WORKERS, else os.cpu_count()."""
    return int(os.environ.get("HEADCOUNT_WORKERS") or os.cpu_count() or 1)


# ---------------------------------------------------------------- child processes


def _child_trafilatura(corpus: Path, workers: int) -> dict:
    started = time.perf_counter()
    import trafilatura  # noqa: F401

    imported = time.perf_counter()
    files = _page_files(corpus)
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_noop, range(workers)))  # start the workers outside the timing
            pool_ready = time.perf_counter()
            chunk = max(1, len(files) // (workers * 8))
            extracted = sum(pool.map(_trafilatura_one, files, chunksize=chunk))
            done = time.perf_counter()
    else:
        pool_ready = time.perf_counter()
        extracted = sum(_trafilatura_one(path) for path in files)
        done = time.perf_counter()
    return {
        "pages": len(files),
        "extracted": extracted,
        "import_s": imported - started,
        "pool_start_s": pool_ready - imported,
        "run_s": done - pool_ready,
    }


def _noop(_: int) -> None:
    return None


def _trafilatura_one(path: Path) -> int:
    import gzip

    from trafilatura import bare_extraction

    from pipelines.ingest.parse import TRAFILATURA_OPTIONS

    body = path.read_bytes()
    if body.startswith(b"\x1f\x8b"):
        body = gzip.decompress(body)
    result = bare_extraction(body.decode("utf-8", errors="replace"), **TRAFILATURA_OPTIONS)
    return int(result is not None and bool(result.text))


def _child_pipeline(
    corpus: Path, work: Path, extra: Path | None, rerun: bool, keywords: list[str] | None = None
) -> dict:
    started = time.perf_counter()
    from assets.runner import materialize_all
    from pipelines import stages
    from pipelines.settings import Settings

    imported = time.perf_counter()
    stage_s: dict[str, float] = {}
    spans: list[tuple[str, float, float]] = []  # (stage, wall-clock start, end): memory by stage
    for name in STAGES:
        setattr(stages, name, _timed(getattr(stages, name), name, stage_s, spans))
    (work / "reviews").mkdir(parents=True, exist_ok=True)
    sources = work / "sources.yml"
    _write_sources(sources, [corpus], keywords)
    settings = Settings(work / "warehouse", sources, work / "reviews")
    runs = {}
    phases = [("first", None)]
    if rerun:
        phases.append(("noop", None))
    if extra is not None:
        phases.append(("incremental", extra))
    for phase, added in phases:
        if added is not None:
            _write_sources(sources, [corpus, added])
        stage_s.clear()
        spans.clear()
        begin = time.perf_counter()
        summary = materialize_all(settings)
        seconds = time.perf_counter() - begin
        if not summary.success:
            raise RuntimeError(f"pipeline run failed ({phase}): {summary.lines}")
        runs[phase] = {
            "s": seconds,
            "stages_s": dict(stage_s),
            "spans": list(spans),
            "lines": summary.lines,
        }
    if extra is not None:
        runs["incremental"]["series"] = _series_touched(settings.build_database, "bench1")
    return {"pages": len(_page_files(corpus)), "import_s": imported - started, "runs": runs}


def _series_touched(database: Path, source: str) -> dict[str, int]:
    """How many series (topic, group, status, country) the claims of ``source``'s pages fall
    in, of all: what an incremental run must redraw even if the report redrew only the series
    that changed."""
    import duckdb

    with duckdb.connect(str(database), read_only=True) as con:
        row = con.execute(
            "select count(distinct (a.topic, c.population_group, c.status, c.country))"
            " filter (where a.source = $source),"
            " count(distinct (a.topic, c.population_group, c.status, c.country))"
            " from claims c join articles a using (article_id)",
            {"source": source},
        ).fetchone()
    assert row is not None  # an aggregate always returns a row
    return {"touched": int(row[0]), "total": int(row[1])}


def _timed(function, name: str, into: dict[str, float], spans: list[tuple[str, float, float]]):
    def wrapper(*args, **kwargs):
        begin, wall = time.perf_counter(), time.time()
        try:
            return function(*args, **kwargs)
        finally:
            into[name] = into.get(name, 0.0) + time.perf_counter() - begin
            spans.append((name, wall, time.time()))

    return wrapper


def _write_sources(path: Path, folders: list[Path], keywords: list[str] | None = None) -> None:
    lines = ["sources:"]
    for number, folder in enumerate(folders):
        lines += [
            f"  - name: bench{number}",
            "    kind: folder",
            f"    path: {json.dumps(str(folder))}",
            '    patterns: ["*.html", "*.html.gz"]',
            "    topic: bench",
        ]
        if keywords:
            lines.append(f"    keywords: {json.dumps(keywords)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _page_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.name.endswith((".html", ".html.gz")))


def _child_main(args: argparse.Namespace) -> int:
    import resource

    spawned_at = float(os.environ.get("BENCH_SPAWNED_AT", time.time()))
    entered = time.time()
    if args.child == "trafilatura":
        result = _child_trafilatura(args.corpus, args.workers)
    else:
        keywords = args.keywords.split(",") if args.keywords else None
        result = _child_pipeline(args.corpus, args.work, args.extra, args.rerun, keywords)
    result["interpreter_start_s"] = entered - spawned_at
    result["self_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["children_maxrss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    args.result.write_text(json.dumps(result), encoding="utf-8")
    return 0


# ---------------------------------------------------------------- parent


def run_case(name: str, child_args: list[str], workers: int, scratch: Path) -> dict:
    """Run one case in a fresh subprocess; its result plus the sampled peak RSS of its tree."""
    result_file = scratch / f"{name}.json"
    log_file = scratch / f"{name}.log"
    env = {**os.environ, "HEADCOUNT_WORKERS": str(workers), "BENCH_SPAWNED_AT": str(time.time())}
    env.pop("DAGSTER_HOME", None)  # an ephemeral instance: no run history written anywhere
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *child_args]
    command += ["--result", str(result_file), "--workers", str(workers)]
    print(f"  case {name} ...", file=sys.stderr, flush=True)
    begin = time.perf_counter()
    with open(log_file, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        peak_kb, peak_pss_kb, pss_samples = _sample_tree_memory(process)
    if process.returncode != 0:
        tail = log_file.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"case {name} failed ({process.returncode}):\n{tail}")
    result = json.loads(result_file.read_text())
    result["wall_s"] = time.perf_counter() - begin
    result["workers"] = workers
    result["peak_rss_mb"] = max(peak_kb / 1024, result["self_maxrss_mb"])
    result["peak_pss_mb"] = peak_pss_kb / 1024
    if "runs" in result:
        result["peak_pss_mb_by_stage"] = _peak_by_stage(result["runs"]["first"], pss_samples)
    print(f"  case {name}: {result['wall_s']:.1f} s", file=sys.stderr, flush=True)
    return result


def _sample_tree_memory(
    process: subprocess.Popen,
) -> tuple[int, int, list[tuple[float, int]]]:
    """Peaks of the process tree's summed RSS and summed PSS, in KB, and the PSS samples
    (wall-clock time, KB)."""
    peak_rss = peak_pss = 0
    samples: list[tuple[float, int]] = []
    next_pss = time.monotonic()
    while process.poll() is None:
        with_pss = time.monotonic() >= next_pss
        rss, pss = _tree_memory_kb(process.pid, with_pss=with_pss)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        if with_pss:
            samples.append((time.time(), pss))
            next_pss = time.monotonic() + PSS_SAMPLE_S
        time.sleep(RSS_SAMPLE_S)
    return peak_rss, peak_pss, samples


def _peak_by_stage(run: dict, samples: list[tuple[float, int]]) -> dict[str, float]:
    """The largest PSS sample (MB) taken while each stage of a run ran, and between them
    ("other": Dagster, checks, views): which stage sets the run's peak."""
    peaks: dict[str, float] = {}
    if not run["spans"]:
        return peaks
    first = min(start for _, start, _ in run["spans"])
    last = max(end for _, _, end in run["spans"])
    for at, kb in samples:
        if not first <= at <= last:
            continue
        stage = next((name for name, start, end in run["spans"] if start <= at <= end), "other")
        peaks[stage] = max(peaks.get(stage, 0.0), kb / 1024)
    return peaks


def _tree_memory_kb(pid: int, *, with_pss: bool) -> tuple[int, int]:
    """Summed RSS and (``with_pss``, else 0) PSS of a process and its descendants. Forked
    workers share most of their pages with the parent: RSS counts a shared page once per
    process, PSS divides it among them, so the PSS sum is the memory the tree really holds."""
    rss = pss = 0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            rss += _proc_field_kb(f"/proc/{current}/status", "VmRSS:")
            if with_pss:
                pss += _proc_field_kb(f"/proc/{current}/smaps_rollup", "Pss:")
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return rss, pss


def _proc_field_kb(path: str, field: str) -> int:
    lines = Path(path).read_text().splitlines()
    return next((int(line.split()[1]) for line in lines if line.startswith(field)), 0)


def measure(args: argparse.Namespace) -> dict:
    workers = args.workers or default_workers()
    scratch = Path(tempfile.mkdtemp(prefix="headcount-bench-"))
    report: dict = {
        "pages": args.pages,
        "workers": workers,
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "loadavg_start": os.getloadavg(),
        "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "git_head": git_head(),
    }
    try:
        corpus, extra, one = scratch / "corpus", scratch / "extra", scratch / "one"
        shape = {"seed": args.seed, "gzipped": args.gzip, "countries": args.countries}
        report["corpus"] = write_corpus(args.pages, corpus, **shape)
        write_corpus(max(1, args.pages // 100), extra, start=args.pages, **shape)
        write_corpus(1, one, start=10 * args.pages, **shape)
        (extra / "truth.jsonl").unlink()

        def pipeline(name: str, folder: Path, *flags: str, n_workers: int = workers) -> dict:
            work = scratch / f"work-{name}"
            child = ["pipeline", "--corpus", str(folder), "--work", str(work), *flags]
            result = run_case(name, child, n_workers, scratch)
            shutil.rmtree(work, ignore_errors=True)
            return result

        def trafilatura(name: str, folder: Path, n_workers: int = workers) -> dict:
            return run_case(name, ["trafilatura", "--corpus", str(folder)], n_workers, scratch)

        cases = report["cases"] = {}
        cases["trafilatura"] = trafilatura("trafilatura", corpus)
        cases["pipeline_1page"] = pipeline("pipeline_1page", one, "--rerun")
        cases["pipeline"] = pipeline("pipeline", corpus, "--rerun", "--extra", str(extra))
        if workers > 1 and not args.no_two_core:
            cases["pipeline_1worker"] = pipeline("pipeline_1worker", corpus, n_workers=1)
        real_pages = args.shared / "corpus" / "real-pages"
        if real_pages.is_dir() and not args.no_real:
            cases["real_trafilatura"] = trafilatura("real_trafilatura", real_pages)
            cases["real_pipeline"] = pipeline("real_pipeline", real_pages)
            mixed = _mixed_feed(real_pages, scratch / "mixed", shape)
            cases["mixed_trafilatura"] = trafilatura("mixed_trafilatura", mixed)
            keywords = ",".join(FEED_KEYWORDS)
            cases["mixed_pipeline"] = pipeline("mixed_pipeline", mixed, "--keywords", keywords)
        elif not args.no_real:
            print(f"  {real_pages} not found: real pages skipped", file=sys.stderr)
        for size in args.rss_pages:
            folder = scratch / f"corpus-{size}"
            write_corpus(size, folder, **shape)
            cases[f"pipeline_{size}"] = pipeline(f"pipeline_{size}", folder)
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        if args.keep:
            print(f"  kept {scratch}", file=sys.stderr)
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    report["loadavg_end"] = os.getloadavg()
    report["metrics"] = metrics(report)
    return report


def _mixed_feed(real_pages: Path, folder: Path, shape: dict) -> Path:
    """A realistic feed: the real pages (off-topic news) and synthetic on-topic ones, one in
    ten pages on topic."""
    real = _page_files(real_pages)
    write_corpus(max(1, round(len(real) / 9)), folder, start=20_000, **shape)
    (folder / "truth.jsonl").unlink()
    for page in real:
        shutil.copyfile(page, folder / page.name)
    return folder


def metrics(report: dict) -> dict:
    """The derived figures: per-document costs net of the fixed cost, ratios, peaks."""
    cases = report["cases"]
    fixed = cases["pipeline_1page"]["runs"]
    full = cases["pipeline"]
    n = full["pages"]
    first, noop, incr = (full["runs"][p]["s"] for p in ("first", "noop", "incremental"))
    pipe_ms = 1000 * (first - fixed["first"]["s"]) / (n - 1)
    traf_ms = 1000 * cases["trafilatura"]["run_s"] / cases["trafilatura"]["pages"]
    report_s = full["runs"]["first"]["stages_s"].get("render_figure_report", 0.0)
    fixed_report_s = fixed["first"]["stages_s"].get("render_figure_report", 0.0)
    pipe_no_report_ms = pipe_ms - 1000 * (report_s - fixed_report_s) / (n - 1)
    out = {
        "fixed_run_s": fixed["first"]["s"],
        "fixed_noop_run_s": fixed["noop"]["s"],
        "pipeline_import_s": cases["pipeline"]["import_s"],
        "pipeline_interpreter_start_s": cases["pipeline"]["interpreter_start_s"],
        "trafilatura_import_s": cases["trafilatura"]["import_s"],
        "trafilatura_ms_per_doc": traf_ms,
        "pipeline_ms_per_doc": pipe_ms,
        "pipeline_ms_per_doc_without_report": pipe_no_report_ms,
        "pipeline_over_trafilatura": pipe_ms / traf_ms,
        "pipeline_over_trafilatura_without_report": pipe_no_report_ms / traf_ms,
        "pipeline_per_doc_ms_by_stage": {
            name: 1000
            * (
                full["runs"]["first"]["stages_s"].get(name, 0.0)
                - fixed["first"]["stages_s"].get(name, 0.0)
            )
            / (n - 1)
            for name in STAGES
        },
        "first_run_s": first,
        "noop_run_s": noop,
        "noop_rerun_fraction": ((noop - fixed["noop"]["s"]) / (n - 1)) / (pipe_ms / 1000),
        "noop_rerun_fraction_raw": noop / first,
        "incremental_1pct_run_s": incr,
        # An incremental run's fixed cost is a rerun's (the warehouse exists), not a first run's.
        "incremental_1pct_fraction": (incr - fixed["noop"]["s"]) / (first - fixed["first"]["s"]),
        "incremental_1pct_fraction_raw": incr / first,
        # Series the 1% new pages add claims to, of all: what a per-series report would redraw.
        "incremental_series_touched": full["runs"]["incremental"].get("series"),
        "peak_rss_mb": full["peak_rss_mb"],
        "peak_pss_mb": full.get("peak_pss_mb"),
        "trafilatura_peak_rss_mb": cases["trafilatura"]["peak_rss_mb"],
    }
    if "pipeline_1worker" in cases:
        one_worker = cases["pipeline_1worker"]["runs"]["first"]["s"]
        out["pipeline_1worker_ms_per_doc"] = 1000 * (one_worker - fixed["first"]["s"]) / (n - 1)
        out["two_core_speedup"] = (one_worker - fixed["first"]["s"]) / (first - fixed["first"]["s"])
    else:
        out["two_core_speedup"] = None
    for prefix in ("real", "mixed"):  # a folder's pipeline run against trafilatura's
        if f"{prefix}_pipeline" not in cases:
            continue
        case = cases[f"{prefix}_pipeline"]
        pipe_ms = 1000 * (case["runs"]["first"]["s"] - fixed["first"]["s"]) / (case["pages"] - 1)
        traf = cases[f"{prefix}_trafilatura"]
        traf_ms = 1000 * traf["run_s"] / traf["pages"]
        out[f"{prefix}_pages"] = case["pages"]
        out[f"{prefix}_trafilatura_ms_per_doc"] = traf_ms
        out[f"{prefix}_pipeline_ms_per_doc"] = pipe_ms
        ratio = "real_pipeline_over_trafilatura" if prefix == "real" else "mixed_over_trafilatura"
        out[ratio] = pipe_ms / traf_ms
    for name, case in cases.items():
        if name.startswith("pipeline_") and name[9:].isdigit():
            size = int(name[9:])
            run_s = case["runs"]["first"]["s"]
            out[f"peak_rss_mb_{size}"] = case["peak_rss_mb"]
            out[f"peak_pss_mb_{size}"] = case.get("peak_pss_mb")
            out[f"peak_pss_mb_{size}_by_stage"] = case.get("peak_pss_mb_by_stage")
            out[f"pipeline_ms_per_doc_{size}"] = 1000 * (run_s - fixed["first"]["s"]) / (size - 1)
    return out


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rss-pages", type=int, nargs="*", default=[], metavar="N")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=0, help="default: HEADCOUNT_WORKERS/cpus")
    parser.add_argument("--gzip", action="store_true", help="gzipped pages")
    parser.add_argument("--countries", type=int, default=0, help="origins in the corpus (0=all)")
    parser.add_argument("--no-real", action="store_true", help="skip the 181 real pages")
    parser.add_argument("--no-two-core", action="store_true", help="skip the 1-worker run")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--shared", type=Path, default=SHARED, help="default: ../shared")
    parser.add_argument("--json", type=Path, default=OUT_DIR / "pipeline.json")
    parser.add_argument("--child", choices=("trafilatura", "pipeline"), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--extra", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--rerun", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--keywords", help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.child:
        return _child_main(args)
    report = measure(args)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    for key, value in report["metrics"].items():
        print(f"{key}: {_fmt(value)}")
    print(f"(details: {args.json})")
    return 0


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_fmt(v)}" for k, v in value.items())
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
