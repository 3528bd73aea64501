"""`dagster definitions validate` accepts the code location, as `make ui` loads it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_dagster_definitions_validate(tmp_path):
    dagster = Path(sys.executable).with_name("dagster")
    result = subprocess.run(
        [str(dagster), "definitions", "validate", "-m", "assets.definitions"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "DAGSTER_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All code locations passed validation" in result.stdout + result.stderr
