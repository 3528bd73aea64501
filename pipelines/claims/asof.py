"""The date a figure refers to, from the words of its sentence and the publication date.

Absolute dates ("as of March 6", "6 March 2022") have day precision and are inferred only when
the year comes from the publication date; weekdays, "yesterday", "last week", "over the
weekend", "last month" resolve against the publication date and are always inferred. Dates
after "since", "from", "until" open or close a period rather than date a figure, so they are
skipped.
"""

from __future__ import annotations

import datetime as dt
import re

from pipelines.claims.patterns import at_word_start
from pipelines.dates import FuzzyDate

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_MONTH, _MONTH2, _MONTH3 = (rf"(?P<{g}>{_MONTH_NAMES})\.?" for g in ("month", "month2", "month3"))
# "since the start of the invasion on Feb. 24", "from March 1": a period's bound, not a date.
_PERIOD_START = re.compile(
    r"(?:\b(?:since|until|till|before|after)\b(?:\s+[\w’'.-]+){0,6}|\b(?:from|between|to|and)(?:\s+the)?)"
    r"\s+$",
    re.I,
)
_DATE = re.compile(
    at_word_start(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:19|20)\d\d))?"
        rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH2}\b(?:,?\s+(?P<year2>(?:19|20)\d\d))?"
        r"|\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b"
        r"|\b(?P<relative>yesterday|today|last week|this week|earlier this week|last month"
        r"|this month|earlier this month|(?:over|at|during) the weekend|last weekend|this weekend"
        r"|last year|this year|earlier this year)\b"
        r"|\b(?:as of|by|in)\s+(?P<year4>(?:19|20)\d\d)\b"
        rf"|\b(?:in|during|by|of|as of)\s+(?:early\s+|late\s+|mid-?)?{_MONTH3}"
        r"(?!\s*\d{1,2}(?!\d))"
        r"(?:\s+(?P<year3>(?:19|20)\d\d))?\b"
    ),
    re.I,
)


def find_as_of(sentence: str, published: FuzzyDate | None) -> FuzzyDate | None:
    """The date a figure in ``sentence`` refers to, or None when the sentence does not say."""
    for match in _DATE.finditer(sentence):
        if _PERIOD_START.search(sentence, 0, match.start()):
            continue
        try:
            date = _resolve(match, published.value if published else None)
        except (ValueError, OverflowError):  # "February 30", a day before year 1
            continue
        if date is not None:
            return date
    return None


def _resolve(match: re.Match[str], published: dt.date | None) -> FuzzyDate | None:
    if match["year4"]:
        return FuzzyDate(dt.date(int(match["year4"]), 1, 1), "year", False)
    if match["weekday"]:
        if published is None:
            return None
        back = (published.weekday() - _WEEKDAYS.index(match["weekday"].lower())) % 7
        return FuzzyDate(published - dt.timedelta(days=back), "day", True)
    if match["relative"]:
        return _relative(match["relative"].lower(), published) if published else None
    if match["month3"]:
        return _dated(_MONTHS[match["month3"].lower()], 1, match["year3"], published, "month")
    month = _MONTHS[(match["month"] or match["month2"]).lower()]
    day = int(match["day"] or match["day2"])
    return _dated(month, day, match["year"] or match["year2"], published, "day")


def _dated(
    month: int, day: int, year: str | None, published: dt.date | None, precision: str
) -> FuzzyDate | None:
    """A month and day with the year as written, or the latest one not after publication."""
    if year is None and published is None:
        return None
    if year is not None:
        return FuzzyDate(dt.date(int(year), month, day), precision, False)
    assert published is not None  # no year here, and without either the first test returned
    date = dt.date(published.year, month, day)
    if date > published:
        date = dt.date(published.year - 1, month, day)
    return FuzzyDate(date, precision, True)


def _relative(phrase: str, published: dt.date) -> FuzzyDate:
    monday = published - dt.timedelta(days=published.weekday())
    if phrase == "yesterday":
        return FuzzyDate(published - dt.timedelta(days=1), "day", True)
    if phrase == "today":
        return FuzzyDate(published, "day", True)
    if phrase == "last week":
        return FuzzyDate(monday - dt.timedelta(days=7), "week", True)
    if phrase.endswith("this week"):
        return FuzzyDate(monday, "week", True)
    if "year" in phrase:
        offset = 1 if phrase == "last year" else 0
        return FuzzyDate(dt.date(published.year - offset, 1, 1), "year", True)
    if "month" in phrase:
        first = published.replace(day=1)
        if phrase == "last month":
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return FuzzyDate(first, "month", True)
    # A weekend: the latest Saturday-Sunday that has begun by publication, as its week.
    saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
    return FuzzyDate(saturday - dt.timedelta(days=saturday.weekday()), "week", True)
