"""Sensors: ingest files as soon as they are dropped into an inbox folder source."""

import json

import dagster as dg

from assets.documents import IngestConfig
from assets.jobs import refresh_job
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
    requests = []
    for source in inboxes:
        state = folder_state(source)
        if state is not None and state != seen.get(source.name):
            requests.append(
                dg.RunRequest(
                    run_key=f"{source.name}:{state}",
                    run_config=dg.RunConfig(ops={"documents": IngestConfig(source=source.name)}),
                    tags={"headcount/source": source.name},
                )
            )
        seen[source.name] = state
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(seen, sort_keys=True))
