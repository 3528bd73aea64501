"""The report's words and page: headings, notes, the self-contained interactive HTML.

The page is meant to be opened from disk or mailed around, so it loads nothing from anywhere:
plotly.js (from the plotly wheel) and the drawing script are inline, each series' points are
JSON in its section, CSS is inline, there are no web fonts. The only URLs are links to the
articles a figure came from.
"""

from __future__ import annotations

import functools
import html
import json
import logging
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
import pycountry
from plotly.offline import get_plotlyjs

LOGGER = logging.getLogger(__name__)

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
       max-width: 1150px; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.15em; margin-top: 2.2em; }
.note { background: #fff8e1; border-left: 4px solid #f0b400; padding: .5em .8em; }
.empty { font-size: 1.2em; color: #555; }
.chart { width: 100%; height: 440px; border: 1px solid #eee; }
table { border-collapse: collapse; font-size: .9em; margin-top: .6em; }
th, td { border-bottom: 1px solid #ddd; padding: .25em .8em; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
nav li { margin: .15em 0; }
""".strip()
# The page's drawing script: one plotly chart a section, drawn when the section comes near the
# viewport (a page of hundreds of series opens at once), from the section's JSON points.
DRAW_JS = r"""
(function () {
  "use strict";
  // The qualifier is the marker's shape, as in the overview: up for floors, down for ceilings,
  // open for strict bounds.
  var SYMBOLS = {exact: "circle", approximately: "diamond", nearly: "diamond-tall-open",
    at_least: "triangle-up", more_than: "triangle-up-open", at_most: "triangle-down",
    up_to: "triangle-down", less_than: "triangle-down-open"};
  var ORDER = ["exact", "approximately", "nearly", "at_least", "more_than", "at_most", "up_to",
    "less_than"];
  var COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
    "#7f7f7f", "#bcbd22", "#17becf"];
  function esc(value) {
    return String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function rank(qualifier) {  // the legend's order of qualifiers; unknown ones last
    var at = ORDER.indexOf(qualifier);
    return at < 0 ? ORDER.length : at;
  }
  function words(value) { return value ? String(value).replace(/_/g, " ") : "unknown"; }
  function wrapped(text, width) {  // escaped lines of at most about `width` characters
    var lines = [], line = "";
    String(text).split(/\s+/).forEach(function (word) {
      if (line && line.length + word.length + 1 > width) { lines.push(esc(line)); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(esc(line)); }
    return lines.join("<br>");
  }
  function hover(p, i, status) {
    var speaker = p.speaker[i] || (p.via[i] ? "via " + p.via[i] : "not named");
    var outlet = esc(p.outlet[i] || p.origin_key[i] || "unknown");
    if (p.synthetic[i]) { outlet += " <i>(synthetic demo data)</i>"; }
    var text = "<b>" + esc(p.figure_text[i]) + "</b>  " + esc(p.date[i]) +
      "<br>outlet: " + outlet + "<br>speaker: " + esc(speaker) +
      "<br>qualifier: " + esc(words(p.qualifier[i])) + " | status: " + esc(words(status));
    if (p.high[i] === null) { text += "<br>no upper bound"; }
    if (p.sentence[i]) { text += "<br><br>" + wrapped(p.sentence[i], 90); }
    return text;
  }
  function dateRange(dates) {  // two weeks at least: plotly would tick one day in ms
    var first = Infinity, last = -Infinity, day = 86400000, least = 14 * day;
    dates.forEach(function (date) {
      var time = Date.parse(date);
      first = Math.min(first, time);
      last = Math.max(last, time);
    });
    if (last - first >= least) { return undefined; }  // plotly's own range, padded
    var pad = (least - (last - first)) / 2;
    return [first - pad, last + pad].map(function (time) {
      return new Date(time).toISOString().slice(0, 10);
    });
  }
  function legendOnly(name, symbol, group) {
    return {type: "scatter", mode: "markers", x: [null], y: [null], name: name,
      legendgroup: group, marker: {symbol: symbol, size: 10, color: "#444"},
      hoverinfo: "skip"};
  }
  function draw(section) {
    var container = section.querySelector(".chart");
    var data = JSON.parse(section.querySelector("script.series-data").textContent);
    var p = data.points, rows = {}, origins = [], arrows = [], traces = [];
    for (var i = 0; i < p.date.length; i++) {  // one trace an independent origin
      var key = p.origin_key[i] || p.outlet[i] || "unknown";
      if (!rows.hasOwnProperty(key)) { rows[key] = []; origins.push(key); }
      rows[key].push(i);
    }
    origins.forEach(function (key, k) {
      var at = rows[key], first = at[0], colour = COLOURS[k % COLOURS.length];
      var name = p.speaker[first] || p.via[first] || p.outlet[first] || key;
      var trace = {type: "scatter", mode: at.length > 1 ? "lines+markers" : "markers",
        name: esc(name) + " (" + at.length + ")", legendgroup: "origins",
        x: [], y: [], text: [], hovertemplate: "%{text}<extra></extra>",
        line: {color: colour, width: 1}, marker: {color: colour, size: 9, symbol: []},
        error_y: {type: "data", symmetric: false, array: [], arrayminus: [], color: colour,
          thickness: 1.5, width: 5}};
      at.forEach(function (i) {
        var y = p.figure[i], low = p.low[i] === null ? y : p.low[i], high = p.high[i];
        trace.x.push(p.date[i]);
        trace.y.push(y);
        trace.error_y.arrayminus.push(Math.max(0, y - low));
        trace.error_y.array.push(high === null ? 0 : Math.max(0, high - y));
        trace.marker.symbol.push(SYMBOLS[p.qualifier[i]] || "x");
        trace.text.push(hover(p, i, data.status));
        if (high === null) {  // open-ended ("more than"): an arrow up from the floor
          arrows.push({x: p.date[i], y: low, xref: "x", yref: "y", text: "", showarrow: true,
            arrowside: "start", arrowhead: 2, arrowsize: 1.3, arrowwidth: 1.5,
            arrowcolor: colour, ax: 0, ay: -34});
        }
      });
      traces.push(trace);
    });
    var shapes = {}, present = [];
    p.qualifier.forEach(function (q) {
      var symbol = SYMBOLS[q] || "x";
      if (!shapes.hasOwnProperty(symbol)) { shapes[symbol] = []; present.push(symbol); }
      if (shapes[symbol].indexOf(q || "unknown") < 0) { shapes[symbol].push(q || "unknown"); }
    });
    present.forEach(function (symbol) {
      var names = shapes[symbol].sort(function (a, b) { return rank(a) - rank(b); });
      traces.push(legendOnly(names.map(words).join(" / "), symbol, "qualifiers"));
    });
    if (arrows.length) { traces.push(legendOnly("no upper bound", "arrow-up", "qualifiers")); }
    var layout = {height: 440, margin: {l: 70, r: 20, t: 20, b: 50}, hovermode: "closest",
      xaxis: {type: "date", title: {text: "reported on"}, range: dateRange(p.date)},
      yaxis: {title: {text: esc(words(data.group))}, rangemode: "tozero"},
      legend: {tracegroupgap: 12}, annotations: arrows, showlegend: true};
    Plotly.newPlot(container, traces, layout, {responsive: true, displaylogo: false})
      .then(function () { section.setAttribute("data-drawn", "true"); });
  }
  function drawSafely(section) {
    try { draw(section); } catch (error) {
      section.querySelector(".chart").textContent = "This chart could not be drawn: " + error;
    }
  }
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.series"));
  if (!("IntersectionObserver" in window)) { sections.forEach(drawSafely); return; }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) { observer.unobserve(entry.target); drawSafely(entry.target); }
    });
  }, {rootMargin: "800px 0px"});
  sections.forEach(function (section) { observer.observe(section); });
})();
""".strip()

_PRECISIONS = {"week": "week of %Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
# Rows listed under a chart: the latest ones. A series of thousands of reports would make a
# page of tens of megabytes; the warehouse's claim_timeline view has them all.
MAX_TABLE_ROWS = 200


# The columns of a series' JSON: each a list with one value a point, in the series' order.
_JSON_COLUMNS = {
    "claim_id": "claim_id", "figure": "figure", "low": "interval_low", "high": "interval_high",
    "figure_text": "figure_text", "qualifier": "qualifier", "origin_key": "origin_key",
    "outlet": "outlet", "speaker": "speaker", "via": "origin", "sentence": "sentence",
    "synthetic": "synthetic",
}  # fmt: skip


@dataclass(frozen=True)
class Section:
    """One series on the page: its key, its heading, its points as JSON (`series_json`), how
    many points it has and the latest of them (up to `MAX_TABLE_ROWS`, in date order) for its
    table."""

    label: str
    heading: str
    data: str
    reports: int
    latest: pd.DataFrame


class Entry(NamedTuple):
    """A series' line in the page's table of contents."""

    heading: str
    reports: int


def page_head(title: str, entries: list[Entry], notes: list[str]) -> str:
    """The page up to its first section: title, notes, the table of contents."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_text(title)}</h1>",
    ]
    parts += [f'<p class="note">{_text(note)}</p>' for note in notes]
    if not entries:
        parts.append('<p class="empty">No data: there are no dated figures to chart yet.</p>')
    else:
        parts.append("<nav><ul>")
        parts += [
            f'<li><a href="#s{index}">{_text(entry.heading)}</a> ({entry.reports})</li>'
            for index, entry in enumerate(entries)
        ]
        parts.append("</ul></nav>")
    return "\n".join(parts) + "\n"


