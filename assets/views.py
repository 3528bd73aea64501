"""comparison_views: the analysts' warehouse file with the views of `sql/views/`, published."""

import dagster as dg

from assets.metadata import changes_markdown, markdown_table
from assets.partitions import partitions
from assets.resources import WarehouseResource
from pipelines import stages
from pipelines.warehouse import db, load


@dg.asset(
    deps=["claims"],
    group_name="warehouse",
    kinds={"duckdb", "sql"},
    owners=["team:headcount"],
    partitions_def=partitions(),
    code_version="1",
)
def comparison_views(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """The views comparing figures across sources and dates (claim_timeline, latest_figures,
    figure_changes, ...), created in the build and published atomically as
    warehouse/headcount.duckdb for analysts."""
    published = stages.publish_warehouse(warehouse.settings)
    con = db.connect(warehouse.settings.database, read_only=True)
    try:
        latest = load.read_query(con, "latest_figures_report")
    finally:
        con.close()
    lake_metadata = {}
    if published.lake is not None:  # the team profile: where the lake now stands
        lake_metadata = {
            "lake_snapshot": dg.MetadataValue.int(published.lake.snapshot),
            "lake_commit_attempts": dg.MetadataValue.int(published.lake.attempts),
            "lake_rows": dg.MetadataValue.json(published.lake.rows),
        }
    return dg.MaterializeResult(
        metadata={
            **lake_metadata,
            "dagster/row_count": dg.MetadataValue.int(len(latest)),
            "views": dg.MetadataValue.text(", ".join(published.views)),
            "reviews": dg.MetadataValue.int(published.reviews),
            "orphaned_reviews": dg.MetadataValue.int(len(published.orphaned_reviews)),
            "path": dg.MetadataValue.path(str(warehouse.settings.database)),
            "latest_figures": dg.MetadataValue.md(markdown_table(latest, max_rows=20)),
            "changes": dg.MetadataValue.md(changes_markdown(published.changes)),
        }
    )
