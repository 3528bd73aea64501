"""The cheap language check: text evidence first, declarations as a fallback."""

from __future__ import annotations

from pipelines.ingest.language import detect_language, normalize_code

ENGLISH = (
    "The minister said that about 20,000 volunteers from 52 countries had applied to join " * 3
)
UKRAINIAN = (
    "Міністр сказав, що близько 20 тисяч добровольців з 52 країн подали заявки на вступ " * 3
)


def test_text_outranks_a_wrong_declaration() -> None:
    assert detect_language(ENGLISH, "fr") == "en"
    assert detect_language(UKRAINIAN, "en-US") == "uk"


def test_declaration_used_when_text_is_silent() -> None:
    assert detect_language("短い日本語の文章です。" * 30, "ja") == "ja"
    assert detect_language("Legion: 20,000", "de-DE") == "de"  # too short to judge
    assert detect_language("短い日本語の文章です。" * 30, "en") is None  # "en" needs English text
    assert detect_language("", None) is None


def test_normalize_code() -> None:
    assert normalize_code("en-GB") == normalize_code("EN_us") == "en"
    assert normalize_code("  uk ") == "uk"
    assert normalize_code("x") is None and normalize_code(None) is None
