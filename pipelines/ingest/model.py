"""What ingestion hands on: raw documents (bytes plus provenance) and parsed articles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pipelines.dates import FuzzyDate


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
