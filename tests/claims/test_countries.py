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
        # Nationals of every state that sends troops or has people flee, not only the usual ones.
        ("Chadian", "TD"),
        ("Nigeriens", "NE"),
        ("Burkinabe", "BF"),
        ("Tanzanians", "TZ"),
        ("Mozambican", "MZ"),
        ("Ivorians", "CI"),
        ("Ecuadorians", "EC"),
        ("Salvadoran", "SV"),
        ("Qataris", "QA"),
        ("Cambodians", "KH"),
        ("Cypriot", "CY"),
        ("Montenegrins", "ME"),
        ("Fijians", "FJ"),
        ("New Zealanders", "NZ"),
        ("Sierra Leonean", "SL"),
        ("Scots", "GB"),
        ("Bosniaks", "BA"),
        ("Azeris", "AZ"),
        # Capitals stand for their governments ("Moscow has sent"), in every region news covers.
        ("Moscow", "RU"),
        ("N'Djamena", "TD"),
        ("Niamey", "NE"),
        ("Nairobi", "KE"),
        ("Abu Dhabi", "AE"),
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


def test_multi_word_demonyms_are_found_whole() -> None:
    text = "New Zealanders, Costa Ricans and Papua New Guineans"
    found = [(text[c.start : c.end], c.code) for c in find_countries(text)]
    assert found == [("New Zealanders", "NZ"), ("Costa Ricans", "CR"), ("Papua New Guineans", "PG")]
