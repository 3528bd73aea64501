"""The one Definitions object of Headcount: assets, checks, jobs, schedules, sensors, resources."""

from __future__ import annotations

import dagster as dg

from assets.articles import articles
from assets.claims import claims
from assets.documents import documents
from assets.report import figure_timeline
from assets.views import comparison_views
from pipelines.checks import CLAIM_CHECKS
from pipelines.jobs import refresh_job
from pipelines.resources import WarehouseResource
from pipelines.schedules import daily_network_sources
from pipelines.sensors import inbox_files
from pipelines.settings import Settings

ALL_ASSETS = [documents, articles, claims, comparison_views, figure_timeline]


def resources(settings: Settings | None = None) -> dict[str, object]:
    return {"warehouse": WarehouseResource.from_settings(settings or Settings.from_env())}


defs = dg.Definitions(
    assets=ALL_ASSETS,
    asset_checks=CLAIM_CHECKS,
    jobs=[refresh_job],
    schedules=[daily_network_sources],
    sensors=[inbox_files],
    resources=resources(),
)
