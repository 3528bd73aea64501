"""The one Definitions object of Headcount: assets, checks, jobs, schedules, sensors, resources."""

from __future__ import annotations

import dagster as dg

from assets.articles import articles
from assets.checks import ASSET_CHECKS
from assets.claims import claims
from assets.documents import documents
from assets.jobs import refresh_job
from assets.report import figure_timeline
from assets.resources import WarehouseResource
from assets.schedules import daily_network_sources
from assets.sensors import inbox_files, source_partitions
from assets.views import comparison_views
from pipelines.settings import Settings

ALL_ASSETS = [documents, articles, claims, comparison_views, figure_timeline]


def resources(settings: Settings | None = None) -> dict[str, object]:
    return {"warehouse": WarehouseResource.from_settings(settings or Settings.from_env())}


# In-process: the multiprocess executor starts a Python process per step (~3 s each here,
# docs/toolchain.md); the CPU-bound work fans out to a worker pool inside the steps instead
# (pipelines/parallel.py). Steps run one after another anyway: they share one build file.
defs = dg.Definitions(
    assets=ALL_ASSETS,
    executor=dg.in_process_executor,
    asset_checks=ASSET_CHECKS,
    jobs=[refresh_job],
    schedules=[daily_network_sources],
    sensors=[inbox_files, source_partitions],
    resources=resources(),
)
