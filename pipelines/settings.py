"""Where Headcount keeps its files, from environment variables with defaults under the repo.

Every path is resolved against the working directory, the repository root when run through
`make`, so the same code serves `make run`, `make ui`, the CLI and tests (which point
``HEADCOUNT_WAREHOUSE`` at a temporary folder).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

WAREHOUSE_ENV = "HEADCOUNT_WAREHOUSE"
SOURCES_ENV = "HEADCOUNT_SOURCES"
REVIEWS_ENV = "HEADCOUNT_REVIEWS"
RAW_ENV = "HEADCOUNT_RAW"
_SOURCE_NAME = re.compile(r"[\w][\w.-]*")


@dataclass(frozen=True)
class Settings:
    """The folders and files one Headcount installation reads and writes."""

    warehouse_dir: Path
    sources_file: Path
    reviews_dir: Path
    raw_cache: Path | None = None  # elsewhere than warehouse/raw: a team's shared store
    source: str | None = None  # a run of this one source alone (``for_source``)

    def for_source(self, name: str) -> Settings:
        """The settings of a run of one source alone, a partition of the team profile: its own
        build and published file under ``sources/NAME/``, the installation's raw cache (any
        worker can parse any document), and only this source published to the lake."""
        if not _SOURCE_NAME.fullmatch(name):
            raise ValueError(f"source name {name!r} cannot name a folder: use letters, digits, -_.")
        return replace(
            self,
            warehouse_dir=self.warehouse_dir / "sources" / name,
            raw_cache=self.raw_dir,
            source=name,
        )

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            warehouse_dir=Path(os.environ.get(WAREHOUSE_ENV, "warehouse")).absolute(),
            sources_file=Path(os.environ.get(SOURCES_ENV, "sources.yml")).absolute(),
            reviews_dir=Path(os.environ.get(REVIEWS_ENV, "reviews")).absolute(),
            raw_cache=Path(os.environ[RAW_ENV]).absolute() if os.environ.get(RAW_ENV) else None,
        )

    @property
    def database(self) -> Path:
        """The published warehouse analysts open; replaced whole by each run, never edited."""
        return self.warehouse_dir / "headcount.duckdb"

    @property
    def build_database(self) -> Path:
        """The pipeline's private working copy, built incrementally and then published."""
        return self.warehouse_dir / "build" / "headcount.duckdb"

    @property
    def raw_dir(self) -> Path:
        """Content-addressed raw bodies and the retrieval log: the durable truth. Workers of
        a team may share one (``HEADCOUNT_RAW``): bodies are stored by content, log lines are
        appended under a lock."""
        return self.raw_cache or self.warehouse_dir / "raw"

    @property
    def reports_dir(self) -> Path:
        return self.warehouse_dir / "reports"
