"""The team profile's definitions: every asset partitioned by source, and the daily schedule
fanning out one run per network source. Loaded in a fresh interpreter, since the profile is
read when the definitions are imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = """
import datetime as dt, json, sys
import dagster as dg
from pathlib import Path
from assets.definitions import defs
from assets.partitions import SOURCES_NAME
from assets.resources import WarehouseResource
from assets.schedules import daily_network_sources
from pipelines.settings import Settings

settings = Settings(*(Path(p) for p in sys.argv[1:4]))
repository = defs.get_repository_def()
partitioned = {
    key.to_user_string(): getattr(repository.assets_defs_by_key[key].partitions_def, "name", None)
    for key in repository.assets_defs_by_key
}
with dg.instance_for_test() as instance:
    instance.add_dynamic_partitions(SOURCES_NAME, ["wire", "picks", "files"])
    context = dg.build_schedule_context(
        instance=instance,
        resources={"warehouse": WarehouseResource.from_settings(settings)},
        scheduled_execution_time=dt.datetime(2026, 3, 1, 6, tzinfo=dt.UTC),
        repository_def=repository,
    )
    requests = daily_network_sources.evaluate_tick(context).run_requests
print(json.dumps({
    "partitioned": partitioned,
    "requests": [[r.partition_key, r.run_key, r.tags["headcount/source"]] for r in requests],
}))
"""


def test_team_profile_partitions_assets_and_fans_the_schedule_out(tmp_path: Path) -> None:
    sources = tmp_path / "sources.yml"
    sources.write_text(
        "sources:\n"
        "  - {name: wire, kind: feed, url: 'https://example.com/rss.xml', topic: t}\n"
        "  - {name: picks, kind: urls, urls: ['https://example.com/a'], topic: t}\n"
        "  - {name: files, kind: folder, path: files, patterns: ['*.txt'], topic: t}\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEADCOUNT_", "DAGSTER_"))}
    env["HEADCOUNT_PROFILE"] = "team"
    paths = [str(tmp_path / "warehouse"), str(sources), str(tmp_path / "reviews")]
    found = subprocess.run(
        [sys.executable, "-c", _SCRIPT, *paths], env=env, cwd=ROOT, capture_output=True,
        text=True, check=True,
    )  # fmt: skip
    result = json.loads(found.stdout.strip().splitlines()[-1])
    assert set(result["partitioned"].values()) == {"sources"}  # every asset, by source
    assert set(result["partitioned"]) >= {"documents", "articles", "claims", "comparison_views"}
    assert result["requests"] == [  # one run per network source, the folder left to the inbox
        ["wire", "wire:2026-03-01", "wire"],
        ["picks", "picks:2026-03-01", "picks"],
    ]
