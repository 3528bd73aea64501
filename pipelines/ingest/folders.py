"""Local folders of articles: glob patterns, gzip read transparently, sidecar metadata.

A text file rarely says where it came from, so ``NAME.meta.yml`` (or ``.meta.yaml``,
``.meta.json``) beside ``NAME.txt`` can give its url, outlet, published date and whether it is
synthetic. Without one the published date stays unknown (None), never today. Files are only
read inside the source folder: a symlink leading outside is refused and recorded. A file whose
size and modification time are those of its last successful read is not read again (the test
make and rsync use): a rerun over a large unchanged folder costs a stat per file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from stat import S_ISLNK, S_ISREG
from typing import Any

import yaml

from pipelines.dates import PRECISIONS, FuzzyDate
from pipelines.ingest.model import Article, DocumentMeta, IngestError, IngestFailure
from pipelines.ingest.parse import MAX_BODY_BYTES, gunzip, parse_document
from pipelines.ingest.recorder import Extra, Recorder, content_problem

LOGGER = logging.getLogger(__name__)

SIDECAR_SUFFIXES = (".meta.yml", ".meta.yaml", ".meta.json")
_SIDECAR_KEYS = {"url", "outlet", "published", "synthetic"}
_CONTENT_TYPES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
    ".xhtml": "application/xhtml+xml",
}


class SidecarError(ValueError):
    """A sidecar that cannot be trusted as written."""


def collect_folder(recorder: Recorder) -> Iterator[DocumentMeta | IngestFailure]:
    """New documents (and failures) among the files matching the source's patterns."""
    source = recorder.source
    if source.path is None or not source.path.is_dir():
        reason = f"source folder {source.path} does not exist"
        if failure := recorder.failure(".", "path", reason):
            yield failure
        return
    root = source.path.resolve()
    # The matches are held as strings for the whole walk: 100,000 Path objects took 41 MB,
    # their strings 13 MB (tracemalloc); an unchanged file never becomes a Path again. Sorted
    # as their parts would be (the separator sorts below every other character).
    files = {str(path) for pattern in source.patterns for path in root.glob(pattern)}
    inside = _InsideCheck(root)
    for name in sorted(files, key=lambda name: name.replace(os.sep, "\0")):
        if name.endswith(SIDECAR_SUFFIXES):
            continue
        if outcome := _collect_file(recorder, inside, name):
            yield outcome


