"""The Dagster UI in a real Chromium: the lineage, "Materialize all", and figure_timeline's chart.

One test walks the steps in order against one `dagster dev` (starting it is the slow part),
taking a screenshot at each step.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UPSTREAM_OF_VIEWS = ("documents", "articles", "claims", "comparison_views")
# "Materialize all" runs the default multiprocess executor, one Python process a step, each
# importing the project (12-15 s here): 3.5-4.5 min were seen while other test suites shared
# the two cores. An idle machine needs far less (TOOLCHAIN.md: 16 s from the CLI).
RUN_TIMEOUT_S = 420.0
UI_TIMEOUT_MS = 30_000
_RUNS_QUERY = "{ runsOrError { ... on Runs { results { runId status } } } }"
_FINISHED = {"SUCCESS", "FAILURE", "CANCELED"}

Screenshot = Callable[..., Path]


def test_materialize_all_from_the_ui_then_see_the_chart(
    dagster_ui, page: Page, screenshot: Screenshot
):
    _see_the_lineage(page, dagster_ui.url, screenshot)
    run_id = _materialize_all(page, dagster_ui, screenshot)
    _wait_for_success(page, dagster_ui, run_id, screenshot)
    _see_the_chart(page, dagster_ui.url, screenshot)


def _graph_node(page: Page, asset: str):
    """An asset's name as drawn in the lineage graph (an SVG foreignObject), not in the header."""
    return page.locator("svg foreignObject").get_by_text(asset, exact=True)


def _see_the_lineage(page: Page, base_url: str, screenshot: Screenshot) -> None:
    # Per-asset lineage pages draw groups expanded; the graph only renders nodes in view, so
    # upstream and downstream of comparison_views are two pages rather than one wide one.
    page.goto(
        f"{base_url}/assets/comparison_views?view=lineage&lineageScope=upstream&lineageDepth=5"
    )
    for asset in UPSTREAM_OF_VIEWS:
        expect(_graph_node(page, asset)).to_be_visible(timeout=UI_TIMEOUT_MS)
    screenshot(page, "lineage-upstream")

    page.goto(f"{base_url}/assets/comparison_views?view=lineage&lineageScope=downstream")
    for asset in ("comparison_views", "figure_timeline"):
        expect(_graph_node(page, asset)).to_be_visible(timeout=UI_TIMEOUT_MS)
    screenshot(page, "lineage-downstream")


def _materialize_all(page: Page, dagster_ui, screenshot: Screenshot) -> str:
    """Click "Materialize all" on the global asset lineage; the id of the run it launched."""
    page.goto(f"{dagster_ui.url}/asset-groups")
    # Not exact: the button's accessible name is "materialization Materialize all" (icon, label).
    button = page.get_by_role("button", name="Materialize all")
    expect(button).to_be_enabled(timeout=UI_TIMEOUT_MS)
    screenshot(page, "global-lineage")
    button.click()

    launched = page.get_by_text(re.compile(r"Launched run [0-9a-f]{8}"))
    dialog = page.get_by_role("dialog")
    expect(launched.or_(dialog).first).to_be_visible(timeout=UI_TIMEOUT_MS)
    if dialog.is_visible():  # a confirmation, e.g. when some assets need config or partitions
        screenshot(page, "materialize-dialog")
        dialog.get_by_role("button", name=re.compile(r"^(Launch|Materialize)")).last.click()
        expect(launched).to_be_visible(timeout=UI_TIMEOUT_MS)
    page.wait_for_timeout(500)  # let the toast finish sliding in before the screenshot
    screenshot(page, "run-launched", full_page=False)

    prefix = re.search(r"Launched run ([0-9a-f]{8})", launched.inner_text()).group(1)
    runs = dagster_ui.graphql(_RUNS_QUERY)["runsOrError"]["results"]
    matching = [run["runId"] for run in runs if run["runId"].startswith(prefix)]
    assert len(matching) == 1, f"no single run starting with {prefix} in {runs}"
    return matching[0]


def _wait_for_success(page: Page, dagster_ui, run_id: str, screenshot: Screenshot) -> None:
    """Poll the run's status through GraphQL, then see "Success" on the Runs page."""
    deadline = time.monotonic() + RUN_TIMEOUT_S
    status = None
    while time.monotonic() < deadline:
        runs = dagster_ui.graphql(_RUNS_QUERY)["runsOrError"]["results"]
        status = next(run["status"] for run in runs if run["runId"] == run_id)
        if status in _FINISHED:
            break
        time.sleep(2)
    if status != "SUCCESS":
        page.goto(f"{dagster_ui.url}/runs/{run_id}")
        page.wait_for_timeout(3_000)
        screenshot(page, "run-not-successful")
        pytest.fail(f"run {run_id} is {status} after waiting up to {RUN_TIMEOUT_S:.0f} s")

    # The Runs page lists this one run (a fresh DAGSTER_HOME; the sensor launches nothing).
    page.goto(f"{dagster_ui.url}/runs")
    expect(page.get_by_role("link", name=run_id[:8])).to_be_visible(timeout=UI_TIMEOUT_MS)
    expect(page.get_by_text("Success", exact=True)).to_be_visible(timeout=UI_TIMEOUT_MS)
    screenshot(page, "runs-success")


def _see_the_chart(page: Page, base_url: str, screenshot: Screenshot) -> None:
    """Open the chart metadata entry of figure_timeline's materialization; its image loads."""
    page.goto(f"{base_url}/assets/figure_timeline?view=events")
    chart_row = page.locator("tr", has=page.get_by_text("chart", exact=True))
    show = chart_row.get_by_text("[Show Markdown]")
    expect(show).to_be_visible(timeout=UI_TIMEOUT_MS)
    screenshot(page, "figure-timeline-events")
    show.click()

    image = page.get_by_role("dialog").locator("img")
    expect(image).to_have_count(1, timeout=UI_TIMEOUT_MS)
    assert image.get_attribute("src").startswith("data:image/png;base64,")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=image.element_handle()
    )
    assert image.evaluate("img => img.naturalWidth") > 0
    screenshot(page, "figure-timeline-chart", full_page=False)
