"""Sensors: ingest files as soon as they are dropped into an inbox folder source."""

import json

import dagster as dg

from assets.documents import IngestConfig
from assets.jobs import refresh_job
from assets.partitions import SOURCES, SOURCES_NAME, partitions
from assets.resources import WarehouseResource
from pipelines.ingest.inbox import folder_state, inbox_sources
from pipelines.ingest.sources import load_sources


@dg.sensor(
    job=refresh_job,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
)
def inbox_files(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    """Launch a run for an inbox folder source (a folder named `inbox` in sources.yml) when its
    files change; the cursor remembers each inbox's last fingerprint."""
    inboxes = inbox_sources(load_sources(warehouse.settings.sources_file))
    if not inboxes:
        return dg.SkipReason("no folder source named `inbox` in sources.yml")
    seen = json.loads(context.cursor) if context.cursor else {}
    partitioned = partitions() is not None
    requests = []
    for source in inboxes:
        state = folder_state(source)
        if state is not None and state != seen.get(source.name):
            requests.append(
                dg.RunRequest(
                    run_key=f"{source.name}:{state}",
                    run_config=dg.RunConfig(ops={"documents": IngestConfig(source=source.name)}),
                    tags={"headcount/source": source.name},
                    partition_key=source.name if partitioned else None,
                )
            )
        seen[source.name] = state
    # In the team profile the inbox is a partition: added (if new) before its run is launched.
    added = [SOURCES.build_add_request([r.partition_key for r in requests if r.partition_key])]
    return dg.SensorResult(
        run_requests=requests,
        cursor=json.dumps(seen, sort_keys=True),
        dynamic_partitions_requests=added if partitioned and requests else None,
    )


@dg.sensor(minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def source_partitions(context: dg.SensorEvaluationContext, warehouse: WarehouseResource):
    """In the team profile, make each source of sources.yml a partition as soon as it is named
    there, so a backfill can fan out over them. A source removed from the file keeps its
    partition and its history."""
    if partitions() is None:
        return dg.SkipReason("the embedded profile runs every source at once: no partitions")
    named = [source.name for source in load_sources(warehouse.settings.sources_file)]
    known = set(context.instance.get_dynamic_partitions(SOURCES_NAME))
    new = [name for name in named if name not in known]
    if not new:
        return dg.SkipReason("every source of sources.yml is a partition")
    return dg.SensorResult(dynamic_partitions_requests=[SOURCES.build_add_request(new)])