def page_tail(has_sections: bool) -> str:
    """The page after its last section: the drawing scripts (when there is a chart to draw)."""
    scripts = f"<script>{plotly_js()}</script>\n<script>{DRAW_JS}</script>\n"
    return (scripts if has_sections else "") + "</body></html>\n"


def heading(point: pd.Series) -> str:
    """A reader's title for a series: "foreign volunteers, Norway (NO): ukraine-..."."""
    group = str(point["population_group"]).replace("_", " ")
    status = point.get("status")
    if status and status != "total":
        group = f"{group} ({status})"
    country = point["country"]
    name = country_name(country) if country else "total (all countries)"
    where = f"{name} ({country})" if country and name != country else name
    return f"{group}, {where}: {point['topic']}"


def country_name(alpha_2: str) -> str:
    """The common English name of an ISO alpha-2 code; the code itself when unknown."""
    country = pycountry.countries.get(alpha_2=alpha_2)
    return (getattr(country, "common_name", None) or country.name) if country else alpha_2


def notes(synthetic: int, undated: int, countries: int) -> list[str]:
    """Say what the charts leave out or mix in, so a reader does not take a gap for no news."""
    lines = []
    if synthetic:
        lines.append(
            f"{synthetic} charted claims are synthetic (demo) data, marked in the tables and in "
            "the charts' hover labels."
        )
    if undated or countries:
        lines.append(
            f"Not charted: claims without a date or figure: {undated}; counts of countries "
            f"(not of people): {countries}."
        )
    return lines


