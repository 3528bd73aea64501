"""The report's overview as a matplotlib figure and PNG bytes, drawn cheaply.

The report's page is drawn by the browser (`html`, plotly.js); the one chart drawn here is the
overview PNG the Dagster UI shows, the most reported series in one chart (`series_figure` draws
one series alone, as the tests of a chart's labels and date ticks use it).

A chart was drawn for every series whose points changed, so its cost was paid on most runs.
matplotlib's conveniences were most of it: the layout engine measured every text twice,
`Figure.legend` laid out offset boxes around a dozen texts, and one `plot` call per origin and
qualifier made dozens of artists. Here margins are fixed (inches), the legends are markers and
texts at computed places, and each kind of mark (lines, error bars, caps, arrows, one marker
shape) is one collection coloured per point. What remained was text: a matplotlib text costs
~1.5 ms to draw, so the figures beside the points and the legends are glyph outlines in one
collection (`_add_texts`), the other texts are drawn without hinting (half the cost), and the
PNG is RGB with fast compression. A chart of 30 points cost 0.35 s of CPU and now ~0.12 s.

Same points, same bytes: no timestamp or software version is written into a PNG.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.path as mpath
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import LoadFlags
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.transforms import Affine2D, IdentityTransform, Transform
from matplotlib.typing import FillStyleType, MarkerType, RcKeyType
from numpy.typing import ArrayLike
from PIL import Image

from pipelines.report import html

VERSION = "5"  # of the drawing: a new version redraws every chart drawn by an older one
# Points of a series the overview draws: drawing time grows with them, and a thumbnail's few
# square inches show no more.
OVERVIEW_POINTS = 300
# The columns a chart is drawn from: a series whose values of these are unchanged is not redrawn.
COLUMNS = [
    "series_label", "topic", "population_group", "status", "country", "reported_on", "figure",
    "interval_low", "interval_high", "qualifier", "origin_key", "outlet", "figure_text",
    "speaker", "origin",
]  # fmt: skip
OVERVIEW_COLUMNS = COLUMNS[:-3]  # no legend of origins, no figures beside the points
# (marker, fillstyle): up for floors, down for ceilings; open shapes for strict bounds.
QUALIFIER_STYLES: dict[str, tuple[str, FillStyleType]] = {
    "exact": ("o", "full"), "approximately": ("D", "full"), "nearly": ("d", "none"),
    "at_least": ("^", "full"), "more_than": ("^", "none"),
    "at_most": ("v", "full"), "up_to": ("v", "full"), "less_than": ("v", "none"),
}  # fmt: skip
_UNKNOWN_STYLE: tuple[str, FillStyleType] = ("X", "full")
MAX_ANNOTATED = 40  # beyond this many points the figure labels hide the data; the table has them
LABELS_GID = "figure-labels"  # the collection of the figures written beside their points
MAX_LEGEND_ROWS = 16  # origins per legend column; more origins widen the figure by a column
_MARKER_PT = 7
_ARROW_PT = 26  # length of the "unbounded above" arrow, in points
# An arrow from the point upwards, as a marker: matplotlib scales a path marker without
# centring it, so the shaft starts at the point and spans half the marker size.
_UP_ARROW = mpath.Path(
    [(0, 0), (0, 1), (-0.12, 0.8), (0, 1), (0.12, 0.8)],
    [mpath.Path.MOVETO, mpath.Path.LINETO, mpath.Path.MOVETO, mpath.Path.LINETO, mpath.Path.LINETO],
)
_DPI = 110
_LOG_SPAN = 100  # the overview's count axis is logarithmic when its figures span this ratio
# Fixed margins of a series chart, in inches, and its origin legend's columns and rows.
_LEFT_IN, _RIGHT_IN, _TOP_IN, _BOTTOM_IN = 0.85, 0.25, 0.55, 0.95
_LEGEND_IN, _ROW_IN = 2.4, 0.19
_OVERVIEW_LEGEND_IN = 3.2  # the overview's legend names series, longer than origins
# No hinting: a hinted text costs twice as much to draw.
_TEXT: dict[RcKeyType, Any] = {"text.hinting": "no_hinting"}
_LABEL_PT = 8
_GLYPHS: dict[str, tuple[np.ndarray, np.ndarray, float]] = {}  # char: outline, codes, advance
_Colour = tuple[float, ...]  # RGB or RGBA
# A figure written beside its point: x, y (data coordinates), the text, its colour.
_Label = tuple[float, float, str, _Colour]
# A text of `_add_texts`: x, y, its outline, its (dx, dy) shift in points, its colour.
_PlacedText = tuple[float, float, mpath.Path, tuple[float, float], _Colour | str]


def series_figure(series: pd.DataFrame) -> Figure:
    """One series: origins as colours (legend on the right), qualifiers as shapes (below), and
    each figure as written beside its point when there are at most `MAX_ANNOTATED`."""
    origins = series["origin_key"].fillna(series["outlet"]).nunique(dropna=False)
    columns = min(3, math.ceil(origins / MAX_LEGEND_ROWS) or 1)  # wrap long legends,
    width, height = 8 + _LEGEND_IN * columns, 5.0  # widening the figure
    figure = Figure(figsize=(width, height), dpi=_DPI)
    right = 1 - (_RIGHT_IN + _LEGEND_IN * columns) / width
    top = 1 - _TOP_IN / height
    ax = figure.add_axes((_LEFT_IN / width, _BOTTOM_IN / height, right - _LEFT_IN / width,
                          top - _BOTTOM_IN / height))  # fmt: skip
    runs, colours, x, y = _draw_series(ax, series)
    figure.suptitle(html.heading(series.iloc[0]), x=0.01, y=0.98, ha="left", fontsize=11)
    ax.set_ylabel(str(series.iloc[0]["population_group"]).replace("_", " "))
    entries = [
        # Named as in its earliest report, with its count of reports.
        ((html.origin_label(series.iloc[run[0]]), f" ({len(run)})"), tuple(colours[run[0]]))
        for run in runs
    ]
    _origin_legend(figure, entries, right + 0.1 / width, top)
    _qualifier_legend(figure, series["qualifier"])
    if len(series) <= MAX_ANNOTATED:
        texts = series["figure_text"].astype(str).to_numpy()
        labels = [(x[at], y[at], texts[at], tuple(colours[at])) for at in np.concatenate(runs)]
        _annotate(ax, labels)
    return figure


def overview_png(points: pd.DataFrame, title: str, series_count: int) -> bytes:
    """The PNG of `overview_figure`."""
    with mpl.rc_context(_TEXT):
        return png_bytes(overview_figure(points, title, series_count))


def overview_figure(points: pd.DataFrame, title: str, series_count: int) -> Figure:
    """The given series in one chart, for the Dagster UI: a colour a series (legend on the
    right, with its count of reports), the qualifier as the marker's shape, a logarithmic count
    axis when the figures differ a hundredfold, and how many more series index.html shows.
    One chart: small multiples drew axes, ticks and titles for every panel, most of their cost."""
    groups = list(points.groupby("series_label", sort=False))
    width, height = 8 + _OVERVIEW_LEGEND_IN, 5.0
    figure = Figure(figsize=(width, height), dpi=_DPI)
    right = 1 - (_RIGHT_IN + _OVERVIEW_LEGEND_IN) / width
    top = 1 - (_TOP_IN + 0.2) / height
    ax = figure.add_axes((_LEFT_IN / width, _BOTTOM_IN / height, right - _LEFT_IN / width,
                          top - _BOTTOM_IN / height))  # fmt: skip
    palette = np.asarray(_palette(len(groups)))
    shown = pd.concat([_thinned(series, OVERVIEW_POINTS) for _, series in groups])
    codes = pd.factorize(shown["series_label"])[0]
    colours = palette[codes % len(palette)]
    x = mdates.date2num(shown["reported_on"].to_numpy())
    y = shown["figure"].astype(float).to_numpy()
    _draw_marks(ax, x, y, colours, _runs(codes, x, y), shown["qualifier"])
    positive = y[y > 0]
    if len(positive) and positive.max() >= _LOG_SPAN * positive.min():
        ax.set_yscale("log")
        ax.set_ylim(positive.min() / 2, positive.max() * 2)
        ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))
        ax.set_ylabel("people (logarithmic scale)")
    else:
        _count_axis(ax, shown, ticks=6)
        ax.set_ylabel("people")
    _date_axis(ax, shown["reported_on"], ticks=6)
    headings = [html.heading(series.iloc[0]) for _, series in groups]
    if len({heading.split(": ", 1)[-1] for heading in headings}) == 1:  # one topic: said above
        title += f" ({headings[0].split(': ', 1)[-1]})"
        headings = [heading.split(": ", 1)[0] for heading in headings]
    entries = [
        ((heading, f" ({len(series)})"), tuple(palette[index % len(palette)]))
        for index, (heading, (_, series)) in enumerate(zip(headings, groups, strict=True))
    ]
    _origin_legend(
        figure, entries, right + 0.1 / width, top, heading="series", column_in=_OVERVIEW_LEGEND_IN
    )
    if series_count > len(groups):
        title += (
            f"\nthe {len(groups)} most reported series; "
            f"{series_count - len(groups)} more in index.html"
        )
    figure.suptitle(title, x=0.01, y=0.98, ha="left", fontsize=11)
    _qualifier_legend(figure, shown["qualifier"])
    return figure


def _thinned(series: pd.DataFrame, most: int) -> pd.DataFrame:
    """At most ``most`` of a series' points, evenly spread over it in its order (by date), the
    first and the last kept: the overview shows the shape, index.html every point."""
    if len(series) <= most:
        return series
    return series.iloc[np.unique(np.linspace(0, len(series) - 1, most).round().astype(int))]


def png_bytes(figure: Figure) -> bytes:
    """The figure as an RGB PNG, compressed fast (level 1: 1.1x the bytes of level 6, half the
    time) and without metadata, so the same figure gives the same bytes."""
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def _draw_series(
    ax: Axes, series: pd.DataFrame, ticks: int = 6
) -> tuple[list[np.ndarray], np.ndarray, np.ndarray, np.ndarray]:
    """Draw one series' marks on ``ax``. Returns the rows of each origin (by date, then figure),
    each row's colour, and the points' x and y."""
    codes, origins = pd.factorize(series["origin_key"].fillna(series["outlet"]).fillna("unknown"))
    palette = np.asarray(_palette(len(origins)))
    colours = palette[codes % len(palette)]
    x = mdates.date2num(series["reported_on"].to_numpy())
    y = series["figure"].astype(float).to_numpy()
    runs = _runs(codes, x, y)
    _draw_marks(ax, x, y, colours, runs, series["qualifier"])
    _draw_intervals(ax, series, x, colours)
    _format_axes(ax, series, ticks)
    return runs, colours, x, y


def _runs(codes: np.ndarray, x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """The rows of each code (origin or series), by date, then figure."""
    order = np.lexsort((y, x, codes))
    return np.split(order, np.flatnonzero(np.diff(codes[order])) + 1)


def _draw_marks(ax: Axes, x: np.ndarray, y: np.ndarray, colours: np.ndarray,
                runs: list[np.ndarray], qualifiers: pd.Series) -> None:  # fmt: skip
    """A line through each run of two or more points, and a marker at every point shaped by its
    qualifier, coloured per point: one collection a kind of mark."""
    lines = [run for run in runs if len(run) > 1]
    if lines:
        ax.add_collection(
            LineCollection(
                [np.column_stack((x[run], y[run])) for run in lines],
                colors=[colours[run[0]] for run in lines],
                linewidths=1,
                alpha=0.55,
                zorder=2,
            ),
            autolim=False,
        )
    names_of = qualifiers.fillna("unknown").to_numpy(dtype=object)
    for (marker, fill), names in _styles(names_of).items():
        at = np.isin(names_of, names)
        style = MarkerStyle(marker, fill)
        _marks(ax, x[at], y[at], colours[at], style, size=_MARKER_PT, width=1.4, zorder=3)


def _palette(colours: int) -> list[_Colour]:
    """Distinct colours for this many origins or series (repeating past twenty)."""
    colormap = colormaps["tab10" if colours <= 10 else "tab20"]
    assert isinstance(colormap, ListedColormap)  # tab10 and tab20 are lists of colours
    return [tuple(float(v) for v in colour) for colour in np.asarray(colormap.colors)]


def _styles(qualifiers: Iterable[str]) -> dict[tuple[str, FillStyleType], list[str]]:
    """The marker styles of these qualifiers, each with its qualifiers, in the legend's order."""
    order = list(QUALIFIER_STYLES)
    by_style: dict[tuple[str, FillStyleType], list[str]] = {}
    for qualifier in sorted(
        set(qualifiers), key=lambda q: (order.index(q) if q in order else 99, q)
    ):
        by_style.setdefault(QUALIFIER_STYLES.get(qualifier, _UNKNOWN_STYLE), []).append(qualifier)
    return by_style


