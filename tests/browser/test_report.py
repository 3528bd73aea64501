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
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(report_html.as_uri())

    sections = page.locator("section.series")
    labels = [sections.nth(i).get_attribute("data-series") for i in range(sections.count())]
    assert len(labels) == series_count
    assert sorted(labels) == sorted(set(labels)), "one section per series"
    assert set(CORPUS_SERIES) <= set(labels)

    for label in labels:
        section = page.locator(f'section.series[data-series="{label}"]')
        section.scroll_into_view_if_needed()  # charts are drawn as they come into view
        chart = section.locator(".chart")
        chart.locator(".main-svg").first.wait_for(state="visible")
        assert section.get_attribute("data-drawn") == "true", label
        data = section.locator("script.series-data").evaluate("s => JSON.parse(s.textContent)")
        points = data["points"]
        origins = set(zip(points["origin_key"], points["outlet"], strict=True))
        # One trace an independent origin, each point a marker.
        assert chart.locator(".scatterlayer .trace").count() >= len(origins), label
        assert chart.locator(".scatterlayer .point").count() == len(points["date"])
        if label in CORPUS_SERIES:
            assert CORPUS_SERIES[label] in section.locator("h2").inner_text()
            _hover_shows_the_outlet(page, chart, points)
    screenshot(page, "report")
    assert not errors, errors
    # The page opens offline: nothing is fetched but the file itself (plotly.js is inline).
    assert requested and all(url.startswith(("file://", "data:")) for url in requested), requested


def _hover_shows_the_outlet(page, chart, points: dict) -> None:
    """Hover the first trace's first marker (the series' first point): plotly's hover label
    shows that point's outlet and figure."""
    point = chart.locator(".scatterlayer .trace").first.locator(".point").first
    point.scroll_into_view_if_needed()
    point.hover(force=True)
    label = chart.locator(".hoverlayer .hovertext")
    label.first.wait_for(state="visible")
    text = label.first.text_content() or ""  # an SVG group: no inner_text
    assert points["outlet"][0] in text, text
    assert points["figure_text"][0] in text, text
    assert "qualifier:" in text and "status:" in text, text
