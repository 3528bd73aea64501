"""Writing files so that a crash leaves the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import filecmp
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, data: bytes) -> None:
    """Write beside ``path``, fsync, and rename over it: readers never see half a file."""
    with atomic_file(path) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(path: Path, *, unless_same: bool = False) -> Iterator[BinaryIO]:
    """A file to write beside ``path`` a piece at a time; when the block ends it is fsynced
    and renamed over ``path`` (readers never see half a file), or, with ``unless_same`` and
    ``path`` already holding the same bytes, dropped, so ``path`` keeps its time."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            yield handle
            handle.flush()
            if unless_same and path.is_file() and filecmp.cmp(temporary, path, shallow=False):
                Path(temporary).unlink()
                return
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable: fsync the folder that holds the new entry."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
