"""Number mentions: every way news writes a count, with the bounds its wording implies.

Bounds (``low <= value <= high`` wherever set; values are never averaged):

- exact: value only. approximately ("about", "some", "~"): value only, no band, because outlets
  round in ways no fixed band describes.
- nearly / less_than / at_most / up_to: ``high = value`` and no ``low`` ("nearly 20,000" is at
  most 20,000; the strict "<" of "fewer than" is not worth an off-by-one).
- more_than / at_least: ``low = value``.
- ranges ("between 1,000 and 1,500", "1,000-1,500", "1,000 to 1,500"): value None, low/high set,
  qualifier exact unless one is stated ("some 400-500"), as the gold has it; an estimate
  governing the range makes it approximate (``extract._qualifier``).
- vague plurals: value None, low 24/200/2000/20000/200000/2000000, qualifier at_least.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from pipelines.claims.patterns import alternation

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
]
_UNIT = alternation(_UNITS)
# South Asian English counts in lakhs (100,000) and crores (10 million): "3.5 lakh refugees".
_SOUTH_ASIAN_SCALES = {"lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000}
_SCALE_WORDS = ["hundred", "thousand", "million", "billion", *_SOUTH_ASIAN_SCALES]
_WORD = alternation([*_UNITS, *_SCALE_WORDS])
_WORDS = rf"{_UNIT}(?:(?:[\s-]+|\s+and\s+){_WORD})*"
# Spaces that group thousands: plain, no-break, narrow no-break, figure, punctuation, thin.
_GROUP_SPACE = r"[ \u00a0\u202f\u2007\u2008\u2009]"
# A separator may carry markdown's escape ("12\\.300"): text converted from markdown keeps it.
_DIGITS = (
    r"\d{1,3}(?:\\?,\d{3}){1,4}(?![\d,]*\d)"  # 20,000 (up to hundreds of trillions)
    rf"|\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}}){{1,3}}(?!{_GROUP_SPACE}?\d)"  # 20 000
    r"|\d{1,3}(?:\\?\.\d{3}){1,4}(?![\d.,]*\d)(?!\s*(?:million|billion|mn|bn)\b)"  # 11.500
    r"|\d{1,15}(?:\.\d{1,6})?(?!\d|\.\d)"
)
# Scale words after digits ("1.5 million", "3 lakh"); "k" and "m" written against the digits.
_SCALE_NAME = r"million|billion|thousand|mn|bn|lakhs?|crores?"
_SCALE = rf"(?:\s*(?:{_SCALE_NAME})\b|(?:k|m)\b(?!\.))"
_DIGIT_FIGURE = rf"(?:{_DIGITS}){_SCALE}?"
# A fraction of a scale word: "a quarter of a million", "three-quarters of a million", "a half
# million", "one and a half million", "2 and a half thousand", "a million and a half". Tried
# before the plain forms, which would read "one" or "a million" of them alone.
_FRACTION = (
    r"(?:a|one|two|three)[\s-]+(?:quarters?|thirds?|half)\s+of\s+a\s+(?:million|billion)"
    r"|a\s+(?:half|quarter)\s+(?:million|billion)"
    rf"|(?:\d{{1,3}}|{_UNIT})[\s-]+and[\s-]+a[\s-]+half[\s-]+(?:thousand|million|billion)"
    r"|a\s+(?:million|billion)\s+and\s+a\s+half"
)
_FRACTION_TEXT = re.compile(_FRACTION)
_FRACTION_PARTS = {"half": 1 / 2, "quarter": 1 / 4, "quarters": 1 / 4}
_FRACTION_PARTS |= {"third": 1 / 3, "thirds": 1 / 3}
_FIGURE = (
    rf"(?:{_FRACTION}"
    rf"|{_DIGIT_FIGURE}"
    r"|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of)\s+dozen"
    r"|half\s+a\s+(?:million|billion)|a\s+pair(?=\s+of\b)"
    r"|a\s+couple\s+(?:of\s+)?(?:hundred|thousand)"  # as "a couple of dozen" is 24
    # "a hundred", and on: "a hundred and fifty", "a thousand two hundred"
    rf"|a\s+(?:hundred|thousand|million)(?:(?:[\s-]+|\s+and\s+){_WORD})*"
    r"|the\s+(?:hundred|thousand)(?=\s+[a-z])"  # "the thousand recruits"
    rf"|{_WORDS})"
)
# A figure standing alone, digits or words ("1,200", "seven", "two dozen"): the whole after a
# partitive ("150 of its 1,200 troops", "three of the seven young men").
FIGURE_PATTERN = rf"(?:{_FIGURE})\b"
FIGURE = re.compile(rf"\s*{FIGURE_PATTERN}", re.I)
_VAGUE = (
    r"(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|tens\s+of\s+millions"
    r"|(?:a\s+few|few|several)\s+(?:dozen|hundred|thousand|million)"
    r"|dozens|hundreds|thousands|millions)"
)
# Qualifiers as the eval README maps them.
_QUALIFIERS = {
    "no more than": "at_most",
    "not more than": "at_most",
    "at most": "at_most",
    "at least": "at_least",
    "no fewer than": "at_least",
    "not fewer than": "at_least",
    "no less than": "at_least",
    "not less than": "at_least",
    "more than": "more_than",
    "upward of": "more_than",
    "upwards of": "more_than",
    "in excess of": "more_than",
    "just over": "more_than",
    "well over": "more_than",
    "over": "more_than",
    "as many as": "up_to",
    "as much as": "up_to",
    "as high as": "up_to",
    "up to": "up_to",
    "fewer than": "less_than",
    "less than": "less_than",
    "just under": "nearly",
    "under": "less_than",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "approximately": "approximately",
    "roughly": "approximately",
    "around": "approximately",
    "about": "approximately",
    "some": "approximately",
    "an estimated": "approximately",
    "estimated": "approximately",
    "~": "approximately",
}
_QUALIFIER = alternation(_QUALIFIERS)
MENTION = re.compile(
    rf"(?<![\w$£€¥.,])(?<!\d-)(?<!&\#)(?:(?P<qual>{_QUALIFIER})\s*)?"
    # A range's upper bound may carry its own qualifier ("from 5,000 to over 10,000", "between
    # 2,000 and nearly 3,000"): the range is still the two figures.
    rf"(?:between\s+(?P<b_low>{_FIGURE})\s+and\s+(?:{_QUALIFIER}\s+)?(?P<b_high>{_FIGURE})"
    rf"|(?P<r_low>{_DIGIT_FIGURE})\s*[-–—]\s*(?P<r_high>{_DIGIT_FIGURE})(?![\d-])"
    rf"|(?P<t_low>{_FIGURE})\s+to\s+(?:(?P<t_qual>{_QUALIFIER})\s+)?(?P<t_high>{_FIGURE})"
    rf"|(?P<vague>{_VAGUE})|(?P<figure>{_FIGURE}))"
    r"(?P<post>\s+or\s+more|\s+or\s+so|-plus|\+|-odd)?(?![\w]|-\d)",
    re.IGNORECASE,
)
_ANCHOR_WORDS = [*_UNITS, "dozen", "hundred", "thousand", "million", "half", "pair"]
_ANCHOR_WORDS += [w.capitalize() for w in _ANCHOR_WORDS]
_ANCHOR = re.compile(r"\d|\b" + alternation(_ANCHOR_WORDS))
_YEAR = re.compile(r"(?:18|19|20)\d\d")
_YEAR_THEN_FIGURE = 10  # "2015 to 200,000": a year, then a figure this many times larger
# How far before its first digit or number word a mention may start: "approximately " is 14
# characters, "no more than " 13, "between " 8.
_QUALIFIER_REACH = 24
_VAGUE_LOW = {"dozen": 24, "hundred": 200, "thousand": 2000, "million": 2_000_000}
_SCALES = {"thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000, "mn": 1_000_000}
_SCALES |= {"billion": 1_000_000_000, "bn": 1_000_000_000} | _SOUTH_ASIAN_SCALES
_THOUSANDS = re.compile(r"\d\\?,000$")  # a figure in whole thousands, written with a comma
_SCALE_END = re.compile(rf"(?:{_SCALE_NAME}|k|m)$")
_SMALL = {u: i for i, u in enumerate(_UNITS[:20])} | {"a": 1, "a couple of": 2}
# "from A to B" after a word of change is a figure that changed, not a range: "rose from 9,000
# to 12,000", "the number displaced increased from 1.7 million to 1.9 million", "down from".
_CHANGE = re.compile(
    r"\b(?:increas|ris|rose|grow|grew|climb|jump|swell|swoll|doubl|tripl|fall|fell|drop|declin"
    r"|cut|reduc|shr[iau]nk|slash|halv|down|up|went|gone|go|boost|rais)\w*\b"
    r"[^.;:!?\d]{0,60}\bfrom\s+$",
    re.I,
)
_CHANGE_REACH = 120


@dataclass(frozen=True)
class NumberMention:
    """One number as written: ``text[start:end]`` holds it with its qualifier words."""

    start: int
    end: int
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    vague: bool  # "hundreds", "a few dozen": a bound, not a figure
    plain_year: bool  # four bare digits 1800-2099: a year unless a qualifier says otherwise


_DIGITS_AND_SCALE = re.compile(rf"([\d.,\s\u00a0\u202f]+?)\s*({_SCALE_NAME}|k|m)?")
_SPACE = re.compile(r"[\s\u00a0\u202f]")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def parse_figure(figure: str) -> int | None:
    """The integer a written figure stands for ("20,000", "1.5 million", "two dozen", "3k")."""
    text = " ".join(figure.lower().split())
    if text.endswith("dozen"):
        head = text[: -len("dozen")].strip()
        return 12 * _SMALL[head] if head in _SMALL else None
    if text == "a pair":  # "a pair of schoolboys"
        return 2
    if text.startswith("a couple"):  # "a couple of hundred"
        return 2 * _SCALES.get(text.split()[-1], 100)
    last = text.rsplit(" ", 1)[-1]
    if last in _SOUTH_ASIAN_SCALES and not text[0].isdigit():  # "three lakh"
        count = parse_figure(text[: -len(last)])
        return None if count is None else count * _SOUTH_ASIAN_SCALES[last]
    if _FRACTION_TEXT.fullmatch(text):
        return _fraction_value(text)
    if text.startswith("a ") and len(text.split()) > 2:  # "a hundred and fifty"
        return parse_figure("one" + text[1:])
    if text.startswith(("half a ", "a ", "the ")) and not text[0].isdigit():
        scale = _SCALES.get(text.split()[-1], 100)
        return scale // 2 if text.startswith("half") else scale
    text = text.replace("\\", "")  # markdown's escaped separators: "12\\.300"
    match = _DIGITS_AND_SCALE.fullmatch(text)
    if match:
        return _digits_value(match.group(1), match.group(2))
    try:
        value: int = text2num(text.replace("-", " "), "en")  # text_to_num is untyped
    except ValueError:
        return None
    return value


def _fraction_value(text: str) -> int | None:
    """ "a quarter of a million" 250,000, "three quarters of a million" 750,000, "a half
    million" 500,000, "one and a half million" and "a million and a half" 1,500,000."""
    words = text.replace("-", " ").split()
    scale = next(_SCALES[w] for w in reversed(words) if w in _SCALES)
    if "and" in words:  # a whole number and a half
        count = parse_figure(words[0] if words[0] != "a" else "one")
        return None if count is None else round((count + 0.5) * scale)
    part = next(_FRACTION_PARTS[w] for w in words if w in _FRACTION_PARTS)
    return round(_SMALL[words[0]] * part * scale)  # "a", "one", "two" or "three" parts


