"""`headcount`: run the pipeline, extract claims from files, and read the warehouse.

Exit codes: 0 success, 1 the work failed (a run failed, a file could not be read), 2 bad
arguments or missing inputs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.settings import Settings

if TYPE_CHECKING:
    import duckdb

LOGGER = logging.getLogger("headcount")
EXTRACT_SUFFIXES = (".html", ".htm", ".txt", ".md")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.command(args)
    except UsageError as exc:
        print(f"headcount: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `headcount extract ... | head`: the reader has all it wants
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0


class UsageError(Exception):
    """A bad argument or a missing input: exit 2 with a one-line message."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="headcount", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    run = commands.add_parser("run", help="materialize every asset, then print latest figures")
    run.add_argument("--source", help="re-ingest only this source of sources.yml")
    run.set_defaults(command=_run)

    reextract = commands.add_parser(
        "reextract", help="re-extract claims from the cached articles (no refetching), publish"
    )
    reextract.set_defaults(command=_reextract)

    extract = commands.add_parser(
        "extract", help="print the claims of files or folders, without touching the warehouse"
    )
    extract.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    extract.add_argument("--format", choices=("jsonl", "table"), default="table")
    extract.set_defaults(command=_extract)

    latest = commands.add_parser("latest", help="print the latest figure of every series")
    latest.set_defaults(command=_latest)

    changes = commands.add_parser(
        "changes", help="new series, new figures and largest changes since the previous run"
    )
    changes.add_argument("--since", type=_date_arg, help="a date (YYYY-MM-DD) instead")
    changes.set_defaults(command=_changes)

    review = commands.add_parser(
        "review", help="confirm, reject or correct a claim; --queue lists unreviewed claims"
    )
    review.add_argument("claim_id", nargs="?", help="the claim to review (see claim_timeline)")
    action = review.add_mutually_exclusive_group(required=True)
    action.add_argument("--queue", action="store_true", help="list unreviewed claims")
    action.add_argument("--confirm", action="store_true")
    action.add_argument("--reject", action="store_true")
    action.add_argument(
        "--correct",
        nargs="+",
        metavar="FIELD=VALUE",
        help="fields to correct: value, low, high, qualifier, country, population, "
        "population_group, speaker",
    )
    review.add_argument("--note", default="")
    review.add_argument("--reviewer", default=os.environ.get("USER", "analyst"))
    review.add_argument("--limit", type=int, default=20, help="queue length (default 20)")
    review.set_defaults(command=_review)

    add = commands.add_parser("add", help="add a claim the extractor missed")
    add.add_argument("--article", required=True, help="article_id the claim comes from")
    add.add_argument("--population", required=True, help="what is counted, e.g. volunteers")
    add.add_argument("--group", required=True, help="population group, e.g. foreign_volunteers")
    add.add_argument("--value", type=int)
    add.add_argument("--low", type=int)
    add.add_argument("--high", type=int)
    add.add_argument("--qualifier", default="exact")
    add.add_argument("--country", help="ISO 3166-1 alpha-2 of the people's origin")
    add.add_argument("--speaker")
    add.add_argument("--sentence", default="")
    add.add_argument("--note", default="")
    add.add_argument("--reviewer", default=os.environ.get("USER", "analyst"))
    add.set_defaults(command=_add)

    export = commands.add_parser("export", help="write a view to Parquet or CSV")
    export.add_argument("view", help="a view of sql/views/, e.g. claim_timeline")
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    export.add_argument("--output", type=Path, help="file to write (default: VIEW.FORMAT)")
    export.set_defaults(command=_export)

    report = commands.add_parser("report", help="print the path of the figures-over-time report")
    report.set_defaults(command=_report)
    return parser


def _run(args: argparse.Namespace) -> int:
    from pipelines.runner import materialize_all

    settings = Settings.from_env()
    if not settings.sources_file.is_file():
        raise UsageError(f"sources file not found: {settings.sources_file}")
    summary = materialize_all(settings, only_source=args.source)
    for line in summary.lines:
        print(line)
    if not summary.success:
        return 1
    return _latest(args)


def _reextract(args: argparse.Namespace) -> int:
    from pipelines import stages
    from pipelines.warehouse import db

    settings = Settings.from_env()
    with db.open_build(settings) as con:
        stages.forget_claims(con)
    print("forgot all extracted claims; re-extracting from the cached article texts")
    return _run(argparse.Namespace(source=None, **vars(args)))


def _latest(args: argparse.Namespace) -> int:
    from pipelines.warehouse import db, load

    settings = Settings.from_env()
    if not settings.database.is_file():
        raise UsageError(f"no warehouse at {settings.database}: run `make run` first")
    con = db.connect(settings.database, read_only=True)
    try:
        latest = load.read_query(con, "latest_figures_report")
    finally:
        con.close()
    print("Latest figures per series (topic, population group, country):")
    print(latest.to_string(index=False) if not latest.empty else "(no claims yet)")
    return 0


def _open_published() -> duckdb.DuckDBPyConnection:
    from pipelines.warehouse import db

    settings = Settings.from_env()
    if not settings.database.is_file():
        raise UsageError(f"no warehouse at {settings.database}: run `make run` first")
    return db.connect(settings.database, read_only=True)


