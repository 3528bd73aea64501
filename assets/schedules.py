"""Schedules: fetch the network sources (feeds, URL lists, sitemaps) once a day."""

import dagster as dg

from assets.documents import IngestConfig
from assets.jobs import refresh_job
from assets.partitions import SOURCES_NAME, partitions
from assets.resources import WarehouseResource
from pipelines.ingest.sources import load_sources

NETWORK_KINDS = ["feed", "urls", "sitemap"]


@dg.schedule(
    job=refresh_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every morning: fetch what is new from feeds, URL lists and sitemaps, then "
    "parse, extract and publish (in the team profile, one run per network source). Local "
    "folders are picked up by the inbox sensor.",
)
def daily_network_sources(context: dg.ScheduleEvaluationContext, warehouse: WarehouseResource):
    config = dg.RunConfig(ops={"documents": IngestConfig(kinds=NETWORK_KINDS)})
    if partitions() is None:
        return dg.RunRequest(run_config=config)
    registered = set(context.instance.get_dynamic_partitions(SOURCES_NAME))
    network = [
        s.name
        for s in load_sources(warehouse.settings.sources_file)
        if s.kind in NETWORK_KINDS and s.name in registered
    ]
    return [
        dg.RunRequest(
            run_key=f"{name}:{context.scheduled_execution_time:%Y-%m-%d}",
            partition_key=name,
            run_config=config,
            tags={"headcount/source": name},
        )
        for name in network
    ]
