"""A real PostgreSQL for the team profile's tests (``tests/team/postgres.py``), one for the
session. Without the server's binaries the tests skip, saying so; under
HEADCOUNT_REQUIRE_POSTGRES=1 (CI, which installs them) they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.warehouse.lake import (
    S3_ENDPOINT_ENV,
    S3_KEY_ENV,
    S3_REGION_ENV,
    S3_SECRET_ENV,
    LakeConfig,
    S3Store,
)
from tests.team.postgres import Postgres, running_postgres, server_binaries

REQUIRE_ENV = "HEADCOUNT_REQUIRE_POSTGRES"


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres]:
    binaries = server_binaries()
    if binaries is None:
        message = "PostgreSQL's server is not installed (apt-get install postgresql)"
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(message)
        pytest.skip(message)
    with running_postgres(binaries) as server:
        yield server


@pytest.fixture
def lake_config(postgres: Postgres, tmp_path: Path, request: pytest.FixtureRequest) -> LakeConfig:
    """A new, empty lake: its own catalog database and data folder."""
    name = "lake_" + request.node.name.lower().replace("[", "_").replace("]", "").replace("-", "_")
    postgres.create_database(name[:60])
    return LakeConfig(
        catalog="postgres:" + postgres.dsn(name[:60]), data_path=str(tmp_path / "lake")
    )


@pytest.fixture
def s3_store(request: pytest.FixtureRequest) -> Iterator[tuple[S3Store, dict[str, str]]]:
    """An S3-compatible server on loopback (moto's) with an empty bucket `lake`: the store,
    and the AWS variables a process reaches it with."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        env = {
            S3_KEY_ENV: "headcount-test",
            S3_SECRET_ENV: "not-a-real-secret",
            S3_REGION_ENV: "eu-west-1",
            S3_ENDPOINT_ENV: f"http://{host}:{port}",
        }
        store = S3Store("headcount-test", "not-a-real-secret", "eu-west-1", f"{host}:{port}", False)
        _bucket(env, "lake")
        yield store, env
    finally:
        server.stop()


def _bucket(env: dict[str, str], name: str) -> None:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=env[S3_ENDPOINT_ENV],
        aws_access_key_id=env[S3_KEY_ENV],
        aws_secret_access_key=env[S3_SECRET_ENV],
        region_name=env[S3_REGION_ENV],
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
