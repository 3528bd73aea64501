"""Country resolution: pycountry names, short forms, demonyms, regions."""

from __future__ import annotations

import pytest

from pipelines.claims.countries import find_countries, resolve_country


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Norwegians", "NO"),
        ("Britons", "GB"),
        ("British", "GB"),
        ("Americans", "US"),
        ("U.S.", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Russia", "RU"),
        ("Syrian", "SY"),
        ("Syria", "SY"),
        ("Norway", "NO"),
        ("Georgia", "GE"),
        ("Belarus", "BY"),
        ("Europeans", None),
        ("Narnia", None),
    ],
)
def test_resolve_country(word: str, code: str | None) -> None:
    assert resolve_country(word) == code


def test_find_countries_in_text() -> None:
    text = "volunteers from Georgia and Belarus, Europeans and U.S. citizens"
    found = [(text[c.start : c.end], c.code, c.demonym) for c in find_countries(text)]
    assert found == [
        ("Georgia", "GE", False),
        ("Belarus", "BY", False),
        ("Europeans", None, True),
        ("U.S.", "US", False),
    ]


def test_no_country_inside_words() -> None:
    assert find_countries("Indianapolis and Chadwick") == []
