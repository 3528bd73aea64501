"""articles: the readable text and metadata of each document, as trafilatura extracts it."""

import dagster as dg

from assets.metadata import step_metadata
from assets.partitions import partitions
from assets.resources import WarehouseResource
from pipelines import stages
from pipelines.warehouse import load


@dg.asset(
    deps=["documents"],
    group_name="ingestion",
    kinds={"python", "duckdb"},
    owners=["team:headcount"],
    partitions_def=partitions(),
    code_version="1",
)
def articles(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Article text, title, outlet, publication date (with precision), URL and language of every
    document not parsed before; irrelevant and unparseable documents are recorded with why."""
    with warehouse.build() as con:
        result = stages.parse_articles(warehouse.settings, con)
        counts = load.count_rows(con)
        columns = load.read_query(con, "table_columns", table_name="articles")
    context.log.info("parsed %d documents: %s", result.processed, result.outcomes)
    return dg.MaterializeResult(metadata=step_metadata(result, counts["articles"], columns))
