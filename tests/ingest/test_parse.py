"""parse_document: text kept as is, HTML through trafilatura, bad input refused with a reason."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.dates import FuzzyDate
from pipelines.ingest import parse
from pipelines.ingest.model import DocumentMeta, IngestError
from pipelines.ingest.parse import PARSER_VERSION, parse_document


def test_parser_version_is_a_string() -> None:
    assert isinstance(PARSER_VERSION, str) and PARSER_VERSION


def test_plain_text_kept_as_is_but_newlines(make_meta) -> None:
    body = b"Legion grows\r\n\r\n  20,000 volunteers,\r\nsaid the minister.  \rEnd\n"
    article = parse_document(body, make_meta("a.txt"))
    assert article.text == "Legion grows\n\n  20,000 volunteers,\nsaid the minister.  \nEnd\n"
    assert article.title == "Legion grows"
    assert article.published is None  # no sidecar: unknown, never today
    assert article.document_id == "0" * 64


def test_text_metadata_comes_from_meta(make_meta, fixture_bytes) -> None:
    published = FuzzyDate(dt.date(2022, 3, 7), "day", inferred=True)
    meta = make_meta(
        "legion.txt", url="https://e.org/x", outlet="Example Wire", published=published
    )
    article = parse_document(fixture_bytes("legion.txt"), meta)
    assert (article.url, article.outlet, article.published) == meta_fields(meta)
    assert article.language == "en"
    assert "   Indented line kept as is." in article.text


def meta_fields(meta):
    return meta.url, meta.outlet, meta.published


def test_markdown_and_content_type_plain(make_meta) -> None:
    body = b"# Legion figures\n\nAbout *20,000* volunteers.\n"
    article = parse_document(body, make_meta("notes.md"))
    assert article.text == body.decode() and article.title == "Legion figures"
    html_like = b"<p>not parsed as HTML</p>"
    article = parse_document(html_like, make_meta("x", content_type="text/plain"))
    assert article.text == "<p>not parsed as HTML</p>"


def test_html_through_trafilatura(make_meta, fixture_bytes) -> None:
    article = parse_document(fixture_bytes("relevant.html"), make_meta("relevant.html"))
    assert article.title == "Thousands of foreign volunteers join Ukraine's International Legion"
    assert article.text.startswith(article.title)
    assert "About 20,000 foreign volunteers from 52 countries" in article.text
    assert "Subscribe" not in article.text
    assert article.outlet == "Test Herald"
    assert article.published == FuzzyDate(dt.date(2022, 3, 8), "day", inferred=False)
    assert article.language == "en"


def test_meta_overrides_page_metadata(make_meta, fixture_bytes) -> None:
    published = FuzzyDate(dt.date(2022, 3, 1), "month", inferred=True)
    meta = make_meta(
        "r.html", outlet="Sidecar Outlet", url="https://s.example/x", published=published
    )
    article = parse_document(fixture_bytes("relevant.html"), meta)
    assert (article.url, article.outlet, article.published) == meta_fields(meta)


def test_title_put_first_when_text_lacks_it(make_meta) -> None:
    paragraph = (
        "<p>" + "About 300 volunteers from Norway joined the legion this week. " * 5 + "</p>"
    )
    html = f"<html><head><title>Norwegians join</title></head><body><article>{paragraph}"
    article = parse_document(f"{html}</article></body></html>".encode(), make_meta())
    assert article.title == "Norwegians join"
    assert article.text.startswith("Norwegians join\n\nAbout 300 volunteers")


def test_gzipped_html_and_text(make_meta, fixture_bytes) -> None:
    html = parse_document(gzip.compress(fixture_bytes("relevant.html")), make_meta("r.html.gz"))
    assert "52 countries" in html.text
    text = parse_document(gzip.compress(b"plain words\n"), make_meta("a.txt.gz"))
    assert text.text == "plain words\n"


def test_non_english_page_is_kept_and_flagged(make_meta, fixture_bytes) -> None:
    article = parse_document(fixture_bytes("ukrainian.html"), make_meta("uk.html"))
    assert article.language == "uk"
    assert "Інтернаціонального легіону" in article.text


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        (
            "cp1252",
            "The minister said \u201cabout 20,000\u201d volunteers \u2014 from 52 "
            "countries \u2014 had applied; officials in Kyiv and Lviv confirmed it.",
        ),
        (
            "latin-1",
            "Le ministre a déclaré que près de 20 000 volontaires étrangers, venus de "
            "52 pays, avaient rejoint la légion à la fin février à Kyïv.",
        ),
    ],
)
def test_legacy_encodings_are_detected(make_meta, encoding: str, text: str) -> None:
    article = parse_document(text.encode(encoding), make_meta("a.txt"))
    assert article.text == text


def test_declared_html_charset_is_used(make_meta) -> None:
    paragraph = (
        "Близько 20 тисяч іноземців подали заявки на вступ до легіону, повідомив міністр. " * 3
    )
    html = (
        '<html lang="uk"><head><meta charset="windows-1251"><title>Легіон</title></head>'
        f"<body><article><p>{paragraph}</p></article></body></html>"
    )
    article = parse_document(html.encode("cp1251"), make_meta())
    assert "Близько 20 тисяч іноземців" in article.text
    assert article.language == "uk"


def test_utf8_bom_is_dropped(make_meta) -> None:
    article = parse_document("Hello legion\n".encode("utf-8-sig"), make_meta("a.txt"))
    assert article.text == "Hello legion\n"


@pytest.mark.parametrize(
    ("body", "location", "reason"),
    [
        (b"", "a.txt", "empty"),
        (b"  \n\t \r\n", "a.txt", "empty"),
        (b"abc\x00def\x00\x01\x02" * 10, "a.txt", "binary: NUL bytes"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "a.html", "binary: PNG image"),
        (b"%PDF-1.7\n...", "a.html", "binary: PDF"),
        (b"text with \x01\x02\x03\x04\x05\x06 control \x07\x08 chars", "a.txt", "binary"),
        (b"\x1f\x8b\x08\x00corrupt", "a.txt.gz", "undecodable: truncated gzip"),
        (b"\x1f\x8bnot gzip at all", "a.txt.gz", "undecodable: corrupt gzip"),
        (
            b"<html><body><div><p>Unclosed <b>tag <div><script>var x;</script>",
            "b.html",
            "no article text",
        ),
    ],
)
def test_bad_input_raises_with_reason(make_meta, body: bytes, location: str, reason: str) -> None:
    with pytest.raises(IngestError) as raised:
        parse_document(body, make_meta(location))
    assert raised.value.stage == "parse"
    assert reason in raised.value.reason


def test_page_without_article_text(make_meta, fixture_bytes) -> None:
    for name in ("nav-only.html", "broken.html"):
        with pytest.raises(IngestError, match="no article text"):
            parse_document(fixture_bytes(name), make_meta(name))


def test_oversized(make_meta, monkeypatch) -> None:
    monkeypatch.setattr(parse, "MAX_BODY_BYTES", 1000)
    with pytest.raises(IngestError, match="oversized"):
        parse_document(b"a" * 1001, make_meta("a.txt"))
    with pytest.raises(IngestError, match="oversized"):
        parse_document(gzip.compress(b"a" * 5000), make_meta("a.txt.gz"))


def test_undecodable(make_meta, monkeypatch) -> None:
    class NoGuess:
        def best(self) -> None:
            return None

    monkeypatch.setattr(parse.charset_normalizer, "from_bytes", lambda body: NoGuess())
    with pytest.raises(IngestError, match="undecodable"):
        parse_document(b"caf\xe9 \xff\xfe\xfd", make_meta("a.txt"))


def test_future_page_date_is_dropped(make_meta, fixture_bytes) -> None:
    retrieved = dt.datetime(2022, 3, 1, tzinfo=dt.UTC)  # before the page's own date
    article = parse_document(fixture_bytes("relevant.html"), make_meta(retrieved_at=retrieved))
    assert article.published is None


@settings(database=None)  # tests write only under tmp_path: no .hypothesis/ folder
@given(st.text(min_size=1))
def test_plain_text_is_never_altered_beyond_newlines(text: str) -> None:
    meta = DocumentMeta("0" * 64, "s", "t", "a.txt", dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    try:
        article = parse_document(text.encode("utf-8"), meta)
    except IngestError as exc:
        assert exc.reason.startswith(("empty", "binary"))
        return
    assert article.text == text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
