"""Every series' figures over time, gathered into one self-contained interactive HTML report.

A series is (topic, population_group, status, country): like is drawn with like. x is the date a
figure was reported for, y the figure; each independent origin (origin_key) has its own colour and
line, so five outlets repeating one minister read as one voice. Intervals are error bars, open-ended
ones ("more than 4,000") an upward arrow; the qualifier is the marker's shape, and hovering a point
shows its figure, outlet, speaker, qualifier, status and sentence.

The browser draws the charts (plotly.js, inlined once in the page): each series' section holds
its points as JSON, so writing the page costs in proportion to its claims. Only the overview, a
PNG for the Dagster UI, is drawn here (matplotlib, `draw`).
"""

from __future__ import annotations

import io
import logging
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

from pipelines.claims.model import COUNT_OF_COUNTRIES
from pipelines.durable import atomic_file, write_atomic
from pipelines.report import draw, html
from pipelines.report.manifest import Manifest, digest

LOGGER = logging.getLogger(__name__)

# What the chart shows of each point, then what the HTML table and the hover labels add.
POINT_COLUMNS = [
    "series_label", "topic", "population_group", "status", "country", "claim_id", "reported_on",
    "figure", "interval_low", "interval_high", "qualifier", "origin_key", "outlet",
]  # fmt: skip
DISPLAY_COLUMNS = [
    "figure_text", "speaker", "origin", "url", "as_of_precision", "synthetic", "sentence",
]  # fmt: skip
SERIES_KEY = ["topic", "population_group", "status", "country"]

_OVERVIEW_SERIES = 8  # the overview shows the most reported series; index.html has them all
PREVIEW_POINTS = 20  # points a ReportFiles shows (the Dagster asset's metadata)
# Report directories written before the browser drew the charts held one PNG a series here.
_LEGACY_SERIES_DIR = "series"


@dataclass(frozen=True)
class ReportFiles:
    """What `render_report` wrote, and how many points the page holds."""

    html: Path  # self-contained HTML report: plotly.js, the points as JSON, inline CSS
    series: int  # sections (charts) in the page
    overview_png: Path | None  # the most reported series in one chart; None without data
    points: int  # the points in the page, all series together
    preview: pd.DataFrame  # the first points (POINT_COLUMNS, then DISPLAY_COLUMNS)


