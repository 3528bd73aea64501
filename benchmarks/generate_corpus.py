"""Write N synthetic news pages with planted people-count claims, and their truth.

    python benchmarks/generate_corpus.py N OUT_DIR [--seed S] [--gzip] [--start K] [--countries C]

Each page is 5-50 KB of HTML: a header, a navigation bar, a cookie banner, scripts, lists of
related and most-read stories and a footer around an article of filler news prose (seeded, so the
same arguments give the same bytes). Article lengths and number density follow the 181 real pages
of ../shared/corpus/real-pages (``corpus_stats.py``: 1.0/3.3/9.5 KB of text at the 10th/50th/90th
percentile, 3.1 numbers a KB); the rest of the page is boilerplate. The prose carries distractor
numbers (money, percentages, distances, years,
ages, counts of things) and one to four planted claims ("About 300 Norwegians have volunteered
to join the International Legion, the embassy said.") whose contract records (value, low, high,
qualifier, country, population, speaker; ../shared/eval/README.md) go to ``OUT_DIR/truth.jsonl``.

Page ``i`` depends only on (seed, i): ``--start K`` writes pages K..K+N-1, which is how the
pipeline benchmark adds "1% new pages" to an existing corpus. The standard library only, so it
runs on a bare clone. 10,000 pages take a few seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import json
import math
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# Plural demonyms and the ISO 3166-1 alpha-2 code the contract expects for them.
DEMONYMS = {
    "Norwegians": "NO", "Britons": "GB", "Americans": "US", "Canadians": "CA", "Germans": "DE",
    "Poles": "PL", "Georgians": "GE", "Danes": "DK", "Swedes": "SE", "Finns": "FI",
    "Latvians": "LV", "Lithuanians": "LT", "Estonians": "EE", "Czechs": "CZ",
    "Belarusians": "BY", "Australians": "AU", "Croatians": "HR", "Brazilians": "BR",
    "Colombians": "CO", "Italians": "IT", "Romanians": "RO", "Slovaks": "SK",
    "Moldovans": "MD", "Mexicans": "MX", "Austrians": "AT", "Belgians": "BE",
    "Hungarians": "HU", "Bulgarians": "BG", "Greeks": "GR", "Albanians": "AL",
}  # fmt: skip
REFUGEE_ORIGINS = {
    "Syria": "SY", "Afghanistan": "AF", "Ukraine": "UA", "Sudan": "SD", "Eritrea": "ER",
    "Venezuela": "VE", "Myanmar": "MM", "Somalia": "SO", "South Sudan": "SS", "Yemen": "YE",
}  # fmt: skip
# Wording -> contract qualifier (the gold conventions of ../shared/eval/README.md).
QUALIFIERS = [
    ("", "exact"), ("About ", "approximately"), ("Around ", "approximately"),
    ("Some ", "approximately"), ("Roughly ", "approximately"), ("Nearly ", "nearly"),
    ("Almost ", "nearly"), ("Close to ", "nearly"), ("More than ", "more_than"),
    ("Over ", "more_than"), ("At least ", "at_least"), ("Up to ", "up_to"),
    ("As many as ", "up_to"), ("Fewer than ", "less_than"),
]  # fmt: skip
SPEAKERS = [
    "the embassy", "the defence ministry", "a spokesperson for the legion", "Dmytro Kuleba",
    "the foreign ministry", "the interior ministry", "Oleksiy Arestovych", "the UNHCR",
    "a senior official", "the border guard service", "Anna Lindqvist", "Colonel Mark Hayes",
]  # fmt: skip
VOLUNTEER_VERBS = [
    ("have volunteered to join the International Legion", "volunteers"),
    ("have signed up to fight in Ukraine", "fighters"),
    ("have joined the foreign legion", "volunteers"),
    ("have travelled to Ukraine to fight", "fighters"),
    ("have applied to join the International Legion", "volunteers"),
]
REPORTERS = ["Ingrid Dahl", "Tomasz Nowak", "Sarah Whitfield", "Jonas Berg", "Elena Petrova"]
TOTAL_NOUNS = ["foreign volunteers", "foreign fighters", "volunteers", "recruits"]
CITIES = [
    "Oslo", "Warsaw", "Kyiv", "Lviv", "Vilnius", "Riga", "Tallinn", "Prague", "Berlin",
    "Helsinki", "Copenhagen", "Stockholm", "Bucharest", "Chisinau", "Brussels", "Vienna",
]  # fmt: skip
OUTLETS = [
    "The Northern Ledger", "Baltic Wire", "Continental Post", "Daily Meridian", "The Courier",
    "Harbour Times", "Eastern Dispatch", "Global Bulletin", "The Evening Standardbearer",
    "Metro Herald", "Riverside Gazette", "The Observer Desk",
]  # fmt: skip
SUBJECTS = [
    "The city council", "Local officials", "The transport authority", "Analysts",
    "The regional government", "Economists", "Residents", "The opposition party",
    "A parliamentary committee", "Business leaders", "The central bank", "Union leaders",
]  # fmt: skip
ACTIONS = [
    "debated a proposal to expand", "warned against delays to", "called for an inquiry into",
    "welcomed the decision on", "raised concerns about", "announced new funding for",
    "postponed a vote on", "published a review of", "criticised the handling of",
]  # fmt: skip
OBJECTS = [
    "the new tram line", "winter energy subsidies", "the harbour redevelopment",
    "public housing", "the school reform", "grain exports", "the fuel price cap",
    "hospital waiting lists", "the railway link", "rural broadband", "the pension plan",
]  # fmt: skip
TIMES = [
    "on Monday", "on Tuesday", "this week", "late on Thursday", "earlier this month",
    "after a lengthy session", "in a statement", "at a press conference", "over the weekend",
]  # fmt: skip
# Numbers that are not counts of people: the extractor must leave them alone.
DISTRACTORS = [
    "The project is expected to cost ${m} million over {y} years.",
    "Inflation rose to {p} percent in {year}, the statistics office said.",
    "The convoy travelled {k} kilometres before reaching {city}.",
    "The {age}-year-old mayor has held the post since {year}.",
    "Officials said {k} buildings and {small} bridges had been damaged.",
    "Ticket prices rose by {p}% compared with {year}.",
    "The army said it had received {small} tanks and {k} artillery shells.",
    "The hearing lasted {small} hours and resumed at {small} p.m.",
]
FILLER = [
    "{subject} {action} {object} {time}.",
    "{subject} in {city} {action} {object}, officials said.",
    "Critics said the plan for {object} came too late, while supporters pointed to progress.",
    "The debate over {object} is likely to continue into next year.",
    "{subject} said talks with {city} had been constructive but no deal was reached.",
    "Opinion remains divided in {city}, where {object} has dominated local news.",
]
NAV_ITEMS = [
    "World", "Europe", "Politics", "Business", "Markets", "Tech", "Science", "Climate",
    "Health", "Sport", "Culture", "Opinion", "Video", "Podcasts", "Newsletters", "Weather",
]  # fmt: skip
MIN_PAGE_BYTES = 5_000
MAX_PAGE_BYTES = 50_000
# Article text, log-uniform: median 3.2 KB, as the real pages' (module docstring).
MIN_TEXT_CHARS = 1_000
MAX_TEXT_CHARS = 10_000
DISTRACTOR_SHARE = 0.12  # of filler sentences: ~3 numbers a KB of text with the planted claims
FIRST_DATE = dt.date(2022, 2, 27)
DATE_SPAN_DAYS = 1000
# Distinct filler sentences drawn per corpus (drawing them per page was 5x slower).
FILLER_POOL_SIZE = 20_000


@dataclass(frozen=True)
class Page:
    name: str
    html: str
    truth: list[dict]


def page_name(index: int, gzipped: bool) -> str:
    return f"page_{index:07d}.html" + (".gz" if gzipped else "")


def make_page(seed: int, index: int, gzipped: bool = False, countries: int = 0) -> Page:
    """Page ``index`` of corpus ``seed``: HTML and the truth records of its planted claims.

    ``countries`` > 0 draws origins from the first that many demonyms and refugee origins only,
    which bounds the number of series (the figure report costs about a second per series).
    """
    rng = random.Random(seed * 1_000_003 + index)
    name = page_name(index, gzipped)
    target_bytes = int(math.exp(rng.uniform(math.log(MIN_PAGE_BYTES), math.log(MAX_PAGE_BYTES))))
    outlet = rng.choice(OUTLETS)
    published = FIRST_DATE + dt.timedelta(days=rng.randrange(DATE_SPAN_DAYS))
    city = rng.choice(CITIES)
    title = f"{city} {rng.choice(['weighs', 'debates', 'braces for', 'reacts to'])} " + (
        f"{rng.choice(OBJECTS)} as volunteers head to Ukraine ({_code(index)})"
    )
    text_chars = int(math.exp(rng.uniform(math.log(MIN_TEXT_CHARS), math.log(MAX_TEXT_CHARS))))
    head, tail = _boilerplate(rng, outlet, title, published, target_bytes - text_chars)
    demonyms = list(DEMONYMS)[: countries or None]
    origins = list(REFUGEE_ORIGINS)[: countries or None]
    claims = [_claim(rng, demonyms, origins) for _ in range(rng.randint(1, 4))]
    pool, mean_chars = _filler_pool(seed)
    sentences = rng.choices(pool, k=max(6, text_chars // mean_chars))
    paragraphs: list[str] = []
    while sentences:
        take = rng.randint(2, 6)
        paragraphs.append(" ".join(sentences[:take]))
        del sentences[:take]
    truth = []
    for sentence, record in claims:
        where = rng.randrange(len(paragraphs))
        paragraphs[where] = f"{paragraphs[where]} {sentence}"
        truth.append({"doc": name, "sentence": sentence, **record})
    byline = f"<p class='byline'>By {rng.choice(REPORTERS)} in {city}</p>"
    article = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    html = f"{head}<article><h1>{title}</h1>{byline}\n{article}\n</article>{tail}"
    return Page(name, html, truth)


def write_corpus(
    pages: int,
    out_dir: Path,
    *,
    seed: int = 0,
    start: int = 0,
    gzipped: bool = False,
    countries: int = 0,
) -> dict:
    """Write pages start..start+pages-1 into ``out_dir`` and their truth to truth.jsonl."""
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    total_bytes = 0
    claims = 0
    with open(out_dir / "truth.jsonl", "w", encoding="utf-8") as truth_file:
        for index in range(start, start + pages):
            page = make_page(seed, index, gzipped, countries)
            body = page.html.encode("utf-8")
            total_bytes += len(body)
            if gzipped:
                body = gzip.compress(body, compresslevel=6, mtime=0)
            (out_dir / page.name).write_bytes(body)
            for record in page.truth:
                truth_file.write(json.dumps(record, ensure_ascii=False) + "\n")
            claims += len(page.truth)
    return {
        "pages": pages,
        "claims": claims,
        "mean_page_kb": round(total_bytes / max(pages, 1) / 1000, 1),
        "seconds": round(time.perf_counter() - started, 2),
    }


def _claim(rng: random.Random, demonyms: list[str], origins: list[str]) -> tuple[str, dict]:
    """One planted claim sentence and its contract fields."""
    speaker = rng.choice(SPEAKERS)
    kind = rng.random()
    value, low, high = rng.choice([rng.randint(20, 900), rng.randint(1_000, 25_000)]), None, None
    wording, qualifier = rng.choice(QUALIFIERS)
    number = f"{value:,}"
    shape = rng.random()
    if shape < 0.12:
        low, high = value, value + rng.choice([100, 200, 500, 1_000])
        value, qualifier = None, "exact"
        wording, number = "Between ", f"{low:,} and {high:,}"
    elif shape < 0.2:
        value, qualifier, wording, number = None, "at_least", "", ""
        low = rng.choice([24, 200, 2_000])
        number = {24: "Dozens of", 200: "Hundreds of", 2_000: "Thousands of"}[low]
    if kind < 0.55:
        demonym = rng.choice(demonyms)
        verb, population = rng.choice(VOLUNTEER_VERBS)
        country: str | None = DEMONYMS[demonym]
        lead = f"{wording}{number} {demonym} {verb}"
    elif kind < 0.8:
        noun = rng.choice(TOTAL_NOUNS)
        population, country = noun, None
        lead = f"{wording}{number} {noun} have joined the International Legion so far"
    else:
        origin = rng.choice(origins)
        population, country = "refugees", REFUGEE_ORIGINS[origin]
        lead = f"{wording}{number} refugees from {origin} have crossed the border this month"
    lead = lead[0].upper() + lead[1:]
    sentence = f"{lead}, {speaker} said."
    record = {
        "value": value,
        "low": low,
        "high": high,
        "qualifier": qualifier,
        "country": country,
        "population": population,
        "speaker": speaker,
    }
    return sentence, record


@functools.cache
def _filler_pool(seed: int) -> tuple[list[str], int]:
    """Filler sentences drawn once per corpus (pages sample them: fast, still varied), and
    their mean length plus one (the joining space)."""
    rng = random.Random(seed)
    pool = [_filler(rng) for _ in range(FILLER_POOL_SIZE)]
    return pool, sum(map(len, pool)) // len(pool) + 1


def _filler(rng: random.Random) -> str:
    template = rng.choice(DISTRACTORS) if rng.random() < DISTRACTOR_SHARE else rng.choice(FILLER)
    return template.format(
        subject=rng.choice(SUBJECTS),
        action=rng.choice(ACTIONS),
        object=rng.choice(OBJECTS),
        time=rng.choice(TIMES),
        city=rng.choice(CITIES),
        m=rng.randint(2, 900),
        y=rng.randint(2, 12),
        p=rng.randint(2, 40),
        k=rng.randint(30, 4_000),
        small=rng.randint(2, 11),
        age=rng.randint(35, 80),
        year=rng.randint(2008, 2021),
    )


def _boilerplate(
    rng: random.Random, outlet: str, title: str, published: dt.date, budget: int
) -> tuple[str, str]:
    """The page around the article: head, header, nav, cookie banner; aside and footer, grown
    with scripts and story lists to about ``budget`` bytes."""
    nav = "".join(
        f"<li><a href='/{item.lower()}/{rng.randint(1, 99)}'>{item}</a></li>"
        for item in rng.sample(NAV_ITEMS, rng.randint(8, len(NAV_ITEMS)))
    )
    sub_nav = "".join(
        f"<li><a href='/topics/{rng.randint(100, 999)}'>{rng.choice(OBJECTS).title()}</a></li>"
        for _ in range(rng.randint(10, 40))
    )
    related = "".join(
        f"<li><a href='/story/{rng.randint(10_000, 99_999)}'>{rng.choice(SUBJECTS)} "
        f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)}</a></li>"
        for _ in range(rng.randint(6, 20))
    )
    scripts, lists, grown = [], [], 0
    while grown < budget - 3_000:  # the fixed parts below are about 3 KB
        if rng.random() < 0.4:
            values = ",".join(f'"slot{n}":{rng.randint(1, 10**6)}' for n in range(40))
            block = f"<script>window.adConfig=window.adConfig||{{{values}}};</script>"
            scripts.append(block)
        else:
            items = "".join(
                f"<li><a href='/story/{rng.randint(10_000, 99_999)}'>{rng.choice(SUBJECTS)} "
                f"{rng.choice(ACTIONS)} {rng.choice(OBJECTS)}</a></li>"
                for _ in range(8)
            )
            block = f"<section class='most-read'><h3>Most read</h3><ul>{items}</ul></section>"
            lists.append(block)
        grown += len(block)
    footer_links = "".join(
        f"<a href='/about/{word.lower()}'>{word}</a> "
        for word in ("About", "Contact", "Careers", "Privacy", "Terms", "Advertise", "Help")
    )
    iso = published.isoformat()
    head = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{title} | {outlet}</title>"
        f"<meta property='og:site_name' content='{outlet}'>"
        f"<meta property='article:published_time' content='{iso}T08:00:00Z'>"
        "<style>body{font-family:serif}.nav li{display:inline}</style>"
        "<script>window.dataLayer=window.dataLayer||[];</script>"
        f"{''.join(scripts)}</head><body>"
        f"<header><div class='logo'>{outlet}</div><nav class='nav'><ul>{nav}</ul></nav>"
        f"<nav class='topics'><ul>{sub_nav}</ul></nav></header>"
        "<div class='cookie-banner'>We use cookies to improve your experience. "
        "<button>Accept all</button> <button>Manage settings</button></div>"
        f"<main><time datetime='{iso}'>{published:%d %B %Y}</time>"
    )
    tail = (
        f"<aside class='related'><h2>More stories</h2><ul>{related}</ul>{''.join(lists)}</aside>"
        "</main>"
        f"<footer><p>&copy; {published.year} {outlet}. All rights reserved.</p>"
        f"<div class='links'>{footer_links}</div>"
        "<p>Sign up for our newsletter to get the day's top stories.</p></footer>"
        "</body></html>"
    )
    return head, tail


def _code(index: int) -> str:
    """A letters-only code unique to the page index (keeps every article text distinct)."""
    letters = ""
    index += 26**3
    while index:
        index, digit = divmod(index, 26)
        letters = chr(ord("A") + digit) + letters
    return letters


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", type=int, help="how many pages to write")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="index of the first page")
    parser.add_argument("--gzip", action="store_true", help="write .html.gz pages")
    parser.add_argument("--countries", type=int, default=0, help="limit origins (0 = all 30)")
    args = parser.parse_args(argv)
    stats = write_corpus(
        args.pages,
        args.out_dir,
        seed=args.seed,
        start=args.start,
        gzipped=args.gzip,
        countries=args.countries,
    )
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
