"""`headcount eval`: score the extractor on the project's corpus and on sets kept elsewhere."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from pipelines.claims.extract import EXTRACTOR_VERSION
from pipelines.cli.common import UsageError
from pipelines.evaluation.corpus import (
    EVAL_DIR,
    SetScore,
    evaluate,
    folder_set,
    predict,
    project_sets,
)
from pipelines.evaluation.score import Score

_FIELDS = ("qualifier", "speaker", "status")


def run(args: argparse.Namespace) -> int:
    sets = project_sets(args.eval_dir)
    for name, docs, gold, tolerated in args.set or []:
        documents = [p for part in docs.split(",") for p in _files(Path(part))]
        sets.append(folder_set(name, documents, Path(gold), Path(tolerated)))
    scores = []
    for evaluated in sets:
        if not evaluated.documents or not evaluated.gold:
            print(f"{evaluated.name}: no documents or no gold claims, skipped")
            continue
        scores.append(evaluate(evaluated, predict(evaluated.documents)))
    for result in scores:
        print(report(result))
    if args.record:
        record(args.record, scores, args.command_line)
    return 0


def report(result: SetScore) -> str:
    """A set's figures as a few aligned lines: whole, then by status, group and error kind."""
    lines = [
        f"== {result.name}: {result.documents} documents, {result.full.gold} gold claims, "
        f"{result.full.predicted} predicted",
        f"  full        {_prf(result.full)}",
        f"  value-only  {_prf(result.value_only)}",
        "  accuracy on matched: "
        + ", ".join(f"{name} {_number(result.full.accuracy(name))}" for name in _FIELDS),
    ]
    for title, slices in (("status", result.by_status), ("population group", result.by_group)):
        lines.append(f"  by {title}:")
        for key, part in slices.items():
            lines.append(f"    {key:<22} {_prf(part)}  ({part.gold} gold)")
    bands = result.precision_by_confidence()
    if bands:
        lines.append(
            "  precision by confidence: "
            + ", ".join(f">={low:.1f}: {precision:.3f} of {n}" for low, n, precision in bands)
        )
    lines.append("  errors:")
    for category, count in sorted(result.full.by_category.items()):
        lines.append(f"    {category:<40} {count}")
    return "\n".join(lines)


