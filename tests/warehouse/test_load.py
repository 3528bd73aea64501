"""Writes add the rows whose key is missing, once: the tables' keys are kept by the inserts."""

from __future__ import annotations

import pandas as pd
import pytest

from pipelines.settings import Settings
from pipelines.warehouse import db, load


def _parsed(*rows: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"document_id": doc, "parser_version": version, "outcome": outcome, "article_id": None}
            for doc, version, outcome in rows
        ]
    )


@pytest.fixture
def build(tmp_path):
    settings = Settings(tmp_path / "warehouse", tmp_path / "sources.yml", tmp_path / "reviews")
    with db.open_build(settings) as con:
        yield con


def test_a_row_whose_key_is_there_or_earlier_in_its_batch_is_added_once(build):
    load.write_tables(build, {"parsed_documents": _parsed(("a", "1", "error"), ("a", "1", "duplicate"), ("b", "1", "error"))})  # fmt: skip
    load.write_tables(build, {"parsed_documents": _parsed(("a", "1", "article"), ("a", "2", "article"), ("c", "1", "error"))})  # fmt: skip
    rows = build.execute(
        "select document_id, parser_version, outcome from parsed_documents order by all"
    ).fetchall()
    keys = [(doc, version) for doc, version, _ in rows]
    assert keys == [("a", "1"), ("a", "2"), ("b", "1"), ("c", "1")]
    assert ("a", "1", "article") not in rows  # the row already there is kept as it was


_VALUES = {"VARCHAR": "x", "BIGINT": 1, "INTEGER": 1, "UBIGINT": 1, "BOOLEAN": False,
           "DOUBLE": 1.0, "DATE": pd.Timestamp("2022-03-01"),
           "TIMESTAMP": pd.Timestamp("2022-03-01")}  # fmt: skip


@pytest.mark.parametrize(
    "table", ["documents", "documents_not_loaded", "articles", "claims", "extracted_articles"]
)
def test_every_large_table_adds_a_row_twice_offered_once(build, table):
    columns = build.execute(
        "select column_name, data_type from duckdb_columns() where table_name = $table"
        " order by column_index",
        {"table": table},
    ).fetchall()
    row = {name: _VALUES.get(kind) for name, kind in columns}
    frame = pd.DataFrame([row, row])
    load.write_tables(build, {table: frame})
    load.write_tables(build, {table: frame})
    assert load.count_rows(build)[table] == 1
