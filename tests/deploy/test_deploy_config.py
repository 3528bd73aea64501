"""The team deployment's configuration names what the code uses: the instance file is valid for
this Dagster, and the Kubernetes values and image agree with the module, tags, variables and
paths of the code (no cluster runs here: a renamed tag or variable must fail a test instead)."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import yaml
from dagster._core.instance.config import dagster_instance_config

from assets.partitions import PARTITION_TAG
from pipelines import settings
from pipelines.warehouse import lake

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SOURCE_TAG = "headcount/source"  # the tag the schedule and sensors give a source's runs


def _limits(entries: list[dict]) -> dict[str, int]:
    return {
        e["key"]: e["limit"] for e in entries if e["value"] == {"applyLimitPerUniqueValue": True}
    }


def test_the_instance_file_is_valid_and_queues_one_run_per_source(monkeypatch) -> None:
    monkeypatch.setenv("HEADCOUNT_DAGSTER_PG_URL", "postgresql+psycopg2://u@127.0.0.1:1/d")
    config, _ = dagster_instance_config(str(DEPLOY))
    coordinator = config["run_coordinator"]["config"]
    assert _limits(coordinator["tag_concurrency_limits"]) == {SOURCE_TAG: 1, PARTITION_TAG: 1}


def test_the_kubernetes_values_match_the_code() -> None:
    values = yaml.safe_load((DEPLOY / "k8s" / "values.yaml").read_text())
    [deployment] = values["dagster-user-deployments"]["deployments"]
    flag, module = deployment["dagsterApiGrpcArgs"]
    assert flag == "-m" and importlib.import_module(module).defs is not None
    launcher = values["runLauncher"]
    assert launcher["type"] == "K8sRunLauncher"
    run = launcher["config"]["k8sRunLauncher"]
    # Run pods see the same secrets and shared volume as the code server.
    for key in ("envSecrets", "volumes", "volumeMounts"):
        assert run[key] == deployment[key], key
    queue = values["dagsterDaemon"]["runCoordinator"]["config"]["queuedRunCoordinator"]
    assert _limits(queue["tagConcurrencyLimits"]) == {SOURCE_TAG: 1, PARTITION_TAG: 1}
    [mount] = deployment["volumeMounts"]
    image_env = _image_env()
    for variable in (settings.RAW_ENV, lake.DATA_ENV, settings.WAREHOUSE_ENV):
        assert image_env[variable].startswith(mount["mountPath"] + "/"), variable
    assert image_env[lake.PROFILE_ENV] == lake.TEAM


def test_the_schedule_and_sensors_tag_runs_with_the_limited_tag() -> None:
    for module in ("schedules", "sensors"):
        text = (Path(__file__).resolve().parents[2] / "assets" / f"{module}.py").read_text()
        assert f'"{SOURCE_TAG}"' in text, module


def _image_env() -> dict[str, str]:
    """The variables the image's ENV lines set."""
    text = (DEPLOY / "k8s" / "Dockerfile").read_text().replace("\\\n", " ")
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("ENV "):
            found.update(re.findall(r"(\w+)=(\S+)", line))
    return found


def test_the_services_run_installed_commands_with_variables_the_code_reads() -> None:
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    assert [u.name for u in units] == ["headcount-daemon.service", "headcount-webserver.service"]
    bin_dir = Path(sys.executable).parent
    for unit in units:
        [command] = re.findall(r"^ExecStart=(\S+)(.*)$", unit.read_text(), re.M)
        program, arguments = command
        assert (bin_dir / Path(program).name).exists(), program  # installed by `make setup`
        assert "-m assets.definitions" in arguments
    read = {
        settings.WAREHOUSE_ENV, settings.SOURCES_ENV, settings.REVIEWS_ENV, settings.RAW_ENV,
        lake.PROFILE_ENV, lake.CATALOG_ENV, lake.DATA_ENV, "DAGSTER_HOME",
        *re.findall(r"env: (\w+)", (DEPLOY / "dagster.yaml").read_text()),
    }  # fmt: skip
    env = (DEPLOY / "systemd" / "headcount.env").read_text()
    assert set(re.findall(r"^(\w+)=", env, re.M)) == read
