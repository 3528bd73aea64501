"""Asset checks: bad claims must not reach the published warehouse.

The claims checks are blocking: when one fails, `comparison_views` (which publishes the
warehouse analysts read) does not run, and the last good warehouse stays in place.
"""

import datetime as dt

import dagster as dg
import pandas as pd

from assets.claims import claims
from assets.documents import documents
from assets.metadata import markdown_table
from assets.resources import WarehouseResource
from assets.views import comparison_views
from pipelines.claims.extract import EXTRACTOR_VERSION
from pipelines.ingest.sources import load_sources
from pipelines.warehouse import db, quality


def _result(
    offending: pd.DataFrame, severity: dg.AssetCheckSeverity = dg.AssetCheckSeverity.ERROR
) -> dg.AssetCheckResult:
    metadata: dict[str, dg.MetadataValue] = {"offending_rows": dg.MetadataValue.int(len(offending))}
    if not offending.empty:
        metadata["sample"] = dg.MetadataValue.md(markdown_table(offending))
    return dg.AssetCheckResult(passed=offending.empty, severity=severity, metadata=metadata)


@dg.asset_check(asset=claims, blocking=True)
def country_codes_are_iso(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every claim's country (and each of its countries) is an ISO 3166-1 alpha-2 code."""
    with warehouse.build() as con:
        return _result(quality.invalid_country_codes(con))


@dg.asset_check(asset=claims, blocking=True)
def bounds_are_consistent(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """low <= value <= high wherever set, all positive, and at least one of them set."""
    with warehouse.build() as con:
        return _result(quality.inconsistent_bounds(con))


@dg.asset_check(asset=claims, blocking=True)
def claims_trace_to_their_text(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every claim's article exists and its offsets slice back to its sentence and number."""
    with warehouse.build() as con:
        return _result(quality.untraceable_claims(con))


@dg.asset_check(asset=claims, blocking=True)
def claim_ids_are_unique(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """No two extracted claims share an id (which would silently keep only one of them)."""
    with warehouse.build() as con:
        return _result(quality.duplicate_claim_ids(con, EXTRACTOR_VERSION))


@dg.asset_check(asset=comparison_views)
def country_figures_within_total(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Per topic and week, per-country figures do not add up to more than the reported total."""
    con = db.connect(warehouse.settings.database, read_only=True)
    try:
        offending = quality.breakdown_above_total(con)
    finally:
        con.close()
    return _result(offending, dg.AssetCheckSeverity.WARN)


# Feeds and URL lists are fetched daily (schedules.py): two days without news is worth a warning.
MAX_SOURCE_AGE = dt.timedelta(hours=48)


@dg.asset_check(asset=documents)
def feed_sources_are_fresh(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    """Every feed, URL list and sitemap of sources.yml brought a document in the last 48 h."""
    network = [s.name for s in load_sources(warehouse.settings.sources_file) if s.kind != "folder"]
    since = dt.datetime.now(dt.UTC).replace(tzinfo=None) - MAX_SOURCE_AGE
    with warehouse.build() as con:
        stale = quality.stale_sources(con, network, since)
    return _result(stale, dg.AssetCheckSeverity.WARN)


# Every check runs with every run (the freshness policy of `documents` adds the UI's own view).
ASSET_CHECKS = [
    country_codes_are_iso,
    bounds_are_consistent,
    claims_trace_to_their_text,
    claim_ids_are_unique,
    country_figures_within_total,
    feed_sources_are_fresh,
]