def _draw_intervals(ax: Axes, series: pd.DataFrame, x: np.ndarray, colours: np.ndarray) -> None:
    """Bounded intervals as error bars; unbounded-above ones as an arrow up from the floor."""
    figure = series["figure"].astype(float)
    low = series["interval_low"].astype(float).fillna(figure).to_numpy()
    high = series["interval_high"].astype(float).to_numpy()
    ranged = ~np.isnan(high) & (high > low)
    if ranged.any():
        bars = np.stack([np.column_stack((x, low)), np.column_stack((x, high))], axis=1)[ranged]
        ax.add_collection(
            LineCollection(list(bars), colors=colours[ranged], linewidths=1.5, zorder=2),
            autolim=False,
        )
        caps = np.concatenate([low[ranged], high[ranged]])
        _marks(ax, np.tile(x[ranged], 2), caps, np.tile(colours[ranged], (2, 1)), "_", size=9,
               width=1.5)  # fmt: skip
    unbounded = np.isnan(high)
    if unbounded.any():
        _marks(ax, x[unbounded], low[unbounded], colours[unbounded], _UP_ARROW,
               size=2 * _ARROW_PT, width=1.5)  # fmt: skip


def _marks(parent: Axes | Figure, x: ArrayLike, y: ArrayLike, colours: ArrayLike,
           marker: MarkerType, *, size: float, width: float, zorder: float = 2,
           transform: Transform | None = None) -> None:  # fmt: skip
    """One marker at each (x, y), coloured per point, as one collection: what `scatter` makes,
    without its autoscaling (the caller sets the limits). ``size`` is in points."""
    style = marker if isinstance(marker, MarkerStyle) else MarkerStyle(marker)
    path = style.get_path().transformed(style.get_transform())
    if transform is None:
        assert isinstance(parent, Axes)  # a figure has no data coordinates: its callers pass one
        transform = parent.transData
    marks = PathCollection(
        (path,),
        sizes=[size**2],
        offsets=np.column_stack((x, y)),
        offset_transform=transform,
        facecolors=colours if style.is_filled() else "none",
        edgecolors=colours,
        linewidths=width,
        zorder=zorder,
    )
    marks.set_transform(IdentityTransform())
    if isinstance(parent, Axes):
        parent.add_collection(marks, autolim=False)
    else:
        parent.add_artist(marks)


