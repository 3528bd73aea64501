"""Security: no SQL built from strings, no fetch of private addresses, no escape from a local
source's folder, no half-loaded reviews or sources.

What tests/ingest already covers is not repeated here (RELIABILITY.md lists those tests): other
schemes and file:// (test_fetcher.py::test_refuses_other_schemes), 127.0.0.1 / localhost /
10.0.0.1 / 169.254.169.254 (::test_refuses_loopback_unless_allowed), redirects to file:// and
the redirect cap (::test_redirects_are_followed_and_checked, ::test_redirect_loop_and_cap),
size caps and gzip bombs (::test_oversized_body_is_cut, ::test_gzip_bomb_is_capped), a symlinked
file and `..` patterns (test_collect_folder.py), malformed sources (test_sources.py) and a
malformed review row at the step level (tests/warehouse/test_views.py).

No test here sends a packet anywhere but 127.0.0.1: the refusal tests replace
`socket.create_connection` with a guard that fails the test if a connection is even attempted.
"""

from __future__ import annotations

import ast
import re
import socket
from pathlib import Path

import pytest

from assets.cli import main
from pipelines.ingest import fetcher as fetcher_module
from pipelines.ingest.collect import collect
from pipelines.ingest.fetcher import Fetcher
from pipelines.ingest.model import DocumentMeta, IngestFailure
from pipelines.ingest.rawcache import RawCache
from pipelines.ingest.sources import Source, SourcesError, load_sources
from pipelines.settings import REVIEWS_ENV, SOURCES_ENV, WAREHOUSE_ENV
from pipelines.warehouse.reviews import ReviewsError, read_reviews
from tests.reliability._support import (
    REVIEW_HEADER,
    connect_published,
    copy_installation,
    snapshot,
)

ROOT = Path(__file__).parents[2]
SQL_CALLS = {"execute", "executemany", "sql", "query", "from_query"}
SQL_EXPRESSION_CALLS = {"filter", "project", "aggregate", "order", "select"}
SQL_STATEMENT = re.compile(
    r"\b(select\b.*\bfrom|insert\s+(or\s+\w+\s+)?into|delete\s+from|update\s+\S+\s+set"
    r"|create\s+(or\s+replace\s+)?(table|view|index|schema)|drop\s+(table|view)|alter\s+table"
    r"|where\s+\S+\s*(=|<|>|in\b|like\b)|attach\s|copy\s+\S+\s+(to|from))",
    re.IGNORECASE | re.DOTALL,
)


def _string_parts(node: ast.AST) -> str:
    """The literal text of a str constant or f-string, placeholders shown as X."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            _string_parts(value) if isinstance(value, ast.Constant) else "X"
            for value in node.values
        )
    return ""


def _is_built_string(node: ast.AST) -> bool:
    """A str literal, f-string, `a % b`, `a + b` or `"...".format()`: SQL made in Python."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    )


def _docstrings(tree: ast.AST) -> set[int]:
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def _sql_violations(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(root)
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        text = _string_parts(node) if id(node) not in docstrings else ""
        if isinstance(node, ast.Constant | ast.JoinedStr) and SQL_STATEMENT.search(text):
            found.append(f"{where}:{node.lineno}: SQL in a Python string")
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        receiver = node.func.value
        is_sqlfiles = isinstance(receiver, ast.Name) and receiver.id == "sqlfiles"
        runs_sql = method in SQL_CALLS | SQL_EXPRESSION_CALLS and not is_sqlfiles
        if runs_sql and node.args and _is_built_string(node.args[0]):
            literal = isinstance(node.args[0], ast.Constant)
            if method in SQL_EXPRESSION_CALLS and literal:
                continue  # a fixed expression such as aggregate("count(*)"): no input in it
            found.append(f"{where}:{node.lineno}: .{method}() of SQL made in Python")
    return found


def _python_files() -> list[Path]:
    return sorted([*(ROOT / "pipelines").rglob("*.py"), *(ROOT / "assets").rglob("*.py")])


def test_python_files_build_no_sql_from_strings():
    """Every .execute()/.sql() in pipelines/ and assets/ runs a file of sql/ (read through
    pipelines/warehouse/sqlfiles.py); no f-string, %, + or .format() ever makes SQL."""
    files = _python_files()
    assert len(files) > 30
    violations = [v for path in files for v in _sql_violations(path)]
    assert violations == []


def test_grep_finds_no_formatted_execute():
    """The same rule as a plain grep, as a reviewer would run it."""
    patterns = [
        re.compile(r"""execute\(\s*f["']"""),
        re.compile(r"""execute\(\s*["'][^"']*["']\s*%"""),
        re.compile(r"""execute\([^)]*\.format\("""),
        re.compile(r"""\.sql\(\s*f["']"""),
    ]
    hits = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _python_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if any(pattern.search(line) for pattern in patterns)
    ]
    assert hits == []


