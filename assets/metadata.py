"""Materialization metadata shared by the assets: row counts and markdown previews."""

from __future__ import annotations

import dagster as dg
import pandas as pd

from pipelines.stages import StepResult


def step_metadata(result: StepResult, row_count: int) -> dict[str, dg.MetadataValue]:
    """`dagster/row_count` (rows in the asset's table) plus what this run added and a preview."""
    metadata: dict[str, dg.MetadataValue] = {
        "dagster/row_count": dg.MetadataValue.int(row_count),
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
