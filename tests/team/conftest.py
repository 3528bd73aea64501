"""A real PostgreSQL for the team profile's tests (``tests/team/postgres.py``), one for the
session. Without the server's binaries the tests skip, saying so; under
HEADCOUNT_REQUIRE_POSTGRES=1 (CI, which installs them) they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipelines.warehouse.lake import LakeConfig
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
