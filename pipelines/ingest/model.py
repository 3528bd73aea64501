"""What ingestion hands on: raw documents (bytes plus provenance) and parsed articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from pipelines.dates import FuzzyDate, is_null, naive_utc, to_columns


@dataclass(frozen=True)
class DocumentMeta:
    """Where a raw body came from, recorded once per retrieval.

    ``document_id`` is the SHA-256 of the body (content address in the raw cache). Metadata from
    a sidecar or the source configuration (outlet, url, published) overrides what the page says.
    """

    document_id: str
    source: str  # name of the source in sources.yml
    topic: str
    location: str  # URL fetched, or the local path relative to the source's folder
    retrieved_at: dt.datetime
    status: int | None = None  # HTTP status; None for local files
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = None  # "text/html", "text/plain"
    url: str | None = None  # the article's public URL (sidecar, or the fetched URL)
    outlet: str | None = None
    published: FuzzyDate | None = None
    synthetic: bool = False  # written for demos/tests; analyses can exclude it

    def to_columns(self) -> dict[str, object]:
        """Its row of `documents` (sql/tables/02_documents.sql): every field but the headers."""
        return {
            "document_id": self.document_id,
            "source": self.source,
            "topic": self.topic,
            "location": self.location,
            "url": self.url,
            "outlet": self.outlet,
            **to_columns(self.published, "published"),
            "synthetic": self.synthetic,
            "content_type": self.content_type,
            "status": self.status,
            "retrieved_at": naive_utc(self.retrieved_at),
        }

    @classmethod
    def from_columns(cls, row: Mapping[Hashable, Any]) -> DocumentMeta:
        """The metadata a row of `documents` holds, as pandas reads it (a Timestamp for a
        timestamp, NaN or NaT for null)."""
        status: Any = row.get("status")
        return cls(
            document_id=row["document_id"],
            source=row["source"],
            topic=row["topic"],
            location=row["location"],
            retrieved_at=pd.Timestamp(row["retrieved_at"]).to_pydatetime(),
            status=None if is_null(status) else int(status),
            content_type=_text(row.get("content_type")),
            url=_text(row.get("url")),
            outlet=_text(row.get("outlet")),
            published=FuzzyDate.from_columns(
                row.get("published"), row.get("published_precision"), row.get("published_inferred")
            ),
            synthetic=bool(row.get("synthetic")),
        )


def _text(value: object) -> str | None:
    return None if is_null(value) else str(value)


@dataclass(frozen=True)
class Article:
    """The readable text of one document with its metadata, as trafilatura extracted it."""

    document_id: str
    text: str
    title: str | None
    outlet: str | None  # site name ("CNN", "European Pravda")
    url: str | None
    published: FuzzyDate | None  # None when unknown: never silently today
    language: str | None  # ISO 639-1 as detected/declared; non-English articles are kept, flagged


class IngestError(Exception):
    """A document that cannot be ingested; carries the stage for the documents_not_loaded table."""

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(f"{stage}: {reason}")
        self.stage = stage
        self.reason = reason


@dataclass(frozen=True)
class IngestFailure:
    """A retrieval that produced no document, with the stage where it failed and why."""

    source: str
    location: str
    stage: str  # "fetch", "content", "read", "sidecar", "feed", "sitemap", "path"
    reason: str
    at: dt.datetime