def test_the_checker_catches_what_it_forbids(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f(con, name, table, n):\n"
        "    con.execute(f\"select * from claims where country = '{name}'\")\n"
        "    con.execute('delete from claims where id = %s' % name)\n"
        "    con.sql('select * from {}'.format(table))\n"
        "    con.execute('select 1')\n"
        "    q = f'insert into {table} values (1)'\n"
        "    con.execute(sqlfiles.query('claim_counts'), {'country': name})\n"
        "    LOGGER.info('selected %d rows from %s', n, name)\n",
        encoding="utf-8",
    )
    flagged = {int(violation.split(":")[1]) for violation in _sql_violations(bad, tmp_path)}
    assert flagged == {2, 3, 4, 5, 6}


def test_sql_files_take_values_only_as_named_parameters():
    """Queries and checks bind `$name` parameters; none has a ? or a Python placeholder."""
    files = sorted(
        [*(ROOT / "sql" / "queries").glob("*.sql"), *(ROOT / "sql" / "checks").glob("*.sql")]
    )
    assert files
    bad = []
    for path in files:
        code = "\n".join(line.split("--", 1)[0] for line in path.read_text().splitlines())
        code = re.sub(r"'[^']*'", "''", code)  # string literals may hold anything
        if re.search(r"\?|%s|%\(|\{\w*\}", code):
            bad.append(path.name)
    assert bad == []


# ---------------------------------------------------------------------------------------------
# The fetcher: private, loopback and link-local addresses refused before any connection


@pytest.fixture
def no_connections(monkeypatch) -> list[tuple]:
    """Fail (and record) any connection attempt: these tests must refuse before connecting."""
    attempts: list[tuple] = []

    def guard(address, *args, **kwargs):
        attempts.append(address)
        raise AssertionError(f"connection attempted to {address}")

    monkeypatch.setattr(socket, "create_connection", guard)
    return attempts


REFUSED = [
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://172.31.255.254/admin",
    "http://192.168.0.1/",
    "https://192.168.255.254:8443/",
    "http://127.0.0.1:8080/",
    "http://127.255.255.254/",
    "http://localhost:9/",
    "http://[::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://100.64.0.1/",
    "http://[::ffff:10.0.0.1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:169.254.169.254]/",
    "http://2130706433/",  # 127.0.0.1 as one decimal number
    "http://0x7f000001/",  # ... in hex
    "http://0177.0.0.1/",  # ... in octal
    "http://127.1/",  # ... abbreviated
]


@pytest.mark.parametrize("url", REFUSED)
def test_private_addresses_are_refused_before_connecting(no_connections, url):
    result = Fetcher(retries=0, timeout_s=1).fetch(url)
    assert result.body is None and result.status is None
    assert result.error.startswith("refused:") and "non-public address" in result.error
    assert no_connections == []


@pytest.mark.parametrize(
    "url", ["http://[64:ff9b::a00:1]/", "http://[2002:a00:1::]/", "http://[::10.0.0.1]/"]
)
def test_ipv4_embedded_in_ipv6_is_refused_before_connecting(no_connections, url):
    result = Fetcher(retries=0, timeout_s=1).fetch(url)
    assert no_connections == []
    assert result.error.startswith("refused:")


