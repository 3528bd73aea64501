"""Checks run before a run starts: the sources file, the reviews and the environment.

A mistake in configuration should cost the user one line naming the file, the line and the fix,
not a run that fails halfway with a traceback. ``check`` raises ``ConfigurationError`` with that
line; `headcount run` prints it and exits 2, and the `documents` asset fails its run with it
first when the run starts from the UI.
"""

from __future__ import annotations

import os

from pipelines.ingest.sources import SourcesError, load_sources
from pipelines.parallel import WORKERS_ENV
from pipelines.settings import Settings
from pipelines.warehouse import lake
from pipelines.warehouse.reviews import ReviewsError, read_reviews


class ConfigurationError(ValueError):
    """Configuration a run cannot start with; the message is one line a user can act on."""


def check(settings: Settings) -> None:
    """Raise ConfigurationError on the first problem in the configuration ``settings`` names."""
    if not settings.sources_file.is_file():
        raise ConfigurationError(
            f"{settings.sources_file}: not found (create it, or point HEADCOUNT_SOURCES at one)"
        )
    try:
        load_sources(settings.sources_file)
        read_reviews(settings.reviews_dir)
    except (SourcesError, ReviewsError) as exc:
        raise ConfigurationError(" ".join(str(exc).split())) from None
    workers = os.environ.get(WORKERS_ENV, "").strip()
    if workers and not (workers.isdigit() and int(workers) > 0):
        raise ConfigurationError(
            f"{WORKERS_ENV}={workers!r}: not a positive whole number (unset it for one per core)"
        )
    profile = os.environ.get(lake.PROFILE_ENV, "embedded")
    if profile not in ("embedded", lake.TEAM):
        raise ConfigurationError(
            f"{lake.PROFILE_ENV}={profile!r}: not a profile (embedded, the default, or team)"
        )
    try:
        lake.LakeConfig.from_env()
    except lake.LakeError as exc:
        raise ConfigurationError(str(exc)) from None
    if settings.warehouse_dir.exists() and not settings.warehouse_dir.is_dir():
        raise ConfigurationError(
            f"{settings.warehouse_dir}: not a folder (HEADCOUNT_WAREHOUSE names the warehouse "
            "folder)"
        )
