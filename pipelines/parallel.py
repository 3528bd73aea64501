"""Both cores for parsing and extraction: a process pool inside the domain code.

Dagster's multiprocess executor costs seconds per step here (docs/toolchain.md), so the graph runs
in-process and the CPU-bound work of a step (trafilatura, the extractor) fans out to a pool of
forked workers instead. Small batches stay in-process: forking costs more than it saves.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

WORKERS_ENV = "HEADCOUNT_WORKERS"
# Below this many items a pool's start-up (fork, warm imports) outweighs the work it shares.
MIN_ITEMS_FOR_POOL = 24
_CHUNK_ITEMS = 8  # items per task sent to a worker: fewer round trips, still balanced

Item = TypeVar("Item")
Result = TypeVar("Result")


def worker_count() -> int:
    """Workers for CPU-bound steps: HEADCOUNT_WORKERS, else one per core."""
    configured = os.environ.get(WORKERS_ENV, "").strip()
    if configured:
        return max(1, int(configured))
    return os.cpu_count() or 1


class Pool:
    """A lazily started pool of forked workers, shared by the batches of one step."""

    def __init__(self, workers: int | None = None, *, min_items: int = MIN_ITEMS_FOR_POOL):
        self.workers = workers if workers is not None else worker_count()
        self.min_items = min_items  # fewer items than this stay in-process
        self._executor: ProcessPoolExecutor | None = None

    def map(self, func: Callable[[Item], Result], items: list[Item]) -> Iterator[Result]:
        """``func`` over ``items``, results in order; in-process when the batch is small and
        the workers are not running yet."""
        if self._executor is None and (self.workers <= 1 or len(items) < self.min_items):
            return map(func, items)
        return self.start().map(func, items, chunksize=_CHUNK_ITEMS)

    def start(self) -> ProcessPoolExecutor:
        """The workers, forked now if they are not yet (rather than at the first large batch):
        a worker's memory starts as a copy of this process's, so a step about to load much (the
        report's rows) starts its workers first."""
        if self._executor is not None:
            return self._executor
        self._executor = ProcessPoolExecutor(
            self.workers, mp_context=multiprocessing.get_context("fork")
        )
        # Forked workers share the parent's memory until they write to it, and a garbage
        # collection in a worker writes to every object it inherited: frozen objects are left
        # out of collections, so the workers stay lean and fast.
        gc.freeze()
        try:
            self._executor.submit(int).result()  # the first task forks every worker
        finally:
            gc.unfreeze()
        return self._executor

    def start_for(self, items: int) -> None:
        """Fork the workers now if ``items`` items will go to them, before the caller reads
        anything large: forked workers start with a copy of this process's memory, DuckDB's
        cache of the blocks just read included."""
        if self.workers > 1 and items >= self.min_items:
            self.start()

    def map_batches(
        self, func: Callable[[Item], Result], batches: Iterable[list[Item]]
    ) -> Iterator[tuple[list[Item], list[Result]]]:
        """(batch, ``func`` over it) for each batch, in order. The next batch is already with
        the workers while the caller handles (writes) this one, so they never wait for the
        caller; ``batches`` is read one batch ahead, so it may be a lazy generator."""
        ahead: tuple[list[Item], Iterator[Result]] | None = None
        for batch in batches:
            submitted = self.map(func, batch)  # a pool's map submits at once; in-process is lazy
            if ahead is not None:
                yield ahead[0], list(ahead[1])
            ahead = batch, submitted
        if ahead is not None:
            yield ahead[0], list(ahead[1])

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)


def _length(item: Any) -> int:
    """The default weight of `batched`: ``len(item)`` (items weighed by it must have one)."""
    return len(item)


def batched(
    items: Iterable[Item],
    size: int,
    *,
    max_weight: int | None = None,
    weight: Callable[[Item], int] = _length,
) -> Iterator[list[Item]]:
    """``items`` in lists of ``size`` (the last may be shorter), read lazily: the batches of
    `Pool.map_batches`. With ``max_weight``, a batch also ends once the ``weight`` of its items
    reaches it, so a few large items (the report's largest series) never share a batch with
    many others: the batch being handled and the one ahead stay small in memory."""
    batch: list[Item] = []
    total = 0
    for item in items:
        batch.append(item)
        if max_weight is not None:
            total += weight(item)
        if len(batch) == size or (max_weight is not None and total >= max_weight):
            yield batch
            batch, total = [], 0
    if batch:
        yield batch
