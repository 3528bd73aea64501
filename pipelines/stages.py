"""The pipeline's steps as plain functions: ingest, parse, extract, publish.

Each step reads what it needs from the raw cache and the build database, does only the work
not done before (documents not yet parsed by this parser version, articles not yet extracted by
this extractor version), and writes its rows in one transaction. Dagster assets and the CLI call
these; nothing here imports Dagster.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypedDict, cast

import duckdb
import pandas as pd

from pipelines import rows
from pipelines.claims.extract import EXTRACTOR_VERSION, extract_claims, warm_up
from pipelines.dates import FuzzyDate
from pipelines.ingest.collect import collect_durable
from pipelines.ingest.dedup import Deduplicator, story_fingerprint
from pipelines.ingest.fetcher import Fetcher
from pipelines.ingest.model import Article, DocumentMeta, IngestError, IngestFailure
from pipelines.ingest.parse import PARSER_VERSION, decode_document, parse_decoded
from pipelines.ingest.rawcache import LogPosition, RawCache
from pipelines.ingest.relevance import is_relevant, may_be_relevant
from pipelines.ingest.sources import Source, load_sources
from pipelines.parallel import Pool, batched
from pipelines.report.charts import ReportFiles, render_report
from pipelines.settings import Settings
from pipelines.warehouse import db, lake, load, sqlfiles
from pipelines.warehouse.changes import (
    Changes,
    changes_since,
    previous_run,
    record_publication,
)
from pipelines.warehouse.reviews import load_reviews, read_reviews

LOGGER = logging.getLogger(__name__)

# A body half-written into a raw cache other workers share is a leftover only when this old:
# a live write takes well under a second.
SHARED_PARTIAL_WRITE_AGE_S = 600.0
# Rows written per transaction: large enough that DuckDB's per-commit cost vanishes, small
# enough that memory stays flat however many documents are pending.
BATCH_DOCUMENTS = 500
BATCH_ARTICLES = 1000
# New series and figures a run lists (the rest are counted): a first run makes every claim new.
CHANGES_LISTED = 10

# What a worker sends back for one document: the article and its story fingerprint, or the
# stage and reason it was skipped or failed at.
ParseResult = (
    tuple[Literal["article"], tuple[Article, int]]
    | tuple[Literal["skipped", "error"], tuple[str, str]]
)


class ParsedRow(TypedDict):
    """A row of `parsed_documents` (sql/tables/05_parsed_documents.sql)."""

    document_id: str
    parser_version: str
    outcome: str
    article_id: str | None


class ExtractedRow(TypedDict):
    """A row of `extracted_articles` (sql/tables/07_extracted_articles.sql)."""

    article_id: str
    extractor_version: str
    claims: int


class Tally:
    """What a step's batches add up to: rows offered per table, and outcomes by name."""

    def __init__(self, *tables: str) -> None:
        self.rows: Counter[str] = Counter(dict.fromkeys(tables, 0))
        self.outcomes: Counter[str] = Counter()

    def add(self, frames: Mapping[str, pd.DataFrame], tables: Iterable[str] | None = None) -> None:
        """Count the rows of ``frames`` (of ``tables`` only, when given)."""
        for table in tables if tables is not None else frames:
            self.rows[table] += len(frames[table])


@dataclass(frozen=True)
class StepResult:
    """What one step did: items it looked at, rows it offered per table, a preview."""

    processed: int
    rows_by_table: dict[str, int] = field(default_factory=dict)
    outcomes: dict[str, int] = field(default_factory=dict)
    preview: pd.DataFrame = field(default_factory=pd.DataFrame)


