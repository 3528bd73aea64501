"""The report: which points are charted, the page that holds them, and the overview PNG."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import warnings
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipelines.report.charts import POINT_COLUMNS, ReportFiles, plotted_points, render_report
from pipelines.report.html import plotly_js
from pipelines.warehouse import sqlfiles

TOPIC = "ukraine-international-legion"
GROUP = "foreign_volunteers"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _claim(claim_id, country, reported_on, value=None, low=None, high=None, **extra):
    """One claim_timeline row, with figure, figure_text and interval derived as the view does."""
    qualifier = extra.pop("qualifier", "exact")
    figure = next((v for v in (value, low, high) if v is not None), None)
    unbounded = qualifier in ("more_than", "at_least") or (value is None and high is None)
    row = {
        "claim_id": claim_id,
        "topic": TOPIC,
        "population_group": GROUP,
        "country": country,
        "population": "volunteers",
        "value": value,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "figure": figure,
        "figure_text": str(figure),
        "interval_low": next((v for v in (low, value, high) if v is not None), None),
        "interval_high": high if high is not None else (None if unbounded else value),
        "speaker": None,
        "origin": None,
        "origin_key": f"outlet-{claim_id}",
        "outlet": f"Outlet {claim_id}",
        "url": f"https://example.org/{claim_id}",
        "published_at": dt.date(2022, 3, 20),
        "reported_on": dt.date.fromisoformat(reported_on) if reported_on else None,
        "as_of_precision": None,
        "synthetic": False,
        "sentence": f"Sentence of {claim_id}: </script><b>&amp; more",  # to be escaped
    }
    row.update(extra)
    return row


def _timeline() -> pd.DataFrame:
    rows = [
        _claim("no-1", "NO", "2022-03-01", 100),
        _claim("no-2", "NO", "2022-03-07", 300, qualifier="approximately", figure_text="~300"),
        _claim("no-3", "NO", "2022-03-15", low=400, high=500, figure_text="400-500"),
        _claim("us-1", "US", "2022-03-10", 4000, qualifier="more_than", figure_text=">4000"),
        _claim("us-2", "US", "2022-03-07", 3000, qualifier="approximately", figure_text="~3000"),
        _claim("all-1", None, "2022-03-06", 20000, speaker="Volodymyr Zelensky"),
        _claim("gb-undated", "GB", None, 3000),
        _claim("countries-1", None, "2022-03-06", 52, population_group="countries"),
    ]
    frame = pd.DataFrame(rows)
    for column in ("value", "low", "high", "figure", "interval_low", "interval_high"):
        frame[column] = frame[column].astype("Int64")  # BIGINT with NULLs, as DuckDB returns it
    return frame


@pytest.fixture
def timeline() -> pd.DataFrame:
    return _timeline()


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[ReportFiles, Path]:
    """One render shared by the tests that read it."""
    out_dir = tmp_path_factory.mktemp("reports")
    (out_dir / "series").mkdir()  # where reports before the browser drew charts kept PNGs
    (out_dir / "series" / "a-series-that-is-gone.png").write_bytes(PNG_SIGNATURE)
    timeline = _timeline()
    timeline.loc[timeline["claim_id"] == "us-2", "synthetic"] = True
    return render_report(timeline, out_dir), out_dir


def _sections(page: str) -> dict[str, dict]:
    """Each section's data-series label and the JSON its chart is drawn from."""
    found = re.findall(
        r'<section class="series" [^>]*data-series="([^"]+)">(.*?)</section>', page, re.S
    )
    sections = {}
    for label, body in found:
        (data,) = re.findall(
            r'<script type="application/json" class="series-data">(.*?)</script>', body, re.S
        )
        assert '<div class="chart" id="chart-' in body
        sections[html.unescape(label)] = json.loads(data)
    return sections


def _series(points: pd.DataFrame, country: str | None) -> pd.DataFrame:
    chosen = points["country"].isna() if country is None else points["country"] == country
    return points[chosen]


