"""Headcount's claim extractor beside quantulum3, on the same article texts: F1 and speed.

    .venv/bin/python benchmarks/bench_extractor.py [--passes 3]

Documents: with ``--corpus``, the annotated real articles of ``eval/`` (the realistic
workload, scored with the project's scorer); else the dev set (``../shared/seeds/*`` and
``../shared/eval/dev/*``, scored with ``../shared/eval/score.py``) when present; otherwise 50
synthetic pages of ``generate_corpus.py``,
scored against their ``truth.jsonl`` with a simple matcher (document, number and, unless
value-only, country). Both extractors get the same text: the one Headcount's ``parse_document``
produces (``read_article``, as ``headcount extract``).

quantulum3 knows no people: we keep every quantity whose unit is ``dimensionless`` (bare counts
and numbers, years included; it tags percentages, money, lengths and durations with units, and
those are dropped), as integers; a quantity with an uncertainty written as a range ("between
1,000 and 1,500") becomes low/high. Its sentence is the Headcount sentence holding the number, so
only the quantity finding differs. quantulum3 is scored ``--value-only`` (it knows no country);
Headcount both ways.

Both extractors run in one subprocess: each one's start-up (imports and a first call on one
sentence) is reported apart; then ``--warm-up`` untimed passes over all documents (default 1),
then ``--passes`` timed passes whose median gives documents per CPU second (the headline) and
per wall-clock second. In a pass the two take turns document by document, each document timed
for each: this machine's speed swings twofold within minutes, and when one extractor's passes
ran after the other's, their ratio moved with it. Taking turns, the ratio still moves with the
machine's state (the same code read 44x and 51x an hour apart): compare versions run back to
back.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
SHARED = REPO.parent / "shared"
OUT_DIR = BENCH_DIR / "out"
WARM_UP_TEXT = "About 300 Norwegians have volunteered to join the International Legion."
SYNTHETIC_PAGES = 50
sys.path.insert(0, str(BENCH_DIR))
from checkout import use_this_checkout  # noqa: E402

use_this_checkout()


def dev_documents(shared: Path) -> list[Path]:
    """The public dev documents, or [] when ../shared is not there (a user's clone)."""
    folders = [shared / "seeds", shared / "eval" / "dev"]
    if not all(folder.is_dir() for folder in folders):
        return []
    return [path for folder in folders for path in sorted(folder.iterdir()) if path.is_file()]


# ---------------------------------------------------------------- child processes


def _child(texts_file: Path, passes: int, warm_up: int, pred_dir: Path) -> dict:
    """Both extractors in this process, timed document by document in turn."""
    extractors, startup_s = {}, {}
    for name, make in (("headcount", _headcount_extractor), ("quantulum3", _quantulum_extractor)):
        begin = time.perf_counter()
        extractors[name] = make()
        extractors[name]("warm-up", WARM_UP_TEXT)
        startup_s[name] = time.perf_counter() - begin
    documents = json.loads(texts_file.read_text(encoding="utf-8"))
    for _ in range(warm_up):  # warm-up passes, not timed
        for doc, text in documents.items():
            for extract in extractors.values():
                extract(doc, text)
    pass_s = {name: [] for name in extractors}
    pass_cpu_s = {name: [] for name in extractors}
    for _ in range(passes):
        records = {name: [] for name in extractors}
        wall = dict.fromkeys(extractors, 0.0)
        cpu = dict.fromkeys(extractors, 0.0)
        for doc, text in documents.items():
            for name, extract in extractors.items():
                started, started_cpu = time.perf_counter(), time.process_time()
                records[name].extend(extract(doc, text))
                wall[name] += time.perf_counter() - started
                cpu[name] += time.process_time() - started_cpu
        for name in extractors:
            pass_s[name].append(wall[name])
            pass_cpu_s[name].append(cpu[name])
    results = {}
    for name in extractors:
        with open(pred_dir / f"{name}.jsonl", "w", encoding="utf-8") as handle:
            for record in records[name]:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        results[name] = {
            "startup_s": startup_s[name],
            "pass_s": pass_s[name],
            "pass_cpu_s": pass_cpu_s[name],
            "documents": len(documents),
            "docs_per_s": len(documents) / statistics.median(pass_s[name]),
            "docs_per_cpu_s": len(documents) / statistics.median(pass_cpu_s[name]),
            "predicted": len(records[name]),
        }
    return results


def _extraction_helpers():
    """read_article and contract_record, wherever this version of Headcount keeps them."""
    try:
        from pipelines.claims.contract import contract_record
        from pipelines.ingest.folders import read_article
    except ImportError:  # the layout before they moved out of pipelines/extraction_files.py
        from pipelines.extraction_files import contract_record, read_article
    return read_article, contract_record


def _headcount_extractor():
    from pipelines.claims.extract import extract_claims

    _, contract_record = _extraction_helpers()

    def extract(doc: str, text: str) -> list[dict]:
        return [contract_record(doc, claim) for claim in extract_claims(text)]

    return extract


def _quantulum_extractor():
    import warnings

    warnings.filterwarnings("ignore", module="quantulum3")  # "classifier not installed"
    from quantulum3 import classifier, parser

    # Its optional unit classifier is off, as when scikit-learn is absent: the pickle it ships
    # does not load in the scikit-learn `make train` installs, and units other than
    # "dimensionless" are dropped here anyway.
    classifier.USE_CLF = False

    from pipelines.claims.sentences import split_sentences

    def extract(doc: str, text: str) -> list[dict]:
        sentences = split_sentences(text)
        records = []
        for quantity in parser.parse(text):
            if quantity.unit.name != "dimensionless":
                continue
            value, low, high = _quantulum_numbers(quantity)
            if value is None and low is None:
                continue
            start = quantity.span[0]
            sentence = next((s.text for s in sentences if s.start <= start < s.end), "")
            records.append(
                {"doc": doc, "sentence": sentence, "value": value, "low": low, "high": high}
            )
        return records

    return extract


def _quantulum_numbers(quantity) -> tuple[int | None, int | None, int | None]:
    uncertainty = quantity.uncertainty
    surface = quantity.surface.lower()
    if uncertainty and any(mark in surface for mark in (" and ", " to ", "-", "–")):
        low, high = quantity.value - uncertainty, quantity.value + uncertainty
        if float(low).is_integer() and float(high).is_integer():
            return None, int(low), int(high)
    if not float(quantity.value).is_integer():
        return None, None, None
    return int(quantity.value), None, None


# ---------------------------------------------------------------- parent


def article_texts(paths: list[Path]) -> dict[str, str]:
    """The text the pipeline would extract from: read_article, as `headcount extract` does."""
    read_article, _ = _extraction_helpers()
    return {path.name: read_article(path).text for path in paths}


def run_extractors(texts_file: Path, passes: int, warm_up: int, scratch: Path) -> dict:
    """Both extractors' timings and predictions (files in ``scratch``), from one child."""
    result_file = scratch / "timings.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--child"]
    command += ["--texts", str(texts_file), "--passes", str(passes), "--warm-up", str(warm_up)]
    command += ["--pred", str(scratch), "--result", str(result_file)]
    print("  headcount and quantulum3, document by document ...", file=sys.stderr, flush=True)
    subprocess.run(command, check=True)
    results = json.loads(result_file.read_text())
    for name, result in results.items():
        result["pred"] = scratch / f"{name}.jsonl"
    return results