def _format_axes(ax: Axes, series: pd.DataFrame, ticks: int) -> None:
    """Counts start at zero; dates get concise ticks and room for a lone date. At most about
    ``ticks`` ticks an axis: a tick costs ~1 ms to make and draw."""
    _count_axis(ax, series, ticks)
    _date_axis(ax, series["reported_on"], ticks)


def _count_axis(ax: Axes, series: pd.DataFrame, ticks: int) -> None:
    tops = pd.concat([series["figure"], series["interval_high"]]).astype(float)
    ax.set_ylim(0, max(tops.max(skipna=True), 1) * 1.2)
    ax.yaxis.set_major_locator(mticker.MaxNLocator(ticks, steps=[1, 2, 2.5, 5, 10]))
    ax.yaxis.set_major_formatter(mticker.StrMethodFormatter("{x:,.0f}"))


def _date_axis(ax: Axes, reported_on: pd.Series, ticks: int) -> None:
    first, last = reported_on.min(), reported_on.max()
    pad = max(last - first, pd.Timedelta(days=14)) * 0.08
    ax.set_xlim(mdates.date2num(first - pad), mdates.date2num(last + pad))
    locator = mdates.AutoDateLocator(minticks=2 if ticks < 6 else 3, maxticks=ticks)
    # 2 years and 7-11 months: too few years for minticks, too many months for 6-month steps;
    # without yearly steps among the monthly ones matplotlib warns and falls back to 6 months.
    locator.intervald[mdates.MONTHLY] = [1, 2, 3, 4, 6, 12]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(True, color="0.9", lw=0.8)
    ax.set_axisbelow(True)