def ingest_documents(
    settings: Settings,
    con: duckdb.DuckDBPyConnection,
    *,
    only_source: str | None = None,
    kinds: list[str] | None = None,
    fetcher: Fetcher | None = None,
) -> StepResult:
    """Retrieve what is new from the sources into the raw cache and load it into the build.

    Each batch of new retrievals is loaded once its log lines are durable, in one transaction
    with the log position after them (`retrieval_log_loaded`). Lines a killed run made durable
    but never loaded, and the whole log for a new build (deleted, or made by an older schema),
    are loaded first from where this build stopped reading the log, offline, from the cache
    alone. Rows are inserted or ignored, so a line loaded twice adds nothing; a rerun over
    unchanged sources loads nothing; memory stays flat in the length of the log.
    """
    cache = RawCache(settings.raw_dir)
    shared_age = SHARED_PARTIAL_WRITE_AGE_S if settings.raw_cache else 0.0
    if removed := cache.remove_partial_writes(older_than_s=shared_age):
        LOGGER.warning("removed %d raw-cache bodies half-written by a killed run", removed)
    configured = load_sources(settings.sources_file)
    sources = [s for s in configured if not kinds or s.kind in kinds]
    # A team's worker shares the raw cache and owns the sources of its file, a partition run
    # its one source: it loads only their lines of the shared log (lake.publish replaces only
    # theirs).
    if settings.source and only_source not in (None, settings.source):
        raise ValueError(f"a run of source {settings.source!r} cannot ingest {only_source!r}")
    only_source = only_source or settings.source
    owned = _owned_sources(settings, configured) if settings.raw_cache else None
    log = cache.log_path.name
    tally = Tally("documents", "documents_not_loaded")
    tally.outcomes.update({"documents": 0, "failures": 0})
    preview = pd.DataFrame()
    for every, position in cache.read_log(load.log_position(con, log)):
        records = [r for r in every if owned is None or r.source in owned]
        loaded = _load_retrievals(
            con,
            tally,
            [r.to_document_meta() for r in records if r.ok and r.role == "document"],
            [r.to_failure() for r in records if r.error_stage is not None],
            log,
            position,
        )
        preview = loaded if not loaded.empty else preview
    for batch in collect_durable(sources, cache, fetcher or Fetcher(), only=only_source):
        failures = [item for item in batch if isinstance(item, IngestFailure)]
        documents = [item for item in batch if not isinstance(item, IngestFailure)]
        tally.outcomes["documents"] += len(documents)
        tally.outcomes["failures"] += len(failures)
        # Every line logged so far is durable: this batch's, and the feeds' and sitemaps'
        # (not documents) or, on a shared log, other workers' sources (not this build's).
        loaded = _load_retrievals(con, tally, documents, failures, log, cache.log_end())
        preview = loaded if not loaded.empty else preview
    new = tally.outcomes
    LOGGER.info("ingest: %d new documents, %d new failures", new["documents"], new["failures"])
    return StepResult(
        processed=new["documents"] + new["failures"],
        rows_by_table=dict(tally.rows),
        outcomes=dict(new),
        preview=preview.tail(5)[["source", "location", "retrieved_at"]]
        if len(preview)
        else preview,
    )


def _load_retrievals(
    con: duckdb.DuckDBPyConnection,
    tally: Tally,
    documents: list[DocumentMeta],
    failures: list[IngestFailure],
    log: str,
    position: LogPosition | None,
) -> pd.DataFrame:
    """Load a batch of retrievals in one transaction with the position in the retrieval log
    after them; returns the batch's `documents` rows."""
    frames = {
        "documents": rows.document_frame(documents),
        "documents_not_loaded": rows.failure_rows(failures),
    }
    if position is not None:
        frames["retrieval_log_loaded"] = rows.log_position_row(log, position)
    load.write_tables(con, frames)
    tally.add(frames, ("documents", "documents_not_loaded"))
    return frames["documents"]


def parse_articles(settings: Settings, con: duckdb.DuckDBPyConnection) -> StepResult:
    """Parse every document this parser version has not seen into an article, or say why not.

    Documents go through the worker pool a batch at a time (the next batch is parsed while
    this one is written), and each batch is written in one transaction with its
    `parsed_documents` markers: memory stays flat, and a run stopped half-way resumes where it
    stopped.
    """
    sources = {source.name: source for source in load_sources(settings.sources_file)}
    known = load.read_query(con, "article_stories")
    dedup = Deduplicator(
        zip(known["article_id"], known["story_id"], map(int, known["fingerprint"]), strict=True)
    )
    tally = Tally()
    preview = pd.DataFrame()
    parsed_count = 0
    # A second connection streams the pending documents while this one writes batches: their
    # metadata is never all in memory (20 MB at 30,000 documents, by tracemalloc, and in the
    # forked workers' share of this process's memory).
    reader = con.cursor()
    pending = load.stream_query(reader, "pending_documents", parser_version=PARSER_VERSION)
    metas = (
        DocumentMeta.from_columns(row) for chunk in pending for row in chunk.to_dict("records")
    )
    tasks = (
        [(str(settings.raw_dir), meta, sources.get(meta.source)) for meta in batch]
        for batch in batched(metas, BATCH_DOCUMENTS)
    )
    with contextlib.closing(reader), Pool() as pool:
        for batch, parsed in pool.map_batches(_parse_task, tasks):
            parsed_count += len(batch)
            results = zip((meta for _, meta, _ in batch), parsed, strict=True)
            frames = _parsed_frames(results, dedup)
            load.write_tables(con, frames)
            tally.add(frames)
            tally.outcomes.update(frames["parsed_documents"]["outcome"].astype(str))
            if preview.empty and not frames["articles"].empty:
                preview = frames["articles"][["article_id", "title", "outlet_id", "published_at"]]
    outcomes = dict(tally.outcomes)
    LOGGER.info("parse: %d documents parsed (%s)", parsed_count, outcomes)
    return StepResult(
        processed=parsed_count,
        rows_by_table=dict(tally.rows),
        outcomes=outcomes,
        preview=preview.head(5),
    )


