"""The number parser: every form news writes a count in, with the bounds it implies."""

from __future__ import annotations

import pytest

from pipelines.claims.numbers import find_numbers, parse_figure


@pytest.mark.parametrize(
    ("figure", "value"),
    [
        ("20,000", 20000),
        ("20 000", 20000),
        ("11.500", 11500),
        ("3k", 3000),
        ("1.5 million", 1_500_000),
        ("2.5m", 2_500_000),
        ("three thousand", 3000),
        ("twenty-five", 25),
        ("one hundred and fifty", 150),
        ("a dozen", 12),
        ("two dozen", 24),
        ("a couple of dozen", 24),
        ("half a million", 500_000),
        ("a thousand", 1000),
    ],
)
def test_parse_figure(figure: str, value: int) -> None:
    assert parse_figure(figure) == value


@pytest.mark.parametrize(
    ("text", "mention", "value", "low", "high", "qualifier"),
    [
        ("nearly 20,000 men", "nearly 20,000", 20000, None, 20000, "nearly"),
        ("close to 20,000 men", "close to 20,000", 20000, None, 20000, "nearly"),
        ("some 3,000 men", "some 3,000", 3000, None, None, "approximately"),
        ("the thousand men", "the thousand", 1000, None, None, "exact"),
        ("an estimated 400 men", "an estimated 400", 400, None, None, "approximately"),
        ("more than 300 men", "more than 300", 300, 300, None, "more_than"),
        ("upwards of 300 men", "upwards of 300", 300, 300, None, "more_than"),
        ("at least 40 men", "at least 40", 40, 40, None, "at_least"),
        ("40 or more men", "40 or more", 40, 40, None, "at_least"),
        ("as many as 52 men", "as many as 52", 52, None, 52, "up_to"),
        ("up to 30 men", "up to 30", 30, None, 30, "up_to"),
        ("fewer than 100 men", "fewer than 100", 100, None, 100, "less_than"),
        ("no more than 60 men", "no more than 60", 60, None, 60, "at_most"),
        (
            "between 1,000 and 1,500 men",
            "between 1,000 and 1,500",
            None,
            1000,
            1500,
            "exact",
        ),
        ("1,000-1,500 men", "1,000-1,500", None, 1000, 1500, "exact"),
        ("1,000 to 1,500 men", "1,000 to 1,500", None, 1000, 1500, "exact"),
        ("1 to 1.5 million men", "1 to 1.5 million", None, 1_000_000, 1_500_000, "exact"),
        ("dozens of men", "dozens", None, 24, None, "at_least"),
        ("hundreds of men", "hundreds", None, 200, None, "at_least"),
        ("thousands of men", "thousands", None, 2000, None, "at_least"),
        ("tens of thousands of men", "tens of thousands", None, 20000, None, "at_least"),
        ("hundreds of thousands of men", "hundreds of thousands", None, 200_000, None, "at_least"),
        ("millions of men", "millions", None, 2_000_000, None, "at_least"),
        # A range is as exact as its words say.
        ("some 400-500 men", "some 400-500", None, 400, 500, "approximately"),
        ("a few hundred men", "a few hundred", None, 200, None, "at_least"),
        # A range's upper bound with its own qualifier is still the range.
        ("from 400 to over 900 men", "400 to over 900", None, 400, 900, "exact"),
        (
            "between 1,000 and nearly 2,000 men",
            "between 1,000 and nearly 2,000",
            None,
            1000,
            2000,
            "exact",
        ),
        # Thousands said once for both bounds.
        ("4-6,000 men", "4-6,000", None, 4000, 6000, "exact"),
        ("between 15 and 20,000 men", "between 15 and 20,000", None, 15000, 20000, "exact"),
        ("between 40 and 2,000 men", "between 40 and 2,000", None, 40, 2000, "exact"),
    ],
)
def test_mentions_and_bounds(text, mention, value, low, high, qualifier) -> None:
    (found,) = find_numbers(text)
    assert text[found.start : found.end] == mention
    assert (found.value, found.low, found.high, found.qualifier) == (value, low, high, qualifier)


