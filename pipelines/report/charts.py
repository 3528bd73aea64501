"""Charts of every series' figures over time, gathered into one self-contained HTML report.

A series is (topic, population_group, country): like is drawn with like. x is the date a figure
was reported for, y the figure; each independent origin (origin_key) has its own colour and line,
so five outlets repeating one minister read as one voice. Intervals are error bars, open-ended
ones ("more than 4,000") an upward arrow; the qualifier is the marker's shape, and the figure as
written stands beside its point.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipelines.durable import write_atomic
from pipelines.parallel import Pool
from pipelines.report import draw, html
from pipelines.report.manifest import Manifest, digest, digests

LOGGER = logging.getLogger(__name__)

# What the chart shows of each point, then what the HTML table adds.
POINT_COLUMNS = [
    "series_label", "topic", "population_group", "country", "claim_id", "reported_on", "figure",
    "interval_low", "interval_high", "qualifier", "origin_key", "outlet",
]  # fmt: skip
DISPLAY_COLUMNS = ["figure_text", "speaker", "origin", "url", "as_of_precision", "synthetic"]
SERIES_KEY = ["topic", "population_group", "country"]
COUNT_OF_COUNTRIES = "countries"  # "volunteers from 52 countries" counts countries, not people

_OVERVIEW_PANELS = 12  # the overview shows the most reported series; index.html has them all
# A chart costs ~0.12 s. The pool sends charts to a worker 8 at a time (parallel._CHUNK_ITEMS):
# from 16 on, both workers draw.
CHARTS_FOR_POOL = 16


@dataclass(frozen=True)
class ReportFiles:
    """What `render_report` wrote, and the points it drew."""

    html: Path  # self-contained HTML report (PNGs embedded as base64 data URIs)
    pngs: dict[str, Path]  # series label -> PNG path
    overview_png: Path | None  # the most reported series in small multiples; None without data
    points: pd.DataFrame  # exactly the plotted points (POINT_COLUMNS, then DISPLAY_COLUMNS)
    drawn: list[str] = field(default_factory=list)  # series (and "overview") drawn by this call


def render_report(
    timeline: pd.DataFrame,
    out_dir: Path,
    *,
    title: str = "Headcount: figures over time",
    excluded_synthetic: int = 0,
    pool: Pool | None = None,
) -> ReportFiles:
    """Write one PNG per series, the overview PNG and index.html under ``out_dir``.

    Only charts whose points changed since the last call are drawn again (``manifest``), in the
    worker pool when there are several. Every file is replaced atomically, and PNGs of series
    that no longer exist are removed, so the directory always matches the HTML.

    Args:
        timeline: rows of the `claim_timeline` view.
        out_dir: the report directory (`warehouse/reports/` in production).
        excluded_synthetic: how many synthetic claims the caller filtered out, for the note.
        pool: the workers that draw the charts (started before the caller loaded the rows, so
            they do not copy them); by default a pool started here.
    """
    out_dir = Path(out_dir)
    series_dir = out_dir / "series"
    series_dir.mkdir(parents=True, exist_ok=True)
    points = plotted_points(timeline)
    previous = Manifest.load(out_dir)
    current = Manifest(fingerprint=digest(timeline, draw.VERSION, title, excluded_synthetic))
    overview_path, html_path = out_dir / "figure_timeline.png", out_dir / "index.html"
    groups = dict(list(points.groupby("series_label", sort=False)))
    names = _file_names(list(groups), previous)
    pngs = {label: series_dir / f"{names[label]}.png" for label in groups}
    if previous.fingerprint == current.fingerprint and all(p.is_file() for p in pngs.values()):
        overview = overview_path if previous.overview and overview_path.is_file() else None
        if html_path.is_file() and (overview is not None or not groups):
            return ReportFiles(html_path, pngs, overview, points)
    # Each chart is drawn again only if what it shows changed (or its file is gone).
    drawn_from = digests(points[draw.COLUMNS], "series_label", draw.VERSION)
    stale = []
    for label in groups:
        current.series[label] = {"file": names[label], "digest": drawn_from[label]}
        if not (previous.drawn(label, **current.series[label]) and pngs[label].is_file()):
            stale.append(label)
    drawing_pool = Pool(min_items=CHARTS_FOR_POOL) if pool is None else contextlib.nullcontext(pool)
    with drawing_pool as drawing:
        charts = drawing.map(draw.series_png, [groups[label][draw.COLUMNS] for label in stale])
        for label, png in zip(stale, charts, strict=True):
            write_atomic(pngs[label], png)
    for leftover in set(series_dir.glob("*.png")) - set(pngs.values()):
        leftover.unlink(missing_ok=True)
    drawn = list(stale)
    shown = _overview_series(points)[draw.OVERVIEW_COLUMNS]
    if shown.empty:
        overview_path.unlink(missing_ok=True)
    else:
        current.overview = digest(shown, draw.VERSION, title, len(groups))
        if current.overview != previous.overview or not overview_path.is_file():
            write_atomic(overview_path, draw.overview_png(shown, title, len(groups)))
            drawn.append("overview")
    # The page embeds every chart: the ones not drawn again are read back from their files.
    sections = [
        html.Section(label, html.heading(series.iloc[0]), pngs[label].read_bytes(), series)
        for label, series in groups.items()
    ]
    notes = html.notes(
        excluded_synthetic, int(points["synthetic"].sum()), *_not_charted(timeline, points)
    )
    write_atomic(html_path, html.render_page(title, sections, notes).encode("utf-8"))
    current.save(out_dir)
    LOGGER.info("report: %d series (%d drawn), %d points", len(pngs), len(stale), len(points))
    overview = overview_path if current.overview else None
    return ReportFiles(html_path, pngs, overview, points, drawn)


def _file_names(labels: list[str], previous: Manifest) -> dict[str, str]:
    """A stable file name per series: the one it had before, else a new unique one."""
    names = {label: previous.series[label]["file"] for label in labels if label in previous.series}
    taken = set(names.values())
    for label in labels:
        if label not in names:
            names[label] = html.file_name(label, taken)
    return names


def plotted_points(timeline: pd.DataFrame) -> pd.DataFrame:
    """The points the charts draw: one row per claim with a reported_on date and a figure.

    Counts of countries are left out (they are not people). Rows are ordered by series (totals
    first), then date. Figures are nullable integers, ``reported_on`` a datetime64 column.
    """
    frame = timeline.copy()
    for column in SERIES_KEY + POINT_COLUMNS[4:] + DISPLAY_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    reported_on = pd.to_datetime(frame["reported_on"], errors="coerce")
    frame["reported_on"] = reported_on.astype("datetime64[ns]")
    for column in ("figure", "interval_low", "interval_high"):
        # Without interval columns a figure is its own interval (not "unbounded above").
        source = frame[column] if column in timeline.columns else frame["figure"]
        frame[column] = _as_integers(source)
    frame["country"] = frame["country"].astype(object).where(frame["country"].notna(), None)
    frame["synthetic"] = frame["synthetic"].eq(True)
    frame["figure_text"] = frame["figure_text"].fillna(frame["figure"].astype(str))
    keep = (
        frame["reported_on"].notna()
        & frame["figure"].notna()
        & (frame["population_group"] != COUNT_OF_COUNTRIES)
    )
    frame = frame[keep & ~(frame["claim_id"].duplicated() & frame["claim_id"].notna())].copy()
    labels = [series_label(*key) for key in frame[SERIES_KEY].itertuples(index=False)]
    frame["series_label"] = pd.Series(labels, index=frame.index, dtype=object)
    frame["_by_country"] = frame["country"].notna()  # the total first, then each country
    frame = frame.sort_values(
        ["topic", "population_group", "_by_country", "country", "reported_on", "figure", "claim_id"]
    )
    return frame[POINT_COLUMNS + DISPLAY_COLUMNS].reset_index(drop=True)


def series_label(topic: str, population_group: str, country: str | None) -> str:
    """The series' stable key: "topic / group / NO", or "... / total" for all countries."""
    return f"{topic} / {population_group} / {country or 'total'}"


def _not_charted(timeline: pd.DataFrame, points: pd.DataFrame) -> tuple[int, int]:
    """(claims without a date or figure, counts of countries): what the charts leave out."""
    if not {"claim_id", "population_group"} <= set(timeline.columns):
        return 0, 0
    claims = timeline.drop_duplicates("claim_id")
    countries = int((claims["population_group"] == COUNT_OF_COUNTRIES).sum())
    return len(claims) - countries - len(points), countries


def _as_integers(values: pd.Series) -> pd.Series:
    """Figures as nullable integers; floats that are not whole stay floats."""
    numbers = pd.to_numeric(values, errors="coerce")
    try:
        return numbers.astype("Int64")
    except (TypeError, ValueError):
        return numbers.astype(float)


def _overview_series(points: pd.DataFrame) -> pd.DataFrame:
    """The points of the series the overview shows: the most reported, ties by label."""
    counts = points.groupby("series_label", sort=False).size().reset_index(name="reports")
    counts = counts.sort_values(["reports", "series_label"], ascending=[False, True])
    shown = set(counts["series_label"].head(_OVERVIEW_PANELS))
    return points[points["series_label"].isin(shown)]
