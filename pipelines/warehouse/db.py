"""Opening, locking, building and publishing the DuckDB warehouse.

Design (README, "Architecture"): the pipeline writes only a private build file
(`warehouse/build/headcount.duckdb`) under an exclusive file lock, then publishes it by copying
it beside the published file and renaming it over `warehouse/headcount.duckdb`. An analyst's open
session keeps reading the old inode, a consistent snapshot, and never blocks a run; a run killed
at any point leaves either the old or the new file, never half of one. The lock is an `flock`,
released by the kernel when its process dies, so a killed run never blocks the next.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import logging
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from pipelines.durable import fsync_dir
from pipelines.faults import crash_point
from pipelines.settings import Settings
from pipelines.warehouse import sqlfiles

LOGGER = logging.getLogger(__name__)

# DuckDB keeps every block it has read cached up to its memory limit (80% of RAM by default),
# and checkpoints read back the last row group of `articles` with its texts: the limit below is
# what bounds the main process's memory as the warehouse grows. The work that needs more raises
# it on its own connection: the claims checks (sql/queries/memory_for_checks.sql, and the trace
# check runs over ranges of article ids) and the publication (memory_for_views.sql).
DUCKDB_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "memory_limit": "64MB",
}
LOCK_WAIT_S = 600.0  # a full run on the seeds takes seconds; a waiting run gives up after this


class WarehouseBusy(RuntimeError):
    """Another run holds the build lock for longer than we are willing to wait."""


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a warehouse file with the settings every writer must use."""
    if read_only:
        return duckdb.connect(str(path), read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), config=DUCKDB_CONFIG)


@contextlib.contextmanager
def build_lock(settings: Settings, wait_s: float = LOCK_WAIT_S) -> Iterator[None]:
    """Hold the one-writer lock of this warehouse; wait up to ``wait_s``, then fail clearly."""
    lock_path = settings.warehouse_dir / ".build.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + wait_s
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    raise WarehouseBusy(
                        f"another Headcount run ({holder}) is building {settings.warehouse_dir}; "
                        f"waited {wait_s:.0f} s"
                    ) from exc
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def open_build(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """The build database, locked and on the current schema, for one pipeline step."""
    with build_lock(settings):
        con = _open_current_build(settings.build_database)
        try:
            yield con
        finally:
            con.close()


def _open_current_build(path: Path) -> duckdb.DuckDBPyConnection:
    """Open the build; one made by another schema version is deleted and rebuilt from scratch.

    The build is derived data (raw cache + reviews + code), so deleting it loses nothing.
    """
    version = sqlfiles.schema_version()
    con = _connect_build(path)
    if _schema_version(con) not in (version, None):
        LOGGER.info("warehouse schema changed: rebuilding %s from the raw cache", path)
        con.close()
        for stale in (path, _wal(path)):
            stale.unlink(missing_ok=True)
        con = _connect_build(path)
    if _schema_version(con) is None:
        for table in sqlfiles.table_files():
            con.execute(table.read_text(encoding="utf-8"))
        con.execute(
            sqlfiles.query("insert_schema_info"),
            {"schema_version": version, "built_at": _utcnow()},
        )
    return con


def _connect_build(path: Path) -> duckdb.DuckDBPyConnection:
    """The build, opened for one step. Its writes are durable in the write-ahead log when they
    commit; closing leaves them there rather than checkpointing them into the file at every
    step of a run (each checkpoint writes what changed since the last, and the small tables'
    key indexes whole). DuckDB still checkpoints as the log grows, and publishing checkpoints
    before it copies the file."""
    con = connect(path)
    con.execute(sqlfiles.query("no_checkpoint_on_close"))
    return con


def _wal(path: Path) -> Path:
    """DuckDB's write-ahead log of the database file ``path``."""
    return path.with_name(path.name + ".wal")


def _schema_version(con: duckdb.DuckDBPyConnection) -> str | None:
    if not con.execute(sqlfiles.query("has_schema_info")).fetchall()[0][0]:
        return None
    version: str = con.execute(sqlfiles.query("schema_version")).fetchall()[0][0]  # varchar
    return version


def create_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)create every view of `sql/views/`; returns their names."""
    names = []
    for path in sqlfiles.view_files():
        con.execute(path.read_text(encoding="utf-8"))
        names.append(sqlfiles.view_name(path))
    return names


def publish(settings: Settings) -> Path:
    """Copy the build beside the published file and rename it into place, atomically; writes
    still in the build's write-ahead log are checkpointed into it first.

    Call with the build lock held and no connection open on the build file.
    """
    target = settings.database
    if _wal(settings.build_database).exists():
        con = connect(settings.build_database)  # closing checkpoints: the copy is complete
        con.close()
    for leftover in target.parent.glob(f".{target.name}.*.tmp"):
        leftover.unlink()  # a copy left by a run killed mid-publish; we hold the lock
    staging = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    shutil.copyfile(settings.build_database, staging)
    with open(staging, "rb") as handle:
        os.fsync(handle.fileno())
    crash_point("publish_swap")  # new file complete beside the old one, not yet swapped in
    os.replace(staging, target)
    fsync_dir(target.parent)
    return target


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
