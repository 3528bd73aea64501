"""Where articles come from: the validated contents of ``sources.yml``.

Each entry names one source (a local folder, a list of URLs, a feed or a sitemap), the topic its
articles belong to and the keywords that decide relevance. Loading is all or nothing: a
malformed entry raises :class:`SourcesError` naming its line, so a typo never silently drops a
source.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, TypedDict
from urllib.parse import urlsplit

import yaml

LOGGER = logging.getLogger(__name__)

KINDS = ("folder", "urls", "feed", "sitemap")
DEFAULT_PATTERNS = ("*.txt", "*.html", "*.htm", "*.md")
_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_COMMON_KEYS = {"name", "kind", "topic", "keywords", "local", "defaults"}
_KIND_KEYS = {
    "folder": {"path", "patterns"},
    "urls": {"urls", "file"},
    "feed": {"url"},
    "sitemap": {"url"},
}
_DEFAULT_KEYS = {"outlet", "synthetic"}


class SourcesError(ValueError):
    """A sources file that cannot be used as written; the message names the line."""


@dataclass(frozen=True)
class Source:
    """One configured source of documents.

    ``local`` allows loopback and private addresses (tests mark their 127.0.0.1 server so);
    every other source refuses them. ``path`` is absolute, resolved against the folder of the
    sources file. ``defaults`` holds metadata applied when a document says nothing (outlet,
    synthetic).
    """

    name: str
    kind: str
    topic: str
    keywords: tuple[str, ...] = ()
    local: bool = False
    path: Path | None = None
    patterns: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    url: str | None = None
    defaults: dict[str, Any] = field(default_factory=dict, hash=False)


class _LinedDict(dict[Any, Any]):
    """A YAML mapping that remembers the line of itself and of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    """Safe YAML loader whose mappings carry line numbers and refuse duplicate keys."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LinedDict:
    mapping = _LinedDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise SourcesError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


class _LinedList(list[Any]):
    """A YAML sequence that remembers the line of each item (1-based)."""

    item_lines: list[int]


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _LinedList:
    sequence = _LinedList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_sources(path: Path) -> list[Source]:
    """Read and validate a sources file; raise SourcesError naming the line of the first problem."""
    path = Path(path)
    try:
        sources = _load(path)
    except SourcesError as exc:
        raise SourcesError(f"{path}: {exc}") from None
    LOGGER.info("loaded %d sources from %s", len(sources), path)
    return sources


def _load(path: Path) -> list[Source]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourcesError(f"cannot read: {exc}") from exc
    try:
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise SourcesError(f"line {line}: invalid YAML: {exc.problem}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("sources"), list):
        raise SourcesError("line 1: expected a top-level 'sources:' list")
    entries = document["sources"]
    sources: list[Source] = []
    for entry, line in zip(entries, entries.item_lines, strict=True):
        if not isinstance(entry, _LinedDict):
            raise SourcesError(f"line {line}: each source must be a mapping")
        source = _parse_entry(entry, path.parent)
        if any(source.name == other.name for other in sources):
            raise SourcesError(f"line {line}: duplicate source name {source.name!r}")
        sources.append(source)
    return sources


def _fail(entry: _LinedDict, key: str | None, problem: str) -> SourcesError:
    line = entry.key_lines.get(key, entry.line) if key else entry.line
    name = entry.get("name")
    where = f"source {name!r}: " if isinstance(name, str) else ""
    return SourcesError(f"line {line}: {where}{problem}")


class _CommonFields(TypedDict):
    """The :class:`Source` fields every kind of source has."""

    name: str
    kind: str
    topic: str
    keywords: tuple[str, ...]
    local: bool
    defaults: dict[str, Any]


def _parse_entry(entry: _LinedDict, base: Path) -> Source:
    name = _required_str(entry, "name")
    if not _NAME_RE.match(name):
        raise _fail(entry, "name", f"name {name!r} must be lowercase letters, digits, '-' or '_'")
    kind = _required_str(entry, "kind")
    if kind not in KINDS:
        raise _fail(entry, "kind", f"kind {kind!r} is not one of {', '.join(KINDS)}")
    unknown = set(entry) - _COMMON_KEYS - _KIND_KEYS[kind]
    if unknown:
        key = sorted(map(str, unknown))[0]
        raise _fail(entry, key, f"unknown key {key!r} for a {kind} source")
    local = entry.get("local", False)
    if not isinstance(local, bool):
        raise _fail(entry, "local", "local must be true or false")
    common: _CommonFields = {
        "name": name,
        "kind": kind,
        "topic": _required_str(entry, "topic"),
        "keywords": _str_list(entry, "keywords", required=False),
        "local": local,
        "defaults": _defaults(entry),
    }
    if kind == "folder":
        return Source(**common, path=_folder(entry, base), patterns=_patterns(entry))
    if kind == "urls":
        return Source(**common, urls=_urls(entry, base))
    url = _required_str(entry, "url")
    _check_url(entry, "url", url)
    return Source(**common, url=url)


def _required_str(entry: _LinedDict, key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _fail(entry, key if key in entry else None, f"'{key}' must be a non-empty string")
    return value.strip()


def _str_list(entry: _LinedDict, key: str, *, required: bool) -> tuple[str, ...]:
    value = entry.get(key)
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(entry, key if key in entry else None, f"'{key}' must be a list of strings")
    if required and not value:
        raise _fail(entry, key, f"'{key}' must not be empty")
    return tuple(v.strip() for v in value)


def _defaults(entry: _LinedDict) -> dict[str, Any]:
    defaults = entry.get("defaults", {})
    if not isinstance(defaults, dict):
        raise _fail(entry, "defaults", "defaults must be a mapping")
    unknown = set(defaults) - _DEFAULT_KEYS
    if unknown:
        raise _fail(entry, "defaults", f"unknown defaults {sorted(map(str, unknown))}")
    if "outlet" in defaults and not isinstance(defaults["outlet"], str):
        raise _fail(entry, "defaults", "defaults.outlet must be a string")
    if "synthetic" in defaults and not isinstance(defaults["synthetic"], bool):
        raise _fail(entry, "defaults", "defaults.synthetic must be true or false")
    return dict(defaults)


def _folder(entry: _LinedDict, base: Path) -> Path:
    folder = Path(_required_str(entry, "path"))
    return (folder if folder.is_absolute() else base / folder).resolve()


def _patterns(entry: _LinedDict) -> tuple[str, ...]:
    if "patterns" not in entry:
        return DEFAULT_PATTERNS
    patterns = _str_list(entry, "patterns", required=True)
    for pattern in patterns:
        pure = PurePosixPath(pattern)
        if pure.is_absolute() or ".." in pure.parts:
            raise _fail(entry, "patterns", f"pattern {pattern!r} escapes the source folder")
    return patterns


def _urls(entry: _LinedDict, base: Path) -> tuple[str, ...]:
    if ("urls" in entry) == ("file" in entry):
        raise _fail(entry, None, "a urls source needs exactly one of 'urls' (a list) or 'file'")
    if "urls" in entry:
        urls = _str_list(entry, "urls", required=True)
        for url in urls:
            _check_url(entry, "urls", url)
        return urls
    file = Path(_required_str(entry, "file"))
    file = file if file.is_absolute() else base / file
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(entry, "file", f"cannot read URL file {file}: {exc}") from exc
    listed: list[str] = []
    for number, line in enumerate(lines, start=1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if not _is_http_url(url):
            raise _fail(entry, "file", f"{file.name} line {number}: not an http(s) URL: {url!r}")
        listed.append(url)
    if not listed:
        raise _fail(entry, "file", f"URL file {file} lists no URLs")
    return tuple(listed)


def _check_url(entry: _LinedDict, key: str, url: str) -> None:
    if not _is_http_url(url):
        raise _fail(entry, key, f"not an http(s) URL: {url!r}")


def _is_http_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)
