"""The team profile against a real PostgreSQL: runs on different sources publishing to one
DuckLake at once, a reader during a write, a run killed mid-commit, "as of" queries, and
Dagster's run storage in Postgres."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from pipelines.ingest.rawcache import RawCache
from pipelines.warehouse import db, lake, sqlfiles
from pipelines.warehouse.lake import LakeConfig, S3Store
from tests.team.postgres import Postgres

ROOT = Path(__file__).resolve().parents[2]
HEADCOUNT = Path(sys.executable).parent / "headcount"
# Columns that record when a run happened, not what it found: two builds differ there.
RUN_TIMES = ["retrieved_at"]


def _sources_file(folder: Path, names: list[str]) -> Path:
    """A sources file with the repository's sources of these names, paths made absolute."""
    entries = yaml.safe_load((ROOT / "sources.yml").read_text())["sources"]
    chosen = [{**e, "path": str(ROOT / e["path"])} for e in entries if e["name"] in names]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sources.yml"
    path.write_text(yaml.safe_dump({"sources": chosen}))
    return path


def _env(
    worker: Path, sources: list[str], config: LakeConfig | None, **extra: str
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HEADCOUNT_", "DAGSTER_"))}
    env.update(
        HEADCOUNT_WAREHOUSE=str(worker / "warehouse"),
        HEADCOUNT_SOURCES=str(_sources_file(worker, sources)),
        HEADCOUNT_REVIEWS=str(worker / "reviews"),
    )
    if config is not None:
        env.update(
            HEADCOUNT_PROFILE="team",
            HEADCOUNT_LAKE_CATALOG=config.catalog,
            HEADCOUNT_LAKE_DATA=config.data_path,
        )
    env.update(extra)
    return env


def _run(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(HEADCOUNT), "run"], env=env, cwd=ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


def _finish(run: subprocess.Popen[str]) -> tuple[int, str]:
    output, _ = run.communicate(timeout=600)
    return run.returncode, output


def _read(con: duckdb.DuckDBPyConnection, relation: str, keep_times: bool = False) -> pd.DataFrame:
    columns = [row[0] for row in con.execute(f"describe {relation}").fetchall()]
    dropped = [c for c in RUN_TIMES if c in columns and not keep_times]
    exclude = f"exclude ({', '.join(dropped)})" if dropped else ""
    return con.execute(f"select * {exclude} from {relation} order by all").df()


def _claims_by_source(config: LakeConfig) -> dict[str, int]:
    con = lake.connect(config, read_only=True)
    try:
        rows = con.execute(
            "select a.source, count(*) from claims as c join articles as a using (article_id) "
            "group by 1"
        ).fetchall()
    finally:
        con.close()
    return {source: n for source, n in rows}


def test_two_runs_on_two_sources_publish_at_once_and_match_a_one_run_build(
    lake_config: LakeConfig, tmp_path: Path
) -> None:
    workers = {"worker-a": "seeds", "worker-b": "synthetic-demo"}
    shared_raw = str(tmp_path / "shared-raw")  # one raw cache and retrieval log for both
    runs = [
        _run(_env(tmp_path / w, [source], lake_config, HEADCOUNT_RAW=shared_raw))
        for w, source in workers.items()
    ]
    for run in runs:
        code, output = _finish(run)
        assert code == 0, output[-3000:]
    code, output = _finish(_run(_env(tmp_path / "one", list(workers.values()), None)))
    assert code == 0, output[-3000:]

    shared = lake.connect(lake_config, read_only=True)
    single = duckdb.connect(
        str(tmp_path / "one" / "warehouse" / "headcount.duckdb"), read_only=True
    )
    published = {w: _published(tmp_path / w, source) for w, source in workers.items()}
    merged = _merged_builds(list(published.values()))
    try:
        ids = shared.execute("select count(*), count(distinct claim_id) from claims").fetchall()
        assert ids[0][0] == ids[0][1] > 0  # no claim lost or doubled
        # The same documents give the same rows as one run over both sources ...
        for table in ("documents", "articles", "claims"):
            pd.testing.assert_frame_equal(_read(shared, table), _read(single, table))
        # ... and the lake's views answer as DuckDB's over the two builds' rows. (A one-run
        # build differs only where the views break ties by retrieval time.)
        for relation in (*lake.TABLES, *_views()):
            pd.testing.assert_frame_equal(
                _read(shared, relation, keep_times=True), _read(merged, relation, keep_times=True)
            )
    finally:
        for con in (shared, single, merged):
            con.close()
    # Each worker loaded only its own sources' lines of the shared log, whole and untorn.
    for worker, source in workers.items():
        build = duckdb.connect(str(published[worker]), read_only=True)
        assert build.execute("select distinct source from documents").fetchall() == [(source,)]
        build.close()
    logged = [r.source for batch, _ in RawCache(Path(shared_raw)).read_log() for r in batch]
    assert set(logged) == set(workers.values())


def _published(worker: Path, source: str) -> Path:
    """The warehouse file a team worker's run of one source published beside the lake."""
    return worker / "warehouse" / "sources" / source / "headcount.duckdb"


def _dagster_home(postgres: Postgres, tmp_path: Path, database: str) -> dict[str, str]:
    """The variables of a Dagster instance configured by deploy/dagster.yaml, its storage a
    new database of the test's PostgreSQL."""
    postgres.create_database(database)
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(ROOT / "deploy" / "dagster.yaml", home / "dagster.yaml")
    return {"DAGSTER_HOME": str(home), "HEADCOUNT_DAGSTER_PG_URL": postgres.url(database)}


def _views() -> list[str]:
    return [sqlfiles.view_name(path) for path in sqlfiles.view_files()]


def _merged_builds(builds: list[Path]) -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse with the published tables of several builds, and the views."""
    con = duckdb.connect()
    for index, build in enumerate(builds):
        con.execute(f"attach '{build}' as b{index} (read_only)")
    for table in lake.TABLES:
        union = " union all ".join(f"from b{i}.{table}" for i in range(len(builds)))
        if table in ("outlets", "reviews"):  # shared by the builds: one row each
            union = f"select distinct * from ({union})"
        con.execute(f"create table {table} as {union}")
    db.create_views(con)
    return con


def test_a_reader_answers_from_the_last_snapshot_while_a_run_writes(
    lake_config: LakeConfig, tmp_path: Path
) -> None:
    worker = tmp_path / "worker"
    code, output = _finish(_run(_env(worker, ["synthetic-demo"], lake_config)))
    assert code == 0, output[-3000:]
    before = _claims_by_source(lake_config)

    writer = lake.connect(lake_config)
    writer.execute("begin transaction")
    writer.execute("delete from claims")  # uncommitted: readers must not see it, nor wait
    answers: list[dict[str, int]] = []
    reader = threading.Thread(target=lambda: answers.append(_claims_by_source(lake_config)))
    reader.start()
    reader.join(timeout=60)
    try:
        assert not reader.is_alive(), "the reader waited for the writer"
        assert answers == [before]
    finally:
        writer.execute("rollback")
        writer.close()


def test_a_run_killed_mid_commit_leaves_the_lake_at_its_last_snapshot(
    lake_config: LakeConfig, tmp_path: Path
) -> None:
    code, output = _finish(_run(_env(tmp_path / "worker-a", ["seeds"], lake_config)))
    assert code == 0, output[-3000:]
    committed = _claims_by_source(lake_config)
    snapshots = lake.snapshots(lake_config)

    crashing = _env(tmp_path / "worker-b", ["synthetic-demo"], lake_config,
                    HEADCOUNT_CRASH_AT="lake_commit")  # fmt: skip
    code, output = _finish(_run(crashing))
    assert code != 0, "the run was to be killed before its commit"
    assert _claims_by_source(lake_config) == committed
    assert lake.snapshots(lake_config) == snapshots

    code, output = _finish(_run(_env(tmp_path / "worker-b", ["synthetic-demo"], lake_config)))
    assert code == 0, output[-3000:]
    after = _claims_by_source(lake_config)
    assert after["seeds"] == committed["seeds"] and after["synthetic-demo"] > 0


def test_as_of_a_moment_the_lake_answers_as_it_stood_then(
    lake_config: LakeConfig, tmp_path: Path
) -> None:
    code, output = _finish(_run(_env(tmp_path / "worker-a", ["seeds"], lake_config)))
    assert code == 0, output[-3000:]
    then = lake.connect(lake_config, read_only=True)
    figures_then = _read(then, "latest_figures")
    then.close()
    moment = lake.snapshots(lake_config)[-1][1]

    code, output = _finish(_run(_env(tmp_path / "worker-b", ["synthetic-demo"], lake_config)))
    assert code == 0, output[-3000:]
    now = lake.connect(lake_config, read_only=True)
    assert not _read(now, "latest_figures").equals(figures_then)  # the later run changed them
    now.close()

    as_of = lake.connect(lake_config, snapshot_time=moment)
    try:
        pd.testing.assert_frame_equal(_read(as_of, "latest_figures"), figures_then)
        sources = as_of.execute("select distinct source from articles").fetchall()
        assert sources == [("seeds",)]
    finally:
        as_of.close()


def test_dagster_keeps_the_team_runs_in_postgres(
    postgres: Postgres, lake_config: LakeConfig, tmp_path: Path
) -> None:
    home = _dagster_home(postgres, tmp_path, "dagster")
    env = _env(tmp_path / "worker", ["seeds"], lake_config, **home)
    code, output = _finish(_run(env))
    assert code == 0, output[-3000:]
    assert postgres.query("dagster", "select status from runs") == [("SUCCESS",)]
    assert not (Path(home["DAGSTER_HOME"]) / "history").exists()  # nothing in local files
    events = postgres.query("dagster", "select count(*) from event_logs")[0][0]
    assert isinstance(events, int) and events > 0


def test_the_analysts_duckdb_shell_reads_the_lake_and_its_past(
    lake_config: LakeConfig, tmp_path: Path
) -> None:
    code, output = _finish(_run(_env(tmp_path / "worker-a", ["seeds"], lake_config)))
    assert code == 0, output[-3000:]
    moment = lake.snapshots(lake_config)[-1][1]
    code, output = _finish(_run(_env(tmp_path / "worker-b", ["synthetic-demo"], lake_config)))
    assert code == 0, output[-3000:]

    def shell(*as_of: str) -> str:
        env = _env(tmp_path / "analyst", [], lake_config)
        attach = subprocess.run(
            [str(HEADCOUNT), "lake-sql", *as_of], env=env, capture_output=True, text=True,
            check=True,
        ).stdout  # fmt: skip
        query = "select string_agg(distinct source, ',' order by source) from articles;"
        answer = subprocess.run(
            [str(HEADCOUNT.parent / "duckdb"), "-csv", "-noheader", "-cmd", attach],
            input=query, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return answer.stdout.strip().strip('"')

    assert shell() == "seeds,synthetic-demo"
    assert shell("--as-of", moment.replace(tzinfo=None).isoformat(sep=" ")) == "seeds"


def test_sources_are_partitions_that_run_at_once_in_one_installation(
    postgres: Postgres, lake_config: LakeConfig, tmp_path: Path
) -> None:
    sources = ["seeds", "synthetic-demo"]
    install = tmp_path / "install"
    env = _env(install, sources, lake_config,
               **_dagster_home(postgres, tmp_path, "dagster_partitions"))  # fmt: skip
    runs = [
        subprocess.Popen(
            [str(HEADCOUNT), "run", "--source", source],
            env=env,
            cwd=ROOT,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        for source in sources
    ]
    for run in runs:
        code, output = _finish(run)
        assert code == 0, output[-3000:]
    query = postgres.query
    partitions = query("dagster_partitions", "select partition from dynamic_partitions")
    assert sorted(p for (p,) in partitions) == sources
    tags = query(
        "dagster_partitions",
        "select t.value, r.status from runs r join run_tags t on t.run_id = r.run_id "
        "where t.key = 'dagster/partition' order by 1",
    )
    assert tags == [(source, "SUCCESS") for source in sources]  # one run per partition
    assert set(_claims_by_source(lake_config)) == set(sources)
    for source in sources:  # each partition built alone, from the installation's one raw cache
        build = duckdb.connect(str(_published(install, source)), read_only=True)
        assert build.execute("select distinct source from documents").fetchall() == [(source,)]
        build.close()
    logged = {r.source for batch, _ in RawCache(install / "warehouse" / "raw").read_log()
              for r in batch}  # fmt: skip
    assert logged == set(sources)

    # Re-extraction forgets every source's claims and extracts them again, partition by partition.
    before = _claims_by_source(lake_config)
    code, output = _finish(subprocess.Popen(
        [str(HEADCOUNT), "reextract"], env=env, cwd=ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    ))  # fmt: skip
    assert code == 0, output[-3000:]
    for source in sources:  # every partition's articles extracted again
        assert re.search(rf"{source}: claims: \d+ rows, [1-9]\d* processed", output), output
    assert _claims_by_source(lake_config) == before


def test_the_lakes_files_may_live_in_an_s3_compatible_store(
    postgres: Postgres,
    s3_store: tuple[S3Store, dict[str, str]],
    tmp_path: Path,
) -> None:
    store, aws = s3_store
    postgres.create_database("lake_s3")
    config = LakeConfig(catalog="postgres:" + postgres.dsn("lake_s3"), data_path="s3://lake/data/",
                        s3=store)  # fmt: skip
    # Enough rows that DuckLake writes Parquet files rather than inlining them in the catalog.
    code, output = _finish(_run(_env(tmp_path / "worker", ["synthetic-demo"], config, **aws)))
    assert code == 0, output[-3000:]
    assert _claims_by_source(config)["synthetic-demo"] > 0  # read back through the store
    assert not (tmp_path / "worker" / "data").exists()
    objects = _bucket_keys(aws, "lake")
    assert objects and all(key.startswith("data/") for key in objects)
    assert any(key.endswith(".parquet") for key in objects)

    # The analysts' shell reaches the store with its own AWS variables; the statements that
    # attach it name no key or secret.
    env = _env(tmp_path / "analyst", [], config, **aws)
    attach = subprocess.run([str(HEADCOUNT), "lake-sql"], env=env, capture_output=True,
                            text=True, check=True).stdout  # fmt: skip
    assert aws["AWS_SECRET_ACCESS_KEY"] not in attach and aws["AWS_ACCESS_KEY_ID"] not in attach
    answer = subprocess.run(
        [str(HEADCOUNT.parent / "duckdb"), "-csv", "-noheader", "-cmd", attach],
        input="select count(*) > 0 from claims;", env=env, capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    assert answer.stdout.split() == ["true", "true"]  # the secret made, then the answer


def _bucket_keys(aws: dict[str, str], bucket: str) -> list[str]:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=aws["AWS_ENDPOINT_URL"],
        aws_access_key_id=aws["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=aws["AWS_SECRET_ACCESS_KEY"],
        region_name=aws["AWS_REGION"],
    )
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