def _annotate(ax: Axes, labels: list[_Label]) -> None:
    """Write each figure as given beside its point, stepping a label past the ones before it."""
    placed: list[tuple[float, ...]] = []
    texts: list[_PlacedText] = []
    for x, y, text, colour in sorted(labels, key=lambda label: label[:2]):
        px, py = ax.transData.transform((x, y)) * 72 / ax.figure.dpi  # in points
        outline, width = _text_path(text)
        for dy in (4, -14, 14, -24, 24, 4):
            box = (px + 6, px + 6 + width, py + dy, py + dy + 9)
            if not any(b[0] < box[1] and box[0] < b[1] and b[2] < box[3] and box[2] < b[3]
                       for b in placed):  # fmt: skip
                break
        placed.append(box)
        texts.append((x, y, outline, (6, dy), colour))
    _add_texts(ax, ax.transData, texts, gid=LABELS_GID)


def _origin_legend(
    figure: Figure,
    entries: list[tuple[tuple[str, str], _Colour]],
    left: float,
    top: float,
    heading: str = "origin",
    column_in: float = _LEGEND_IN,
) -> None:
    """The colours of origins (or series), top-down in columns of `MAX_LEGEND_ROWS` from
    (left, top)."""
    width, height = figure.get_size_inches()
    texts: list[_PlacedText] = [(left, top, _text_path(heading, 9)[0], (0, -9), "black")]
    handles = []
    for index, (label, _) in enumerate(entries):
        column, row = divmod(index, MAX_LEGEND_ROWS)
        x = left + column * column_in / width
        y = top - (0.3 + row * _ROW_IN) / height
        handles.append(((x, y), (x + 0.22 / width, y)))
        texts.append((x + 0.3 / width, y, _fitted(*label, (column_in - 0.4) * 72), (0, -2.9),
                      "black"))  # fmt: skip
    colours = [colour for _, colour in entries]
    figure.add_artist(
        LineCollection(handles, colors=colours, linewidths=1.5, transform=figure.transFigure)
    )
    centres = [((a[0] + b[0]) / 2, a[1]) for a, b in handles]
    centre_x, centre_y = np.transpose(centres)
    _marks(figure, centre_x, centre_y, colours, "o", size=6, width=1,
           transform=figure.transFigure)  # fmt: skip
    _add_texts(figure, figure.transFigure, texts)


