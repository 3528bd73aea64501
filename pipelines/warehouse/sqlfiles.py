"""The SQL of the warehouse lives in `sql/` as one object a file; this module reads it."""

from __future__ import annotations

import hashlib
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
