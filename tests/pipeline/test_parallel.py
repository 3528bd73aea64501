"""The worker pool gives the same results as one process, in order."""

from __future__ import annotations

import multiprocessing
import os

import dagster as dg
import duckdb

from assets.definitions import ALL_ASSETS, resources
from pipelines.parallel import MIN_ITEMS_FOR_POOL, Pool, batched
from pipelines.settings import Settings


def _square_with_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def test_pool_maps_in_order_across_processes():
    items = list(range(MIN_ITEMS_FOR_POOL * 3))
    with Pool(workers=2) as pool:
        results = list(pool.map(_square_with_pid, items))
    assert [square for square, _ in results] == [n * n for n in items]
    assert {pid for _, pid in results} - {os.getpid()}, "work never left this process"


def test_small_batches_stay_in_process():
    with Pool(workers=2) as pool:
        results = list(pool.map(_square_with_pid, [1, 2, 3]))
    assert {pid for _, pid in results} == {os.getpid()}


def _build(tmp_path, name, articles, workers, monkeypatch):
    monkeypatch.setenv("HEADCOUNT_WORKERS", str(workers))
    root = tmp_path / name
    settings = Settings(root / "warehouse", articles.parent / "sources.yml", root / "reviews")
    assert dg.materialize(ALL_ASSETS, resources=resources(settings)).success
    con = duckdb.connect(str(settings.database), read_only=True)
    rows = con.execute(
        "select article_id, claim_id, country, value, qualifier from claim_timeline order by all"
    ).fetchall()
    con.close()
    return rows


def test_pipeline_with_two_workers_equals_one_worker(tmp_path, monkeypatch):
    articles = tmp_path / "corpus" / "articles"
    articles.mkdir(parents=True)
    countries = ["Norwegians", "Americans", "Britons", "Danes", "Canadians", "Latvians"]
    for number in range(MIN_ITEMS_FOR_POOL + 6):
        (articles / f"a{number:03d}.txt").write_text(
            f"Legion update {number}\nAbout {100 + number} {countries[number % 6]} have "
            f"volunteered to join the International Legion, officials said.\n",
            encoding="utf-8",
        )
    (articles.parent / "sources.yml").write_text(
        "sources:\n  - name: many\n    kind: folder\n    path: articles\n"
        '    patterns: ["*.txt"]\n    topic: legion\n',
        encoding="utf-8",
    )
    one = _build(tmp_path, "one", articles, 1, monkeypatch)
    two = _build(tmp_path, "two", articles, 2, monkeypatch)
    assert len(one) == MIN_ITEMS_FOR_POOL + 6
    assert one == two


def test_map_batches_keeps_the_next_batch_with_the_workers():
    """Batch k+1 is taken (and submitted) before batch k's results reach the caller."""
    events: list[str] = []
    size = MIN_ITEMS_FOR_POOL

    def batches():
        for number in range(3):
            events.append(f"taken {number}")
            yield list(range(number * size, (number + 1) * size))

    with Pool(workers=2) as pool:
        for batch, results in pool.map_batches(_square_with_pid, batches()):
            events.append(f"handled {batch[0] // size}")
            assert [square for square, _ in results] == [n * n for n in batch]
    assert events == ["taken 0", "taken 1", "handled 0", "taken 2", "handled 1", "handled 2"]


def test_map_batches_of_nothing_yields_nothing():
    with Pool(workers=2) as pool:
        assert list(pool.map_batches(_square_with_pid, iter([]))) == []


def test_start_forks_the_workers_before_any_batch():
    before = {child.pid for child in multiprocessing.active_children()}
    with Pool(workers=2) as pool:
        pool.start()
        started = {child.pid for child in multiprocessing.active_children()} - before
        assert len(started) == 2
        results = list(pool.map(_square_with_pid, list(range(MIN_ITEMS_FOR_POOL))))
    assert {pid for _, pid in results} <= started


def test_batched_reads_lazily_and_keeps_the_remainder():
    taken: list[int] = []

    def numbers():
        for number in range(7):
            taken.append(number)
            yield number

    batches = batched(numbers(), 3)
    assert next(batches) == [0, 1, 2] and taken == [0, 1, 2]  # no more read than one batch
    assert list(batches) == [[3, 4, 5], [6]]
    assert list(batched([], 3)) == []


def test_batched_by_weight_ends_a_batch_once_its_weight_is_reached():
    taken: list[str] = []

    def words():
        for word in ["aaaaaa", "b", "cc", "dddd", "e", "f", "g", "h"]:
            taken.append(word)
            yield word

    batches = batched(words(), 4, max_weight=5, weight=len)
    assert next(batches) == ["aaaaaa"] and taken == ["aaaaaa"]  # alone: heavier than the cap
    assert next(batches) == ["b", "cc", "dddd"] and len(taken) == 4  # 7 >= 5, read lazily
    assert list(batches) == [["e", "f", "g", "h"]]  # four items end a batch too


def test_a_started_pool_takes_small_batches_too():
    """Once the workers run (forked early, before a step loads its rows), every batch goes to
    them, the last short one included."""
    with Pool(workers=2) as pool:
        pool.start()
        results = list(pool.map(_square_with_pid, [1, 2, 3]))
    assert [square for square, _ in results] == [1, 4, 9]
    assert {pid for _, pid in results} - {os.getpid()}, "work never left this process"


def test_start_for_forks_only_when_the_items_will_go_to_the_workers():
    before = {child.pid for child in multiprocessing.active_children()}

    def forked_for(workers: int, items: int) -> int:
        with Pool(workers=workers) as pool:
            pool.start_for(items)
            return len({child.pid for child in multiprocessing.active_children()} - before)

    assert forked_for(2, MIN_ITEMS_FOR_POOL) == 2
    assert forked_for(2, MIN_ITEMS_FOR_POOL - 1) == 0  # stays in-process: no fork
    assert forked_for(1, MIN_ITEMS_FOR_POOL * 10) == 0  # one worker works in-process