def _qualifier_legend(figure: Figure, qualifiers: pd.Series) -> None:
    """One entry per marker style present, centred along the bottom edge; qualifiers sharing a
    style share the entry."""
    width = figure.get_figwidth()
    styles = _styles(qualifiers.fillna("unknown"))
    names = [" / ".join(q.replace("_", " ") for q in group) for group in styles.values()]
    outlines = [_text_path(name) for name in names]
    entries = [0.5 + text_width / 72 for _, text_width in outlines]  # marker, text, gap (in)
    x = (width - sum(entries) + 0.25) / 2  # inches from the left
    y = 0.16 / figure.get_figheight()
    texts: list[_PlacedText] = []
    for (marker, fill), (outline, _), entry in zip(styles, outlines, entries, strict=True):
        figure.add_artist(
            Line2D(
                [(x + 0.08) / width],
                [y],
                ls="none",
                marker=marker,
                fillstyle=fill,
                color="0.25",
                transform=figure.transFigure,
            )
        )
        texts.append(((x + 0.25) / width, y, outline, (0, -2.9), "black"))
        x += entry
    _add_texts(figure, figure.transFigure, texts)


def _add_texts(
    parent: Figure | Axes, transform: Transform, texts: list[_PlacedText], gid: str | None = None
) -> None:
    """Texts as one collection of glyph outlines: each (x, y, outline, (dx, dy), colour) starts
    its baseline (dx, dy) points from (x, y) in ``transform``'s coordinates.

    A matplotlib text costs ~1.5 ms to draw (shaped, then each glyph rendered apart): 40 figure
    labels would cost more than the rest of a chart. Titles and ticks stay texts."""
    if not texts:
        return
    collection = PathCollection(
        [outline.transformed(Affine2D().translate(*shift)) for _, _, outline, shift, _ in texts],
        offsets=[(x, y) for x, y, *_ in texts],
        offset_transform=transform,
        facecolors=[text[-1] for text in texts],
        edgecolors="none",
        linewidths=0,
        zorder=3,
    )
    figure = parent.get_figure(root=True)
    assert figure is not None  # the charts' axes and legends are all drawn on a figure
    collection.set_transform(Affine2D().scale(1 / 72) + figure.dpi_scale_trans)  # points
    collection.set_clip_on(False)  # a label may run past the axes, as a text would
    collection.set_gid(gid)
    if isinstance(parent, Axes):
        parent.add_collection(collection, autolim=False)
    else:
        parent.add_artist(collection)


