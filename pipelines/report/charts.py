"""Charts of every series' figures over time, gathered into one self-contained HTML report.

A series is (topic, population_group, country): like is drawn with like. x is the date a figure
was reported for, y the figure; each independent origin (origin_key) has its own colour and line,
so five outlets repeating one minister read as one voice. Intervals are error bars, open-ended
ones ("more than 4,000") an upward arrow; the qualifier is the marker's shape, and the figure as
written stands beside its point.
"""

from __future__ import annotations

import io
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.path as mpath
import matplotlib.ticker as mticker
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from pipelines.durable import write_atomic
from pipelines.parallel import Pool
from pipelines.report import html
from pipelines.report.manifest import Manifest, digest

LOGGER = logging.getLogger(__name__)

# What the chart shows of each point, then what the HTML table adds.
POINT_COLUMNS = [
    "series_label", "topic", "population_group", "country", "claim_id", "reported_on", "figure",
    "interval_low", "interval_high", "qualifier", "origin_key", "outlet",
]  # fmt: skip
DISPLAY_COLUMNS = ["figure_text", "speaker", "origin", "url", "as_of_precision", "synthetic"]
SERIES_KEY = ["topic", "population_group", "country"]
COUNT_OF_COUNTRIES = "countries"  # "volunteers from 52 countries" counts countries, not people

# (marker, fillstyle): up for floors, down for ceilings; open shapes for strict bounds.
QUALIFIER_STYLES = {
    "exact": ("o", "full"), "approximately": ("D", "full"), "nearly": ("d", "none"),
    "at_least": ("^", "full"), "more_than": ("^", "none"),
    "at_most": ("v", "full"), "up_to": ("v", "full"), "less_than": ("v", "none"),
}  # fmt: skip
_UNKNOWN_STYLE = ("X", "full")
_MAX_ANNOTATED = 40  # beyond this many points the figure labels hide the data; the table has them
_ARROW_PT = 26  # length of the "unbounded above" arrow, in points
# An arrow from the point upwards, as a marker: matplotlib scales a path marker without
# centring it, so the shaft starts at the point and spans half the marker size.
_UP_ARROW = mpath.Path(
    [(0, 0), (0, 1), (-0.12, 0.8), (0, 1), (0.12, 0.8)],
    [mpath.Path.MOVETO, mpath.Path.LINETO, mpath.Path.MOVETO, mpath.Path.LINETO, mpath.Path.LINETO],
)
_DPI = 110
_OVERVIEW_PANELS = 12  # the overview shows the most reported series; index.html has them all
_CHARTS_FOR_POOL = 4  # a chart costs ~0.2 s: from this many, forking the pool pays
# Fixed margins, in inches: a layout engine measured every text twice and cost 60% of a chart.
_LEFT_IN, _RIGHT_IN, _TOP_IN, _BOTTOM_IN = 0.85, 0.25, 0.55, 0.95
_LEGEND_IN = 2.4  # per column of the origin legend


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
) -> ReportFiles:
    """Write one PNG per series, the overview PNG and index.html under ``out_dir``.

    Only charts whose points changed since the last call are drawn again (``manifest``), in the
    worker pool when there are several. Every file is replaced atomically, and PNGs of series
    that no longer exist are removed, so the directory always matches the HTML.

    Args:
        timeline: rows of the `claim_timeline` view.
        out_dir: the report directory (`warehouse/reports/` in production).
        excluded_synthetic: how many synthetic claims the caller filtered out, for the note.
    """
    out_dir = Path(out_dir)
    series_dir = out_dir / "series"
    series_dir.mkdir(parents=True, exist_ok=True)
    points = plotted_points(timeline)
    previous = Manifest.load(out_dir)
    current = Manifest(fingerprint=digest(timeline, title, excluded_synthetic))
    overview_path = out_dir / "figure_timeline.png"
    groups = dict(list(points.groupby("series_label", sort=False)))
    names = _file_names(list(groups), previous)
    pngs = {label: series_dir / f"{names[label]}.png" for label in groups}
    if previous.fingerprint == current.fingerprint and all(p.is_file() for p in pngs.values()):
        overview = overview_path if previous.overview and overview_path.is_file() else None
        if (out_dir / "index.html").is_file() and (overview is not None or not groups):
            return ReportFiles(out_dir / "index.html", pngs, overview, points)
    stale = []
    for label, series in groups.items():
        current.series[label] = {"file": names[label], "digest": digest(series)}
        if not (previous.drawn(label, **current.series[label]) and pngs[label].is_file()):
            stale.append(label)
    with Pool(min_items=_CHARTS_FOR_POOL) as pool:
        charts = pool.map(_series_png, [groups[label] for label in stale])
        for label, png in zip(stale, charts, strict=True):
            write_atomic(pngs[label], png)
    for leftover in set(series_dir.glob("*.png")) - set(pngs.values()):
        leftover.unlink(missing_ok=True)
    drawn = list(stale)
    shown = _overview_series(points)
    if shown.empty:
        overview_path.unlink(missing_ok=True)
    else:
        current.overview = digest(shown, title, points["series_label"].nunique())
        if current.overview != previous.overview or not overview_path.is_file():
            write_atomic(overview_path, _overview_png(shown, title, len(groups)))
            drawn.append("overview")
    sections = [
        html.Section(label, html.heading(series.iloc[0]), pngs[label].read_bytes(), series)
        for label, series in groups.items()
    ]
    notes = html.notes(
        excluded_synthetic, int(points["synthetic"].sum()), *_not_charted(timeline, points)
    )
    html_path = out_dir / "index.html"
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