def _rows(points: pd.DataFrame) -> list[tuple]:
    columns = ["series_label", "reported_on", "figure", "interval_low", "interval_high"]
    return [
        (label, day.date().isoformat(), figure, low, None if pd.isna(high) else high)
        for label, day, figure, low, high in points[columns].itertuples(index=False)
    ]


def test_plotted_points_are_the_dated_counts_of_people(timeline):
    points = plotted_points(timeline)
    no, us, total = (f"{TOPIC} / {GROUP} / {key}" for key in ("NO", "US", "total"))
    assert _rows(points) == [
        (total, "2022-03-06", 20000, 20000, 20000),
        (no, "2022-03-01", 100, 100, 100),
        (no, "2022-03-07", 300, 300, 300),
        (no, "2022-03-15", 400, 400, 500),
        (us, "2022-03-07", 3000, 3000, 3000),
        (us, "2022-03-10", 4000, 4000, None),
    ]
    assert list(points.columns[: len(POINT_COLUMNS)]) == POINT_COLUMNS
    assert not points["claim_id"].isin(["gb-undated", "countries-1"]).any()


def test_plotted_points_keep_one_row_per_claim(timeline):
    doubled = pd.concat([timeline, timeline.iloc[:2]], ignore_index=True)
    assert plotted_points(doubled)["claim_id"].is_unique


def test_render_report_writes_the_page_and_the_overview(report):
    files, out_dir = report
    assert files.series == 3 and files.points == 6
    data = files.overview_png.read_bytes()
    assert data.startswith(PNG_SIGNATURE) and len(data) > 5_000
    assert files.overview_png == out_dir / "figure_timeline.png"
    assert files.html == out_dir / "index.html"
    # No PNG a series any more (an older report's are removed), no temp file.
    assert sorted(path.name for path in out_dir.iterdir()) == [
        "figure_timeline.png",
        "index.html",
        "report.json",  # what the overview was drawn from, so it is not drawn again for nothing
    ]


def test_report_points_are_the_input_figures(report):
    points = report[0].preview  # all 6 points: fewer than a preview holds
    assert report[0].points == len(points) == 6
    norway = _series(points, "NO")
    assert norway["figure"].tolist() == [100, 300, 400]
    assert norway["figure_text"].tolist() == ["100", "~300", "400-500"]
    assert norway["interval_high"].tolist() == [100, 300, 500]
    united_states = _series(points, "US")
    assert united_states["figure"].tolist() == [3000, 4000]
    assert united_states["qualifier"].tolist() == ["approximately", "more_than"]
    assert united_states["interval_high"].isna().tolist() == [False, True]  # unbounded above
    assert _series(points, None)["claim_id"].tolist() == ["all-1"]


def test_each_section_holds_every_claim_of_its_series_as_json(report):
    files = report[0]
    sections = _sections(files.html.read_text(encoding="utf-8"))
    no, us, total = (f"{TOPIC} / {GROUP} / {key}" for key in ("NO", "US", "total"))
    assert list(sections) == [total, no, us]  # the total first, then each country
    for label, data in sections.items():
        assert data["label"] == label and data["group"] == GROUP and data["status"] == "total"
        points = data["points"]
        assert len({len(column) for column in points.values()}) == 1  # one value a point
    norway = sections[no]["points"]
    assert norway["claim_id"] == ["no-1", "no-2", "no-3"]
    assert norway["date"] == ["2022-03-01", "2022-03-07", "2022-03-15"]
    assert norway["figure"] == [100, 300, 400]
    assert norway["low"] == [100, 300, 400] and norway["high"] == [100, 300, 500]
    assert norway["figure_text"] == ["100", "~300", "400-500"]
    assert norway["qualifier"] == ["exact", "approximately", "exact"]
    assert norway["outlet"] == ["Outlet no-1", "Outlet no-2", "Outlet no-3"]
    assert norway["origin_key"] == ["outlet-no-1", "outlet-no-2", "outlet-no-3"]
    assert norway["sentence"] == [f"Sentence of {c}: </script><b>&amp; more" for c in
                                  norway["claim_id"]]  # fmt: skip
    united_states = sections[us]["points"]
    assert united_states["claim_id"] == ["us-2", "us-1"]  # by date
    assert united_states["qualifier"] == ["approximately", "more_than"]
    assert united_states["high"] == [3000, None]  # "more than 4000": unbounded above
    assert united_states["synthetic"] == [True, False]
    assert sections[total]["points"]["speaker"] == ["Volodymyr Zelensky"]
    assert sum(len(data["points"]["claim_id"]) for data in sections.values()) == files.points


