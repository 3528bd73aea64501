"""Materialization metadata shared by the assets: row counts and markdown previews."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, cast

import dagster as dg
import pandas as pd

from pipelines.stages import StepResult
from pipelines.warehouse.changes import Changes


def step_metadata(
    result: StepResult, row_count: int, columns: pd.DataFrame
) -> dict[str, dg.MetadataValue]:
    """`dagster/row_count` (rows in the asset's table), its column schema, what this run added
    and a preview."""
    metadata: dict[str, dg.MetadataValue] = {
        "dagster/row_count": dg.MetadataValue.int(row_count),
        "dagster/column_schema": dg.MetadataValue.table_schema(column_schema(columns)),
        "processed_this_run": dg.MetadataValue.int(result.processed),
    }
    for table, offered in result.rows_by_table.items():
        metadata[f"rows_offered/{table}"] = dg.MetadataValue.int(offered)
    for outcome, count in result.outcomes.items():
        metadata[f"outcome/{outcome}"] = dg.MetadataValue.int(int(count))
    if not result.preview.empty:
        metadata["preview"] = dg.MetadataValue.md(markdown_table(result.preview))
    return metadata


def markdown_table(frame: pd.DataFrame, max_rows: int = 10) -> str:
    return frame.head(max_rows).to_markdown(index=False)


def changes_markdown(changes: Changes) -> str:
    """New series, new figures and the largest changes since the previous run, as markdown."""
    since = changes.since.isoformat(timespec="minutes") if changes.since else "the first run"
    parts = [f"Since {since}:"]
    for title, frame, count in changes.listed():
        parts.append(f"### {title} ({count})")
        parts.append(markdown_table(frame) if not frame.empty else "none")
    return "\n\n".join(parts)


class _ColumnRow(Protocol):
    """A row of `sql/queries/table_columns.sql`, as `DataFrame.itertuples` gives it."""

    @property
    def column_name(self) -> str: ...
    @property
    def data_type(self) -> str: ...
    @property
    def nullable(self) -> bool: ...


def column_schema(columns: pd.DataFrame) -> dg.TableSchema:
    """A Dagster table schema from rows of `sql/queries/table_columns.sql`."""
    # pandas types itertuples' fields as any scalar; the query's columns say what they hold.
    rows = cast(Iterable[_ColumnRow], columns.itertuples())
    return dg.TableSchema(
        columns=[
            dg.TableColumn(
                name=row.column_name,
                type=row.data_type,
                constraints=dg.TableColumnConstraints(nullable=bool(row.nullable)),
            )
            for row in rows
        ]
    )
