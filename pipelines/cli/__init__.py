"""`headcount`: run the pipeline, extract claims from files, and read the warehouse.

The commands here need no Dagster (extract, read and review the warehouse, evaluate and train
the extractor); `assets.cli`, the command itself, adds those that run the assets.

Exit codes: 0 success, 1 the work failed (a run failed, a file could not be read), 2 bad
arguments or missing inputs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from pipelines.cli import evaluate, pipeline, warehouse
from pipelines.cli.common import UsageError, date_arg

LOGGER = logging.getLogger("headcount")


AddCommands = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]


def main(argv: Sequence[str] | None = None, add_commands: AddCommands | None = None) -> int:
    """Parse ``argv``, run the command; ``add_commands`` adds another layer's commands first."""
    parser = _parser(add_commands)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        status: int = args.command(args)  # each command returns its exit status
        return status
    except UsageError as exc:
        print(f"headcount: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `headcount extract ... | head`: the reader has all it wants
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0


def _parser(add_commands: AddCommands | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="headcount", description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    if add_commands is not None:
        add_commands(commands)

    extract = commands.add_parser(
        "extract", help="print the claims of files or folders, without touching the warehouse"
    )
    extract.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    extract.add_argument("--format", choices=("jsonl", "table"), default="table")
    extract.set_defaults(command=pipeline.extract)

    latest = commands.add_parser("latest", help="print the latest figure of every series")
    latest.set_defaults(command=pipeline.latest)

    changes = commands.add_parser(
        "changes", help="new series, new figures and largest changes since the previous run"
    )
    changes.add_argument("--since", type=date_arg, help="a date (YYYY-MM-DD) instead")
    changes.add_argument(
        "--limit", type=int, metavar="N", help="list only the first N new series and figures"
    )
    changes.set_defaults(command=warehouse.changes)

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
    review.set_defaults(command=warehouse.review)

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
    add.set_defaults(command=warehouse.add)

    export = commands.add_parser("export", help="write a view to Parquet or CSV")
    export.add_argument("view", help="a view of sql/views/, e.g. claim_timeline")
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    export.add_argument("--output", type=Path, help="file to write (default: VIEW.FORMAT)")
    export.set_defaults(command=warehouse.export)

    report = commands.add_parser("report", help="print the path of the figures-over-time report")
    report.set_defaults(command=warehouse.report)

    lake_sql = commands.add_parser(
        "lake-sql", help="print the statements that open the team's lake in the duckdb shell"
    )
    lake_sql.add_argument(
        "--as-of", type=dt.datetime.fromisoformat, metavar="TIME",
        help="open the lake as it stood then (UTC), e.g. 2026-03-01 or '2026-03-01 12:00'",
    )  # fmt: skip
    lake_sql.set_defaults(command=warehouse.lake_sql)

    evaluate.add_parser(commands)
    return parser