def test_html_is_self_contained_with_a_section_per_series(report):
    files = report[0]
    page = files.html.read_text(encoding="utf-8")
    sections = re.findall(r'<section class="series" [^>]*data-series="([^"]+)"', page)
    assert len(sections) == len(set(sections)) == files.series == 3
    for body in page.split('<section class="series"')[1:]:
        assert body.count('<div class="chart"') == 1
        assert body.count('class="series-data"') == 1
        assert "<table>" in body
    assert "~300" in page and "400-500" in page and "&gt;4000" in page
    assert "1 charted claims are synthetic (demo) data" in page
    assert "Outlet us-2</a> <em>(synthetic)</em>" in page
    # plotly.js is inlined once; the only scripts are inline ones: no src, no CDN, no import.
    assert page.count(plotly_js()) == 1 and len(plotly_js()) > 1_000_000
    assert "Plotly.newPlot" in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert set(scripts) == {"<script>", '<script type="application/json" class="series-data">'}
    assert scripts.count("<script>") == 2  # plotly.js, then the drawing script
    # A sentence's "</script>" cannot end its section's JSON early.
    assert page.count("</script>") == len(scripts)
    outside_scripts = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.S)
    assert not re.search(r"<link|@import|url\(|src=", outside_scripts)
    # The only http(s) URLs outside the scripts are links to the source articles.
    assert all(
        outside_scripts[: match.start()].endswith('<a href="')
        for match in re.finditer("http", outside_scripts)
    )


def test_empty_timeline_gives_a_report_that_says_so(tmp_path):
    files = render_report(pd.DataFrame(), tmp_path)
    assert files.series == 0
    assert files.overview_png is None
    assert files.points == 0 and files.preview.empty
    page = files.html.read_text(encoding="utf-8")
    assert "No data" in page and "<script" not in page


def test_the_warehouse_view_has_the_columns_the_report_reads(tmp_path):
    """An empty claim_timeline from the real SQL renders, so the view and the charts agree."""
    con = duckdb.connect()
    for path in [*sqlfiles.table_files(), *sqlfiles.view_files()]:
        con.execute(path.read_text(encoding="utf-8"))
    view = con.execute("select * from claim_timeline").df()
    required = set(POINT_COLUMNS[1:]) | {"figure_text", "speaker", "url", "synthetic", "sentence"}
    assert required - set(view.columns) == set()
    assert render_report(view, tmp_path).overview_png is None