def extract_article_claims(con: duckdb.DuckDBPyConnection) -> StepResult:
    """Extract claims from every article this extractor version has not processed.

    Article texts are read, extracted (in the worker pool, one batch ahead of the writes) and
    written a batch at a time, each batch in one transaction with its `extracted_articles`
    markers. The workers are forked before any text is read, so they never hold a copy of
    texts DuckDB cached in this process.
    """
    pending = load.read_query(con, "pending_article_ids", extractor_version=EXTRACTOR_VERSION)
    ids = pending["article_id"].tolist()
    tally = Tally("claims", "extracted_articles")
    preview = pd.DataFrame()
    batches = (_extract_tasks(con, batch) for batch in batched(ids, BATCH_ARTICLES))
    if ids:
        warm_up()  # before the workers are forked, so they start with it
    with Pool() as pool:
        pool.start_for(len(ids))  # before the first texts are read
        for tasks, results in pool.map_batches(_extract_task, batches):
            claim_rows: list[rows.Row] = []
            extracted: list[ExtractedRow] = []
            for (article, _, _), found in zip(tasks, results, strict=True):
                claim_rows.extend(found)
                extracted.append(
                    {
                        "article_id": article,
                        "extractor_version": EXTRACTOR_VERSION,
                        "claims": len(found),
                    }
                )
            frames = {
                "claims": pd.DataFrame(claim_rows),
                "extracted_articles": pd.DataFrame(extracted),
            }
            # A new extractor version replaces each article's claims and marker in one go.
            processed = {"article_ids": [article for article, _, _ in tasks]}
            replacing = {
                "delete_claims_of_articles": processed,
                "delete_extractions_of_articles": processed,
            }
            load.write_tables(con, frames, replacing)
            tally.add(frames)
            if preview.empty and not frames["claims"].empty:
                preview = frames["claims"][
                    ["country", "population", "value", "qualifier", "speaker"]
                ]
    LOGGER.info("extract: %d articles, %d claims", len(ids), tally.rows["claims"])
    return StepResult(processed=len(ids), rows_by_table=dict(tally.rows), preview=preview.head(10))


def forget_claims(con: duckdb.DuckDBPyConnection) -> None:
    """Drop every extraction so the next extract step reprocesses all stored article texts."""
    con.execute(sqlfiles.query("delete_claims_for_reextract"))


@dataclass(frozen=True)
class PublishResult:
    views: list[str]
    reviews: int
    orphaned_reviews: pd.DataFrame
    changes: Changes
    lake: lake.Publication | None = None  # the team profile's publication to the DuckLake


def publish_warehouse(settings: Settings) -> PublishResult:
    """Load the reviews, create the views in the build and publish it as the analysts' file;
    in the team profile, also publish this installation's sources to the shared lake.

    Malformed reviews fail the step before anything is published (ReviewsError names the line).
    """
    lake_config = lake.LakeConfig.from_env()
    reviews = read_reviews(settings.reviews_dir)
    with db.build_lock(settings):
        con = db.connect(settings.build_database)
        try:
            load_reviews(con, reviews)
            con.execute(sqlfiles.query("memory_for_views"))
            views = db.create_views(con)
            orphaned = con.execute(sqlfiles.query("orphaned_reviews")).df()
            record_publication(con, dt.datetime.now(dt.UTC).replace(tzinfo=None))
            changes = changes_since(con, previous_run(con), limit=CHANGES_LISTED)
            con.checkpoint()
        finally:
            con.close()
        db.publish(settings)
        published = None
        if lake_config is not None:
            sources = sorted(_owned_sources(settings, load_sources(settings.sources_file)))
            published = lake.publish(lake_config, settings.database, sources)
    if not orphaned.empty:
        LOGGER.warning("%d reviews point at claims that no longer exist", len(orphaned))
    return PublishResult(
        views=views,
        reviews=len(reviews),
        orphaned_reviews=orphaned,
        changes=changes,
        lake=published,
    )


