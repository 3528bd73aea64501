"""Turn domain objects (retrievals, articles, claims) into the warehouse's table rows: the step
between the domain and the warehouse, which knows only rows and frames.

Identities are decided here, in one place:
- ``document_id``: SHA-256 of the raw body (its raw-cache address);
- ``article_id``: first 16 hex digits of the SHA-256 of the article text, so the same text
  reached under several URLs or files is one article;
- ``claim_id``: a hash of the article id and the number mention's offsets, so re-extracting the
  same text gives the same ids and reviews stay attached.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable
from typing import Protocol, TypedDict
from urllib.parse import urlsplit

import pandas as pd
from pandas.api.typing import NaTType, NAType

from pipelines.claims.model import Claim
from pipelines.dates import FuzzyDate, naive_utc, to_columns
from pipelines.ingest.dedup import canonical_url
from pipelines.ingest.model import Article, DocumentMeta, IngestFailure
from pipelines.ingest.rawcache import LogPosition

Row = dict[str, object]  # a table's row by column name, as `insert ... by name` reads it


class ArticleRow(TypedDict):
    """A row of `articles` (sql/tables/04_articles.sql)."""

    article_id: str
    document_id: str
    source: str
    topic: str
    url: str | None
    canonical_url: str | None
    story_id: str
    fingerprint: int
    title: str | None
    outlet_id: str | None
    published_at: dt.date | None
    published_precision: str | None
    published_inferred: bool | None
    retrieved_at: dt.datetime | None
    language: str | None
    synthetic: bool
    text: str
    parser_version: str


class OutletRow(TypedDict):
    """A row of `outlets` (sql/tables/03_outlets.sql)."""

    outlet_id: str
    name: str
    domain: str | None
    synthetic: bool


class PublishedRow(Protocol):
    """The publication date columns of an `articles` row, as `DataFrame.itertuples` gives them
    (NULL comes out as NaT for the date and NA for the nullable boolean)."""

    @property
    def published_at(self) -> pd.Timestamp | NaTType: ...
    @property
    def published_precision(self) -> str | None: ...
    @property
    def published_inferred(self) -> bool | NAType: ...


class ArticleTextRow(PublishedRow, Protocol):
    """A row of `sql/queries/articles_by_id.sql`, as `DataFrame.itertuples` gives it."""

    @property
    def article_id(self) -> str: ...
    @property
    def text(self) -> str: ...


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def claim_id(article: str, start: int, end: int, country: str | None = None) -> str:
    """A claim's id: its article and mention, and its country where one mention makes a claim
    per country ("about 100 men from each country")."""
    key = f"{article}:{start}:{end}" + (f":{country}" if country else "")
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def outlet_id(name: str | None) -> str | None:
    """One id per outlet however its name is spaced or cased."""
    return " ".join(name.lower().split()) if name and name.strip() else None


def document_frame(documents: Iterable[DocumentMeta]) -> pd.DataFrame:
    """Rows of `documents`."""
    return _frame([document.to_columns() for document in documents], "documents")


def failure_rows(
    failures: Iterable[IngestFailure | tuple[IngestFailure, str | None]],
) -> pd.DataFrame:
    """Rows of `documents_not_loaded`; a failure may come with the document it concerns."""
    rows: list[dict[str, object]] = []
    for item in failures:
        failure, document = item if isinstance(item, tuple) else (item, None)
        rows.append(
            {
                "source": failure.source,
                "location": failure.location,
                "document_id": document,
                "stage": failure.stage,
                "reason": failure.reason,
                "occurred_at": naive_utc(failure.at),
            }
        )
    return _frame(rows, "documents_not_loaded")


def log_position_row(log: str, position: LogPosition) -> pd.DataFrame:
    """The one row of `retrieval_log_loaded` for a log: how far its lines are loaded."""
    row = {"log": log, "loaded_bytes": position.offset, "first_line_sha256": position.head}
    return pd.DataFrame([row])


def article_row(
    article: Article, meta: DocumentMeta, parser_version: str, fingerprint: int, story_id: str
) -> ArticleRow:
    published = article.published
    return {
        "article_id": article_id(article.text),
        "document_id": meta.document_id,
        "source": meta.source,
        "topic": meta.topic,
        "url": article.url,
        "canonical_url": canonical_url(article.url) if article.url else None,
        "story_id": story_id,
        "fingerprint": fingerprint,
        "title": article.title,
        "outlet_id": outlet_id(article.outlet),
        # mypy checks no ** expansion into a TypedDict: to_columns names the table's columns
        **to_columns(published, "published", value_column="published_at"),  # type: ignore[typeddict-item]
        "retrieved_at": naive_utc(meta.retrieved_at),
        "language": article.language,
        "synthetic": meta.synthetic,
        "text": article.text,
        "parser_version": parser_version,
    }


def outlet_row(article: Article, meta: DocumentMeta) -> OutletRow | None:
    key = outlet_id(article.outlet)
    if key is None or article.outlet is None:  # outlet_id gives None for a None outlet
        return None
    host = urlsplit(article.url).hostname if article.url else None
    domain = host.removeprefix("www.") if host else None
    return {
        "outlet_id": key,
        "name": article.outlet.strip(),
        "domain": domain,
        "synthetic": meta.synthetic,
    }


def claim_rows(
    article: str, text: str, claims: Iterable[Claim], extractor_version: str
) -> list[Row]:
    """Rows of `claims` for one article's claims: each claim's columns, its ids, the mention as
    written and the extractor version."""
    claims = list(claims)
    mentions = Counter((claim.start, claim.end) for claim in claims)
    return [
        {
            **claim.to_columns(),
            "claim_id": claim_id(
                article,
                claim.start,
                claim.end,
                claim.country if mentions[claim.start, claim.end] > 1 else None,
            ),
            "article_id": article,
            "mention": text[claim.start : claim.end],
            "extractor_version": extractor_version,
        }
        for claim in claims
    ]


def published_date(article: PublishedRow) -> FuzzyDate | None:
    """An article row's publication date as a FuzzyDate (None when unknown)."""
    return FuzzyDate.from_columns(
        article.published_at, article.published_precision, article.published_inferred
    )


# Column lists keep empty frames typed the same as full ones.
COLUMNS = {
    "documents": [
        "document_id",
        "source",
        "topic",
        "location",
        "url",
        "outlet",
        "published",
        "published_precision",
        "published_inferred",
        "synthetic",
        "content_type",
        "status",
        "retrieved_at",
    ],
    "documents_not_loaded": ["source", "location", "document_id", "stage", "reason", "occurred_at"],
}


def _frame(rows: list[dict[str, object]], table: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS[table])