def render_report(
    timeline: pd.DataFrame | Iterable[pd.DataFrame],
    out_dir: Path,
    *,
    title: str = "Headcount: figures over time",
    rows_digest: str | None = None,
) -> ReportFiles:
    """Write index.html (every series, charted by the browser) and the overview PNG.

    The rows are taken a chunk at a time and turned into a section a series at a time, which
    goes to a temporary file at once: memory holds a chunk, a series, the table of contents and
    the overview's points, whatever the number of claims. The overview is drawn again only when
    what it shows changed (``report.json``); the page is written only when its bytes changed.
    Every file is replaced atomically.

    Args:
        timeline: rows of the `claim_timeline` view, as one frame, or as chunks in the order
            `plotted_points` sorts points in (as `timeline_for_report.sql` sorts them).
        out_dir: the report directory (`warehouse/reports/` in production).
        rows_digest: a digest of the rows (`timeline_for_report_digest.sql`); when the last
            report was made from rows with the same digest and its files are there, it is kept
            and ``timeline`` is not read.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    previous = Manifest.load(out_dir)
    overview_path, html_path = out_dir / "figure_timeline.png", out_dir / "index.html"
    if (
        rows_digest is not None
        and rows_digest == previous.rows
        and html_path.is_file()
        and (previous.overview is None or overview_path.is_file())
    ):
        overview = overview_path if previous.overview else None
        first = next(iter([timeline] if isinstance(timeline, pd.DataFrame) else timeline), None)
        glimpse = _Page(io.BytesIO())  # the preview's few points only
        glimpse.read([] if first is None else [first.head(PREVIEW_POINTS)])
        return ReportFiles(html_path, previous.series, overview, previous.points, glimpse.preview)
    chunks = [timeline] if isinstance(timeline, pd.DataFrame) else timeline
    with tempfile.TemporaryFile(dir=out_dir) as spool:
        page = _Page(spool)
        page.read(chunks)
        _remove_legacy_series_pngs(out_dir)
        current = Manifest(rows=rows_digest, series=len(page.entries), points=page.points)
        shown = page.most_reported.points()[draw.OVERVIEW_COLUMNS]
        series = len(page.entries)
        if shown.empty:
            overview_path.unlink(missing_ok=True)
        else:
            current.overview = digest(shown, draw.VERSION, title, series)
            if current.overview != previous.overview or not overview_path.is_file():
                write_atomic(overview_path, draw.overview_png(shown, title, series))
        notes = html.notes(page.synthetic, page.undated, page.countries)
        spool.seek(0)
        with atomic_file(html_path, unless_same=True) as handle:
            handle.write(html.page_head(title, page.entries, notes).encode("utf-8"))
            shutil.copyfileobj(spool, handle)
            handle.write(html.page_tail(bool(page.entries)).encode("utf-8"))
            size = handle.tell()
    if current != previous:
        current.save(out_dir)
    LOGGER.info("report: %d series, %d points, %d bytes", series, page.points, size)
    overview = overview_path if current.overview else None
    return ReportFiles(html_path, series, overview, page.points, page.preview)


@dataclass(frozen=True)
class _Part:
    """What a series keeps of the rows one chunk gave it: its points as JSON text, and of the
    points themselves only what the page still needs when the series is done (the overview's
    columns, the latest rows for the table, the first ones for the preview). Holding the rows
    whole held every sentence of a series as Python objects, so memory grew with the largest
    series."""

    label: str
    first: pd.Series  # the part's first point: the series' heading is drawn from the first's
    json: dict[str, str]  # each JSON column's values, comma-separated (`html.json_values`)
    overview: pd.DataFrame  # draw.OVERVIEW_COLUMNS of every point
    latest: pd.DataFrame  # the last html.MAX_TABLE_ROWS points
    preview: pd.DataFrame  # the first PREVIEW_POINTS points
    synthetic: int


class _Page:
    """What the report learns while the series go by: sections, counts, the overview's points."""

    def __init__(self, spool: IO[bytes]) -> None:
        self.spool = spool  # each series' HTML, written as it is done: memory holds one series
        self.entries: list[html.Entry] = []  # each series' line in the table of contents
        self.most_reported = _MostReported(_OVERVIEW_SERIES)
        self.points = self.synthetic = self.undated = self.countries = 0
        self._previewed: list[pd.DataFrame] = []  # the first PREVIEW_POINTS points, or fewer
        self._held: list[_Part] = []  # the series' parts so far (its rows may span chunks)

    def read(self, chunks: Iterable[pd.DataFrame]) -> None:
        """Take in the rows chunk by chunk; add each series to the page once it is complete."""
        for chunk in chunks:
            points = plotted_points(chunk)
            undated, countries = _not_charted(chunk, points)
            self.undated += undated
            self.countries += countries
            if points.empty:
                continue
            values = html.json_columns(points)
            labels = points["series_label"].to_numpy()
            starts = [0, *(np.flatnonzero(labels[1:] != labels[:-1]) + 1)]
            for begin, end in zip(starts, [*starts[1:], len(labels)], strict=True):
                if self._held and self._held[-1].label != labels[begin]:
                    self._series_done()
                self._held.append(_part(points.iloc[begin:end], values, begin, end))
        self._series_done()

    def _series_done(self) -> None:
        """Add the series held (its rows may come from several chunks) to the page."""
        if not self._held:
            return
        parts, self._held = self._held, []
        first = parts[0].first
        label = parts[0].label
        reports = sum(len(part.overview) for part in parts)
        json_text = html.series_json(first, [part.json for part in parts])
        latest = pd.concat([part.latest for part in parts]).tail(html.MAX_TABLE_ROWS)
        section = html.Section(label, html.heading(first), json_text, reports, latest)
        self.spool.write(html.section_html(len(self.entries), section).encode("utf-8"))
        self.entries.append(html.Entry(section.heading, section.reports))
        overview = parts[0].overview if len(parts) == 1 else pd.concat(p.overview for p in parts)
        self.most_reported.offer(len(self.entries), label, overview.reset_index(drop=True))
        if self.points < PREVIEW_POINTS:
            preview = pd.concat([part.preview for part in parts])
            self._previewed.append(preview.head(PREVIEW_POINTS - self.points))
        self.points += reports
        self.synthetic += sum(part.synthetic for part in parts)

    @property
    def preview(self) -> pd.DataFrame:
        if not self._previewed:
            return pd.DataFrame(columns=POINT_COLUMNS + DISPLAY_COLUMNS)
        return pd.concat(self._previewed, ignore_index=True)


