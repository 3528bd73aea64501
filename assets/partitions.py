"""Sources as partitions: in the team profile each source is a partition, built, checked and
published by its own run, so a backfill over sources fans out over the run workers.

The embedded profile (`make run`) keeps one unpartitioned run over every source. Partitions are
added as sources.yml names them (the `source_partitions` sensor).
"""

from __future__ import annotations

import dagster as dg

from pipelines.warehouse import lake

SOURCES_NAME = "sources"
SOURCES = dg.DynamicPartitionsDefinition(name=SOURCES_NAME)
PARTITION_TAG = "dagster/partition"  # the tag Dagster gives a run of one partition


def partitions() -> dg.DynamicPartitionsDefinition | None:
    """The assets' partitions in this process's profile: sources in the team profile."""
    return SOURCES if lake.team_profile() else None
