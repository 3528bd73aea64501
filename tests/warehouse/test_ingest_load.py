"""Loading the retrieval log into the build: only the lines a build has not loaded yet."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pipelines import stages
from pipelines.ingest.rawcache import RawCache
from pipelines.settings import Settings
from pipelines.warehouse import db, load


def _settings(tmp_path: Path) -> tuple[Settings, Path]:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("Some 3,000 Americans have volunteered.\n")
    (folder / "empty.txt").write_text("")  # a recorded failure
    sources = tmp_path / "sources.yml"
    sources.write_text(
        f"sources:\n  - name: files\n    kind: folder\n    path: {folder}\n"
        '    patterns: ["*.txt"]\n    topic: legion\n',
        encoding="utf-8",
    )
    return Settings(tmp_path / "warehouse", sources, tmp_path / "reviews"), folder


def _ingest(settings: Settings) -> tuple[dict[str, int], dict[str, int]]:
    with db.open_build(settings) as con:
        result = stages.ingest_documents(settings, con)
        return result.rows_by_table, load.count_rows(con)


def test_a_rerun_loads_only_new_lines_and_a_new_build_loads_them_all(tmp_path: Path) -> None:
    settings, folder = _settings(tmp_path)
    loaded, counts = _ingest(settings)
    assert loaded == {"documents": 1, "documents_not_loaded": 1}
    assert (counts["documents"], counts["documents_not_loaded"]) == (1, 1)

    assert _ingest(settings) == ({"documents": 0, "documents_not_loaded": 0}, counts)

    (folder / "b.txt").write_text("Around 300 Norwegians joined.\n")
    loaded, counts = _ingest(settings)
    assert loaded == {"documents": 1, "documents_not_loaded": 0}
    assert (counts["documents"], counts["documents_not_loaded"]) == (2, 1)

    settings.build_database.unlink()  # a lost build is rebuilt from the raw cache alone
    loaded, rebuilt = _ingest(settings)
    assert loaded == {"documents": 2, "documents_not_loaded": 1}
    assert rebuilt == counts


def test_new_retrievals_are_loaded_without_reading_the_log_back(
    tmp_path: Path, monkeypatch
) -> None:
    settings, folder = _settings(tmp_path)
    _ingest(settings)
    (folder / "b.txt").write_text("Around 300 Norwegians joined.\n")
    read_back: list[int] = []
    read_log = RawCache.read_log

    def counting(self, since=None, **kwargs):  # the loader's reads: from the build's position
        for batch, position in read_log(self, since, **kwargs):
            if since is not None:
                read_back.append(len(batch))
            yield batch, position

    monkeypatch.setattr(RawCache, "read_log", counting)
    loaded, counts = _ingest(settings)
    assert loaded == {"documents": 1, "documents_not_loaded": 0}
    assert sum(read_back) == 0  # the new line was loaded as collected, not read back
    # (collecting reads the log once before writing, to know what it already holds)
    assert _ingest(settings)[0] == {"documents": 0, "documents_not_loaded": 0}


def test_lines_a_killed_run_made_durable_are_loaded_by_the_next(tmp_path: Path) -> None:
    settings, folder = _settings(tmp_path)
    _, counts = _ingest(settings)
    cache = RawCache(settings.raw_dir)
    (first,) = [r for r in cache.records() if r.ok]
    # A run killed after its line was durable, before its batch was loaded.
    cache.append(replace(first, location="c.txt", retrieved_at=first.retrieved_at))
    loaded, after = _ingest(settings)
    assert loaded == {"documents": 1, "documents_not_loaded": 0}
    assert after["documents"] == counts["documents"] + 1


def test_a_run_of_one_source_builds_it_alone_from_the_installations_raw_cache(
    tmp_path: Path,
) -> None:
    settings, folder = _settings(tmp_path)
    partition = settings.for_source("files")
    assert partition.raw_dir == settings.raw_dir  # one raw cache for every source's runs
    assert partition.build_database.is_relative_to(settings.warehouse_dir / "sources" / "files")
    loaded, _ = _ingest(partition)
    assert loaded == {"documents": 1, "documents_not_loaded": 1}
    with db.open_build(partition) as con, pytest.raises(ValueError, match="cannot ingest"):
        stages.ingest_documents(partition, con, only_source="other")
    with pytest.raises(ValueError, match="cannot name a folder"):
        settings.for_source("../elsewhere")
