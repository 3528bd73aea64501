"""The one Definitions object of Headcount: assets, jobs and resources."""

from __future__ import annotations

import dagster as dg

from assets.articles import articles
from assets.claims import claims
from assets.documents import documents
from assets.views import comparison_views
from pipelines.checks import CLAIM_CHECKS
from pipelines.resources import WarehouseResource
from pipelines.settings import Settings

ALL_ASSETS = [documents, articles, claims, comparison_views]

refresh_job = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.assets(*ALL_ASSETS),
    description="Ingest what is new, parse, extract and publish the warehouse.",
)


def resources(settings: Settings | None = None) -> dict[str, object]:
    return {"warehouse": WarehouseResource.from_settings(settings or Settings.from_env())}


defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=CLAIM_CHECKS,
    jobs=[refresh_job],
    resources=resources(),
)
