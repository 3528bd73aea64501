"""The SQL of the warehouse lives in `sql/` as one object a file; this module reads it."""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parents[2] / "sql"


def table_files() -> list[Path]:
    """Table definitions in creation order (file names start with a number)."""
    return sorted((SQL_DIR / "tables").glob("*.sql"))


def view_files() -> list[Path]:
    """View definitions in creation order (file names start with a number)."""
    return sorted((SQL_DIR / "views").glob("*.sql"))


def query(name: str) -> str:
    """A named query from `sql/queries/NAME.sql`, with `$name` placeholders for bound values."""
    return (SQL_DIR / "queries" / f"{name}.sql").read_text(encoding="utf-8")


def check(name: str) -> str:
    """A data-quality query from `sql/checks/NAME.sql`: it selects the offending rows."""
    return (SQL_DIR / "checks" / f"{name}.sql").read_text(encoding="utf-8")


def lake(name: str) -> str:
    """The team profile's SQL on its DuckLake, `sql/lake/NAME.sql`, with `$name` parameters."""
    return (SQL_DIR / "lake" / f"{name}.sql").read_text(encoding="utf-8")


def statement(name: str, **values: str) -> str:
    """`sql/lake/NAME.sql` for a statement DuckDB binds no parameters in (ATTACH, SET): each
    `:name` becomes ``values[name]`` as a quoted string literal, its quotes doubled."""
    text = lake(name)
    for key, value in values.items():
        text = re.sub(rf":{key}\b", lambda _: "'" + value.replace("'", "''") + "'", text)
    if (left := re.search(r"(?<![:\w]):[a-z_]+\b", _without_comments(text))) is not None:
        raise KeyError(f"sql/lake/{name}.sql: no value for {left.group()}")
    return text


def _without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))


@cache
def schema_version() -> str:
    """A hash of every table definition: a changed table means the build is rebuilt."""
    digest = hashlib.sha256()
    for path in table_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def view_name(path: Path) -> str:
    """`02_latest_figures.sql` defines the view `latest_figures`."""
    return path.stem.split("_", 1)[1]