def score_shared(shared: Path, pred: Path, value_only: bool) -> dict:
    """../shared/eval/score.py's JSON summary."""
    eval_dir = shared / "eval"
    command = [
        sys.executable,
        str(eval_dir / "score.py"),
        "--gold",
        str(eval_dir / "dev_gold.jsonl"),
    ]
    command += ["--tolerate", str(eval_dir / "dev_tolerated.jsonl"), "--pred", str(pred), "--json"]
    if value_only:
        command.append("--value-only")
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.splitlines()[0])


def score_truth(truth: Path, pred: Path, value_only: bool) -> dict:
    """A simple matcher for synthetic truth: same document and number (and country)."""

    def key(record: dict) -> tuple:
        # The number is the value, or the low-high range when there is no value (as score.py).
        value = record.get("value")
        number = (value,) if value is not None else (record.get("low"), record.get("high"))
        numbers = (record["doc"], *number)
        return numbers if value_only else (*numbers, record.get("country"))

    gold = [key(json.loads(line)) for line in truth.read_text().splitlines() if line]
    predicted = [key(json.loads(line)) for line in pred.read_text().splitlines() if line]
    remaining = list(gold)
    matched = 0
    for item in predicted:
        if item in remaining:
            remaining.remove(item)
            matched += 1
    precision = matched / len(predicted) if predicted else 0.0
    recall = matched / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": len(gold),
        "predicted": len(predicted),
        "matched": matched,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def score_corpus(pred: Path, value_only: bool) -> dict:
    """The project's scorer over both parts of eval/ (the realistic workload's quality)."""
    from pipelines.evaluation.corpus import project_sets
    from pipelines.evaluation.score import read_jsonl, score

    sets = project_sets()
    gold = [g for s in sets for g in s.gold]
    tolerated = [t for s in sets for t in s.tolerated]
    result = score(gold, read_jsonl(pred), tolerated, value_only=value_only)
    return {
        "gold": result.gold,
        "predicted": result.predicted,
        "precision": result.precision,
        "recall": result.recall,
        "f1": result.f1,
    }


