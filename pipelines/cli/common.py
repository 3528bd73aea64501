"""What the commands share: the one-line usage error and the published warehouse."""

from __future__ import annotations

import argparse
import datetime as dt

import duckdb

from pipelines.settings import Settings
from pipelines.warehouse import db, lake


class UsageError(Exception):
    """A bad argument or a missing input: exit 2 with a one-line message."""


def open_published() -> duckdb.DuckDBPyConnection:
    """The published warehouse, read-only (in the team profile, the lake every run publishes
    to); a usage error before the first run."""
    config = lake.LakeConfig.from_env()
    if config is not None:
        return lake.connect(config, read_only=True)
    settings = Settings.from_env()
    if not settings.database.is_file():
        raise UsageError(f"no warehouse at {settings.database}: run `make run` first")
    return db.connect(settings.database, read_only=True)


def field(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name.strip():
        raise UsageError(f"--correct takes FIELD=VALUE, not {item!r}")
    return name.strip(), value.strip()


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
