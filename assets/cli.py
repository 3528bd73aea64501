"""`headcount`: run the pipeline as Dagster assets, and every command of the domain
(`pipelines.cli`: extract, latest, review, export, eval, ...)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pipelines import cli, preflight
from pipelines.cli.common import UsageError
from pipelines.cli.pipeline import latest
from pipelines.ingest.sources import load_sources
from pipelines.settings import Settings
from pipelines.warehouse import lake


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, add_commands=_add_run)


def _add_run(commands: argparse._SubParsersAction) -> None:
    run = commands.add_parser("run", help="materialize every asset, then print latest figures")
    run.add_argument("--source", help="re-ingest only this source of sources.yml")
    run.set_defaults(command=_run)
    reextract = commands.add_parser(
        "reextract", help="re-extract claims from the cached articles (no refetching), publish"
    )
    reextract.set_defaults(command=_reextract)


def _run(args: argparse.Namespace) -> int:
    return _materialize(args, _checked_settings())


def _reextract(args: argparse.Namespace) -> int:
    from pipelines import stages
    from pipelines.warehouse import db

    settings = _checked_settings()
    for build in _builds(settings):
        with db.open_build(build) as con:
            stages.forget_claims(con)
    print("forgot all extracted claims; re-extracting from the cached article texts")
    return _materialize(argparse.Namespace(source=None, **vars(args)), settings)


def _builds(settings: Settings) -> list[Settings]:
    """The installation's builds: one per source in the team profile, where sources are
    partitions, else the one."""
    if not lake.team_profile():
        return [settings]
    return [settings.for_source(source.name) for source in load_sources(settings.sources_file)]


def _checked_settings() -> Settings:
    """The installation's settings, once its configuration is checked (exit 2 otherwise)."""
    settings = Settings.from_env()
    try:
        preflight.check(settings)
    except preflight.ConfigurationError as exc:
        raise UsageError(str(exc)) from None
    return settings


def _materialize(args: argparse.Namespace, settings: Settings) -> int:
    from assets.runner import materialize_all  # Dagster loads only when a run starts

    summary = materialize_all(settings, only_source=args.source)
    for line in summary.lines:
        print(line)
    if not summary.success:
        return 1
    return latest(args)


if __name__ == "__main__":
    sys.exit(main())