def test_unchanged_data_is_not_redrawn_and_changed_data_is(tmp_path):
    import pandas as pd

    from pipelines.report.charts import render_report

    timeline = pd.DataFrame(
        {
            "claim_id": ["a", "b"],
            "topic": ["t", "t"],
            "population_group": ["g", "g"],
            "country": ["NO", "NO"],
            "population": ["volunteers", "volunteers"],
            "value": [100, 300],
            "low": [None, None],
            "high": [None, None],
            "qualifier": ["approximately", "approximately"],
            "figure": [100, 300],
            "figure_text": ["~100", "~300"],
            "interval_low": [100, 300],
            "interval_high": [100, 300],
            "speaker": ["x", "y"],
            "origin": [None, None],
            "origin_key": ["x", "y"],
            "outlet": ["A", "B"],
            "url": [None, None],
            "published_at": pd.to_datetime(["2022-03-01", "2022-03-08"]),
            "reported_on": pd.to_datetime(["2022-03-01", "2022-03-08"]),
            "as_of_precision": ["day", "day"],
            "synthetic": [False, False],
        }
    )
    first = render_report(timeline, tmp_path)
    written_at = first.html.stat().st_mtime_ns
    drawn_at = first.overview_png.stat().st_mtime_ns
    again = render_report(timeline, tmp_path)
    assert again.html.stat().st_mtime_ns == written_at
    assert again.overview_png.stat().st_mtime_ns == drawn_at
    assert again.series == first.series == 1 and again.points == 2
    changed = timeline.assign(value=[100, 400], figure=[100, 400], figure_text=["~100", "~400"])
    redrawn = render_report(changed, tmp_path)
    assert redrawn.html.stat().st_mtime_ns != written_at
    assert redrawn.overview_png.stat().st_mtime_ns != drawn_at
    assert "~400" in redrawn.html.read_text(encoding="utf-8")


def _many_series(series: int, reports: int = 2) -> pd.DataFrame:
    rows = [
        _claim(f"c{s}-{r}", f"X{s:02d}", f"2022-03-{r + 1:02d}", 100 * (s + 1) + r)
        for s in range(series)
        for r in range(reports + (s == 0))  # the first series is the most reported
    ]
    frame = pd.DataFrame(rows)
    for column in ("value", "low", "high", "figure", "interval_low", "interval_high"):
        frame[column] = frame[column].astype("Int64")
    return frame


def test_the_overview_is_drawn_again_only_if_what_it_shows_changed(tmp_path, monkeypatch):
    from pipelines.report import draw

    drawn = []
    overview_png = draw.overview_png
    monkeypatch.setattr(draw, "overview_png", lambda *args: drawn.append(1) or overview_png(*args))
    timeline = _many_series(3)
    first = render_report(timeline, tmp_path)
    assert len(drawn) == 1
    page = first.html.read_text(encoding="utf-8")
    moved = timeline.assign(url=timeline["url"].str.replace("example.org", "example.net"))
    second = render_report(moved, tmp_path)  # links are in the tables, not in the overview
    assert len(drawn) == 1
    assert "example.net" in second.html.read_text(encoding="utf-8")
    assert "example.net" not in page
    changed = moved.copy()
    changed.loc[changed["country"] == "X02", "figure"] = 999
    changed.loc[changed["country"] == "X02", "figure_text"] = "999"
    third = render_report(changed, tmp_path)
    assert len(drawn) == 2 and "999" in third.html.read_text(encoding="utf-8")
    third.overview_png.unlink()
    assert render_report(changed, tmp_path).overview_png.is_file()  # a missing one is drawn
    assert len(drawn) == 3
    fewer = render_report(changed[changed["country"] != "X01"], tmp_path)
    assert fewer.series == 2 and len(drawn) == 4  # the overview says how many series
    assert fewer.html.read_text(encoding="utf-8").count('class="series"') == 2


def _drawn_overviews(monkeypatch) -> list:
    """The overview figures drawn from now on, with the points each was drawn from."""
    from pipelines.report import draw

    drawn = []
    overview_figure = draw.overview_figure

    def recorded(points, *args):
        figure = overview_figure(points, *args)
        drawn.append((figure, points))
        return figure

    monkeypatch.setattr(draw, "overview_figure", recorded)
    return drawn


def test_the_overview_charts_the_most_reported_series_and_says_how_many_more(tmp_path, monkeypatch):
    from pipelines.report import html
    from pipelines.report.charts import _OVERVIEW_SERIES

    drawn = _drawn_overviews(monkeypatch)
    report = render_report(_many_series(_OVERVIEW_SERIES + 4), tmp_path)
    assert report.series == _OVERVIEW_SERIES + 4 and report.overview_png.is_file()
    ((figure, points),) = drawn
    assert len(figure.axes) == 1  # one chart, however many series
    shown = [
        html.heading(series.iloc[0]).split(": ")[0]
        for _, series in points.groupby("series_label", sort=False)
    ]
    assert len(shown) == _OVERVIEW_SERIES
    assert "foreign volunteers, X00" in shown  # the most reported
    assert f"foreign volunteers, X{_OVERVIEW_SERIES - 1:02d}" in shown  # then the first by label
    assert f"foreign volunteers, X{_OVERVIEW_SERIES:02d}" not in shown
    assert "4 more in index.html" in figure.get_suptitle()


