"""documents: raw bodies in the content-addressed cache, and where each came from."""

import datetime as dt

import dagster as dg

from assets.metadata import step_metadata
from assets.partitions import partitions
from assets.resources import WarehouseResource
from pipelines import preflight, stages
from pipelines.warehouse import load

# Feeds and URL lists are fetched daily (assets/schedules.py): a day late warns, two fail.
DOCUMENTS_FRESHNESS = dg.FreshnessPolicy.time_window(
    fail_window=dt.timedelta(hours=48), warn_window=dt.timedelta(hours=26)
)


class IngestConfig(dg.Config):
    """Ingest one source alone (its name in sources.yml), or the sources of some kinds (folder,
    urls, feed, sitemap); every source when both are empty."""

    source: str | None = None
    kinds: list[str] | None = None


@dg.asset(
    group_name="ingestion",
    kinds={"python", "duckdb"},
    owners=["team:headcount"],
    partitions_def=partitions(),
    code_version="1",
    freshness_policy=DOCUMENTS_FRESHNESS,
)
def documents(
    context: dg.AssetExecutionContext, config: IngestConfig, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    """Raw bodies of every article retrieved from the configured sources, stored once by content
    hash under warehouse/raw, with source, location, retrieval time and status; failed retrievals
    land in `documents_not_loaded`."""
    try:  # the run's first failure says what to fix, in one line
        preflight.check(warehouse.settings)
    except preflight.ConfigurationError as exc:
        raise dg.Failure(description=str(exc), allow_retries=False) from None
    with warehouse.build() as con:
        result = stages.ingest_documents(
            warehouse.settings, con, only_source=config.source, kinds=config.kinds
        )
        counts = load.count_rows(con)
        columns = load.read_query(con, "table_columns", table_name="documents")
    context.log.info("%d new retrievals", result.processed)
    return dg.MaterializeResult(metadata=step_metadata(result, counts["documents"], columns))