def test_a_year_is_flagged() -> None:
    (found,) = find_numbers("in 2014")
    assert found.plain_year


@pytest.mark.parametrize("text", ["$1 billion", "call 555-1234-567", "pro-Russian", "1st"])
def test_not_a_number_mention(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("the garrison shrank from 800 to 450 men", [("800", 800, "exact"), ("450", 450, "exact")]),
        (
            "arrivals went up from about 2.5 million to 3 million",
            [("about 2.5 million", 2_500_000, "approximately"), ("3 million", 3_000_000, "exact")],
        ),
        ("from 600 to 700 men were seen", [("600 to 700", None, "exact")]),
        (
            "the garrison grew from 800 to over 1,000 men",
            [("800", 800, "exact"), ("over 1,000", 1000, "more_than")],
        ),
    ],
)
def test_a_change_from_one_figure_to_another_is_two_figures(text, figures) -> None:
    """After a word of change (rose, fell, cut, down, up), "from A to B" gives the figure before
    and the figure after; without one it stays a range."""
    found = find_numbers(text)
    assert [(text[f.start : f.end], f.value, f.qualifier) for f in found] == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("brokers expect arrivals for 2016 to 150,000", [("2016", 2016), ("150,000", 150_000)]),
        ("1900 to 2,000 fighters", [("1900 to 2,000", None)]),
        ("from 2014 to 2016", [("2014 to 2016", None)]),
    ],
)
def test_a_year_then_a_figure_far_above_it_is_no_range(text, figures) -> None:
    found = find_numbers(text)
    assert [(text[f.start : f.end], f.value) for f in found] == figures


@pytest.mark.parametrize(
    ("text", "mention", "value"),
    [
        ("a quarter of a million refugees", "a quarter of a million", 250_000),
        ("three-quarters of a million people", "three-quarters of a million", 750_000),
        ("two thirds of a million migrants", "two thirds of a million", 666_667),
        ("a half million displaced people", "a half million", 500_000),
        ("one and a half million Syrians", "one and a half million", 1_500_000),
        ("some 2 and a half thousand troops", "some 2 and a half thousand", 2_500),
        ("a million and a half refugees", "a million and a half", 1_500_000),
        ("a hundred and fifty volunteers", "a hundred and fifty", 150),
        ("a thousand two hundred recruits", "a thousand two hundred", 1_200),
    ],
)
def test_a_fraction_or_a_compound_of_a_scale_word_is_one_figure(text, mention, value) -> None:
    """ "a quarter of a million" is 250,000, not "a million"; "one and a half million" is not
    "one"; "a hundred and fifty" is one figure, not 100 and 50."""
    found = find_numbers(text)
    assert [(text[m.start : m.end], m.value) for m in found] == [(mention, value)]


@pytest.mark.parametrize(
    ("text", "mention", "value", "qualifier"),
    [
        # "no fewer than" is a floor, though "fewer than" alone is a ceiling.
        ("no fewer than 120 Tunisian fighters", "no fewer than 120", 120, "at_least"),
        ("not less than 35 Bosnian volunteers", "not less than 35", 35, "at_least"),
        ("upward of 600 Pakistani recruits", "upward of 600", 600, "more_than"),
        # South Asian English counts in lakhs and crores.
        ("some 2.5 lakh Afghan refugees", "some 2.5 lakh", 250_000, "approximately"),
        ("four lakh migrants from Nepal", "four lakh", 400_000, "exact"),
        ("1.2 crore displaced people", "1.2 crore", 12_000_000, "exact"),
        # "a couple of hundred" as "a couple of dozen" is 24.
        ("a couple of hundred Gambian migrants", "a couple of hundred", 200, "exact"),
        ("a couple thousand Haitian migrants", "a couple thousand", 2_000, "exact"),
    ],
)
def test_floors_and_scales_news_writes_less_often(text, mention, value, qualifier) -> None:
    found = find_numbers(text)
    assert [(text[m.start : m.end], m.value, m.qualifier) for m in found] == [
        (mention, value, qualifier)
    ]
