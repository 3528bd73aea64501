"""Schedules: fetch the network sources (feeds, URL lists, sitemaps) once a day."""

import dagster as dg

from assets.documents import IngestConfig
from assets.jobs import refresh_job

NETWORK_KINDS = ["feed", "urls", "sitemap"]

daily_network_sources = dg.ScheduleDefinition(
    name="daily_network_sources",
    job=refresh_job,
    cron_schedule="0 6 * * *",
    execution_timezone="UTC",
    run_config=dg.RunConfig(ops={"documents": IngestConfig(kinds=NETWORK_KINDS)}),
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every morning: fetch what is new from feeds, URL lists and sitemaps, then "
    "parse, extract and publish. Local folders are picked up by the inbox sensor.",
)
