"""The whole asset graph, materialized in-process into a temporary warehouse."""

from __future__ import annotations

import datetime as dt

import dagster as dg
import pytest

from assets.definitions import ALL_ASSETS, defs, resources
from assets.runner import materialization_metadata
from pipelines import stages
from pipelines.settings import Settings
from pipelines.warehouse import db, load
from tests.conftest import FIXTURES

D = dt.date


def _materialize(settings):
    result = dg.materialize(ALL_ASSETS, resources=resources(settings))
    assert result.success
    return result


def _rows(settings, sql):
    con = db.connect(settings.database, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_definitions_load():
    assert {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()} >= {
        "documents",
        "articles",
        "claims",
        "comparison_views",
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build of the fixture corpus shared by the module's tests (they only read it; the
    rerun test checks that a second run changes nothing)."""
    root = tmp_path_factory.mktemp("graph")
    settings = Settings(root / "warehouse", FIXTURES / "corpus" / "sources.yml", root / "reviews")
    _materialize(settings)
    return settings


def test_claim_timeline_holds_each_figure_with_its_outlet_and_date(built):
    rows = _rows(
        built,
        "select country, value, low, high, qualifier, population_group, outlet, published_at "
        "from claim_timeline order by published_at, country",
    )
    assert rows == [
        (
            "NO",
            100,
            None,
            None,
            "approximately",
            "foreign_volunteers",
            "Alpha Daily",
            D(2022, 3, 1),
        ),
        ("NO", 300, None, None, "approximately", "foreign_volunteers", "Beta News", D(2022, 3, 8)),
        ("US", 4000, 4000, None, "more_than", "foreign_volunteers", "Beta News", D(2022, 3, 8)),
        ("NO", None, 400, 500, "exact", "foreign_volunteers", "Gamma Post", D(2022, 3, 15)),
    ]


def test_latest_figures_per_series(built):
    rows = _rows(
        built,
        "select country, figure_text, as_of, outlet, origins, reports "
        "from latest_figures order by country",
    )
    assert rows == [
        ("NO", "400-500", D(2022, 3, 15), "Gamma Post", 1, 3),
        ("US", ">4000", D(2022, 3, 8), "Beta News", 1, 1),
    ]


def test_figure_changes_compare_each_report_with_the_previous(built):
    rows = _rows(
        built,
        "select country, previous_figure_text, figure_text, change, relative_change, "
        "days_elapsed, direction from figure_changes order by reported_on",
    )
    assert rows == [
        ("NO", "~100", "~300", 200, 2.0, 7, "up"),
        ("NO", "~300", "400-500", 100, 0.3333, 7, "up"),
    ]


def test_irrelevant_article_is_recorded_as_skipped(built):
    rows = _rows(built, "select location, stage from documents_not_loaded")
    assert rows == [("04_weather.txt", "relevance")]


def test_every_claim_slices_back_to_its_article_text(built):
    rows = _rows(
        built,
        "select substring(a.text, c.sentence_start + 1, c.sentence_end - c.sentence_start), "
        'c.sentence, substring(a.text, c.start + 1, c."end" - c.start) '
        "from claims c join articles a using (article_id)",
    )
    assert rows
    for sentence_slice, sentence, mention in rows:
        assert sentence_slice == sentence
        assert any(ch.isdigit() for ch in mention)


def test_second_run_reprocesses_nothing_and_adds_no_rows(built):
    con = db.connect(built.build_database, read_only=True)
    before = load.count_rows(con)
    con.close()
    metadata = materialization_metadata(_materialize(built))
    for asset in ("documents", "articles", "claims"):
        assert metadata[asset]["processed_this_run"].value == 0
    con = db.connect(built.build_database, read_only=True)
    assert load.count_rows(con) == before
    con.close()


def test_figure_timeline_plots_exactly_the_claim_timeline_figures(built):
    report = stages.render_figure_report(built)
    assert report.points == len(report.preview)  # few enough that the preview has them all
    plotted = sorted(
        (row.country, row.reported_on.date(), int(row.figure))
        for row in report.preview.itertuples()
        if row.country in ("NO", "US")
    )
    timeline = sorted(
        _rows(
            built,
            "select country, reported_on, figure from claim_timeline where country in ('NO', 'US')",
        )
    )
    assert plotted == timeline
    assert report.series == len(set(report.preview["series_label"]))
    assert report.html.read_text(encoding="utf-8").count('class="series"') == 2


def test_source_disagreements_country_coverage_and_totals(built):
    assert _rows(
        built,
        "select country, lower_figure_text, lower_origin, higher_figure_text, higher_origin, "
        "spread, days_apart from source_disagreements order by all",
    ) == [
        (
            "NO",
            "~100",
            "ukrainian embassy in oslo",
            "400-500",
            "norwegian police security service",
            300,
            14,
        ),
        (
            "NO",
            "~300",
            "ukrainian embassy in oslo",
            "400-500",
            "norwegian police security service",
            100,
            7,
        ),
    ]
    assert _rows(
        built,
        "select country, first_report, last_report, reports, origins, articles "
        "from country_coverage order by country",
    ) == [
        ("NO", D(2022, 3, 1), D(2022, 3, 15), 3, 2, 3),
        ("US", D(2022, 3, 8), D(2022, 3, 8), 1, 1, 1),
    ]
    assert _rows(built, "select * from total_vs_breakdown") == []  # the corpus gives no total
    assert _rows(built, "select * from orphaned_reviews") == []
