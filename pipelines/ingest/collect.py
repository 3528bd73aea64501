"""Collect new documents from the configured sources into the raw cache and retrieval log.

Only new retrievals are yielded (a body not yet recorded for that location, or a new failure),
so a rerun over unchanged sources yields nothing and writes nothing. Parsing is left to
``parse.parse_document``, which reads the stored bytes: collection never needs to be repeated
to re-parse.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from pipelines.ingest.fetcher import Fetcher
from pipelines.ingest.folders import collect_folder
from pipelines.ingest.listings import collect_feed, collect_sitemap
from pipelines.ingest.model import DocumentMeta, IngestFailure
from pipelines.ingest.rawcache import GROUP_RECORDS, RawCache
from pipelines.ingest.recorder import LogState, Recorder
from pipelines.ingest.sources import Source

LOGGER = logging.getLogger(__name__)

__all__ = ["IngestFailure", "collect", "collect_durable"]


def collect(
    sources: list[Source], cache: RawCache, fetcher: Fetcher, *, only: str | None = None
) -> Iterator[DocumentMeta | IngestFailure]:
    """New documents and failures from every source (or only the one named ``only``)."""
    if only is not None and all(source.name != only for source in sources):
        raise ValueError(f"no source named {only!r}")
    state = LogState.of_log(cache)
    with cache.group_commit():
        for source in sources:
            if only is not None and source.name != only:
                continue
            recorder = Recorder(source, cache, fetcher, state)
            new_count = 0
            for outcome in _COLLECTORS[source.kind](recorder):
                new_count += 1
                yield outcome
            LOGGER.info("source %s: %d new retrievals or failures", source.name, new_count)


def collect_durable(
    sources: list[Source],
    cache: RawCache,
    fetcher: Fetcher,
    *,
    only: str | None = None,
    batch_size: int = GROUP_RECORDS,
) -> Iterator[list[DocumentMeta | IngestFailure]]:
    """``collect``'s new documents and failures a batch at a time, each batch yielded once its
    log lines are durable: a caller may load it into the warehouse as it is, without reading
    the log back, and a kill never leaves a loaded row whose line is lost."""
    batch: list[DocumentMeta | IngestFailure] = []
    for outcome in collect(sources, cache, fetcher, only=only):
        batch.append(outcome)
        if len(batch) >= batch_size:
            cache.commit_group()
            yield batch
            batch = []
    if batch:  # collect has returned: its group, and so every line, is committed
        yield batch


def _collect_urls(recorder: Recorder) -> Iterator[DocumentMeta | IngestFailure]:
    for url in recorder.source.urls:
        if outcome := recorder.document(url):
            yield outcome


_COLLECTORS = {
    "folder": collect_folder,
    "urls": _collect_urls,
    "feed": collect_feed,
    "sitemap": collect_sitemap,
}
