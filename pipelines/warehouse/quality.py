"""Data-quality checks on the build: each returns the offending rows (empty means it passed).

The Dagster asset checks in `assets/checks.py` call these; the SQL is in `sql/checks/`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from functools import cache

import duckdb
import pandas as pd
import pycountry

from pipelines.warehouse import load, sqlfiles


@cache
def _valid_country_codes() -> pd.DataFrame:
    return pd.DataFrame({"code": sorted(country.alpha_2 for country in pycountry.countries)})


def invalid_country_codes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    con.register("valid_countries", _valid_country_codes())
    try:
        return con.execute(sqlfiles.check("invalid_country_codes")).df()
    finally:
        con.unregister("valid_countries")


def inconsistent_bounds(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(sqlfiles.check("inconsistent_bounds")).df()


# Articles whose texts one pass of the trace check joins with their claims: 25,000 texts of
# ~4.5 KB fit the checks' memory limit with room to spare (the whole 100,000-page build did not).
ARTICLES_PER_TRACE_PASS = 25_000


def untraceable_claims(
    con: duckdb.DuckDBPyConnection, articles_per_pass: int = ARTICLES_PER_TRACE_PASS
) -> pd.DataFrame:
    """Claims whose article is missing or whose offsets do not slice back to their text.

    Article ids are hex digests, spread evenly: the check runs over equal ranges of them, one
    range per `articles_per_pass` articles, so its join never holds more texts than that.
    """
    con.execute(sqlfiles.query("memory_for_checks"))
    passes = max(1, -(-load.count_rows(con)["articles"] // articles_per_pass))
    # The first range starts below every id and the last has no end, so no claim falls between.
    bounds = ["", *(format(i * 16**16 // passes, "016x") for i in range(1, passes)), None]
    sql = sqlfiles.check("untraceable_claims")
    found = [
        con.execute(sql, {"low": low, "high": high}).df()
        for low, high in itertools.pairwise(bounds)
    ]
    return pd.concat(found, ignore_index=True)


def duplicate_claim_ids(con: duckdb.DuckDBPyConnection, extractor_version: str) -> pd.DataFrame:
    con.execute(sqlfiles.query("memory_for_checks"))
    return con.execute(
        sqlfiles.check("duplicate_claim_ids"), {"extractor_version": extractor_version}
    ).df()


def breakdown_above_total(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(sqlfiles.check("breakdown_above_total")).df()


def stale_sources(
    con: duckdb.DuckDBPyConnection, network_sources: list[str], since: dt.datetime
) -> pd.DataFrame:
    """Network sources with no successful retrieval since ``since`` (naive UTC)."""
    con.register("network_sources", pd.DataFrame({"source": network_sources}, dtype="object"))
    try:
        return con.execute(sqlfiles.check("stale_sources"), {"since": since}).df()
    finally:
        con.unregister("network_sources")
