"""As-of dates resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines.claims.asof import find_as_of
from pipelines.dates import FuzzyDate

PUBLISHED = FuzzyDate(dt.date(2022, 3, 10))  # a Thursday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("As of March 6, 300 had joined.", FuzzyDate(dt.date(2022, 3, 6), "day", True)),
        ("By 6 March 2022, 300 had joined.", FuzzyDate(dt.date(2022, 3, 6), "day", False)),
        ("The embassy said on Monday.", FuzzyDate(dt.date(2022, 3, 7), "day", True)),
        ("The embassy said yesterday.", FuzzyDate(dt.date(2022, 3, 9), "day", True)),
        ("Last week, 300 joined.", FuzzyDate(dt.date(2022, 2, 28), "week", True)),
        ("He said over the weekend.", FuzzyDate(dt.date(2022, 2, 28), "week", True)),
        ("Last month, 300 joined.", FuzzyDate(dt.date(2022, 2, 1), "month", True)),
        ("In February, 300 joined.", FuzzyDate(dt.date(2022, 2, 1), "month", True)),
        ("In May 2021, 300 joined.", FuzzyDate(dt.date(2021, 5, 1), "month", False)),
        ("Since Feb. 24, 300 have joined.", None),
        ("Since the start of the invasion on Feb. 24, 300 joined.", None),
        (
            "It had 300 applications from 52 countries by the end of last week.",
            FuzzyDate(dt.date(2022, 2, 28), "week", True),
        ),
        ("In 2016, 300 joined.", FuzzyDate(dt.date(2016, 1, 1), "year", False)),
        ("Last year, 300 joined.", FuzzyDate(dt.date(2021, 1, 1), "year", True)),
        ("In recent weeks 300 have joined.", None),
        ("They may join.", None),
    ],
)
def test_find_as_of(sentence: str, expected: FuzzyDate | None) -> None:
    assert find_as_of(sentence, PUBLISHED) == expected


def test_relative_dates_need_a_publication_date() -> None:
    assert find_as_of("He said on Monday.", None) is None
    assert find_as_of("By 6 March 2022.", None) == FuzzyDate(dt.date(2022, 3, 6), "day", False)