def test_a_name_resolving_to_any_private_address_is_refused(no_connections, monkeypatch):
    """A host with one public and one private address (DNS rebinding bait) is refused whole."""

    def two_addresses(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", two_addresses)
    result = Fetcher(retries=0).fetch("http://mixed.test/")
    assert result.error == "refused: mixed.test resolves to non-public address 10.0.0.7"
    assert no_connections == []


def test_each_redirect_hop_is_checked_again(static_site, monkeypatch):
    """`news.test` stands for a public site (it is the 127.0.0.1 test server): its redirects to
    loopback and to a private address are refused at that hop, before connecting."""
    real_resolve = fetcher_module._resolve
    connected: list[tuple] = []
    real_create_connection = socket.create_connection

    def resolve(hostname, port, allow_local):
        if hostname == "news.test":
            return "127.0.0.1"
        return real_resolve(hostname, port, allow_local)

    def only_loopback(address, *args, **kwargs):
        connected.append(address)
        assert address[0] == "127.0.0.1", f"connection attempted to {address}"
        return real_create_connection(address, *args, **kwargs)

    monkeypatch.setattr(fetcher_module, "_resolve", resolve)
    monkeypatch.setattr(socket, "create_connection", only_loopback)
    port = static_site.base.rsplit(":", 1)[1]
    static_site.routes["/secret"] = (b"internal only", "text/plain")
    static_site.redirects["/to-loopback"] = f"{static_site.base}/secret"
    static_site.redirects["/to-private"] = "http://192.168.1.1/router"
    fetcher = Fetcher(retries=0, timeout_s=2)
    for path, refused_ip in (("/to-loopback", "127.0.0.1"), ("/to-private", "192.168.1.1")):
        result = fetcher.fetch(f"http://news.test:{port}{path}")
        assert result.body is None
        assert result.error.endswith(f"non-public address {refused_ip}")
    assert static_site.hits["/secret"] == 0
    assert all(address[0] == "127.0.0.1" for address in connected)


# ---------------------------------------------------------------------------------------------
# Local sources stay inside their folder


def _folder_source(folder: Path, patterns: tuple[str, ...]) -> Source:
    return Source(name="local", kind="folder", topic="t", path=folder, patterns=patterns)


def _collect(source: Source, raw: Path) -> dict[str, DocumentMeta | IngestFailure]:
    return {item.location: item for item in collect([source], RawCache(raw), Fetcher())}


def test_symlinked_directory_leading_outside_is_refused(tmp_path):
    folder, outside = tmp_path / "articles", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET-OUTSIDE volunteers legion")
    (folder / "inside.txt").write_text("volunteers of the legion, inside the folder")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    cache_dir = tmp_path / "raw"
    outcomes = _collect(_folder_source(folder, ("*.txt", "*/*.txt")), cache_dir)
    failure = outcomes["linked/secret.txt"]
    assert isinstance(failure, IngestFailure) and failure.stage == "path"
    assert isinstance(outcomes["inside.txt"], DocumentMeta)
    stored = b"".join(path.read_bytes() for path in (cache_dir / "objects").glob("??/*"))
    assert b"SECRET-OUTSIDE" not in stored


def test_sidecar_symlink_leading_outside_is_not_read(tmp_path):
    folder, outside = tmp_path / "articles", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (outside / "private.yml").write_text("url: https://SECRET-OUTSIDE.example/\n")
    (folder / "story.txt").write_text("About 300 volunteers joined the legion, officials said.")
    (folder / "story.meta.yml").symlink_to(outside / "private.yml")
    cache = RawCache(tmp_path / "raw")
    list(collect([_folder_source(folder, ("*.txt",))], cache, Fetcher()))
    assert "SECRET-OUTSIDE" not in cache.log_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("pattern", ["/etc/*.conf", "sub/../../*.txt", "../outside/*.txt"])
def test_patterns_leaving_the_folder_are_rejected_with_their_line(tmp_path, pattern):
    sources = tmp_path / "sources.yml"
    sources.write_text(
        "sources:\n  - name: local\n    kind: folder\n    path: articles\n    topic: t\n"
        f"    patterns: ['*.txt', '{pattern}']\n",
        encoding="utf-8",
    )
    with pytest.raises(SourcesError, match=r"line 6: source 'local': pattern .* escapes"):
        load_sources(sources)


# ---------------------------------------------------------------------------------------------
# Malformed reviews and sources: rejected whole, naming the line; nothing half-loaded


def _reviews_file(folder: Path, body: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "reviews.csv"
    path.write_bytes(REVIEW_HEADER.encode() + body)
    return path


GOOD_ROW = b"abc,confirm,,,,,,,,,,,ana,2022-04-01T12:00:00,fine\n"


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        (b"def,approve,,,,,,,,,,,ana,2022-04-01T12:00:00,\n", "action 'approve'"),
        (b"def,correct,,,-5,,,,,,,,ana,2022-04-01T12:00:00,\n", "value must be positive"),
        (b"def,correct,,,12x,,,,,,,,ana,2022-04-01T12:00:00,\n", "is not a whole number"),
        (b"def,correct,,,,,,,ZZ,,,,ana,2022-04-01T12:00:00,\n", "not ISO 3166-1"),
        (b"def,confirm\n", "reviewed_at None is not ISO 8601"),
        (b'def,confirm,,"unclosed,,,,,,,,,ana,2022-04-01T12:00:00,\n', "is not ISO 8601"),
        (b",confirm,,,,,,,,,,,ana,2022-04-01T12:00:00,\n", "claim_id is empty"),
    ],
)
def test_malformed_review_row_is_rejected_naming_its_line(tmp_path, row, problem):
    _reviews_file(tmp_path / "reviews", GOOD_ROW + row)
    with pytest.raises(ReviewsError, match=rf"reviews\.csv:3: .*{re.escape(problem)}"):
        read_reviews(tmp_path / "reviews")


