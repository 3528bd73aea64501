"""sources.yml: validation with line numbers, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.ingest.sources import DEFAULT_PATTERNS, SourcesError, load_sources

REPO = Path(__file__).parents[2]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_sources_file_loads() -> None:
    sources = {source.name: source for source in load_sources(REPO / "sources.yml")}
    seeds = sources["seeds"]
    assert seeds.kind == "folder"
    assert seeds.path == (REPO / "seeds").resolve()
    assert seeds.topic == "ukraine-international-legion"
    assert {"*.txt", "*.html", "*.htm", "*.md", "*.txt.gz"} <= set(seeds.patterns)
    assert any(keyword.startswith("legion") for keyword in seeds.keywords)
    assert not seeds.local


def test_all_kinds_load(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text(
        "# a comment\nhttps://example.org/a\n\nhttp://example.org/b#frag\n", encoding="utf-8"
    )
    path = _write(
        tmp_path,
        """sources:
  - name: local-files
    kind: folder
    path: data/articles
    topic: t
  - name: list
    kind: urls
    urls: [https://example.org/x]
    topic: t
    keywords: [legion, foreign fighter*]
    defaults: {outlet: Example, synthetic: true}
  - name: list-file
    kind: urls
    file: urls.txt
    topic: t
  - name: feed
    kind: feed
    url: http://127.0.0.1:8000/feed.xml
    topic: t
    local: true
  - name: map
    kind: sitemap
    url: https://example.org/sitemap.xml
    topic: t
""",
    )
    folder, urls, url_file, feed, sitemap = load_sources(path)
    assert folder.path == (tmp_path / "data" / "articles").resolve()
    assert folder.patterns == DEFAULT_PATTERNS
    assert urls.urls == ("https://example.org/x",)
    assert urls.keywords == ("legion", "foreign fighter*")
    assert urls.defaults == {"outlet": "Example", "synthetic": True}
    assert url_file.urls == ("https://example.org/a", "http://example.org/b#frag")
    assert feed.local and feed.url == "http://127.0.0.1:8000/feed.xml"
    assert sitemap.kind == "sitemap" and not sitemap.local


FEED = "  - name: a\n    kind: feed\n    url: https://e.org/f\n    topic: t\n"  # lines 3-6
FOLDER = "  - name: a\n    kind: folder\n    path: x\n    topic: t\n"


@pytest.mark.parametrize(
    ("body", "line", "problem"),
    [
        ("  - kind: folder\n    path: x\n    topic: t\n", 3, "'name' must be a non-empty string"),
        (FEED.replace("feed", "rss"), 4, "kind 'rss'"),
        (FEED + "    keyword: [x]\n", 7, "unknown key 'keyword'"),
        (FEED.replace("https", "ftp"), 5, "not an http(s) URL"),
        (FEED + "    local: yes please\n", 7, "local must be true or false"),
        (FEED + FEED, 7, "duplicate source"),
        (FEED + "    keywords: legion\n", 7, "'keywords' must be a list"),
        (FEED + "    defaults: {publisher: x}\n", 7, "unknown defaults"),
        (FEED.replace("name: a", "name: Bad Name"), 3, "must be lowercase"),
        (FEED.replace("t\n", "[t\n"), 7, "invalid YAML"),
        ("  - name: a\n    kind: feed\n    topic: t\n", 3, "'url' must be a non-empty string"),
        ("  - name: a\n    kind: urls\n    topic: t\n", 3, "exactly one of 'urls'"),
        (FOLDER + "    patterns: ['../*.txt']\n", 7, "escapes the source folder"),
        ("  - just-a-string\n", 3, "must be a mapping"),
        ("  - name: a\n    name: b\n", 4, "duplicate key"),
    ],
)
def test_malformed_entries_name_line_and_problem(
    tmp_path: Path, body: str, line: int, problem: str
) -> None:
    path = _write(tmp_path, "# header comment\nsources:\n" + body)
    with pytest.raises(SourcesError) as raised:
        load_sources(path)
    message = str(raised.value)
    assert f"line {line}:" in message
    assert problem in message
    assert str(path) in message


def test_one_bad_entry_loads_nothing(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "sources:\n  - name: good\n    kind: folder\n    path: x\n    topic: t\n"
        "  - name: bad\n    kind: folder\n    topic: t\n",
    )
    with pytest.raises(SourcesError, match="line 6: source 'bad': 'path'"):
        load_sources(path)


def test_missing_sources_list(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="top-level 'sources:' list"):
        load_sources(_write(tmp_path, "feeds: []\n"))


def test_bad_line_in_url_file(tmp_path: Path) -> None:
    (tmp_path / "urls.txt").write_text("https://example.org/a\nfile:///etc/passwd\n")
    path = _write(
        tmp_path, "sources:\n  - name: a\n    kind: urls\n    file: urls.txt\n    topic: t\n"
    )
    with pytest.raises(SourcesError, match=r"line 4: .*urls.txt line 2: not an http\(s\) URL"):
        load_sources(path)
