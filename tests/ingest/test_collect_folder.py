"""collect() over local folders: sidecars, gzip, refusals, and reruns that write nothing."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import shutil
from pathlib import Path

import pytest

from pipelines.dates import FuzzyDate
from pipelines.ingest import folders
from pipelines.ingest.collect import collect
from pipelines.ingest.fetcher import Fetcher
from pipelines.ingest.model import DocumentMeta, IngestFailure
from pipelines.ingest.parse import parse_document
from pipelines.ingest.rawcache import RawCache
from pipelines.ingest.sources import Source

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ingest"


def _source(folder: Path, **overrides: object) -> Source:
    fields: dict = {
        "name": "files",
        "kind": "folder",
        "topic": "legion",
        "path": folder,
        "patterns": ("*.txt", "*.html", "*.md", "*.txt.gz", "*.html.gz", "sub/*.txt"),
    }
    fields.update(overrides)
    return Source(**fields)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "articles"
    (root / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "legion.txt", root)
    shutil.copy(FIXTURES / "legion.meta.yml", root)
    (root / "relevant.html.gz").write_bytes(
        gzip.compress((FIXTURES / "relevant.html").read_bytes())
    )
    (root / "notes.md").write_text("# Notes\n\nNo sidecar here.\n")
    (root / "notes.meta.json").write_text(
        json.dumps({"outlet": "Notes Weekly", "published": "2022-03"})
    )
    (root / "sub" / "deep.txt").write_text("nested file\n")
    (root / "ignored.csv").write_text("a,b\n")
    return root


def _run(source: Source, cache: RawCache) -> list[DocumentMeta | IngestFailure]:
    return list(collect([source], cache, Fetcher()))


def test_folder_documents_with_sidecars(folder: Path, tmp_path: Path) -> None:
    cache = RawCache(tmp_path / "raw")
    outcomes = {item.location: item for item in _run(_source(folder), cache)}
    assert set(outcomes) == {"legion.txt", "relevant.html.gz", "notes.md", "sub/deep.txt"}
    assert all(isinstance(item, DocumentMeta) for item in outcomes.values())
    legion = outcomes["legion.txt"]
    assert legion.url == "https://example.org/legion-numbers"
    assert legion.outlet == "Example Wire" and legion.synthetic
    assert legion.published == FuzzyDate(dt.date(2022, 3, 7), "day", inferred=True)
    assert legion.content_type == "text/plain" and legion.status is None
    assert cache.get(legion.document_id) == (FIXTURES / "legion.txt").read_bytes()
    notes = outcomes["notes.md"]
    assert notes.outlet == "Notes Weekly"
    assert notes.published == FuzzyDate(dt.date(2022, 3, 1), "month", inferred=False)
    html = outcomes["relevant.html.gz"]
    assert html.content_type == "text/html" and html.published is None  # no sidecar: unknown
    assert cache.get(html.document_id) == (FIXTURES / "relevant.html").read_bytes()  # inflated
    article = parse_document(cache.get(html.document_id), html)
    assert article.published == FuzzyDate(dt.date(2022, 3, 8), "day")  # the page's own date
    logged = [r.to_document_meta() for r in cache.records() if r.ok and r.role == "document"]
    assert logged == list(outcomes.values())


def test_rerun_yields_and_writes_nothing(folder: Path, tmp_path: Path) -> None:
    cache = RawCache(tmp_path / "raw")
    source = _source(folder)
    assert len(_run(source, cache)) == 4
    log_bytes = cache.log_path.read_bytes()
    assert _run(source, cache) == []
    assert cache.log_path.read_bytes() == log_bytes
    (folder / "sub" / "deep.txt").write_text("nested file, edited\n")
    (changed,) = _run(source, cache)
    assert changed.location == "sub/deep.txt"
    assert cache.get(changed.document_id) == b"nested file, edited\n"


def test_source_defaults_apply_without_sidecar(folder: Path, tmp_path: Path) -> None:
    source = _source(folder, defaults={"outlet": "Default Outlet", "synthetic": True})
    outcomes = {item.location: item for item in _run(source, RawCache(tmp_path / "raw"))}
    assert outcomes["sub/deep.txt"].outlet == "Default Outlet"
    assert outcomes["sub/deep.txt"].synthetic
    assert outcomes["legion.txt"].outlet == "Example Wire"  # the sidecar wins


def test_symlink_outside_is_refused(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("do not read")
    (folder / "escape.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "legion.txt")
    cache = RawCache(tmp_path / "raw")
    outcomes = {item.location: item for item in _run(_source(folder), cache)}
    escape = outcomes["escape.txt"]
    assert isinstance(escape, IngestFailure) and escape.stage == "path"
    assert "outside the source folder" in escape.reason
    assert isinstance(outcomes["inside.txt"], DocumentMeta)
    assert b"do not read" not in b"".join(
        cache.get(item.document_id) for item in outcomes.values() if isinstance(item, DocumentMeta)
    )
    assert _run(_source(folder), cache) == []  # the same failure is not logged twice


def test_a_linked_folder_leading_outside_is_refused_and_a_dangling_link_skipped(
    folder: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text("do not read")
    (folder / "linked").symlink_to(outside)
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    source = _source(folder, patterns=("linked/*.txt", "*.txt"))
    outcomes = {item.location: item for item in _run(source, RawCache(tmp_path / "raw"))}
    assert set(outcomes) == {"linked/secret.txt", "legion.txt"}
    refused = outcomes["linked/secret.txt"]
    assert isinstance(refused, IngestFailure) and refused.stage == "path"


def test_bad_sidecar_binary_and_empty_files_are_failures(folder: Path, tmp_path: Path) -> None:
    (folder / "bad.txt").write_text("text\n")
    (folder / "bad.meta.yml").write_text("published: {date: not-a-date}\n")
    (folder / "typo.txt").write_text("text\n")
    (folder / "typo.meta.yml").write_text("outlett: X\n")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.txt.gz").write_bytes(b"\x1f\x8b\x08\x00\x00")
    outcomes = {item.location: item for item in _run(_source(folder), RawCache(tmp_path / "raw"))}
    stages = {
        name: (item.stage, item.reason)
        for name, item in outcomes.items()
        if isinstance(item, IngestFailure)
    }
    assert stages["bad.txt"][0] == "sidecar" and "not a date" in stages["bad.txt"][1]
    assert stages["typo.txt"] == ("sidecar", "typo.meta.yml: unknown keys ['outlett']")
    assert stages["image.html"] == ("content", "binary: PNG image")
    assert stages["empty.txt"] == ("content", "empty: no content")
    assert stages["broken.txt.gz"] == ("content", "undecodable: truncated gzip")


def test_missing_folder_is_a_failure(tmp_path: Path) -> None:
    (failure,) = _run(_source(tmp_path / "nowhere"), RawCache(tmp_path / "raw"))
    assert isinstance(failure, IngestFailure) and failure.stage == "path"


def test_only_selects_one_source(folder: Path, tmp_path: Path) -> None:
    cache = RawCache(tmp_path / "raw")
    other = _source(folder, name="other", patterns=("*.md",))
    outcomes = list(collect([_source(folder), other], cache, Fetcher(), only="other"))
    assert [item.location for item in outcomes] == ["notes.md"]
    with pytest.raises(ValueError, match="no source named 'nope'"):
        list(collect([other], cache, Fetcher(), only="nope"))


def test_dotdot_pattern_is_refused_even_without_load_sources(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("not yours")
    source = _source(folder, patterns=("../*.txt",))
    (failure,) = _run(source, RawCache(tmp_path / "raw"))
    assert isinstance(failure, IngestFailure) and failure.stage == "path"
    assert failure.location == "../outside.txt"


def test_a_rerun_reads_only_files_whose_size_or_mtime_changed(
    folder: Path, tmp_path: Path, monkeypatch
) -> None:
    cache = RawCache(tmp_path / "raw")
    _run(_source(folder), cache)
    read: list[str] = []
    real_read = folders.read_local_file
    monkeypatch.setattr(folders, "read_local_file", lambda p: read.append(p.name) or real_read(p))
    assert _run(_source(folder), cache) == []
    assert read == []  # nothing changed: not one file opened
    legion = folder / "legion.txt"
    legion.write_text(legion.read_text() + "\nA late paragraph.\n")
    (folder / "notes.md").touch()  # same bytes, new mtime: read again, no new document
    outcomes = _run(_source(folder), cache)
    assert sorted(read) == ["legion.txt", "notes.md"]
    assert [item.location for item in outcomes] == ["legion.txt"]
    read.clear()  # the touched file's new size and mtime were recorded: not read once more
    assert _run(_source(folder), cache) == []
    assert read == []


def test_files_are_collected_in_the_order_of_their_path_parts(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    names = ["a-b/z.txt", "a/z.txt", "a/b/z.txt", "a.b.txt", "a/y.txt", "b.txt"]
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"Some 300 volunteers, says {name}.\n")
    source = _source(root, patterns=("*.txt", "*/*.txt", "*/*/*.txt"))
    outcomes = _run(source, RawCache(tmp_path / "raw"))
    # Part by part ("a" before "a-b", as a folder's listing shows them), not character by
    # character ("a-b/z.txt" < "a/z.txt" as plain strings).
    expected = sorted(names, key=lambda name: Path(name).parts)
    assert expected[:3] == ["a/b/z.txt", "a/y.txt", "a/z.txt"]
    assert [item.location for item in outcomes] == expected
