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
    new_series: pd.DataFrame  # the first ``limit`` of them, when one was given
    new_figures: pd.DataFrame  # likewise
    largest_changes: pd.DataFrame
    new_series_count: int  # how many in all
    new_figures_count: int

    def listed(self) -> list[tuple[str, pd.DataFrame, int]]:
        """Each list's title, rows and how many it holds in all (the rows may be fewer)."""
        return [
            ("New series", self.new_series, self.new_series_count),
            ("Largest changes", self.largest_changes, len(self.largest_changes)),
            ("New figures", self.new_figures, self.new_figures_count),
        ]


def previous_run(con: duckdb.DuckDBPyConnection) -> dt.datetime | None:
    rows = con.execute(sqlfiles.query("previous_publication")).fetchall()
    return rows[0][0] if rows else None


def changes_since(
    con: duckdb.DuckDBPyConnection, since: dt.datetime | None, limit: int | None = None
) -> Changes:
    """Changes brought by claims retrieved at or after ``since`` (everything when None), the
    new series and figures listed up to ``limit`` each (all when None). A first run makes every
    claim a new figure: a preview asks for a few, not a frame of the whole warehouse."""
    params = {"since": since or dt.datetime.min}
    listed = params | {"limit": limit}
    new_series, new_figures = con.execute(sqlfiles.query("changes_counts"), params).fetchall()[0]
    return Changes(
        since=since,
        new_series=con.execute(sqlfiles.query("changes_new_series"), listed).df(),
        new_figures=con.execute(sqlfiles.query("changes_new_figures"), listed).df(),
        largest_changes=con.execute(sqlfiles.query("changes_largest"), params).df(),
        new_series_count=new_series,
        new_figures_count=new_figures,
    )


def record_publication(con: duckdb.DuckDBPyConnection, at: dt.datetime) -> None:
    con.execute(sqlfiles.query("record_publication"), {"published_at": at})
