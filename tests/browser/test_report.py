"""The figure_timeline HTML report, opened from disk in a real Chromium."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import pytest

from assets.definitions import ALL_ASSETS, resources
from pipelines.settings import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The fixture corpus reports foreign volunteers from Norway and from the United States.
CORPUS_SERIES = {
    "ukraine-international-legion / foreign_volunteers / NO": "Norway",
    "ukraine-international-legion / foreign_volunteers / US": "United States",
}


@pytest.fixture
def built_report(corpus_settings: Settings) -> tuple[Path, int]:
    """Materialize the whole graph in-process; the report's path and its series count."""
    result = dg.materialize(ALL_ASSETS, resources=resources(corpus_settings))
    assert result.success
    (materialization,) = result.asset_materializations_for_node("figure_timeline")
    series_count = materialization.metadata["series"].value
    return corpus_settings.reports_dir / "index.html", series_count


def test_report_shows_one_loaded_chart_per_series(built_report, page, screenshot):
    report_html, series_count = built_report
    assert report_html.is_file()

    page.goto(report_html.as_uri())
    screenshot(page, "report")

    sections = page.locator("section.series")
    labels = [sections.nth(i).get_attribute("data-series") for i in range(sections.count())]
    assert len(labels) == series_count
    assert sorted(labels) == sorted(set(labels)), "one section per series"
    assert set(CORPUS_SERIES) <= set(labels)

    for label in labels:
        section = page.locator(f'section.series[data-series="{label}"]')
        images = section.locator("img")
        assert images.count() == 1, label
        assert images.first.get_attribute("src").startswith("data:image/png;base64,")
        natural_width = images.first.evaluate("img => img.complete ? img.naturalWidth : 0")
        assert natural_width > 0, f"the chart of {label} did not load"
        if label in CORPUS_SERIES:
            assert CORPUS_SERIES[label] in section.locator("h2").inner_text()
