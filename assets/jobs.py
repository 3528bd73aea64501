"""Jobs: the whole refresh, which schedules and sensors launch with their own run config."""

import dagster as dg

refresh_job = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all(),
    description="Ingest what is new, parse, extract and publish the warehouse.",
)