def render_figure_report(settings: Settings) -> ReportFiles:
    """Write the figure report of the published warehouse into `warehouse/reports/`.

    The rows are read a chunk at a time and turned into the page a series at a time; the
    browser draws the charts, so no worker pool is needed here. Rows unchanged since the last
    report (their digest) keep it without being read.
    """
    con = db.connect(settings.database, read_only=True)
    try:
        rows = load.read_query(con, "timeline_for_report_digest").iloc[0]
        return render_report(
            load.stream_query(con, "timeline_for_report"),
            settings.reports_dir,
            rows_digest=f"{rows['rows']}:{rows['digest']}",
        )
    finally:
        con.close()


def _owned_sources(settings: Settings, configured: list[Source]) -> set[str]:
    """The sources whose rows this build holds and publishes: its one source, else all."""
    return {settings.source} if settings.source else {s.name for s in configured}


def _parse_task(task: tuple[str, DocumentMeta, Source | None]) -> ParseResult:
    """("article", (Article, fingerprint)) | ("skipped"|"error", (stage, reason)) for one
    document.

    Runs in a worker: it reads the body from the raw cache itself, so bodies never travel
    through the pool's pipes.
    """
    raw_dir, meta, source = task
    try:
        page = decode_document(RawCache(Path(raw_dir)).get(meta.document_id), meta)
        if source is not None:  # an off-topic page is never parsed (the costly step)
            possible, reason = may_be_relevant(page, source)
            if not possible:
                return "skipped", ("relevance", reason)
        article = parse_decoded(page, meta)
    except IngestError as exc:
        return "error", (exc.stage, exc.reason)
    except (KeyError, ValueError) as exc:
        return "error", ("read", f"raw cache: {exc}")
    if source is not None:
        relevant, reason = is_relevant(article, source)
        if not relevant:
            return "skipped", ("relevance", reason)
    return "article", (article, story_fingerprint(article.text))


def _parsed_frames(
    results: Iterable[tuple[DocumentMeta, ParseResult]], dedup: Deduplicator
) -> dict[str, pd.DataFrame]:
    """The rows of one batch of parse results (``dedup`` says what is a duplicate and which
    story a new article joins)."""
    articles: list[rows.ArticleRow] = []
    outlets: dict[str, rows.OutletRow] = {}
    parsed: list[ParsedRow] = []
    errors: list[tuple[IngestFailure, str | None]] = []
    for meta, result in results:
        outcome: str = result[0]
        key: str | None = None
        if result[0] == "article":
            article, fingerprint = result[1]
            key = rows.article_id(article.text)
            story = dedup.story_of(key, fingerprint)
            if story is None:
                outcome = "duplicate"
            else:
                articles.append(rows.article_row(article, meta, PARSER_VERSION, fingerprint, story))
                outlet = rows.outlet_row(article, meta)
                if outlet:
                    outlets.setdefault(outlet["outlet_id"], outlet)
        else:
            stage, reason = result[1]
            failure = IngestFailure(meta.source, meta.location, stage, reason, meta.retrieved_at)
            errors.append((failure, meta.document_id))
        parsed.append(_parsed(meta, outcome, key))
    return {
        "outlets": pd.DataFrame(list(outlets.values())),
        "articles": pd.DataFrame(articles),
        "parsed_documents": pd.DataFrame(parsed),
        "documents_not_loaded": rows.failure_rows(errors),
    }


def _extract_tasks(
    con: duckdb.DuckDBPyConnection, article_ids: list[str]
) -> list[tuple[str, str, FuzzyDate | None]]:
    """(article_id, text, published) of each article, read from the build."""
    articles = load.read_query(con, "articles_by_id", article_ids=article_ids)
    # pandas types itertuples' fields as any scalar; the query's columns say what they hold.
    found = cast(Iterable[rows.ArticleTextRow], articles.itertuples())
    return [(a.article_id, a.text, rows.published_date(a)) for a in found]


def _extract_task(task: tuple[str, str, FuzzyDate | None]) -> list[rows.Row]:
    """The claim rows of one article (runs in a worker)."""
    article, text, published = task
    return rows.claim_rows(article, text, extract_claims(text, published), EXTRACTOR_VERSION)


def _parsed(meta: DocumentMeta, outcome: str, article: str | None) -> ParsedRow:
    return {
        "document_id": meta.document_id,
        "parser_version": PARSER_VERSION,
        "outcome": outcome,
        "article_id": article,
    }
