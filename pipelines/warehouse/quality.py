"""Data-quality checks on the build: each returns the offending rows (empty means it passed).

The Dagster asset checks in `pipelines/checks.py` call these; the SQL is in `sql/checks/`.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

import duckdb
import pandas as pd
import pycountry

from pipelines.warehouse import sqlfiles


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


def untraceable_claims(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(sqlfiles.check("untraceable_claims")).df()


def duplicate_claim_ids(con: duckdb.DuckDBPyConnection, extractor_version: str) -> pd.DataFrame:
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
