"""claims: every numeric claim about people in the articles, with bounds, country and speaker."""

import dagster as dg

from assets.metadata import step_metadata
from pipelines import stages
from pipelines.resources import WarehouseResource
from pipelines.warehouse import load


@dg.asset(
    deps=["articles"],
    group_name="extraction",
    kinds={"python", "duckdb"},
    owners=["team:headcount"],
    code_version="1",
)
def claims(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Claims extracted from every article the current extractor has not processed: value or
    range, qualifier, population, country, speaker, sentence and offsets."""
    with warehouse.build() as con:
        result = stages.extract_article_claims(con)
        counts = load.count_rows(con)
    context.log.info("extracted claims from %d articles", result.processed)
    return dg.MaterializeResult(metadata=step_metadata(result, counts["claims"]))
