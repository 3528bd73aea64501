"""Dates that say how precise they are and whether they were inferred.

A news figure has up to three dates: when it was said (as-of), when the article was published,
and when Headcount retrieved it. Publication and as-of dates are often vague ("over the
weekend", a sidecar that says "about 7 March"), so each carries its precision and an
``inferred`` flag instead of pretending to a day it does not know.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PRECISIONS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class FuzzyDate:
    """A calendar date with its precision (day, week, month, year) and whether it was inferred.

    ``value`` is the first day of the period for week/month/year precision, so dates sort and
    compare in SQL without knowing the precision.
    """

    value: dt.date
    precision: str = "day"
    inferred: bool = False

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown date precision {self.precision!r}; use one of {PRECISIONS}")

    def isoformat(self) -> str:
        return self.value.isoformat()
