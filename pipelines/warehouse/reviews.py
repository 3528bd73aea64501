"""Analysts' reviews: plain CSV files under `reviews/`, version-controlled, loaded on every run.

Reviews are the one input that cannot be rebuilt from the raw cache, so they live outside the
warehouse, as diff-able text. A file with a malformed row is rejected whole, naming the line:
nothing is half-loaded. Reviews attach to stable claim ids (`rows.claim_id`); one whose claim
disappeared after re-extraction stays in its file and shows in the `orphaned_reviews` view.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pycountry

from pipelines.claims.model import QUALIFIERS
from pipelines.durable import write_atomic
from pipelines.warehouse import sqlfiles

REVIEWS_FILE = "reviews.csv"
ACTIONS = ("confirm", "reject", "correct", "add")
COLUMNS = (
    "claim_id",
    "action",
    "article_id",
    "sentence",
    "value",
    "low",
    "high",
    "qualifier",
    "country",
    "population",
    "population_group",
    "speaker",
    "reviewer",
    "reviewed_at",
    "note",
)
_INTEGER_COLUMNS = ("value", "low", "high")
_CORRECTABLE = (
    "value",
    "low",
    "high",
    "qualifier",
    "country",
    "population",
    "population_group",
    "speaker",
)


class ReviewsError(ValueError):
    """A reviews file that cannot be loaded as written; the message names file and line."""


@dataclass(frozen=True)
class Review:
    """One row of a reviews file, as `headcount review` and `headcount add` write it."""

    claim_id: str
    action: str
    reviewer: str
    reviewed_at: dt.datetime
    note: str = ""
    article_id: str = ""
    sentence: str = ""
    fields: tuple[tuple[str, str], ...] = ()  # corrected or added values, as text


def read_reviews(folder: Path) -> pd.DataFrame:
    """Every review of every `*.csv` in ``folder``, validated; ReviewsError on the first bad row."""
    rows: list[dict[str, object]] = []
    for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")  # a spreadsheet's "CSV UTF-8" starts with a BOM
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ReviewsError(f"{path}:{line}: not UTF-8 ({exc.reason})") from None
        reader = csv.DictReader(io.StringIO(text, newline=""))
        if reader.fieldnames is None:
            continue
        missing = [column for column in COLUMNS if column not in reader.fieldnames]
        if missing:
            raise ReviewsError(f"{path}:1: missing columns {', '.join(missing)}")
        for row in reader:
            if None in row:  # an unquoted comma: more fields than the header names
                raise ReviewsError(f"{path}:{reader.line_num}: more fields than the header")
            rows.append(_validated(row, path, reader.line_num))
    columns = ["file", "line", *COLUMNS]
    return pd.DataFrame(rows, columns=columns).astype(
        {column: "Int64" for column in _INTEGER_COLUMNS}
    )


def load_reviews(con: duckdb.DuckDBPyConnection, reviews: pd.DataFrame) -> None:
    """Replace the warehouse's reviews with ``reviews`` in one transaction."""
    con.begin()
    try:
        con.register("new_rows", reviews)
        con.execute(sqlfiles.query("replace_reviews"))
        con.commit()
    except BaseException:
        con.rollback()
        raise
    finally:
        con.unregister("new_rows")


def append_review(folder: Path, review: Review) -> Path:
    """Add one review to `reviews/reviews.csv`, validated first; the file is replaced atomically."""
    path = folder / REVIEWS_FILE
    row = {column: "" for column in COLUMNS}
    row.update(dict(review.fields))
    row.update(
        claim_id=review.claim_id,
        action=review.action,
        reviewer=review.reviewer,
        reviewed_at=review.reviewed_at.isoformat(timespec="seconds"),
        note=review.note,
        article_id=review.article_id,
        sentence=review.sentence,
    )
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    _validated(row, path, existing.count("\n") + 1)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    if not existing:
        writer.writeheader()
    writer.writerow(row)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (existing + buffer.getvalue()).encode("utf-8"))
    return path


def added_claim_id(article_id: str, sentence: str, fields: dict[str, str]) -> str:
    """A stable id for an analyst-added claim, distinct from extracted ids by its prefix."""
    digest = hashlib.sha256(
        "|".join([article_id, sentence, *(f"{k}={v}" for k, v in sorted(fields.items()))]).encode()
    )
    return "added-" + digest.hexdigest()[:12]


def _validated(row: Mapping[str, str | None], path: Path, line: int) -> dict[str, object]:
    where = f"{path}:{line}"
    action = (row.get("action") or "").strip()
    if action not in ACTIONS:
        raise ReviewsError(f"{where}: action {action!r} is not one of {', '.join(ACTIONS)}")
    if not (row.get("claim_id") or "").strip():
        raise ReviewsError(f"{where}: claim_id is empty")
    text = {column: (row.get(column) or "").strip() or None for column in COLUMNS}
    clean: dict[str, object] = dict(text)
    for column in _INTEGER_COLUMNS:
        written = text[column]
        if written is not None:
            try:
                number = int(written.replace(",", ""))
            except ValueError:
                raise ReviewsError(f"{where}: {column} {written!r} is not a whole number") from None
            if number <= 0:
                raise ReviewsError(f"{where}: {column} must be positive")
            clean[column] = number
    if clean["qualifier"] is not None and clean["qualifier"] not in QUALIFIERS:
        raise ReviewsError(f"{where}: qualifier {clean['qualifier']!r} is not one of {QUALIFIERS}")
    if text["country"] is not None:
        clean["country"] = country = text["country"].upper()
        if pycountry.countries.get(alpha_2=country) is None:
            raise ReviewsError(f"{where}: country {country!r} is not ISO 3166-1 alpha-2")
    if action == "correct" and not any(clean[c] is not None for c in _CORRECTABLE):
        raise ReviewsError(f"{where}: a correction must set at least one field")
    if action == "add":
        missing = [c for c in ("article_id", "population", "population_group") if not clean[c]]
        if missing or all(clean[c] is None for c in _INTEGER_COLUMNS):
            raise ReviewsError(
                f"{where}: an added claim needs article_id, population, "
                "population_group and a value, low or high"
            )
    try:
        clean["reviewed_at"] = dt.datetime.fromisoformat(text["reviewed_at"] or "")
    except ValueError:
        raise ReviewsError(
            f"{where}: reviewed_at {row.get('reviewed_at')!r} is not ISO 8601"
        ) from None
    return {"file": path.name, "line": line, **clean}