class _InsideCheck:
    """Does a path found under ``root`` really lie inside it, links resolved?

    Resolving every file costs a system call per path component, the larger part of a rerun
    over an unchanged folder: each directory is resolved once, and a file only when it is
    itself a link.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._prefix = f"{root}{os.sep}"
        self._directories: dict[str, bool] = {}

    def location(self, name: str) -> str:
        """The path relative to the root, as the retrieval log records it."""
        return name.removeprefix(self._prefix)

    def __call__(self, name: str, is_link: bool) -> bool:
        if is_link:
            return Path(name).resolve().is_relative_to(self.root)
        directory = os.path.dirname(name)
        if directory not in self._directories:
            self._directories[directory] = Path(directory).resolve().is_relative_to(self.root)
        return self._directories[directory]


def _collect_file(
    recorder: Recorder, inside: _InsideCheck, name: str
) -> DocumentMeta | IngestFailure | None:
    """The new document or failure the matching path ``name`` brings; None for an unchanged
    file or a path that is not a file (a directory, a dangling link)."""
    location = inside.location(name)
    try:
        stat = os.lstat(name)
        is_link = S_ISLNK(stat.st_mode)
        if is_link:
            stat = os.stat(name)
    except FileNotFoundError:
        return None  # a dangling link, or a file removed since the folder was listed
    except OSError as exc:
        return recorder.failure(location, "read", f"{type(exc).__name__}: {exc}")
    if not S_ISREG(stat.st_mode):
        return None
    if not inside(name, is_link):
        return recorder.failure(location, "path", "refused: resolves outside the source folder")
    signature = f"{stat.st_size}:{stat.st_mtime_ns}"
    if recorder.unchanged_file(location, signature):
        return None
    try:
        body, content_type, extra = read_local_file(Path(name))
    except IngestError as exc:
        return recorder.failure(location, exc.stage, exc.reason)
    record = recorder.body(
        location, body, extra=extra, content_type=content_type, file_signature=signature
    )
    return record.to_document_meta() if record else None


def read_local_file(path: Path) -> tuple[bytes, str | None, Extra]:
    """A local file's body (gunzipped), media type from its name, and sidecar metadata.

    Raises IngestError with stage read, content or sidecar: the same checks for a folder source
    and for `headcount extract`.
    """
    try:
        size = path.stat().st_size
        if size > MAX_BODY_BYTES:  # refused before reading: a huge file costs no memory
            raise IngestError("content", f"oversized: {size} bytes > {MAX_BODY_BYTES}")
        body = gunzip(path.read_bytes())
    except OSError as exc:
        raise IngestError("read", f"{type(exc).__name__}: {exc}") from exc
    except IngestError as exc:
        raise IngestError("content", exc.reason) from exc
    content_type = _CONTENT_TYPES.get(Path(path.name.removesuffix(".gz")).suffix.lower())
    if problem := content_problem(body, None):
        raise IngestError("content", problem)
    try:
        extra = read_sidecar(path)
    except SidecarError as exc:
        raise IngestError("sidecar", str(exc)) from exc
    return body, content_type, extra


def read_article(path: Path) -> Article:
    """Parse one local file into an article, outside any source (for `headcount extract`)."""
    body, content_type, extra = read_local_file(path)
    meta = DocumentMeta(
        document_id=hashlib.sha256(body).hexdigest(),
        source="cli",
        topic="cli",
        location=str(path),
        retrieved_at=dt.datetime.now(dt.UTC),
        content_type=content_type,
        url=extra.url,
        outlet=extra.outlet,
        published=extra.published,
        synthetic=bool(extra.synthetic),
    )
    return parse_document(body, meta)


def sidecar_paths(path: Path) -> list[Path]:
    """Where the sidecar of ``NAME.txt`` / ``NAME.html.gz`` may be: ``NAME.meta.yml`` etc."""
    stem = path.name.removesuffix(".gz")
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return [path.with_name(stem + suffix) for suffix in SIDECAR_SUFFIXES]


def read_sidecar(path: Path) -> Extra:
    """The sidecar metadata of a file (empty when it has none); SidecarError when malformed or
    when it is a link leading out of the file's folder (sidecars are never read from outside)."""
    sidecar = next((candidate for candidate in sidecar_paths(path) if candidate.is_file()), None)
    if sidecar is None:
        return Extra()
    if not sidecar.resolve().is_relative_to(path.parent.resolve()):
        raise SidecarError(f"{sidecar.name}: refused: resolves outside the source folder")
    try:
        text = sidecar.read_text(encoding="utf-8")
        data = json.loads(text) if sidecar.suffix == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise SidecarError(f"{sidecar.name}: unreadable: {exc}") from exc
    if data is None:
        return Extra()
    if not isinstance(data, dict):
        raise SidecarError(f"{sidecar.name}: expected a mapping")
    unknown = set(data) - _SIDECAR_KEYS
    if unknown:
        raise SidecarError(f"{sidecar.name}: unknown keys {sorted(map(str, unknown))}")
    for key in ("url", "outlet"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise SidecarError(f"{sidecar.name}: {key} must be a string")
    synthetic = data.get("synthetic")
    if synthetic is not None and not isinstance(synthetic, bool):
        raise SidecarError(f"{sidecar.name}: synthetic must be true or false")
    try:
        published = parse_published(data.get("published"))
    except ValueError as exc:
        raise SidecarError(f"{sidecar.name}: published: {exc}") from exc
    return Extra(
        url=data.get("url"), outlet=data.get("outlet"), published=published, synthetic=synthetic
    )


def parse_published(value: Any) -> FuzzyDate | None:
    """A sidecar's published date: ``2022-03-07``, ``2022-03``, ``2022`` or a mapping
    ``{date, precision, inferred}``. A partial date implies its precision (month, year)."""
    if value is None:
        return None
    if isinstance(value, dict):
        unknown = set(value) - {"date", "precision", "inferred"}
        if unknown:
            raise ValueError(f"unknown keys {sorted(map(str, unknown))}")
        date, implied = _date_and_precision(value.get("date"))
        precision = value.get("precision", implied)
        inferred = value.get("inferred", False)
        if precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
        if not isinstance(inferred, bool):
            raise ValueError("inferred must be true or false")
        return FuzzyDate(date, precision, inferred)
    date, precision = _date_and_precision(value)
    return FuzzyDate(date, precision, inferred=False)


def _date_and_precision(value: Any) -> tuple[dt.date, str]:
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    if isinstance(value, int) and 1000 <= value <= 9999:
        return dt.date(value, 1, 1), "year"
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 4:
                return dt.date(int(text), 1, 1), "year"
            if len(text) == 7:
                return dt.date.fromisoformat(text + "-01"), "month"
            return dt.date.fromisoformat(text[:10]), "day"
        except ValueError:
            pass
    raise ValueError(f"not a date: {value!r} (use YYYY-MM-DD, YYYY-MM or YYYY)")
