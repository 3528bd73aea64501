"""The report's words and page: headings, notes, the self-contained HTML, and atomic writes.

The page is meant to be opened from disk or mailed around, so it loads nothing from anywhere:
images are data URIs, CSS is inline, there are no scripts or web fonts. The only URLs are links
to the articles a figure came from.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import re
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd
import pycountry

LOGGER = logging.getLogger(__name__)

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto;
       max-width: 1150px; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.15em; margin-top: 2.2em; }
.note { background: #fff8e1; border-left: 4px solid #f0b400; padding: .5em .8em; }
.empty { font-size: 1.2em; color: #555; }
img { max-width: 100%; height: auto; border: 1px solid #eee; }
table { border-collapse: collapse; font-size: .9em; margin-top: .6em; }
th, td { border-bottom: 1px solid #ddd; padding: .25em .8em; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
nav li { margin: .15em 0; }
""".strip()
_PRECISIONS = {"week": "week of %Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
# Rows listed under a chart: the latest ones. A series of thousands of reports would make a
# page of tens of megabytes; the warehouse's claim_timeline view has them all.
MAX_TABLE_ROWS = 200


@dataclass(frozen=True)
class Section:
    """One series on the page: its key, its heading, its chart, how many points it has and the
    latest of them (up to `MAX_TABLE_ROWS`, in date order) for its table."""

    label: str
    heading: str
    png: bytes
    reports: int
    latest: pd.DataFrame


def render_page(title: str, sections: list[Section], notes: list[str]) -> str:
    """The whole HTML document: title, notes, a table of contents, then one section a series."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_text(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_text(title)}</h1>",
    ]
    parts += [f'<p class="note">{_text(note)}</p>' for note in notes]
    if not sections:
        parts.append('<p class="empty">No data: there are no dated figures to chart yet.</p>')
    else:
        parts.append("<nav><ul>")
        parts += [
            f'<li><a href="#s{index}">{_text(section.heading)}</a> ({section.reports})</li>'
            for index, section in enumerate(sections)
        ]
        parts.append("</ul></nav>")
        parts += [_section(index, section) for index, section in enumerate(sections)]
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


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


def notes(excluded_synthetic: int, synthetic: int, undated: int, countries: int) -> list[str]:
    """Say what the charts leave out or mix in, so a reader does not take a gap for no news."""
    lines = []
    if excluded_synthetic:
        lines.append(f"{excluded_synthetic} synthetic (demo) claims are excluded from this report.")
    if synthetic:
        lines.append(f"{synthetic} charted claims are synthetic (demo) data, marked in the tables.")
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


def file_name(label: str, taken: set[str]) -> str:
    """A file name for a series label, unique within ``taken`` (which it extends)."""
    name = re.sub(r"[^a-z0-9_]+", "-", label.lower().replace(" / ", "__")).strip("-")[:100]
    if name in taken:
        name = f"{name}-{hashlib.sha1(label.encode('utf-8')).hexdigest()[:8]}"
    taken.add(name)
    return name


def _section(index: int, section: Section) -> str:
    image = base64.b64encode(section.png).decode("ascii")
    listed = section.latest.tail(MAX_TABLE_ROWS)  # points are in date order: the latest
    columns = (listed[column].tolist() for column in _Row._fields)  # itertuples: 3 ms a table
    rows = "\n".join(_row(point) for point in map(_Row._make, zip(*columns, strict=True)))
    if section.reports > len(listed):
        earlier = section.reports - len(listed)
        rows += f'\n<tr><td colspan="5">and {earlier} earlier reports (claim_timeline)</td></tr>'

    return (
        f'<section class="series" id="s{index}" data-series="{_text(section.label)}">\n'
        f"<h2>{_text(section.heading)}</h2>\n"
        f'<img src="data:image/png;base64,{image}" alt="{_text(section.heading)}">\n'
        "<table><thead><tr><th>date</th><th>figure</th><th>qualifier</th><th>outlet</th>"
        f"<th>speaker</th></tr></thead><tbody>\n{rows}\n</tbody></table>\n</section>"
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