def test_the_overview_draws_a_long_series_thinned_from_first_to_last(tmp_path, monkeypatch):
    from matplotlib.collections import PathCollection

    from pipelines.report import draw

    days = draw.OVERVIEW_POINTS * 3
    rows = [
        _claim(f"n{day}", "NO", (dt.date(2020, 1, 1) + dt.timedelta(days=day)).isoformat(), day + 1)
        for day in range(days)
    ]
    frame = pd.DataFrame(rows)
    for column in ("value", "low", "high", "figure", "interval_low", "interval_high"):
        frame[column] = frame[column].astype("Int64")
    drawn = _drawn_overviews(monkeypatch)
    report = render_report(frame, tmp_path)
    ((figure, _),) = drawn
    (ax,) = figure.axes
    marks = [c.get_offsets() for c in ax.collections if isinstance(c, PathCollection)]
    figures = sorted(y for offsets in marks for _, y in offsets)
    assert len(figures) == draw.OVERVIEW_POINTS  # the page keeps every point
    assert report.points == days
    assert (figures[0], figures[-1]) == (1, days)
    assert ax.get_yscale() == "log"  # 1 to 900: a hundredfold and more


def test_the_overview_counts_from_zero_when_its_figures_are_alike(tmp_path, monkeypatch):
    drawn = _drawn_overviews(monkeypatch)
    render_report(_many_series(3), tmp_path)  # figures 100 to 302
    ((figure, _),) = drawn
    (ax,) = figure.axes
    assert ax.get_yscale() == "linear" and ax.get_ylim()[0] == 0


def test_a_series_chart_labels_every_point_up_to_the_limit(timeline):
    from pipelines.report import draw

    def labels(series: pd.DataFrame) -> int:
        figure = draw.series_figure(series)
        found = figure.findobj(lambda artist: artist.get_gid() == draw.LABELS_GID)
        return sum(len(collection.get_paths()) for collection in found)

    norway = _series(plotted_points(timeline), "NO")
    assert labels(norway) == 3
    days = [(dt.date(2022, 1, 1) + dt.timedelta(days=day)).isoformat() for day in range(41)]
    long = plotted_points(pd.DataFrame([_claim(f"n{d}", "NO", d, 10) for d in days]))
    assert labels(long.iloc[: draw.MAX_ANNOTATED]) == draw.MAX_ANNOTATED
    assert labels(long) == 0  # more points than that: the table has the figures


@pytest.mark.parametrize("span_days", [0, 20, 100, 400, 850, 940, 1100, 2500, 9000])
def test_a_chart_of_any_date_span_gets_a_few_date_ticks_without_warnings(span_days):
    from pipelines.report import draw

    ends = [dt.date(2022, 3, 23), dt.date(2022, 3, 23) + dt.timedelta(days=span_days)]
    series = plotted_points(pd.DataFrame([_claim(f"c{n}", "NO", d.isoformat(), 10)
                                          for n, d in enumerate(ends)]))  # fmt: skip
    with warnings.catch_warnings():
        # matplotlib's UserWarning when no date interval fits; not every warning: another
        # test's objects collected meanwhile may warn (Dagster's temporary folders do).
        warnings.simplefilter("error", UserWarning)
        figure = draw.series_figure(series)
        assert draw.png_bytes(figure).startswith(PNG_SIGNATURE)
        (ax,) = figure.axes
        low, high = ax.get_xlim()
        assert 2 <= sum(low <= tick <= high for tick in ax.get_xticks()) <= 8


