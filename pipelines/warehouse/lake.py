"""The team profile's warehouse: a DuckLake, its catalog in Postgres, its data in Parquet files.

A team runs one pipeline per source (or group of sources), each building its own private
DuckDB file exactly as the embedded profile does. Publishing copies a build's rows for its
sources into the lake in one DuckLake transaction: the sources' old rows go, the new ones come,
and every reader sees either the snapshot before or the one after. Writers of different
sources do not wait for each other: DuckLake commits optimistically, and a commit that lost a
race (another writer changed a table this one deleted from) is retried from the start. The
views of `sql/views/` are created in the lake, so analysts query the same names, and DuckLake's
snapshots answer "as of" questions (`connect(..., snapshot_time=...)`).

Only the published tables go to the lake: what analysts and the views read. Each build keeps
its bookkeeping (which logs it loaded, which documents it parsed and extracted) to itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import random
import time
from dataclasses import dataclass, field
from importlib import util
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

from pipelines.faults import crash_point
from pipelines.warehouse import sqlfiles
from pipelines.warehouse.db import create_views

LOGGER = logging.getLogger(__name__)

PROFILE_ENV = "HEADCOUNT_PROFILE"
CATALOG_ENV = "HEADCOUNT_LAKE_CATALOG"
DATA_ENV = "HEADCOUNT_LAKE_DATA"
TEAM = "team"
ALIAS = "lake"
# The tables copied to the lake, in the order a publication writes them (claims after articles).
TABLES = (
    "documents",
    "documents_not_loaded",
    "parsed_documents",
    "outlets",
    "articles",
    "claims",
    "reviews",
)
# DuckDB extension name -> the package that ships its binary, and the binary's file name there.
_EXTENSIONS = {
    "postgres_scanner": ("duckdb_extension_postgres", "postgres.duckdb_extension"),
    "ducklake": ("duckdb_extension_ducklake", "ducklake.duckdb_extension"),
    "httpfs": ("duckdb_extension_httpfs", "httpfs.duckdb_extension"),
}
# An S3-compatible store is reached with the AWS SDKs' own variables.
S3_KEY_ENV, S3_SECRET_ENV = "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"
S3_REGION_ENV, S3_ENDPOINT_ENV = "AWS_REGION", "AWS_ENDPOINT_URL"
MAX_ATTEMPTS = 20  # a commit that lost a race is retried this many times, then the run fails
_BACKOFF_S = (0.05, 0.5)  # random wait before a retry, so two losers do not collide again


class LakeError(RuntimeError):
    """The team profile is misconfigured, or the lake refused a publication."""


def team_profile() -> bool:
    """Whether this process runs the team profile (``HEADCOUNT_PROFILE=team``)."""
    return os.environ.get(PROFILE_ENV, "embedded") == TEAM


@dataclass(frozen=True)
class S3Store:
    """An S3-compatible object store (AWS S3, MinIO, Ceph ...) holding the lake's data files."""

    key_id: str
    secret: str = field(repr=False)
    region: str = "us-east-1"
    endpoint: str | None = None  # "minio.internal:9000"; None: AWS S3 itself
    use_ssl: bool = True

    @classmethod
    def from_env(cls) -> S3Store:
        key_id, secret = os.environ.get(S3_KEY_ENV), os.environ.get(S3_SECRET_ENV)
        if not key_id or not secret:
            raise LakeError(
                f"{DATA_ENV} names an s3:// bucket: set {S3_KEY_ENV} and {S3_SECRET_ENV} (and "
                f"{S3_ENDPOINT_ENV}, e.g. http://minio.internal:9000, for a store other than AWS)"
            )
        endpoint = urlsplit(os.environ.get(S3_ENDPOINT_ENV) or "https://")
        return cls(
            key_id=key_id,
            secret=secret,
            region=os.environ.get(S3_REGION_ENV) or "us-east-1",
            endpoint=endpoint.netloc or None,
            use_ssl=endpoint.scheme != "http",
        )

    def values(self) -> dict[str, str]:
        """The secret's settings but the key and secret, as sql/lake/s3_secret*.sql take them."""
        return {
            "region": self.region,
            "endpoint": self.endpoint or "s3.amazonaws.com",
            # Virtual-host addressing is AWS's; other stores answer by path.
            "url_style": "path" if self.endpoint else "vhost",
            "use_ssl": str(self.use_ssl).lower(),
        }


@dataclass(frozen=True)
class LakeConfig:
    """Where the lake lives: DuckLake's catalog and the folder (or bucket) of its data files."""

    catalog: str  # DuckLake metadata: "postgres:dbname=headcount host=db user=headcount", or a file
    data_path: str  # a shared folder, or s3://bucket/prefix/ in the store ``s3``
    s3: S3Store | None = None

    @classmethod
    def from_env(cls) -> LakeConfig | None:
        """The lake of the team profile (``HEADCOUNT_PROFILE=team``); None in the embedded one."""
        if not team_profile():
            return None
        catalog, data = os.environ.get(CATALOG_ENV), os.environ.get(DATA_ENV)
        if not catalog or not data:
            raise LakeError(
                f"{PROFILE_ENV}=team needs {CATALOG_ENV} (e.g. 'postgres:dbname=headcount "
                f"host=127.0.0.1') and {DATA_ENV} (a shared folder for the lake's files)"
            )
        s3 = S3Store.from_env() if data.startswith("s3://") else None
        return cls(catalog=catalog, data_path=data, s3=s3)


@dataclass(frozen=True)
class Publication:
    """What one publication wrote to the lake."""

    snapshot: int  # the lake's snapshot id after the commit
    rows: dict[str, int]  # the published sources' rows now in the lake, by table
    attempts: int  # commits tried (1 unless another writer won a race)


