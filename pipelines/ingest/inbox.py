"""The state of a folder source, so a sensor can tell when files were dropped into it."""

from __future__ import annotations

from pathlib import Path

from pipelines.ingest.sources import Source


def folder_state(source: Source) -> str | None:
    """A fingerprint of the files matching a folder source: changes when one is added or edited;
    None when the folder is missing or holds no matching file.

    Cheap by design (one stat per file, no reading): the sensor calls it every 30 s.
    """
    if source.path is None or not source.path.is_dir():
        return None
    files = {path for pattern in source.patterns for path in source.path.glob(pattern)}
    stats = [path.stat() for path in files if path.is_file()]
    if not stats:
        return None
    newest_ns = max((stat.st_mtime_ns for stat in stats), default=0)
    return f"{len(stats)}:{newest_ns}:{sum(stat.st_size for stat in stats)}"


def inbox_sources(sources: list[Source]) -> list[Source]:
    """Folder sources the inbox sensor watches: those whose folder is named `inbox`."""
    return [s for s in sources if s.kind == "folder" and s.path and Path(s.path).name == "inbox"]