def _png_bytes(figure: Figure) -> bytes:
    buffer = io.BytesIO()  # no Software metadata below: the same points give the same bytes
    figure.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    return buffer.getvalue()


def _series_png(series: pd.DataFrame) -> bytes:
    """One series: origins as colours (legend on the right), qualifiers as shapes (below)."""
    columns = min(3, math.ceil(series["origin_key"].nunique() / 16) or 1)  # wrap long legends,
    width, height = 8 + _LEGEND_IN * columns, 5.0  # widening the figure
    figure = Figure(figsize=(width, height))
    right = 1 - (_RIGHT_IN + _LEGEND_IN * columns) / width
    top = 1 - _TOP_IN / height
    ax = figure.add_axes((_LEFT_IN / width, _BOTTOM_IN / height, right - _LEFT_IN / width,
                          top - _BOTTOM_IN / height))  # fmt: skip
    origin_handles, labels = _draw_series(ax, series)
    figure.suptitle(html.heading(series.iloc[0]), x=0.01, y=0.98, ha="left", fontsize=11)
    ax.set_ylabel(str(series.iloc[0]["population_group"]).replace("_", " "))
    figure.legend(handles=origin_handles, loc="upper left", bbox_to_anchor=(right + 0.01, top),
                  title="origin", fontsize=8, ncols=columns)  # fmt: skip
    _qualifier_legend(figure, series["qualifier"])
    if len(labels) <= _MAX_ANNOTATED:
        _annotate(ax, labels)
    return _png_bytes(figure)


def _overview_series(points: pd.DataFrame) -> pd.DataFrame:
    """The points of the series the overview shows: the most reported, ties by label."""
    counts = points.groupby("series_label", sort=False).size().reset_index(name="reports")
    counts = counts.sort_values(["reports", "series_label"], ascending=[False, True])
    shown = set(counts["series_label"].head(_OVERVIEW_PANELS))
    return points[points["series_label"].isin(shown)]


def _overview_png(points: pd.DataFrame, title: str, series_count: int) -> bytes:
    """The given series in small multiples, for the Dagster UI: no origin legends, one shape
    legend, and how many series only index.html shows."""
    labels = list(dict.fromkeys(points["series_label"]))
    columns = min(len(labels), 3 if len(labels) <= 9 else 4)
    rows = math.ceil(len(labels) / columns)
    width, height = 4.6 * columns, 3.0 * rows + 1.2
    figure = Figure(figsize=(width, height))
    axes = figure.subplots(rows, columns, squeeze=False, gridspec_kw={
        "left": 0.6 / width, "right": 1 - 0.2 / width, "top": 1 - 1.0 / height,
        "bottom": 0.75 / height, "hspace": 0.75, "wspace": 0.3,
    }).ravel()  # fmt: skip
    for ax, (_, series) in zip(axes, points.groupby("series_label", sort=False), strict=False):
        _draw_series(ax, series)
        group, topic = html.heading(series.iloc[0]).split(": ", 1)
        ax.set_title(f"{group}\n{topic}", loc="left", fontsize=9)
        ax.tick_params(labelsize=7)
    for ax in axes[len(labels) :]:
        ax.set_axis_off()
    if series_count > len(labels):
        title += f"\n(the {len(labels)} most reported of {series_count} series: all in index.html)"
    figure.suptitle(title, fontsize=12)
    _qualifier_legend(figure, points["qualifier"])
    return _png_bytes(figure)


def _qualifier_legend(figure: Figure, qualifiers: pd.Series) -> None:
    """One entry per marker style present; qualifiers sharing a style share the entry."""
    by_style: dict[tuple[str, str], list[str]] = {}
    order = list(QUALIFIER_STYLES)
    present = set(qualifiers.fillna("unknown"))
    for qualifier in sorted(present, key=lambda q: (order.index(q) if q in order else 99, q)):
        style = QUALIFIER_STYLES.get(qualifier, _UNKNOWN_STYLE)
        by_style.setdefault(style, []).append(qualifier.replace("_", " "))
    handles = [
        Line2D([], [], ls="none", marker=m, fillstyle=f, color="0.25", label=" / ".join(names))
        for (m, f), names in by_style.items()
    ]
    figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0),
                  ncols=len(handles), fontsize=8, frameon=False)  # fmt: skip


