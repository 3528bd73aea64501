"""Country resolution: names and demonyms to ISO 3166-1 alpha-2.

Names come from pycountry (name, common and official names) plus ``data/country_names.csv`` for
the short forms news uses ("U.S.", "Britain", "Russia"); demonyms and adjectives ("Norwegians",
"British") from ``data/demonyms.csv``, where an empty code marks a region ("Europeans"): a mixed
group whose country is None.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pycountry

from pipelines.claims.patterns import alternation

_DATA = Path(__file__).resolve().parent.parent / "data"


@dataclass(frozen=True)
class CountryMention:
    """A country name or demonym in text; ``code`` is None for a region ("Europeans")."""

    start: int
    end: int
    word: str
    code: str | None
    demonym: bool
    city: bool = False  # a city standing for its country ("two Cardiff jihadists")


def _read_csv(name: str) -> dict[str, str | None]:
    with (_DATA / name).open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row[next(iter(row))]: (row["alpha2"] or None) for row in rows}


@functools.cache
def demonyms() -> dict[str, str | None]:
    """Demonym or adjective as written -> alpha-2 (None for a region).

    The file lists plurals ("Danes"); their singulars ("one Dane") are derived here.
    """
    words = _read_csv("demonyms.csv")
    singulars = {
        word[:-1]: code
        for word, code in words.items()
        if word.endswith("s") and not word.endswith("ss") and len(word) > 4
    }
    return singulars | words


@functools.cache
def country_names() -> dict[str, str]:
    """Country name as written -> alpha-2, from pycountry and the data file's short forms."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                names[name] = country.alpha_2
    names.update({k: v for k, v in _read_csv("country_names.csv").items() if v})
    return names


@functools.cache
def _pattern() -> re.Pattern[str]:
    alternatives = alternation(set(demonyms()) | set(country_names()))
    # The capital first, the lookbehind after: ``re`` then tries the names only at a capital
    # (or "t") instead of at every character, a third faster on news text.
    return re.compile(rf"(?=[A-Zt])(?<![\w.])(?:{alternatives})(?![\w]|\.\w)")


def find_countries(text: str, start: int = 0, end: int | None = None) -> list[CountryMention]:
    """Every country name or demonym in ``text[start:end]``, longest match first at each place."""
    matches = _pattern().finditer(text, start, len(text) if end is None else end)
    return [_mention(match) for match in matches]


def country_at(text: str, pos: int, end: int | None = None) -> CountryMention | None:
    """The longest country name or demonym starting at ``pos`` (ending by ``end``), if any."""
    match = _pattern().match(text, pos, len(text) if end is None else end)
    return None if match is None else _mention(match)


def _mention(match: re.Match[str]) -> CountryMention:
    word = match.group()
    code, demonym = _codes()[word]
    return CountryMention(match.start(), match.end(), word, code, demonym)


@functools.cache
def _codes() -> dict[str, tuple[str | None, bool]]:
    """Word -> (alpha-2, whether a demonym): one lookup per mention; a country's name wins."""
    codes: dict[str, tuple[str | None, bool]] = {w: (c, True) for w, c in demonyms().items()}
    codes.update({name: (code, False) for name, code in country_names().items()})
    return codes


# A country named as who strikes: "the Israeli bombardment", "Russia's invasion", "Saudi-led
# airstrikes". The people struck or fleeing are not its people.
_STRIKER_AFTER = re.compile(
    r"(?:(?:’s|'s)\s+(?:[\w-]+\s+){0,2}?|\s+|-led\s+)(?:air\s*strikes|airstrikes|strikes"
    r"|bombardment|bombing|bombs|shelling|missiles?|drones?|invasion|aggression|occupation"
    r"|annexation|incursion|onslaught|blockade)\b",
    re.I,
)


def names_a_striker(text: str, mention: CountryMention) -> bool:
    """Whether ``mention`` names who strikes ("fleeing the Israeli bombardment"), not whose
    people are counted."""
    return bool(_STRIKER_AFTER.match(text, mention.end))


def resolve_country(word: str) -> str | None:
    """Alpha-2 for a country name or demonym as written, or None when unknown or a region."""
    return country_names().get(word) or demonyms().get(word)


@functools.cache
def city_names() -> dict[str, str]:
    """City name as written -> alpha-2 (``data/cities.csv``, written by `headcount gazetteer`)."""
    return {name: code for name, code in _read_csv("cities.csv").items() if code}


# Runs of capitalized words: a city's name is looked up among their spans (a regex of all the
# names takes most of a second to compile).
# The capital comes first, its lookbehind after: ``re`` then skips to capitals at C speed.
_CAPITALIZED_RUN = re.compile(r"[A-Z](?<![\w-][A-Z])[\w’'.-]*(?:[ ][A-Z][\w’'.-]*)*")
_CITY_WORDS = 4  # the longest city name looked up, in words


@functools.cache
def _city_first_words() -> frozenset[str]:
    """The first word of every city name without a closing dot or apostrophe: a capitalized
    word not among them starts no city name."""
    return frozenset(name.split(" ", 1)[0].rstrip(".’'") for name in city_names())


def find_cities(text: str) -> list[CountryMention]:
    """Every city of ``data/cities.csv`` named in ``text``, as a mention of its country."""
    names, firsts, found = city_names(), _city_first_words(), []
    for run in _CAPITALIZED_RUN.finditer(text):
        words = run.group().split(" ")
        if len(words) == 1:  # most runs are one word ("The", "He", "Aleppo")
            name = words[0].rstrip(".’'")
            if name in names:
                end = run.start() + len(name)
                found.append(CountryMention(run.start(), end, name, names[name], False, city=True))
            continue
        if not any(w.rstrip(".’'") in firsts for w in words):
            continue
        offsets, position = [], run.start()
        for word in words:
            offsets.append((position, position + len(word)))
            position += len(word) + 1
        i = 0
        while i < len(offsets):
            if words[i].rstrip(".’'") not in firsts:
                i += 1
                continue
            for j in range(min(len(offsets), i + _CITY_WORDS), i, -1):
                start, end = offsets[i][0], offsets[j - 1][1]
                name = text[start:end].rstrip(".’'")
                if name in names:
                    end = start + len(name)
                    found.append(CountryMention(start, end, name, names[name], False, city=True))
                    i = j
                    break
            else:
                i += 1
    return found