def test_review_row_with_extra_fields_is_rejected(tmp_path):
    _reviews_file(tmp_path / "reviews", GOOD_ROW + b"def,confirm,,,,,,,,,,,ana,2022-04-01,a,b,c\n")
    with pytest.raises(ReviewsError, match=r"reviews\.csv:3:"):
        read_reviews(tmp_path / "reviews")


def test_review_file_not_in_utf8_is_rejected_naming_its_line(tmp_path):
    _reviews_file(
        tmp_path / "reviews",
        GOOD_ROW + "def,confirm,,,,,,,,,,,José,2022-04-01,café\n".encode("cp1252"),
    )
    with pytest.raises(ReviewsError, match=r"reviews\.csv:3:"):
        read_reviews(tmp_path / "reviews")


@pytest.fixture
def published_copy(baselines, tmp_path, monkeypatch):
    """A copy of the clean `full` installation (one review published), set as the CLI's."""
    install = copy_installation(baselines.full, tmp_path / "installation")
    settings = install.settings
    monkeypatch.setenv(WAREHOUSE_ENV, str(settings.warehouse_dir))
    monkeypatch.setenv(SOURCES_ENV, str(settings.sources_file))
    monkeypatch.setenv(REVIEWS_ENV, str(settings.reviews_dir))
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    monkeypatch.delenv("HEADCOUNT_CRASH_AT", raising=False)
    return install


def _published_reviews(install) -> list[tuple]:
    con = connect_published(install)
    try:
        return con.execute("select claim_id, action, value from reviews order by line").fetchall()
    finally:
        con.close()


@pytest.mark.slow
def test_run_with_a_malformed_review_fails_and_publishes_nothing_half_loaded(published_copy, capfd):
    before = _published_reviews(published_copy)
    assert len(before) == 1
    reviews = published_copy.settings.reviews_dir / "reviews.csv"
    with open(reviews, "ab") as handle:
        handle.write(GOOD_ROW)  # line 3: good
        handle.write(b"def,approve,,,,,,,,,,,ana,2022-04-01T12:00:00,\n")  # line 4: bad
    assert main(["run"]) == 2  # stopped before it starts: one line, nothing run
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "reviews.csv:4: action 'approve'" in err
    assert _published_reviews(published_copy) == before  # not the good row 3 either


@pytest.mark.slow
def test_run_with_a_malformed_source_fails_naming_the_line_and_fetches_nothing(
    published_copy, capfd
):
    sources = published_copy.settings.sources_file
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "  - name: typo\n    kind: feed\n    url: ftp://example.org/feed\n    topic: t\n",
        encoding="utf-8",
    )
    url_line = len(sources.read_text(encoding="utf-8").splitlines()) - 1
    log = published_copy.settings.raw_dir / "retrievals.jsonl"
    log_before = log.read_bytes()
    tables_before = snapshot(published_copy).tables
    assert main(["run"]) == 2
    err = capfd.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"headcount: {sources}: line {url_line}: source 'typo': not an http(s)")
    assert log.read_bytes() == log_before  # the good source was not ingested either
    assert snapshot(published_copy).tables == tables_before
