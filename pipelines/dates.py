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

    @classmethod
    def from_columns(cls, value: object, precision: object, inferred: object) -> FuzzyDate | None:
        """The date stored in three columns (NAME, NAME_precision, NAME_inferred); None when
        NAME is null (None, NaT or NaN, as pandas reads it)."""
        if is_null(value):
            return None
        if isinstance(value, dt.datetime):
            value = value.date()
        elif not isinstance(value, dt.date):
            to_date = getattr(value, "date", None)  # a pandas Timestamp
            if to_date is None:
                raise TypeError(f"not a date: {value!r}")
            value = to_date()
        assert isinstance(value, dt.date)
        return cls(value, str(precision) if precision else "day", bool(inferred))


def is_null(value: object) -> bool:
    """Whether a column's value is null as pandas reads it: None, NaN or NaT."""
    return value is None or value != value  # NaN and NaT are not equal to themselves


def to_columns(
    date: FuzzyDate | None, name: str, value_column: str | None = None
) -> dict[str, object]:
    """The three columns a date is stored in: NAME (or ``value_column``), NAME_precision and
    NAME_inferred, all null for an unknown date."""
    return {
        value_column or name: date.value if date else None,
        f"{name}_precision": date.precision if date else None,
        f"{name}_inferred": date.inferred if date else None,
    }


def naive_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A moment as DuckDB `timestamp` columns hold it: naive UTC."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)
