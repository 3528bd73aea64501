"""Charts of every series' figures over time, gathered into one self-contained HTML report.

A series is (topic, population_group, status, country): like is drawn with like. x is the date a
figure was reported for, y the figure; each independent origin (origin_key) has its own colour and
line, so five outlets repeating one minister read as one voice. Intervals are error bars, open-ended
ones ("more than 4,000") an upward arrow; the qualifier is the marker's shape, and the figure as
written stands beside its point.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pipelines.claims.model import COUNT_OF_COUNTRIES
from pipelines.durable import write_atomic
from pipelines.parallel import Pool, batched
from pipelines.report import draw, html
from pipelines.report.manifest import Manifest, digest, digest_of_rows, row_hashes

LOGGER = logging.getLogger(__name__)

# What the chart shows of each point, then what the HTML table adds.
POINT_COLUMNS = [
    "series_label", "topic", "population_group", "status", "country", "claim_id", "reported_on",
    "figure", "interval_low", "interval_high", "qualifier", "origin_key", "outlet",
]  # fmt: skip
DISPLAY_COLUMNS = ["figure_text", "speaker", "origin", "url", "as_of_precision", "synthetic"]
SERIES_KEY = ["topic", "population_group", "status", "country"]

_OVERVIEW_PANELS = 12  # the overview shows the most reported series; index.html has them all
# The pool sends charts to a worker 8 at a time (parallel._CHUNK_ITEMS): from 16 on, both
# workers draw. Charts to draw go to the pool in batches of this many, or fewer when their points
# reach POINTS_PER_BATCH: two batches are held at once (the one drawn, the one ahead) and series
# grow with the corpus, so the points bound the report's memory, not the number of series.
CHARTS_FOR_POOL = 16
POINTS_PER_BATCH = 10_000
PREVIEW_POINTS = 20  # points a ReportFiles shows (the Dagster asset's metadata)


@dataclass(frozen=True)
class ReportFiles:
    """What `render_report` wrote, and how many points it drew."""

    html: Path  # self-contained HTML report (PNGs embedded as base64 data URIs)
    pngs: dict[str, Path]  # series label -> PNG path
    overview_png: Path | None  # the most reported series in small multiples; None without data
    points: int  # the plotted points, all series together
    preview: pd.DataFrame  # the first plotted points (POINT_COLUMNS, then DISPLAY_COLUMNS)
    drawn: list[str] = field(default_factory=list)  # series (and "overview") drawn by this call


def render_report(
    timeline: pd.DataFrame | Iterable[pd.DataFrame],
    out_dir: Path,
    *,
    title: str = "Headcount: figures over time",
    excluded_synthetic: int = 0,
    pool: Pool | None = None,
) -> ReportFiles:
    """Write one PNG per series, the overview PNG and index.html under ``out_dir``.

    The rows are taken a chunk at a time and charted a series at a time, so memory holds a
    chunk, a series and the drawing pool's next batch, not the whole timeline. Only charts
    whose points changed since the last call are drawn again (``manifest``), in the worker pool
    when there are several. Every file is replaced atomically, and PNGs of series that no
    longer exist are removed, so the directory always matches the HTML.

    Args:
        timeline: rows of the `claim_timeline` view, as one frame, or as chunks in the order
            `plotted_points` sorts points in (as `timeline_for_report.sql` sorts them).
        out_dir: the report directory (`warehouse/reports/` in production).
        excluded_synthetic: how many synthetic claims the caller filtered out, for the note.
        pool: the workers that draw the charts (started before the caller read any rows, so
            they do not copy them); by default a pool started here.
    """
    out_dir = Path(out_dir)
    series_dir = out_dir / "series"
    series_dir.mkdir(parents=True, exist_ok=True)
    chunks = [timeline] if isinstance(timeline, pd.DataFrame) else timeline
    previous = Manifest.load(out_dir)
    page = _Page(previous, series_dir)
    drawing_pool = Pool(min_items=CHARTS_FOR_POOL) if pool is None else contextlib.nullcontext(pool)
    with drawing_pool as drawing:
        stale = page.read(chunks)
        batches = batched(stale, CHARTS_FOR_POOL, max_weight=POINTS_PER_BATCH)
        for batch, charts in drawing.map_batches(draw.series_png, batches):
            for frame, png in zip(batch, charts, strict=True):
                write_atomic(page.pngs[str(frame["series_label"].iat[0])], png)  # labels are str
    for leftover in set(series_dir.glob("*.png")) - set(page.pngs.values()):
        leftover.unlink(missing_ok=True)
    current = page.manifest
    current.fingerprint = digest(
        pd.DataFrame({"page": page.digests}), draw.VERSION, title, excluded_synthetic,
        page.undated, page.countries, page.synthetic,
    )  # fmt: skip
    overview_path, html_path = out_dir / "figure_timeline.png", out_dir / "index.html"
    shown = page.most_reported.points()[draw.OVERVIEW_COLUMNS]
    if shown.empty:
        overview_path.unlink(missing_ok=True)
    else:
        current.overview = digest(shown, draw.VERSION, title, len(page.pngs))
        if current.overview != previous.overview or not overview_path.is_file():
            write_atomic(overview_path, draw.overview_png(shown, title, len(page.pngs)))
            page.drawn.append("overview")
    if page.drawn or current.fingerprint != previous.fingerprint or not html_path.is_file():
        # The page embeds every chart: the ones not drawn again are read back from their files.
        sections = [
            html.Section(entry.label, entry.heading, page.pngs[entry.label].read_bytes(),
                         entry.reports, entry.latest)
            for entry in page.entries
        ]  # fmt: skip
        notes = html.notes(excluded_synthetic, page.synthetic, page.undated, page.countries)
        write_atomic(html_path, html.render_page(title, sections, notes).encode("utf-8"))
        current.save(out_dir)
    LOGGER.info(
        "report: %d series (%d drawn), %d points", len(page.pngs), len(page.drawn), page.points
    )
    overview = overview_path if current.overview else None
    return ReportFiles(html_path, page.pngs, overview, page.points, page.preview, page.drawn)


@dataclass
class _Entry:
    """What the page shows of one series besides its chart."""

    label: str
    heading: str
    reports: int
    latest: pd.DataFrame  # the latest html.MAX_TABLE_ROWS points, for the table


class _Page:
    """What the report learns while the series go by: entries, digests, counts, what to draw."""

    def __init__(self, previous: Manifest, series_dir: Path) -> None:
        self.previous = previous
        self.series_dir = series_dir
        self.manifest = Manifest()
        self.taken = {entry["file"] for entry in previous.series.values()}
        self.pngs: dict[str, Path] = {}
        self.entries: list[_Entry] = []
        self.digests: list[str] = []  # of each series' points, every column: the page's input
        self.drawn: list[str] = []
        self.most_reported = _MostReported(_OVERVIEW_PANELS)
        self.points = self.synthetic = self.undated = self.countries = 0
        self._previewed: list[pd.DataFrame] = []  # the first PREVIEW_POINTS points, or fewer
        # A series' parts so far: points, their chart columns' and other columns' row hashes.
        self._held: list[tuple[pd.DataFrame, np.ndarray, np.ndarray]] = []

    def read(self, chunks: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        """Take in the rows chunk by chunk; as each series is complete, yield its chart's
        points if the chart must be drawn again."""
        for chunk in chunks:
            points = plotted_points(chunk)
            undated, countries = _not_charted(chunk, points)
            self.undated += undated
            self.countries += countries
            if points.empty:
                continue
            # Hashed a chunk at a time: a series' digests are those of its rows' hashes, the
            # chart's columns once for the chart and the page, the others for the page only.
            others = [column for column in points.columns if column not in draw.COLUMNS]
            chart_rows, other_rows = row_hashes(points[draw.COLUMNS]), row_hashes(points[others])
            labels = points["series_label"].to_numpy()
            starts = [0, *(np.flatnonzero(labels[1:] != labels[:-1]) + 1)]
            for begin, end in zip(starts, [*starts[1:], len(labels)], strict=True):
                if self._held and self._held[-1][0]["series_label"].iat[0] != labels[begin]:
                    yield from self._series_done()
                rows = slice(begin, end)
                self._held.append((points.iloc[rows], chart_rows[rows], other_rows[rows]))
        yield from self._series_done()

    def _series_done(self) -> Iterator[pd.DataFrame]:
        """Record the series held (its rows may come from several chunks)."""
        if not self._held:
            return
        parts, chart_parts, other_parts = zip(*self._held, strict=True)
        self._held = []
        points: pd.DataFrame = pd.concat(parts, ignore_index=True)
        label = str(points["series_label"].iat[0])  # labels are str (`series_label`)
        chart_rows = np.concatenate(chart_parts)
        self._count(label, points, np.concatenate([chart_rows, *other_parts]))
        chart = points[draw.COLUMNS]
        entry = {
            "file": self._file_name(label),
            "digest": digest_of_rows(chart_rows, chart.columns, draw.VERSION),
        }
        self.manifest.series[label] = entry
        self.pngs[label] = self.series_dir / f"{entry['file']}.png"
        if not (self.previous.drawn(label, **entry) and self.pngs[label].is_file()):
            self.drawn.append(label)
            yield chart

    def _count(self, label: str, points: pd.DataFrame, page_rows: np.ndarray) -> None:
        """Add a complete series to the page; ``page_rows`` hash everything its table and chart
        show (row hashes of the chart's columns, then of the others)."""
        self.entries.append(
            _Entry(label, html.heading(points.iloc[0]), len(points),
                   points.tail(html.MAX_TABLE_ROWS).reset_index(drop=True))
        )  # fmt: skip
        self.digests.append(f"{label}|{digest_of_rows(page_rows, points.columns)}")
        self.most_reported.offer(len(self.entries), label, points)
        if self.points < PREVIEW_POINTS:
            self._previewed.append(points.head(PREVIEW_POINTS - self.points))
        self.points += len(points)
        self.synthetic += int(points["synthetic"].sum())

    @property
    def preview(self) -> pd.DataFrame:
        if not self._previewed:
            return pd.DataFrame(columns=POINT_COLUMNS + DISPLAY_COLUMNS)
        return pd.concat(self._previewed, ignore_index=True)

    def _file_name(self, label: str) -> str:
        """A stable file name per series: the one it had before, else a new unique one."""
        if label in self.previous.series:
            return self.previous.series[label]["file"]
        return html.file_name(label, self.taken)


class _MostReported:
    """The points of the ``size`` most reported series (ties: by label), kept as they go by."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.kept: dict[str, tuple[int, pd.DataFrame]] = {}  # label -> (position, points)

    def offer(self, position: int, label: str, points: pd.DataFrame) -> None:
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