def _part(points: pd.DataFrame, values: dict[str, list[object]], begin: int, end: int) -> _Part:
    """The part of a series in ``points`` (rows ``begin:end`` of the chunk whose JSON column
    values are ``values``)."""
    return _Part(
        label=str(points["series_label"].iat[0]),
        first=points.iloc[0],
        json={name: html.json_values(column[begin:end]) for name, column in values.items()},
        overview=points[draw.OVERVIEW_COLUMNS],
        latest=points.tail(html.MAX_TABLE_ROWS).copy(),  # a copy: a view keeps the chunk
        preview=points.head(PREVIEW_POINTS).copy(),
        synthetic=int(points["synthetic"].sum()),
    )


def _remove_legacy_series_pngs(out_dir: Path) -> None:
    """Remove the per-series PNGs an older report left (the page no longer shows them)."""
    folder = out_dir / _LEGACY_SERIES_DIR
    if not folder.is_dir():
        return
    for png in folder.glob("*.png"):
        png.unlink(missing_ok=True)
    if not any(folder.iterdir()):
        folder.rmdir()


class _MostReported:
    """The points of the ``size`` most reported series (ties: by label), kept as they go by."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.kept: dict[str, tuple[int, pd.DataFrame]] = {}  # label -> (position, points)

    def offer(self, position: int, label: str, points: pd.DataFrame) -> None:
        if len(self.kept) >= self.size and (-len(points), label) > max(
            (-len(kept[1]), kept_label) for kept_label, kept in self.kept.items()
        ):
            return  # fewer reports than every series kept: not copied only to be dropped
        self.kept[label] = (position, points[draw.OVERVIEW_COLUMNS])
        if len(self.kept) > self.size:
            del self.kept[max(self.kept, key=lambda kept: (-len(self.kept[kept][1]), kept))]

    def points(self) -> pd.DataFrame:
        """Their points, the series in report order."""
        if not self.kept:
            return pd.DataFrame(columns=draw.OVERVIEW_COLUMNS)
        ordered = sorted(self.kept.values(), key=lambda kept: kept[0])
        return pd.concat([points for _, points in ordered], ignore_index=True)


def plotted_points(timeline: pd.DataFrame) -> pd.DataFrame:
    """The points the charts draw: one row per claim with a reported_on date and a figure.

    Counts of countries are left out (they are not people). Rows are ordered by series (totals
    first), then date. Figures are nullable integers, ``reported_on`` a datetime64 column.
    """
    frame = timeline.copy()
    for column in POINT_COLUMNS[1:] + DISPLAY_COLUMNS:
        if column not in frame.columns:
            frame[column] = None
    reported_on = pd.to_datetime(frame["reported_on"], errors="coerce")
    frame["reported_on"] = reported_on.astype("datetime64[ns]")
    for column in ("figure", "interval_low", "interval_high"):
        # Without interval columns a figure is its own interval (not "unbounded above").
        source = frame[column] if column in timeline.columns else frame["figure"]
        frame[column] = _as_integers(source)
    known = frame["country"].notna()
    # An unknown country is None, not NaN: pandas writes None as is into an object column.
    frame["country"] = frame["country"].astype(object).where(known, None)  # type: ignore[call-overload]  # pandas-stubs omit None from where's `other`
    frame["status"] = frame["status"].fillna("total")
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
        [
            "topic",
            "population_group",
            "status",
            "_by_country",
            "country",
            "reported_on",
            "figure",
            "claim_id",
        ]
    )
    return frame[POINT_COLUMNS + DISPLAY_COLUMNS].reset_index(drop=True)


def series_label(topic: str, population_group: str, status: str, country: str | None) -> str:
    """The series' stable key: "topic / group / NO", "topic / group (killed) / NO", or
    "... / total" for all countries."""
    group = population_group if status in (None, "total") else f"{population_group} ({status})"
    return f"{topic} / {group} / {country or 'total'}"


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
