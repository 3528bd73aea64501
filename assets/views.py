"""comparison_views: the analysts' warehouse file with the views of `sql/views/`, published."""

from __future__ import annotations

import dagster as dg

from assets.metadata import markdown_table
from pipelines import stages
from pipelines.resources import WarehouseResource
from pipelines.warehouse import db, load


@dg.asset(
    deps=["claims"],
    group_name="warehouse",
    kinds={"duckdb", "sql"},
    owners=["team:headcount"],
    code_version="1",
)
def comparison_views(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The views comparing figures across sources and dates (claim_timeline, latest_figures,
    figure_changes, ...), created in the build and published atomically as
    warehouse/headcount.duckdb for analysts."""
    views = stages.publish_warehouse(warehouse.settings)
    con = db.connect(warehouse.settings.database, read_only=True)
    try:
        latest = load.read_query(con, "latest_figures_report")
    finally:
        con.close()
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": dg.MetadataValue.int(len(latest)),
            "views": dg.MetadataValue.text(", ".join(views)),
            "path": dg.MetadataValue.path(str(warehouse.settings.database)),
            "latest_figures": dg.MetadataValue.md(markdown_table(latest, max_rows=20)),
        }
    )
