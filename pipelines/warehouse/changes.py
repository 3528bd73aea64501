"""What changed since a date (by default, since the previous run published the warehouse).

Analysts opening Headcount in the morning want the news first: series seen for the first time,
new figures, and the largest changes. "New" means retrieved at or after the date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from pipelines.warehouse import sqlfiles


@dataclass(frozen=True)
class Changes:
    since: dt.datetime | None  # None: everything is new (first run)
    new_series: pd.DataFrame
    new_figures: pd.DataFrame
    largest_changes: pd.DataFrame


def previous_run(con: duckdb.DuckDBPyConnection) -> dt.datetime | None:
    rows = con.execute(sqlfiles.query("previous_publication")).fetchall()
    return rows[0][0] if rows else None


def changes_since(con: duckdb.DuckDBPyConnection, since: dt.datetime | None) -> Changes:
    """Changes brought by claims retrieved at or after ``since`` (everything when None)."""
    params = {"since": since or dt.datetime.min}
    return Changes(
        since=since,
        new_series=con.execute(sqlfiles.query("changes_new_series"), params).df(),
        new_figures=con.execute(sqlfiles.query("changes_new_figures"), params).df(),
        largest_changes=con.execute(sqlfiles.query("changes_largest"), params).df(),
    )


def record_publication(con: duckdb.DuckDBPyConnection, at: dt.datetime) -> None:
    con.execute(sqlfiles.query("record_publication"), {"published_at": at})