def _prf(score: Score) -> str:
    return f"P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def record(
    log: Path, scores: list[SetScore], command: str, version: str = EXTRACTOR_VERSION
) -> None:
    """Write one line per set to the EVAL.md table for this extractor version, replacing the
    version's earlier lines for the same sets (the file is created with its header if missing)."""
    header = (
        "# Extraction quality\n\n"
        "One line per extractor version and set, written by `make eval` "
        "(`headcount eval --record EVAL.md`).\n\n"
        "| date | extractor | set | docs | gold | F1 | P | R | value-only P | value-only R "
        "| qualifier | speaker | status | command |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True) if log.exists() else []
    replaced = {f"| {version} | {result.name} |" for result in scores}
    kept = [line for line in lines if not any(key in line for key in replaced)] or [header]
    today = dt.date.today().isoformat()
    for result in scores:
        full, value = result.full, result.value_only
        accuracy = " | ".join(_number(full.accuracy(name)) for name in _FIELDS)
        kept.append(
            f"| {today} | {version} | {result.name} | {result.documents} "
            f"| {full.gold} | {full.f1:.3f} | {full.precision:.3f} | {full.recall:.3f} "
            f"| {value.precision:.3f} | {value.recall:.3f} | {accuracy} | `{command}` |\n"
        )
    log.write_text("".join(kept), encoding="utf-8")


def _files(path: Path) -> list[Path]:
    if not path.exists():
        raise UsageError(f"no such file or folder: {path}")
    return sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    evaluate_command = commands.add_parser(
        "eval", help="score the extractor on eval/ (tuning and test parts) and other gold sets"
    )
    evaluate_command.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    evaluate_command.add_argument(
        "--set",
        nargs=4,
        action="append",
        metavar=("NAME", "DOCS", "GOLD", "TOLERATED"),
        help="another set: DOCS is files or folders, comma separated",
    )
    evaluate_command.add_argument("--record", type=Path, help="append the figures to this file")
    evaluate_command.add_argument(
        "--command-line", default="make eval", help="the command recorded beside the figures"
    )
    evaluate_command.set_defaults(command=run)

    corpus_command = commands.add_parser(
        "eval-corpus",
        help="agreement of eval/'s two annotators; assemble the adjudicated claims into its parts",
    )
    corpus_command.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    corpus_command.set_defaults(command=eval_corpus)

    train_command = commands.add_parser(
        "train",
        help="fit the scope, origin and confidence models on eval/'s tuning part "
        "(needs `uv sync --group train`: `make train`)",
    )
    train_command.add_argument("--eval-dir", type=Path, default=EVAL_DIR)
    gazetteer_command = commands.add_parser(
        "gazetteer",
        help="rewrite pipelines/data/cities.csv from GeoNames (needs `uv sync --group train`)",
    )
    gazetteer_command.set_defaults(command=write_gazetteer)
    train_command.add_argument(
        "--cross-validate",
        action="store_true",
        help="also score the whole extractor on tuning documents its models were not trained "
        "on (comparable with the test part)",
    )
    train_command.add_argument(
        "--deals",
        type=int,
        default=1,
        metavar="N",
        help="with --cross-validate: score under N ways of dealing the documents into folds "
        "and print each F1 and their spread (a change smaller than the spread is noise)",
    )
    train_command.add_argument(
        "--fold-models",
        type=Path,
        metavar="DIR",
        help="with --cross-validate: keep each fold's models in DIR and reuse those kept there; "
        "run before and after a change of the rules with the same DIR to score the change "
        "without the noise of retraining",
    )
    train_command.set_defaults(command=train_models)


def write_gazetteer(args: argparse.Namespace) -> int:
    try:
        from pipelines.evaluation.gazetteer import CITIES, write_cities

        count = write_cities()
    except ImportError as exc:
        raise UsageError(f"{exc.name} is missing: run `uv sync --group train`") from exc
    print(f"{CITIES}: {count} city names")
    return 0


def eval_corpus(args: argparse.Namespace) -> int:
    from pipelines.evaluation.annotations import agreement, assemble

    found = agreement(args.eval_dir)
    print(
        f"agreement of two annotators over {found.documents} documents "
        f"({found.full.gold} and {found.full.predicted} claims):\n"
        f"  full        {_prf(found.full)}\n"
        f"  value-only  {_prf(found.value_only)}\n"
        "  on claims both found: "
        + ", ".join(f"{name} {_number(found.full.accuracy(name))}" for name in _FIELDS)
    )
    for name, count in assemble(args.eval_dir).items():
        print(f"{name}: {count}")
    return 0


def train_models(args: argparse.Namespace) -> int:
    try:
        from pipelines.evaluation.train import cross_validate, train_all, tuning_part

        tuning = tuning_part(args.eval_dir)
        written = train_all(tuning)
        deals = max(1, args.deals) if args.cross_validate else 0
        held_out_scores = [
            cross_validate(tuning, seed=seed, fold_models=args.fold_models) for seed in range(deals)
        ]
    except ImportError as exc:
        raise UsageError(f"{exc.name} is missing: run `make train` (it installs it)") from exc
    scope, origin, confidence = written["scope"], written["origin"], written["confidence"]
    held_out = scope["cross_validated"]
    print(
        f"scope model: {scope['trained_on']}; {len(scope['weights'])} weights; "
        f"accept >= {scope['accept']}, veto < {scope['veto']}; in-scope mentions taken on "
        f"held-out documents: rules only {held_out['rules_only']}, "
        f"with the model {held_out['with_model']}"
    )
    print(
        f"origin model: {origin['trained_on']}; {len(origin['weights'])} weights; "
        f"right country on held-out documents: {origin['cross_validated']}"
    )
    print(f"confidence model: {confidence['trained_on']}; {len(confidence['weights'])} weights")
    if held_out_scores:
        print("the whole extractor on tuning documents its models did not see (5 folds):")
        print(report(held_out_scores[0]))
    if len(held_out_scores) > 1:
        f1 = [score.full.f1 for score in held_out_scores]
        print(
            f"full F1 under {len(f1)} deals of the documents: "
            + ", ".join(_number(value) for value in f1)
            + f"; mean {_number(sum(f1) / len(f1))}, spread {_number(max(f1) - min(f1))}"
        )
    return 0
