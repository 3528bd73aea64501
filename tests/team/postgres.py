"""A throwaway PostgreSQL server: Debian's binaries, `initdb` and `pg_ctl` in a temporary folder,
on a free loopback port, as the `postgres` user when run as root (the server refuses root).
Used by the team profile's tests and benchmark."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg2


@dataclass(frozen=True)
class Postgres:
    host: str
    port: int
    user: str

    def dsn(self, database: str) -> str:
        return f"dbname={database} host={self.host} port={self.port} user={self.user}"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg2://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        con = psycopg2.connect(self.dsn("postgres"))
        con.autocommit = True
        try:
            with con.cursor() as cursor:
                cursor.execute(f'drop database if exists "{name}"')
                cursor.execute(f'create database "{name}"')
        finally:
            con.close()

    def query(self, database: str, sql: str) -> list[tuple[object, ...]]:
        con = psycopg2.connect(self.dsn(database))
        try:
            with con.cursor() as cursor:
                cursor.execute(sql)
                return list(cursor.fetchall())
        finally:
            con.close()


def server_binaries() -> Path | None:
    for candidate in [
        shutil.which("pg_ctl"),
        *sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl")),
    ]:
        if candidate:
            return Path(candidate).resolve().parent
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def running_postgres(binaries: Path) -> Iterator[Postgres]:
    """A server started from ``binaries`` (the folder of pg_ctl), stopped and removed after."""
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = Path(tempfile.mkdtemp(prefix="headcount-pg-"))
    if as_user:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    subprocess.run(
        [*as_user, str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"],
        check=True,
        capture_output=True,
    )
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off"
    subprocess.run(
        [*as_user, str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l",
         str(folder / "log"), "-w", "start"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    try:
        yield Postgres("127.0.0.1", port, "postgres")
    finally:
        subprocess.run(
            [*as_user, str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)
