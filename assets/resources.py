"""Dagster resources: the warehouse (build database, raw cache, sources) of one installation."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from assets.partitions import PARTITION_TAG, partitions
from pipelines.settings import Settings
from pipelines.warehouse import db


class WarehouseResource(dg.ConfigurableResource):
    """Where this installation's warehouse, raw cache, sources and reviews live.

    Steps open the build database through `build()`, which holds the one-writer lock, so two
    runs never write at once (the second waits, then fails with a clear message).
    """

    directory: str
    sources_file: str
    reviews_dir: str
    raw_cache: str = ""  # empty: the warehouse's own raw/ folder
    _source: str | None = PrivateAttr(default=None)

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        """A run of one partition (a source, in the team profile) works on that source alone."""
        run = context.run
        if partitions() is not None and run is not None:
            self._source = run.tags.get(PARTITION_TAG)

    @classmethod
    def from_settings(cls, settings: Settings) -> WarehouseResource:
        return cls(
            directory=str(settings.warehouse_dir),
            sources_file=str(settings.sources_file),
            reviews_dir=str(settings.reviews_dir),
            raw_cache=str(settings.raw_cache or ""),
        )

    @property
    def settings(self) -> Settings:
        """The installation's settings, or its one source's when the run is of a partition."""
        settings = Settings(
            warehouse_dir=Path(self.directory),
            sources_file=Path(self.sources_file),
            reviews_dir=Path(self.reviews_dir),
            raw_cache=Path(self.raw_cache) if self.raw_cache else None,
        )
        return settings.for_source(self._source) if self._source else settings

    @contextlib.contextmanager
    def build(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with db.open_build(self.settings) as con:
            yield con
