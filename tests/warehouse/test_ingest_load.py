"""Loading the retrieval log into the build: only the lines a build has not loaded yet."""

from __future__ import annotations

from pathlib import Path

from pipelines import stages
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
