"""Reads and writes of the warehouse tables, always whole DataFrames, never row by row.

Every write adds the rows whose key is not in the table yet (`sql/queries/insert_*.sql`)
inside one transaction, so a rerun, or a run after a crash, adds exactly the rows that are
missing and nothing twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import duckdb
import pandas as pd

from pipelines.faults import crash_point
from pipelines.ingest.rawcache import LogPosition
from pipelines.warehouse import sqlfiles

TABLES = (
    "documents",
    "documents_not_loaded",
    "outlets",
    "articles",
    "parsed_documents",
    "claims",
    "extracted_articles",
    "retrieval_log_loaded",
)
# Vectors of 2,048 rows in a streamed chunk: ~32,000 rows.
STREAM_VECTORS = 16


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: pd.DataFrame) -> int:
    """Add the rows whose key is not in ``table`` yet; returns how many were offered."""
    if table not in TABLES:
        raise ValueError(f"unknown warehouse table {table!r}")
    if rows.empty:
        return 0
    con.register("new_rows", rows)
    try:
        con.execute(sqlfiles.query(f"insert_{table}"))
    finally:
        con.unregister("new_rows")
    return len(rows)


def write_tables(
    con: duckdb.DuckDBPyConnection,
    frames: dict[str, pd.DataFrame],
    replacing: Mapping[str, Mapping[str, object]] | None = None,
) -> None:
    """Insert several tables' rows in one transaction: all of a step lands, or none of it.

    ``replacing`` names delete queries (`sql/queries/NAME.sql` and their parameters) run first in
    the same transaction: rows the new ones supersede never outlive them, nor vanish without them.
    """
    con.begin()
    try:
        for name, params in (replacing or {}).items():
            con.execute(sqlfiles.query(name), params)
        for table, rows in frames.items():
            insert_rows(con, table, rows)
            crash_point("load_rows")  # rows written, transaction not yet committed
        con.commit()
    except BaseException:
        con.rollback()
        raise


def read_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run `sql/queries/NAME.sql` with bound parameters and return its rows."""
    return con.execute(sqlfiles.query(name), params or None).df()


def stream_query(
    con: duckdb.DuckDBPyConnection, name: str, *, vectors: int = STREAM_VECTORS, **params: object
) -> Iterator[pd.DataFrame]:
    """Run `sql/queries/NAME.sql` and yield its rows ``vectors`` x 2,048 at a time: for results
    read once in order and too large to hold whole."""
    result = con.execute(sqlfiles.query(name), params or None)
    while not (chunk := result.fetch_df_chunk(vectors)).empty:
        yield chunk


def log_position(con: duckdb.DuckDBPyConnection, log: str) -> LogPosition | None:
    """How far this build has loaded the retrieval log named ``log`` (None: not at all)."""
    found = con.execute(sqlfiles.query("retrieval_log_loaded"), {"log": log}).fetchall()
    return LogPosition(offset=found[0][0], head=found[0][1]) if found else None


def count_rows(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Exact row counts of every table, for run summaries and idempotence checks."""
    return {table: con.table(table).aggregate("count(*)").fetchall()[0][0] for table in TABLES}