def test_the_html_lists_the_latest_reports_of_a_long_series(tmp_path):
    from pipelines.report.html import MAX_TABLE_ROWS

    rows = [
        _claim(f"n{day}", "NO", (dt.date(2022, 1, 1) + dt.timedelta(days=day)).isoformat(), day + 1)
        for day in range(MAX_TABLE_ROWS + 5)
    ]
    frame = pd.DataFrame(rows)
    for column in ("value", "low", "high", "figure", "interval_low", "interval_high"):
        frame[column] = frame[column].astype("Int64")
    page = render_report(frame, tmp_path).html.read_text(encoding="utf-8")
    (data,) = _sections(page).values()
    assert len(data["points"]["claim_id"]) == MAX_TABLE_ROWS + 5  # the chart has them all
    assert page.count("<tr><td>") == MAX_TABLE_ROWS
    assert "and 5 earlier reports" in page
    assert f">{MAX_TABLE_ROWS + 5}<" in page and ">5<" not in page  # the latest kept
    chunks = (frame.iloc[at : at + 50] for at in range(0, len(frame), 50))  # one series, 5 parts
    assert render_report(chunks, tmp_path / "streamed").html.read_text(encoding="utf-8") == page


def test_rows_read_in_chunks_give_the_report_of_the_whole_frame(tmp_path):
    """The stage streams the timeline in chunks (a series may span several): same files."""
    timeline = _many_series(3, reports=3)
    whole = render_report(timeline, tmp_path / "whole")
    ordered = timeline.sort_values(["country", "reported_on"]).reset_index(drop=True)
    chunks = (ordered.iloc[at : at + 2] for at in range(0, len(ordered), 2))
    streamed = render_report(chunks, tmp_path / "streamed")
    assert streamed.points == whole.points == len(timeline)
    assert streamed.series == whole.series == 3
    assert streamed.html.read_bytes() == whole.html.read_bytes()
    assert streamed.overview_png.read_bytes() == whole.overview_png.read_bytes()


def test_each_series_leaves_memory_for_the_page_file_once_it_is_complete(tmp_path, monkeypatch):
    """A report of many claims must not hold every section until the end: a series' HTML is
    written out before the next chunk of rows is read."""
    from pipelines.report import html

    written: list[int] = []
    section_html = html.section_html
    monkeypatch.setattr(
        html, "section_html", lambda *args: written.append(args[0]) or section_html(*args)
    )
    ordered = _many_series(3).sort_values(["country", "reported_on"]).reset_index(drop=True)
    series_starts = ordered.index[ordered["country"] != ordered["country"].shift()].tolist()

    def chunks():  # one series a chunk; the next chunk shows the last series complete
        ends = [*series_starts[1:], None]
        for at, (begin, end) in enumerate(zip(series_starts, ends, strict=True)):
            assert written == list(range(max(at - 1, 0)))
            yield ordered.iloc[begin:end]

    report = render_report(chunks(), tmp_path)
    assert written == [0, 1, 2] and report.series == 3
    page = report.html.read_text(encoding="utf-8")
    assert page.count('<section class="series"') == 3 and page.endswith("</body></html>\n")


def test_rows_with_an_unchanged_digest_keep_the_report_without_being_read(tmp_path, timeline):
    from pipelines.report.charts import render_report

    first = render_report(timeline, tmp_path, rows_digest="4:abc")
    written_at = first.html.stat().st_mtime_ns

    def only_the_first_chunk():
        yield timeline
        raise AssertionError("the rows were read past the first chunk")

    kept = render_report(only_the_first_chunk(), tmp_path, rows_digest="4:abc")
    assert kept.html.stat().st_mtime_ns == written_at
    assert (kept.series, kept.points) == (first.series, first.points)
    assert not kept.preview.empty  # the asset's preview still shows the first points
    remade = render_report(timeline.iloc[:2], tmp_path, rows_digest="2:def")
    assert remade.points < first.points  # a new digest: the rows are read again