def measure(passes: int, warm_up: int, shared: Path, corpus: bool = False) -> dict:
    from bench_pipeline import git_head

    head = git_head()  # the commit measured, before a run of minutes in which it may move on
    scratch = Path(tempfile.mkdtemp(prefix="headcount-bench-extractor-"))
    documents = [] if corpus else dev_documents(shared)
    if corpus:
        from pipelines.evaluation.corpus import corpus_documents

        documents = corpus_documents()
        dataset = f"eval corpus ({len(documents)} real articles in eval/corpus/docs)"
    elif documents:
        dataset = "dev (../shared/seeds + ../shared/eval/dev)"
    else:
        from generate_corpus import write_corpus

        print(f"  {shared} not found: using {SYNTHETIC_PAGES} synthetic pages", file=sys.stderr)
        write_corpus(SYNTHETIC_PAGES, scratch / "corpus")
        documents = sorted((scratch / "corpus").glob("*.html"))
        dataset = f"{SYNTHETIC_PAGES} synthetic pages (generate_corpus.py, seed 0)"
    texts_file = scratch / "texts.json"
    texts_file.write_text(json.dumps(article_texts(documents)), encoding="utf-8")
    results = run_extractors(texts_file, passes, warm_up, scratch)
    if corpus:
        scores = {
            "headcount": score_corpus(results["headcount"]["pred"], False),
            "headcount_value_only": score_corpus(results["headcount"]["pred"], True),
            "quantulum3_value_only": score_corpus(results["quantulum3"]["pred"], True),
        }
    elif dataset.startswith("dev"):
        scores = {
            "headcount": score_shared(shared, results["headcount"]["pred"], False),
            "headcount_value_only": score_shared(shared, results["headcount"]["pred"], True),
            "quantulum3_value_only": score_shared(shared, results["quantulum3"]["pred"], True),
        }
    else:
        truth = scratch / "corpus" / "truth.jsonl"
        scores = {
            "headcount": score_truth(truth, results["headcount"]["pred"], value_only=False),
            "headcount_value_only": score_truth(truth, results["headcount"]["pred"], True),
            "quantulum3_value_only": score_truth(truth, results["quantulum3"]["pred"], True),
        }
    for result in results.values():
        result["pred"] = str(result["pred"])
    # The headline uses CPU seconds: both extractors are single-threaded, and on a shared
    # machine wall-clock passes of the same work varied 2x; wall-clock figures are kept too.
    speedup = results["headcount"]["docs_per_cpu_s"] / results["quantulum3"]["docs_per_cpu_s"]
    wall_speedup = results["headcount"]["docs_per_s"] / results["quantulum3"]["docs_per_s"]
    return {
        "git_head": head,
        "dataset": dataset,
        "documents": len(documents),
        "passes": passes,
        "warm_up_passes": warm_up,
        "extractors": results,
        "scores": scores,
        "extractor_speedup_vs_quantulum3": speedup,
        "extractor_speedup_vs_quantulum3_wall": wall_speedup,
        "scratch": str(scratch),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3, help="timed passes (median)")
    parser.add_argument("--warm-up", type=int, default=1, help="untimed passes first")
    parser.add_argument("--json", type=Path, default=OUT_DIR / "extractor.json")
    parser.add_argument("--shared", type=Path, default=SHARED, help="default: ../shared")
    parser.add_argument(
        "--corpus",
        action="store_true",
        help="the annotated real articles of eval/ instead of the dev set (the realistic workload)",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--texts", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--pred", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        result = _child(args.texts, args.passes, args.warm_up, args.pred)
        args.result.write_text(json.dumps(result), encoding="utf-8")
        return 0
    report = measure(args.passes, args.warm_up, args.shared, corpus=args.corpus)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"dataset: {report['dataset']}, {report['documents']} documents")
    header = f"{'extractor':<24}{'P':>7}{'R':>7}{'F1':>7}{'docs/cpu-s':>12}{'docs/s':>9}"
    print(f"{header}{'start-up s':>12}")
    for label, extractor in (
        ("headcount", "headcount"),
        ("headcount_value_only", "headcount"),
        ("quantulum3_value_only", "quantulum3"),
    ):
        score = report["scores"][label]
        timing = report["extractors"][extractor]
        print(
            f"{label:<24}{score.get('precision', float('nan')):>7.3f}"
            f"{score.get('recall', float('nan')):>7.3f}{score['f1']:>7.3f}"
            f"{timing['docs_per_cpu_s']:>12.2f}{timing['docs_per_s']:>9.2f}"
            f"{timing['startup_s']:>12.2f}"
        )
    print(f"(details: {args.json})")
    print(f"wall-clock speed-up: {report['extractor_speedup_vs_quantulum3_wall']:.1f}")
    print(f"extractor_speedup_vs_quantulum3: {report['extractor_speedup_vs_quantulum3']:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