def _digits_value(digits: str, scale: str | None) -> int | None:
    """Digits with thousands separators (comma, space, dot) or a decimal point, times a scale."""
    digits = _SPACE.sub("", digits)
    if _COMMA_THOUSANDS.fullmatch(digits):
        digits = digits.replace(",", "")
    elif scale is None and _DOT_THOUSANDS.fullmatch(digits):
        digits = digits.replace(".", "")  # "11.500": dots for thousands
    try:
        number = float(digits.replace(",", ""))
    except ValueError:
        return None
    return round(number * _SCALES.get(scale, 1)) if scale else round(number)


def _vague_low(text: str) -> int:
    words = text.lower().split()
    if words[0] == "tens":
        return 20 * _SCALES[words[-1].rstrip("s")]
    if words[0] == "hundreds" and len(words) > 1:
        return 200 * _SCALES[words[-1].rstrip("s")]
    return _VAGUE_LOW[words[-1].rstrip("s")]


def _bounds(value: int, qualifier: str) -> tuple[int | None, int | None]:
    if qualifier in ("nearly", "less_than", "at_most", "up_to"):
        return None, value
    if qualifier in ("more_than", "at_least"):
        return value, None
    return None, None


def _range(low_text: str, high_text: str) -> tuple[int, int] | None:
    low, high = parse_figure(low_text), parse_figure(high_text)
    if low is None or high is None:
        return None
    scale = _SCALE_END.search(high_text.strip().lower())
    if scale and not _SCALE_END.search(low_text.strip().lower()) and low < high / 1000:
        low = parse_figure(f"{low_text} {scale.group()}")  # "1 to 1.5 million"
    elif _THOUSANDS.search(high_text) and low_text.strip().isdigit() and low * 1000 < high:
        low *= 1000  # "2-3,000", "10 to 15,000": the thousands are said once, for both
    return (low, high) if low is not None and 0 < low < high else None


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
    """Every number mention in ``text[start:end]``, in order."""
    end = len(text) if end is None else end
    mentions = []
    # The full pattern runs only near a digit or number word, from where its qualifier could
    # start: most text holds no number (4x faster on real pages than scanning everything).
    while anchor := _ANCHOR.search(text, start, end):
        match = MENTION.search(text, max(start, anchor.start() - _QUALIFIER_REACH), end)
        if match is None:
            break
        changed = _after_from(text, match.start()) and _CHANGE.search(
            text, max(0, match.start() - _CHANGE_REACH), match.start()
        )
        if match["t_low"] and (changed or _year_then_figure(match)):
            mentions += _change(match)
        elif (mention := _mention(match)) is not None:
            mentions.append(mention)
        start = max(match.end(), anchor.end()) if match.end() > start else anchor.end()
    return mentions


