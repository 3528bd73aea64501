"""claims: every numeric claim about people in the articles, with bounds, country and speaker."""

import dagster as dg

from assets.metadata import markdown_table, step_metadata
from assets.partitions import partitions
from assets.resources import WarehouseResource
from pipelines import stages
from pipelines.claims.extract import EXTRACTOR_VERSION
from pipelines.warehouse import load


@dg.asset(
    deps=["articles"],
    group_name="extraction",
    kinds={"python", "duckdb"},
    owners=["team:headcount"],
    partitions_def=partitions(),
    code_version=EXTRACTOR_VERSION,  # a new extractor re-extracts every article
)
def claims(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Claims extracted from every article the current extractor has not processed: value or
    range, qualifier, population, country, speaker, sentence and offsets."""
    with warehouse.build() as con:
        result = stages.extract_article_claims(con)
        counts = load.count_rows(con)
        columns = load.read_query(con, "table_columns", table_name="claims")
        claim_counts = load.read_query(con, "claim_counts")
    context.log.info("extracted claims from %d articles", result.processed)
    metadata = step_metadata(result, counts["claims"], columns)
    for dimension, counts_by_value in claim_counts.groupby("dimension"):
        metadata[f"claims_by_{dimension}"] = dg.MetadataValue.md(
            markdown_table(counts_by_value[["value", "claims"]], max_rows=50)
        )
    return dg.MaterializeResult(metadata=metadata)