def _draw_series(ax: Axes, series: pd.DataFrame) -> tuple[list[Line2D], list[tuple]]:
    """Draw one series on ``ax``; returns a legend handle per origin and the points' labels."""
    handles, labels = [], []
    keys = series["origin_key"].fillna(series["outlet"]).fillna("unknown")
    origins = list(dict.fromkeys(keys))
    colours = colormaps["tab10" if len(origins) <= 10 else "tab20"].colors
    for index, origin in enumerate(origins):
        colour = colours[index % len(colours)]
        reports = series[keys == origin].sort_values(["reported_on", "figure"])
        x = mdates.date2num(reports["reported_on"].to_numpy())
        y = reports["figure"].astype(float).to_numpy()
        if len(reports) > 1:
            ax.plot(x, y, color=colour, lw=1, alpha=0.55, zorder=2)
        _draw_intervals(ax, reports, x, colour)
        shapes = reports.groupby(reports["qualifier"].fillna("unknown")).indices
        for qualifier, at in shapes.items():
            marker, fill = QUALIFIER_STYLES.get(qualifier, _UNKNOWN_STYLE)
            ax.plot(x[at], y[at], ls="none", marker=marker, fillstyle=fill, ms=7, mew=1.4,
                    color=colour, zorder=3)  # fmt: skip
        labels += [(*point, colour) for point in zip(x, y, reports["figure_text"], strict=True)]
        label = html.origin_label(reports.iloc[0])
        label = label if len(label) <= 32 else label[:31] + "…"
        handles.append(Line2D([], [], color=colour, marker="o", label=f"{label} ({len(reports)})"))
    _format_axes(ax, series)
    return handles, labels


def _annotate(ax: Axes, labels: list[tuple]) -> None:
    """Write each figure as given beside its point, stepping a label past the ones before it."""
    placed: list[tuple[float, ...]] = []
    scale = ax.figure.dpi / 72  # points to pixels
    for x, y, text, colour in sorted(labels, key=lambda label: label[:2]):
        px, py = ax.transData.transform((x, y))
        width = 5.0 * len(str(text)) * scale  # 8 pt DejaVu Sans is about 5 pt a character
        for dy in (4, -14, 14, -24, 24, 4):
            box = (px + 6 * scale, px + 6 * scale + width, py + dy * scale, py + (dy + 9) * scale)
            if not any(b[0] < box[1] and box[0] < b[1] and b[2] < box[3] and box[2] < b[3]
                       for b in placed):  # fmt: skip
                break
        placed.append(box)
        ax.annotate(str(text), (x, y), xytext=(6, dy), textcoords="offset points", fontsize=8,
                    color=colour)  # fmt: skip


def _draw_intervals(ax: Axes, reports: pd.DataFrame, x, colour) -> None:
    """Bounded intervals as error bars; unbounded-above ones as an arrow up from the floor."""
    low = reports["interval_low"].astype(float).fillna(reports["figure"].astype(float)).to_numpy()
    high = reports["interval_high"].astype(float).to_numpy()
    ranged = ~pd.isna(high) & (high > low)
    if ranged.any():
        ax.vlines(x[ranged], low[ranged], high[ranged], color=colour, lw=1.5, zorder=2)
        for ends in (low[ranged], high[ranged]):
            ax.plot(x[ranged], ends, ls="none", marker="_", ms=9, mew=1.5, color=colour, zorder=2)
    unbounded = pd.isna(high)
    if unbounded.any():  # one line of arrow markers: an annotation per arrow cost 2 ms each
        ax.plot(x[unbounded], low[unbounded], ls="none", marker=_UP_ARROW, ms=2 * _ARROW_PT,
                mew=1.5, color=colour, zorder=2)  # fmt: skip


def _format_axes(ax: Axes, series: pd.DataFrame) -> None:
    """Counts start at zero; dates get concise ticks and room for a lone date."""
    tops = pd.concat([series["figure"], series["interval_high"]]).astype(float)
    ax.set_ylim(0, max(tops.max(skipna=True), 1) * 1.2)
    ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
    first, last = series["reported_on"].min(), series["reported_on"].max()
    pad = max(last - first, pd.Timedelta(days=14)) * 0.08
    ax.set_xlim(mdates.date2num(first - pad), mdates.date2num(last + pad))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(True, color="0.9", lw=0.8)
    ax.set_axisbelow(True)