def _after_from(text: str, position: int) -> bool:
    """Whether "from" and a space come right before ``position``: where a word of change may
    govern the figure (``_CHANGE`` needs it, and is slow to find it has none)."""
    before = text[max(0, position - _CHANGE_REACH) : position]
    return before[-1:].isspace() and before.rstrip()[-4:].lower() == "from"


def _year_then_figure(match: re.Match[str]) -> bool:
    """Whether "A to B" is a year and a figure far above it, not a range: "push arrivals for
    2015 to 200,000" (but "1,900 to 2,000 fighters" is one)."""
    low, high = match["t_low"].strip(), match["t_high"].strip()
    if not _YEAR.fullmatch(low) or _YEAR.fullmatch(high):
        return False
    figure = parse_figure(high)
    return figure is not None and figure > _YEAR_THEN_FIGURE * int(low)


def _change(match: re.Match[str]) -> list[NumberMention]:
    """A change ("rose from 1.7 million to 1.9 million"): the figure before and the one after."""
    found = []
    for group in ("t_low", "t_high"):
        value = parse_figure(match[group])
        if not value:
            continue
        # Each figure has its own qualifier: "from about 3,000 to over 5,000".
        said = match["qual"] if group == "t_low" else match["t_qual"]
        qualifier = _QUALIFIERS[said.lower()] if said else "exact"
        start = match.start() if group == "t_low" else match.start("t_qual" if said else group)
        year = bool(_YEAR.fullmatch(match[group].strip())) and qualifier == "exact"
        found.append(
            NumberMention(
                start, match.end(group), value, *_bounds(value, qualifier), qualifier, False, year
            )
        )
    return found


