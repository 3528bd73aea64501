"""The inbox sensor and the daily schedule, evaluated with Dagster's test contexts."""

from __future__ import annotations

import json

import dagster as dg

from assets import schedules, sensors
from assets.definitions import defs
from assets.partitions import SOURCES, SOURCES_NAME
from assets.resources import WarehouseResource
from assets.schedules import NETWORK_KINDS, daily_network_sources
from assets.sensors import inbox_files
from pipelines.settings import Settings


def _installation(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    sources = tmp_path / "sources.yml"
    sources.write_text(
        "sources:\n"
        "  - name: inbox\n"
        "    kind: folder\n"
        "    path: inbox\n"
        '    patterns: ["*.txt", "*.html"]\n'
        "    topic: ukraine-international-legion\n",
        encoding="utf-8",
    )
    settings = Settings(tmp_path / "warehouse", sources, tmp_path / "reviews")
    return inbox, WarehouseResource.from_settings(settings)


def _evaluate(warehouse, cursor=None):
    context = dg.build_sensor_context(cursor=cursor, resources={"warehouse": warehouse})
    return inbox_files(context)


def test_inbox_sensor_requests_a_run_for_a_dropped_file_once(tmp_path):
    inbox, warehouse = _installation(tmp_path)
    empty = _evaluate(warehouse)
    assert empty.run_requests == []

    (inbox / "new.txt").write_text("About 300 Norwegians have volunteered.", encoding="utf-8")
    result = _evaluate(warehouse, empty.cursor)
    [request] = result.run_requests
    assert request.run_config["ops"] == {"documents": {"config": {"source": "inbox"}}}
    assert request.tags["headcount/source"] == "inbox"

    again = _evaluate(warehouse, result.cursor)
    assert again.run_requests == []
    assert json.loads(again.cursor) == json.loads(result.cursor)


def test_inbox_sensor_ignores_files_its_patterns_do_not_match(tmp_path):
    inbox, warehouse = _installation(tmp_path)
    first = _evaluate(warehouse)
    (inbox / "notes.pdf").write_bytes(b"%PDF-1.4")
    assert _evaluate(warehouse, first.cursor).run_requests == []


def test_inbox_sensor_skips_without_an_inbox_source(tmp_path, corpus_settings):
    result = _evaluate(WarehouseResource.from_settings(corpus_settings))
    assert isinstance(result, dg.SkipReason)


def test_daily_schedule_fetches_only_network_sources(corpus_settings):
    warehouse = WarehouseResource.from_settings(corpus_settings)
    context = dg.build_schedule_context(resources={"warehouse": warehouse})
    run_request = daily_network_sources.evaluate_tick(context).run_requests[0]
    assert run_request.run_config["ops"] == {"documents": {"config": {"kinds": NETWORK_KINDS}}}
    assert set(NETWORK_KINDS) == {"feed", "urls", "sitemap"}
    assert daily_network_sources.cron_schedule == "0 6 * * *"


def test_schedule_and_sensor_are_registered():
    assert defs.resolve_schedule_def("daily_network_sources").job_name == "refresh_warehouse"
    assert defs.resolve_sensor_def("inbox_files").job_name == "refresh_warehouse"


def _team_profile(monkeypatch) -> None:
    """The team profile's partitions, for definitions imported in the embedded one."""
    for module in (sensors, schedules):
        monkeypatch.setattr(module, "partitions", lambda: SOURCES)


def test_in_the_team_profile_each_source_becomes_a_partition(tmp_path, monkeypatch):
    _team_profile(monkeypatch)
    _, warehouse = _installation(tmp_path)
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(instance=instance, resources={"warehouse": warehouse})
        result = sensors.source_partitions(context)
        [request] = result.dynamic_partitions_requests
        assert (request.partitions_def_name, list(request.partition_keys)) == ("sources", ["inbox"])
        instance.add_dynamic_partitions(SOURCES_NAME, ["inbox"])
        assert isinstance(sensors.source_partitions(context), dg.SkipReason)


def test_in_the_team_profile_the_inbox_run_is_its_partitions(tmp_path, monkeypatch):
    _team_profile(monkeypatch)
    inbox, warehouse = _installation(tmp_path)
    (inbox / "new.txt").write_text("About 300 Norwegians have volunteered.", encoding="utf-8")
    result = _evaluate(warehouse)
    [request] = result.run_requests
    assert request.partition_key == "inbox"
    [added] = result.dynamic_partitions_requests
    assert list(added.partition_keys) == ["inbox"]