def _fitted(name: str, suffix: str, limit: float) -> mpath.Path:
    """The outline of name + suffix, the name cut short (…) to fit in ``limit`` points."""
    for end in range(len(name), 0, -1):
        text = name if end == len(name) else name[: end - 1] + "…"
        outline, width = _text_path(text + suffix)
        if width <= limit:
            return outline
    return _text_path(suffix.strip())[0]


def _text_path(text: str, size: float = _LABEL_PT) -> tuple[mpath.Path, float]:
    """The outline of ``text`` at ``size`` (in points, baseline at 0), and its width.

    Glyphs are placed by their advances, without kerning: the texts are figures and names."""
    vertices, codes, x = [], [], 0.0
    for char in " ".join(text.split()):  # one line
        if char not in _GLYPHS:
            font = get_font(findfont(FontProperties()))
            font.set_size(_LABEL_PT, 72)
            units = font.load_char(ord(char), flags=LoadFlags.NO_HINTING).linearHoriAdvance
            _GLYPHS[char] = (*font.get_path(), units / 65536)
        glyph, glyph_codes, advance = _GLYPHS[char]
        vertices.append(glyph + (x, 0.0))
        codes.append(glyph_codes)
        x += advance
    if not vertices:
        return mpath.Path(np.empty((0, 2))), 0.0
    scale = size / _LABEL_PT
    return mpath.Path(np.concatenate(vertices) * scale, np.concatenate(codes)), x * scale