def _mention(match: re.Match[str]) -> NumberMention | None:
    qualifier = _QUALIFIERS[match["qual"].lower()] if match["qual"] else "exact"
    post = (match["post"] or "").strip().lower()
    if post:
        qualifier = {"or more": "at_least", "-odd": "approximately", "or so": "approximately"}.get(
            post, "more_than"
        )
    span = (match.start(), match.end())
    if match["vague"]:
        return NumberMention(*span, None, _vague_low(match["vague"]), None, "at_least", True, False)
    low_text = match["b_low"] or match["r_low"] or match["t_low"]
    if low_text:
        bounds = _range(low_text, match["b_high"] or match["r_high"] or match["t_high"])
        if bounds is None:
            return None
        years = all(
            _YEAR.fullmatch(t.strip())
            for t in (low_text, match["b_high"] or match["r_high"] or match["t_high"])
        )
        # A range is as exact as its words say: "1,000 to 1,500" is, "some 400-500" is not.
        stated = _QUALIFIERS[match["qual"].lower()] if match["qual"] else "exact"
        return NumberMention(*span, None, *bounds, stated, False, years)
    value = parse_figure(match["figure"])
    if not value or value < 1:
        return None
    low, high = _bounds(value, qualifier)
    year = bool(_YEAR.fullmatch(match["figure"])) and not match["qual"]
    return NumberMention(*span, value, low, high, qualifier, False, year)
