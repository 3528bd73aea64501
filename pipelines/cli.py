"""`headcount`: run the pipeline, extract claims from files, and read the warehouse.

Exit codes: 0 success, 1 the work failed (a run failed, a file could not be read), 2 bad
arguments or missing inputs.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from pipelines.settings import Settings

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


def _extract(args: argparse.Namespace) -> int:
    from pipelines.claims.extract import extract_claims
    from pipelines.extraction_files import contract_record, read_article

    files = list(_expand(args.paths))
    failures = 0
    for path in files:
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
            record["doc"], figure, record["qualifier"], record["country"] or "-",
            record["population"], record["speaker"] or "-",
        )
    )


if __name__ == "__main__":
    sys.exit(main())