def origin_label(point: pd.Series) -> str:
    """Who a figure comes from: the speaker, else the cited outlet, else the printing one."""
    for column in ("speaker", "origin", "outlet", "origin_key"):
        value = point.get(column)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return "unknown"


def json_columns(points: pd.DataFrame) -> dict[str, list[object]]:
    """The columns of `series_json` for these points (`charts.plotted_points` rows): taken for
    a whole chunk of rows at once and sliced per series, pandas' cost a call is paid a chunk."""
    columns: dict[str, list[object]] = {
        "date": points["reported_on"].dt.strftime("%Y-%m-%d").tolist()
    }
    for name, column in _JSON_COLUMNS.items():
        columns[name] = _json_values(points[column])
    return columns


def json_values(values: list[object]) -> str:
    """Values as the inside of a JSON array ("1,null,\"a\""), safe inside a <script> element."""
    text = json.dumps(values, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _script_safe(text[1:-1])


def series_json(first: pd.Series, parts: list[dict[str, str]]) -> str:
    """A series' points as the JSON its chart is drawn from: {"label", "group", "status",
    "points": `json_columns`}, one value a point in each column; ``first`` is its first point,
    ``parts`` its columns' values (`json_values`) chunk by chunk, in order.

    Safe inside a <script> element: "<", ">" and "&" are escaped."""
    head = {
        "label": str(first["series_label"]),
        "group": str(first["population_group"]),
        "status": str(first["status"]),
    }
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    columns = ",".join(
        f"{json.dumps(name)}:[{','.join(part[name] for part in parts if part[name])}]"
        for name in parts[0]
    )
    return f'{_script_safe(text[:-1])},"points":{{{columns}}}}}'


def _script_safe(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _json_values(column: pd.Series) -> list[object]:
    """A column's values as the Python values json writes: missing ones (None, NaN, NA) as
    None. Vectorized: a value at a time in Python cost the report most of its time."""
    values: list[object] = (
        column.astype(object).where(column.notna(), None).tolist()  # type: ignore[call-overload]  # pandas-stubs omit None from where's `other`
    )
    return values


@functools.cache
def plotly_js() -> str:
    """plotly.js as shipped in the plotly wheel, to inline once in the page."""
    script = str(get_plotlyjs())
    if "</script" in script.lower():  # would end the inline <script> element early
        raise ValueError("plotly.js contains '</script'; it cannot be inlined as it is")
    return script


def section_html(index: int, section: Section) -> str:
    """One series' part of the page: heading, chart, its points as JSON and its latest rows."""
    listed = section.latest.tail(MAX_TABLE_ROWS)  # points are in date order: the latest
    columns = (listed[column].tolist() for column in _Row._fields)  # itertuples: 3 ms a table
    rows = "\n".join(_row(point) for point in map(_Row._make, zip(*columns, strict=True)))
    if section.reports > len(listed):
        earlier = section.reports - len(listed)
        rows += f'\n<tr><td colspan="5">and {earlier} earlier reports (claim_timeline)</td></tr>'

    return (
        f'<section class="series" id="s{index}" data-series="{_text(section.label)}">\n'
        f"<h2>{_text(section.heading)}</h2>\n"
        f'<div class="chart" id="chart-{index}" role="img" aria-label="{_text(section.heading)}">'
        "</div>\n"
        f'<script type="application/json" class="series-data">{section.data}</script>\n'
        "<table><thead><tr><th>date</th><th>figure</th><th>qualifier</th><th>outlet</th>"
        f"<th>speaker</th></tr></thead><tbody>\n{rows}\n</tbody></table>\n</section>\n"
    )


class _Row(NamedTuple):
    """What a table row shows of a point."""

    reported_on: pd.Timestamp
    as_of_precision: str | None
    figure_text: str
    qualifier: str | None
    outlet: str | None
    origin_key: str | None
    url: str | None
    synthetic: bool
    speaker: str | None
    origin: str | None


def _row(point: _Row) -> str:
    outlet = _text(point.outlet or point.origin_key or "")
    url = point.url if isinstance(point.url, str) else ""
    if url.startswith(("https://", "http://")):  # never a javascript: or data: link
        outlet = f'<a href="{_text(url)}" rel="noreferrer">{outlet or "article"}</a>'
    if point.synthetic is True:
        outlet += " <em>(synthetic)</em>"
    speaker = point.speaker if isinstance(point.speaker, str) else ""
    if not speaker and isinstance(point.origin, str):
        speaker = f"via {point.origin}"
    return (
        f"<tr><td>{_date(point.reported_on, point.as_of_precision)}</td>"
        f'<td class="num">{_text(point.figure_text)}</td>'
        f"<td>{_text(str(point.qualifier).replace('_', ' '))}</td>"
        f"<td>{outlet}</td><td>{_text(speaker)}</td></tr>"
    )


def _date(reported_on: pd.Timestamp, precision: object) -> str:
    """The date as precise as it was given: "2022-03" for a month, not a made-up first day."""
    pattern = _PRECISIONS.get(precision, "%Y-%m-%d") if isinstance(precision, str) else "%Y-%m-%d"
    return reported_on.strftime(pattern)


def _text(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)