def _changes(args: argparse.Namespace) -> int:
    from pipelines.warehouse.changes import changes_since, previous_run

    con = _open_published()
    try:
        since = dt.datetime.combine(args.since, dt.time()) if args.since else previous_run(con)
        changes = changes_since(con, since)
    finally:
        con.close()
    print(f"Changes since {since.isoformat(timespec='minutes') if since else 'the first run'}:")
    for title, frame in (
        ("New series", changes.new_series),
        ("Largest changes", changes.largest_changes),
        ("New figures", changes.new_figures),
    ):
        print(f"\n{title} ({len(frame)}):")
        print(frame.to_string(index=False) if not frame.empty else "  none")
    return 0


def _review(args: argparse.Namespace) -> int:
    from pipelines.warehouse import load
    from pipelines.warehouse.reviews import Review, ReviewsError, append_review

    con = _open_published()
    try:
        if args.queue:
            queue = load.read_query(con, "review_queue", limit=args.limit)
            print(queue.to_string(index=False) if not queue.empty else "no unreviewed claims")
            return 0
        if not args.claim_id:
            raise UsageError("review needs a CLAIM_ID (or --queue)")
        known = load.read_query(con, "claim_exists", claim_id=args.claim_id)
    finally:
        con.close()
    if known.empty:
        raise UsageError(f"no claim {args.claim_id!r} in the warehouse")
    action = "confirm" if args.confirm else "reject" if args.reject else "correct"
    fields = tuple(_field(item) for item in args.correct or ())
    review = Review(
        claim_id=args.claim_id,
        action=action,
        reviewer=args.reviewer,
        reviewed_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        note=args.note,
        fields=fields,
    )
    try:
        path = append_review(Settings.from_env().reviews_dir, review)
    except ReviewsError as exc:
        raise UsageError(str(exc)) from exc
    print(f"{action} {args.claim_id}: recorded in {path}; applied on the next run")
    return 0


def _add(args: argparse.Namespace) -> int:
    from pipelines.warehouse import load
    from pipelines.warehouse.reviews import Review, ReviewsError, added_claim_id, append_review

    if args.value is None and args.low is None and args.high is None:
        raise UsageError("add needs --value, or --low and/or --high")
    con = _open_published()
    try:
        known = load.read_query(con, "article_exists", article_id=args.article)
    finally:
        con.close()
    if known.empty:
        raise UsageError(f"no article {args.article!r} in the warehouse")
    fields = {
        key: str(value)
        for key, value in (
            ("value", args.value),
            ("low", args.low),
            ("high", args.high),
            ("qualifier", args.qualifier),
            ("country", args.country),
            ("population", args.population),
            ("population_group", args.group),
            ("speaker", args.speaker),
        )
        if value is not None
    }
    claim = added_claim_id(args.article, args.sentence, fields)
    review = Review(
        claim_id=claim,
        action="add",
        reviewer=args.reviewer,
        reviewed_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        note=args.note,
        article_id=args.article,
        sentence=args.sentence,
        fields=tuple(fields.items()),
    )
    try:
        path = append_review(Settings.from_env().reviews_dir, review)
    except ReviewsError as exc:
        raise UsageError(str(exc)) from exc
    print(f"added claim {claim}: recorded in {path}; applied on the next run")
    return 0


def _export(args: argparse.Namespace) -> int:
    from pipelines.warehouse.sqlfiles import view_files, view_name

    views = sorted(view_name(path) for path in view_files())
    if args.view not in views:
        raise UsageError(f"unknown view {args.view!r}; one of: {', '.join(views)}")
    output = args.output or Path(f"{args.view}.{args.format}")
    con = _open_published()
    try:
        relation = con.table(args.view)
        if args.format == "parquet":
            relation.write_parquet(str(output))
        else:
            relation.write_csv(str(output))
    finally:
        con.close()
    print(output)
    return 0


def _report(args: argparse.Namespace) -> int:
    report = Settings.from_env().reports_dir / "index.html"
    if not report.is_file():
        raise UsageError(f"no report at {report}: run `make run` first")
    print(report)
    return 0


def _field(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"--correct takes FIELD=VALUE, not {item!r}")
    return name.strip(), value.strip()


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _extract(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from pipelines.claims.contract import contract_record
    from pipelines.claims.extract import extract_claims
    from pipelines.ingest.folders import read_article

    files = list(_expand(args.paths))
    failures = 0
    progress = tqdm(files, desc="extracting", unit="file", disable=not sys.stderr.isatty())
    for path in progress:
        try:
            article = read_article(path)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            print(f"headcount: {path}: {exc}", file=sys.stderr)
            failures += 1
            continue
        for claim in extract_claims(article.text, article.published):
            record = contract_record(path.name, claim)
            if args.format == "jsonl":
                print(json.dumps(record, ensure_ascii=False))
            else:
                print(_table_line(record))
    return 1 if failures else 0


def _expand(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and _extractable(p))
        else:
            yield path


def _extractable(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return name.endswith(EXTRACT_SUFFIXES) and not name.endswith((".meta.yml", ".meta.json"))


def _table_line(record: dict) -> str:
    figure = record["value"] if record["value"] is not None else f"{record['low']}-{record['high']}"
    return "\t".join(
        str(part)
        for part in (
            record["doc"],
            figure,
            record["qualifier"],
            record["country"] or "-",
            record["population"],
            record["speaker"] or "-",
        )
    )


if __name__ == "__main__":
    sys.exit(main())