def connect(
    config: LakeConfig,
    *,
    read_only: bool = False,
    snapshot_time: dt.datetime | None = None,
) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with the lake attached as ``lake`` and in use.

    ``snapshot_time``: attach the lake as it was then (read-only), so tables and views answer
    "as of" that moment.
    """
    if not config.data_path.startswith("s3://"):
        Path(config.data_path).mkdir(parents=True, exist_ok=True)
    elif config.s3 is None:
        raise LakeError(f"{config.data_path}: an s3:// data path needs the store's S3Store")
    con = duckdb.connect(
        config={
            "extension_directory": str(_extension_directory()),
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        }
    )
    con.execute(sqlfiles.lake("load_extensions"))
    if config.s3 is not None:
        s3 = config.s3
        con.execute(
            sqlfiles.statement("s3_secret", key_id=s3.key_id, secret=s3.secret, **s3.values())
        )
    attach = _attach(config, read_only=read_only, snapshot_time=snapshot_time)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            con.execute(attach)
            break
        except duckdb.Error as exc:
            # Two writers attaching a new lake both create its catalog; one loses. Attaching
            # again finds the catalog the winner made.
            if "initialize DuckLake" not in str(exc) or attempt == MAX_ATTEMPTS:
                con.close()
                raise
            time.sleep(random.uniform(*_BACKOFF_S))
    con.execute(sqlfiles.lake("use"))
    return con


def shell_statements(config: LakeConfig, snapshot_time: dt.datetime | None = None) -> str:
    """What opens the lake read-only in the `duckdb` shell (`make sql-lake`): the offline
    extensions, ATTACH, USE."""
    secret = [sqlfiles.statement("s3_secret_shell", **config.s3.values())] if config.s3 else []
    return "\n".join(
        [
            sqlfiles.statement("extension_directory", directory=str(_extension_directory())),
            sqlfiles.lake("load_extensions"),
            *secret,
            _attach(config, read_only=True, snapshot_time=snapshot_time),
            sqlfiles.lake("use"),
        ]
    )


def _attach(config: LakeConfig, *, read_only: bool, snapshot_time: dt.datetime | None) -> str:
    catalog, data_path = "ducklake:" + config.catalog, config.data_path
    if snapshot_time is not None:
        moment = snapshot_time.isoformat(sep=" ")
        return sqlfiles.statement(
            "attach_as_of", catalog=catalog, data_path=data_path, snapshot_time=moment
        )
    name = "attach_read_only" if read_only else "attach"
    return sqlfiles.statement(name, catalog=catalog, data_path=data_path)


def publish(config: LakeConfig, build: Path, sources: list[str]) -> Publication:
    """Replace ``sources``' rows in the lake by those of the build file, in one transaction.

    The build must not be open for writing (call after it is checkpointed and closed). Reviews
    are the team's, not a source's: the build's reviews replace the lake's.
    """
    con = connect(config)
    try:
        con.execute(sqlfiles.statement("attach_build", build=str(build)))
        con.execute(sqlfiles.lake("published_sources"), {"sources": sources})
        attempts = _commit_with_retries(con)
        snapshot = con.execute(sqlfiles.lake("current_snapshot")).fetchall()[0][0]
        rows = dict(con.execute(sqlfiles.lake("published_rows")).fetchall())
    finally:
        con.close()
    return Publication(snapshot=snapshot, rows=rows, attempts=attempts)


def _commit_with_retries(con: duckdb.DuckDBPyConnection) -> int:
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            con.begin()
            con.execute(sqlfiles.lake("create_tables"))
            con.execute(sqlfiles.lake("publish"))
            create_views(con)
            crash_point("lake_commit")  # every row written, nothing committed
            con.commit()
            return attempt
        except duckdb.TransactionException as exc:
            _rollback(con)
            LOGGER.info("lake commit lost a race (attempt %d): %s", attempt, exc)
            time.sleep(random.uniform(*_BACKOFF_S))
        except Exception:
            _rollback(con)
            raise
    raise LakeError(f"the lake refused the publication {MAX_ATTEMPTS} times (other writers won)")


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.rollback()
    except duckdb.Error:
        pass  # a failed commit has already ended the transaction


def snapshots(config: LakeConfig) -> list[tuple[int, dt.datetime]]:
    """The lake's snapshots, oldest first: (id, when committed)."""
    con = connect(config, read_only=True)
    try:
        rows = con.execute(sqlfiles.lake("snapshots")).fetchall()
    finally:
        con.close()
    return [(int(i), t) for i, t in rows]


@functools.cache
def _extension_directory() -> Path:
    """A DuckDB extension directory linking the packaged binaries under their real names."""
    version = "v" + duckdb.__version__
    platform = str(duckdb.execute(sqlfiles.lake("platform")).fetchall()[0][0])
    folder = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    target = folder / "headcount" / "duckdb_extensions" / version / platform
    target.mkdir(parents=True, exist_ok=True)
    for name, (package, filename) in _EXTENSIONS.items():
        link = target / f"{name}.duckdb_extension"
        binary = _packaged(package, version, filename)
        if not link.exists() or link.resolve() != binary.resolve():
            temporary = link.with_name(f".{link.name}.{os.getpid()}")
            temporary.unlink(missing_ok=True)
            temporary.symlink_to(binary)
            temporary.replace(link)  # atomic: a worker starting at the same time sees one or the other
    return target.parent.parent


def _packaged(package: str, version: str, filename: str) -> Path:
    spec = util.find_spec(package)
    if spec is None or spec.origin is None:
        raise LakeError(f"the team profile needs the {package} package (uv sync)")
    binary = Path(spec.origin).parent / "extensions" / version / filename
    if not binary.exists():
        raise LakeError(f"{binary} is missing: {package} does not match duckdb {version}")
    return binary
