"""The analyst's commands on the published warehouse: changes, review, add, export, report."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.cli.common import UsageError, field, open_published
from pipelines.settings import Settings

if TYPE_CHECKING:
    from pipelines.warehouse.reviews import Review


def changes(args: argparse.Namespace) -> int:
    from pipelines.warehouse.changes import changes_since, previous_run

    con = open_published()
    try:
        since = dt.datetime.combine(args.since, dt.time()) if args.since else previous_run(con)
        changes = changes_since(con, since, args.limit)
    finally:
        con.close()
    print(f"Changes since {since.isoformat(timespec='minutes') if since else 'the first run'}:")
    for title, frame, count in changes.listed():
        shown = f", the first {len(frame)} shown" if len(frame) < count else ""
        print(f"\n{title} ({count}{shown}):")
        print(frame.to_string(index=False) if not frame.empty else "  none")
    return 0


def review(args: argparse.Namespace) -> int:
    from pipelines.warehouse import load
    from pipelines.warehouse.reviews import Review

    con = open_published()
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
    fields = tuple(field(item) for item in args.correct or ())
    review = Review(
        claim_id=args.claim_id,
        action=action,
        reviewer=args.reviewer,
        reviewed_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        note=args.note,
        fields=fields,
    )
    path = _record(review)
    print(f"{action} {args.claim_id}: recorded in {path}; applied on the next run")
    return 0


def add(args: argparse.Namespace) -> int:
    from pipelines.warehouse import load
    from pipelines.warehouse.reviews import Review, added_claim_id

    if args.value is None and args.low is None and args.high is None:
        raise UsageError("add needs --value, or --low and/or --high")
    con = open_published()
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
    path = _record(review)
    print(f"added claim {claim}: recorded in {path}; applied on the next run")
    return 0


def export(args: argparse.Namespace) -> int:
    from pipelines.warehouse.sqlfiles import view_files, view_name

    views = sorted(view_name(path) for path in view_files())
    if args.view not in views:
        raise UsageError(f"unknown view {args.view!r}; one of: {', '.join(views)}")
    output = args.output or Path(f"{args.view}.{args.format}")
    con = open_published()
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


def report(args: argparse.Namespace) -> int:
    report = Settings.from_env().reports_dir / "index.html"
    if not report.is_file():
        raise UsageError(f"no report at {report}: run `make run` first")
    print(report)
    return 0


def _record(review: Review) -> Path:
    """Append a review to reviews/reviews.csv; a review the file would reject is a usage error."""
    from pipelines.warehouse.reviews import ReviewsError, append_review

    try:
        return append_review(Settings.from_env().reviews_dir, review)
    except ReviewsError as exc:
        raise UsageError(str(exc)) from exc


def lake_sql(args: argparse.Namespace) -> int:
    """Print the statements that open the team profile's lake read-only (`make sql-lake`)."""
    from pipelines.warehouse import lake

    try:
        config = lake.LakeConfig.from_env()
    except lake.LakeError as exc:
        raise UsageError(str(exc)) from None
    if config is None:
        raise UsageError(f"{lake.PROFILE_ENV} is not team: the embedded warehouse is `make sql`")
    print(lake.shell_statements(config, snapshot_time=args.as_of))
    return 0
