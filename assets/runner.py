"""Materialize the whole asset graph in this process, as `make run` and `headcount run` do.

The in-process executor runs the graph in seconds where the multiprocess one costs ~3 s a step
(docs/toolchain.md). With ``DAGSTER_HOME`` set (the Makefile sets it under warehouse/), runs are
recorded in that instance and show up in `make ui`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import dagster as dg

from assets.checks import ASSET_CHECKS
from assets.definitions import ALL_ASSETS, resources
from assets.documents import IngestConfig
from assets.partitions import SOURCES_NAME, partitions
from pipelines.ingest.sources import load_sources
from pipelines.settings import Settings

# The terminal gets Dagster's INFO lines and above (what each step did, warnings, failures);
# its DEBUG events (each step's start, output, check and success: 51 lines for the seeds alone)
# stay in the run's event log, which `make ui` shows in full.
CONSOLE_LOG_LEVEL = "INFO"


@dataclass(frozen=True)
class RunSummary:
    success: bool
    lines: list[str]


def materialize_all(settings: Settings, *, only_source: str | None = None) -> RunSummary:
    """Run every asset once; a rerun with nothing new reprocesses no document.

    In the team profile, every source (or ``only_source``) is a partition run in turn, each
    made a partition first if it is not one yet; a deployment fans the same runs out over its
    run workers instead (deploy/README.md).
    """
    instance = (
        dg.DagsterInstance.get()
        if os.environ.get("DAGSTER_HOME")
        else dg.DagsterInstance.ephemeral()
    )
    if partitions() is None:
        return _materialize(settings, instance, only_source=only_source)
    names = [only_source] if only_source else [s.name for s in load_sources(settings.sources_file)]
    known = set(instance.get_dynamic_partitions(SOURCES_NAME))
    instance.add_dynamic_partitions(SOURCES_NAME, [name for name in names if name not in known])
    runs = [_materialize(settings, instance, partition=name) for name in names]
    return RunSummary(
        success=all(run.success for run in runs),
        lines=[
            f"{name}: {line}" for name, run in zip(names, runs, strict=True) for line in run.lines
        ],
    )


def _materialize(
    settings: Settings,
    instance: dg.DagsterInstance,
    *,
    only_source: str | None = None,
    partition: str | None = None,
) -> RunSummary:
    run_config = dg.RunConfig(
        ops={"documents": IngestConfig(source=only_source)},
        loggers={"console": {"config": {"log_level": CONSOLE_LOG_LEVEL}}},
    )
    result = dg.materialize(
        [*ALL_ASSETS, *ASSET_CHECKS],
        resources=resources(settings),
        instance=instance,
        run_config=run_config,
        partition_key=partition,
        raise_on_error=False,
    )
    return RunSummary(success=result.success, lines=_summary_lines(result))


def materialization_metadata(
    result: dg.ExecuteInProcessResult,
) -> dict[str, Mapping[str, dg.MetadataValue]]:
    """Each materialized asset's metadata, by asset name."""
    return {
        event.step_materialization_data.materialization.asset_key.to_user_string(): (
            event.step_materialization_data.materialization.metadata
        )
        for event in result.get_asset_materialization_events()
    }


def _summary_lines(result: dg.ExecuteInProcessResult) -> list[str]:
    lines = []
    for name, metadata in materialization_metadata(result).items():
        rows = metadata.get("dagster/row_count")
        processed = metadata.get("processed_this_run")
        detail = f"{name}: {rows.value if rows else '?'} rows"
        if processed is not None:
            detail += f", {processed.value} processed this run"
            if processed.value == 0 and name in ("articles", "claims"):
                detail += " (nothing new: no document reprocessed)"
        lines.append(detail)
    if not result.success:
        lines.append("run FAILED: see the log above")
    return lines
