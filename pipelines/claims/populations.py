"""What a number counts: the noun phrase after it, looked up in ``data/populations.yml``.

A count is a claim only when its head noun names people of interest ("3,000 volunteers") or
names people generically ("300 people", "300 Norwegians") and the words that follow say what
they do ("have fled", "volunteered to join"). The walk from the number to its head skips only
words that read as modifiers (adjectives, demonyms, names, hyphenated words), so "ten buses
carrying refugees" does not count buses as refugees.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, cast

import yaml

from pipelines.claims.countries import country_at, demonyms, find_countries
from pipelines.claims.model import COUNT_OF_COUNTRIES
from pipelines.claims.numbers import FIGURE
from pipelines.claims.patterns import alternation

_DATA = Path(__file__).resolve().parent.parent / "data"
_TOKEN = re.compile(r"\s*([\w’'.-]+|[^\w\s])")
AGE_NOUN = "year-olds"  # a generic noun, as "people" is: "the two 17-year-olds"
_PARTITIVE = re.compile(r"\s+of(?:\s+(?:the|its|their|his|her|our|these|those))?(?=\s)", re.I)
_ADJECTIVE = re.compile(
    r"(?:[a-z]+(?:ed|ing|ian|ish|ese|al|ic|ive|ous|ful|less|ern|ary|ent|ant|ile|ite|ly)"
    r"|foreign|international|more|other|new|young|old|former|further|additional|extra|armed"
    r"|elite|regular|western|eastern|so-called|would-be|ex|fellow|active|enemy|trained|best"
    r"|runaway|\w+-\w+)",
)
# Nouns used as gerunds after a determiner ("in the fighting") are not cues.
_NOUN_USE = re.compile(r"(?:the|in|during|of|heavy|fierce|recent)\s+$", re.I)
_VERB_FORM = re.compile(r"(?:ed|ing|fled|left|fought|up|arms|flee|join|enlist)$", re.I)
_TRAVEL_REACH = 80  # chars: "Kosovars (are thought to) have travelled to Syria"
_CUE_WINDOW_WORDS = 15  # cues further than this from the noun belong to another clause
# A weak cue's object comes within 6 words ("joined the resistance to the (Russian) occupiers").
_OBJECT_WINDOW = re.compile(r"(?:\W*\w+){0,6}")
_TOWARDS = re.compile(r"\s+to\b", re.I)
_NAME_WORD_BEFORE = re.compile(r"\b([A-Z][\w’'-]*)\s+$")


class _Group(TypedDict, total=False):
    core: list[str]
    generic: list[str]


class _Lexicon(TypedDict):
    """``data/populations.yml``: word lists, and word lists by group or population."""

    groups: dict[str, _Group]
    generic: list[str]
    cues: dict[str, list[str]]
    travel: list[str]
    units: dict[str, list[str]]
    weak_cues: list[str]
    cue_objects: list[str]
    other_people: list[str]
    agent_shaped_things: list[str]
    things_after_demonyms: list[str]
    noun_modifiers: list[str]
    function_words: list[str]


@dataclass(frozen=True)
class Head:
    """The head noun of a counted phrase and what it names."""

    start: int
    end: int
    noun: str  # lowercase as written; for a demonym head, the demonym
    group: str | None  # None for generic nouns, whose group comes from a cue
    core: bool
    demonym: str | None  # a demonym or adjective within the phrase ("Norwegian", "Britons")


@functools.cache
def _lexicon() -> _Lexicon:
    with (_DATA / "populations.yml").open(encoding="utf-8") as handle:
        # YAML is untyped: trust the file, which is under version control, to have this shape.
        return cast(_Lexicon, yaml.safe_load(handle))


@functools.cache
def nouns() -> dict[str, tuple[str | None, bool]]:
    """Lowercase noun -> (group, core). Generic nouns outside groups have group None."""
    table: dict[str, tuple[str | None, bool]] = {n: (None, False) for n in _lexicon()["generic"]}
    for group, entry in _lexicon()["groups"].items():
        table.update({n: (group, True) for n in entry.get("core", [])})
        table.update({n: (group, False) for n in entry.get("generic", [])})
    return table


@functools.cache
def _noun_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(nouns())})(?![\w-])", re.I)


@functools.cache
def _cue_words() -> tuple[re.Pattern[str], dict[str, str]]:
    """All cue words as one alternation, and the population each implies."""
    population_of = {
        word.lower(): population
        for population, words in _lexicon()["cues"].items()
        for word in words
    }
    return re.compile(rf"\b{alternation(population_of)}\b", re.I), population_of


@functools.cache
def _travel_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation(_lexicon()['travel'])}\s+(?:the\s+)?", re.I)


@functools.cache
def _unit_pattern() -> re.Pattern[str]:
    parts = [
        rf"(?P<{population}>\b{alternation(words)}\b)"
        for population, words in _lexicon()["units"].items()
    ]
    return re.compile("|".join(parts), re.I)


def unit_cue(text: str, start: int, end: int) -> str | None:
    """The population a military unit named in ``text[start:end]`` implies ("legion")."""
    clause_start = max(text.rfind(",", start, end), text.rfind(";", start, end), start)
    units = list(_unit_pattern().finditer(text, clause_start, end))
    return units[-1].lastgroup if units else None


def cue_group(population: str) -> str:
    """The series a cue's population belongs to ("volunteers" -> "foreign_volunteers")."""
    return nouns()[population][0] or population


def cues_in(text: str) -> tuple[str, ...]:
    """The populations every cue in ``text`` implies ("joined", "fled": volunteers, refugees),
    sorted (a set's order changes from one process to the next)."""
    pattern, population_of = _cue_words()
    found = {population_of.get(word.lower()) for word in pattern.findall(text)}
    return tuple(sorted(population for population in found if population is not None))


def find_cue(text: str, start: int, end: int) -> str | None:
    """The population the first cue in ``text[start:end]`` implies ("fled" -> "refugees")."""
    limit = start
    for _ in range(_CUE_WINDOW_WORDS):
        match = re.compile(r"\s*\S+").match(text, limit, end)
        if not match:
            break
        limit = match.end()
    pattern, population_of = _cue_words()
    for match in pattern.finditer(text, start, limit):
        word = match.group().lower()
        if word == "fighting" and _NOUN_USE.search(text[start : match.start()]):
            continue
        if (
            word in _weak_cues()
            and not _has_object(text, match.end(), limit)
            and not (word in _FLIGHT and _flight_of_locals(text, start, match.end()))
        ):
            continue
        population = population_of.get(word)
        if population == "refugees" and _TOWARDS.match(text, match.end()):
            # Fled to a place to fight there ("fled to Syria to join the jihadists"): the
            # purpose says who they are.
            purpose = find_cue(text, match.end(), limit)
            if purpose in ("fighters", "volunteers"):
                return purpose
        return population
    return None


def travel_cue(text: str, start: int, end: int) -> str | None:
    """Fighters, when travel to a named country follows ("Kosovars travelled to Syria")."""
    for travel in _travel_pattern().finditer(text, start, min(end, start + _TRAVEL_REACH)):
        if _country_at(text, travel.end()):
            return "fighters"
    return None


# A place's people fleeing with nothing after the verb flee danger ("the town burned as 10,000
# residents fled."); others may flee a fire or a scene ("30 of these men had fled").
_FLIGHT = frozenset({"fled", "flee", "fleeing"})
_CLAUSE_ENDS = re.compile(r"\s*(?:[.,;!?]|$)")
LOCALS = r"(?:residents|villagers|inhabitants|locals)"  # a place's people
_LOCALS_BEFORE = re.compile(rf"\b{LOCALS}\s*$", re.I)


def _flight_of_locals(text: str, start: int, cue_end: int) -> bool:
    """Whether a flight cue ending at ``cue_end`` ends its clause after a place's people, the
    noun ending at ``start``."""
    return bool(
        _CLAUSE_ENDS.match(text, cue_end) and _LOCALS_BEFORE.search(text, max(0, start - 20), start)
    )


@functools.cache
def _weak_cues() -> frozenset[str]:
    return frozenset(_lexicon()["weak_cues"])


@functools.cache
def _object_pattern() -> re.Pattern[str]:
    return re.compile(rf"\b{alternation(_lexicon()['cue_objects'])}\b", re.I)


def _has_object(text: str, pos: int, end: int) -> bool:
    """Whether a war-related object or a country follows a weak cue within a few words."""
    reach = _OBJECT_WINDOW.match(text, pos, end)
    assert reach is not None  # the pattern matches the empty string, so it always matches
    window = reach.end()
    if _object_pattern().search(text, pos, window):
        return True
    return any(not c.demonym or c.code for c in find_countries(text, pos, window))


def _country_at(text: str, pos: int) -> bool:
    found = find_countries(text, pos, min(len(text), pos + 40))
    return bool(found) and found[0].start == pos and not found[0].demonym


def cue_at(text: str, pos: int) -> str | None:
    """The population a verb cue starting exactly at ``pos`` implies ("fled" -> "refugees").

    Only verb forms count: "four volunteer physicians" has no verb after its number.
    """
    pattern, population_of = _cue_words()
    match = pattern.match(text, pos)
    if match is None or not _VERB_FORM.search(match.group()):
        return None
    return population_of.get(match.group().lower())


# The rules and the scope model read the same mention's head and counted word: found once.
@functools.lru_cache(maxsize=256)
def find_head(
    text: str, pos: int, end: int, max_words: int = 5, singular: bool = False
) -> Head | None:
    """The people noun heading the phrase that starts at ``pos`` (right after a number).

    ``singular``: the number is one, so a singular demonym can head it ("one Dane").
    """
    partitive = _PARTITIVE.match(text, pos, end)
    if partitive:
        pos = partitive.end()
        whole = FIGURE.match(text, pos, end)
        if whole is not None:  # "150 of its 400 troops": the part counts what the whole does
            pos = whole.end()
    demonym: str | None = None  # the last demonym or country adjective seen
    plural: Head | None = None  # "300 Norwegians": the head unless a noun follows
    index = 0  # words read; a comma between modifiers is no word
    while index < max_words:
        token = _TOKEN.match(text, pos, end)  # the word read next, unless a noun is there
        if token and _AGE.fullmatch(age := token.group(1).lower()):
            if age.endswith("s"):  # "the two 17-year-olds": people of an age, a generic noun
                return Head(token.start(1), token.end(), AGE_NOUN, None, False, demonym)
            pos = token.end()  # "three 15-year-old British schoolgirls": a modifier
            index += 1
            continue
        noun = _noun_pattern().match(text, _skip_space(text, pos), end)
        if (
            noun
            and noun.start() > pos - 1
            and (noun.start() == pos or text[pos].isspace())
            and not (index > 0 and _in_a_name(text, noun))
        ):
            group, core = nouns()[noun.group().lower()]
            return Head(noun.start(), noun.end(), noun.group().lower(), group, core, demonym)
        if not token:
            return plural
        word, token_end = _demonym_of_words(text, token, end)
        if word not in demonyms():
            word = word.rstrip(".’'")  # "four Americans.", "Britons’ families"
        if word in demonyms():
            demonym = word
            # Only a plural demonym ("Norwegians", "Sudanese", not "Russian") can head the
            # phrase itself.
            if (
                singular
                or (word.endswith("s") and not word.endswith("ss"))
                or _SAME_PLURAL.search(word)
            ):
                start = token.start(1)
                plural = Head(start, start + len(word), word.lower(), None, False, word)
        elif index > 0 and _listed_modifier(text, word, token_end, end):
            index -= 1
        elif not _is_modifier(word, index > 0):
            return plural
        pos = token_end
        index += 1
    return plural


def _in_a_name(text: str, noun: re.Match[str]) -> bool:
    """Whether a count-of-countries noun is the last word of a name ("100 United Nations
    peacekeepers", "First Nations"): capitalized after a capitalized word that names no
    country's people ("30 African Nations" in a headline still counts nations)."""
    if not noun.group()[:1].isupper() or nouns()[noun.group().lower()][0] != COUNT_OF_COUNTRIES:
        return False
    before = _NAME_WORD_BEFORE.search(text, max(0, noun.start() - 40), noun.start())
    return before is not None and before.group(1) not in demonyms()


def _listed_modifier(text: str, word: str, pos: int, end: int) -> bool:
    """A comma between modifiers of one noun ("8,000 combat, aviation and support troops"):
    only when a modifier follows it, so "300 injured, soldiers said" keeps its comma."""
    if word != ",":
        return False
    token = _TOKEN.match(text, pos, end)
    if token is None:
        return False
    after = token.group(1)
    return after.lower() not in nouns() and _is_modifier(after, False)


def _demonym_of_words(text: str, token: re.Match[str], end: int) -> tuple[str, int]:
    """The demonym of several words starting with ``token`` ("South Africans", "Papua New
    Guineans") and where it ends, else the token's word and end: word by word, "South" would be
    a modifier and "Africans" a region's people."""
    found = country_at(text, token.start(1), end)
    if (
        found is not None
        and " " in found.word
        and found.word in demonyms()
        and text[found.end : found.end + 1] not in ("-", "’", "'")  # "South African-born"
    ):
        return found.word, found.end
    return token.group(1), token.end()


def _demonym_before(window: str) -> str | None:
    """The demonym that ends ``window`` before its last spaces ("South African" before
    "volunteers", not the region "African"), if any."""
    words = window.rstrip()
    if len(words) == len(window):
        return None  # the noun is joined to what comes before it
    found = find_countries(words, max(0, len(words) - _LONGEST_DEMONYM))
    last = found[-1] if found else None
    return last.word if last and last.end == len(words) and last.word in demonyms() else None


# Agent nouns name people ("prisoners", "evacuees", "loyalists", "Chechens" aside).
_AGENT_NOUN = re.compile(r"[a-z]+(?:ers|ors|ists|ees|ants|ents|ians|ites|men)")
_THEM = re.compile(r"(?:them|whom|those|these|us|which|all)\b", re.I)
_OF = re.compile(r"\s+of\s+(?:(?:the|its|their|his|her|our|these|those)\s+)?", re.I)
_MODIFIERS_SKIPPED = 3
# Demonyms whose plural is the singular: "700 Sudanese have fled", "300 Swiss", "500 Rohingya".
_SAME_PLURAL = re.compile(r"(?:ese|Swiss|Rohingya)$")
# An age written as one compound word: "17-year-old", "two-year-olds".
_AGE = re.compile(r"(?:\d+|[a-z]+(?:-[a-z]+)?)-(?:year|month)-olds?")
_LONGEST_DEMONYM = 30  # characters: "Papua New Guineans" and the like
_DEMONYM_REACH = 60  # characters before a noun searched for its demonym


@functools.cache
def _word_sets() -> tuple[frozenset[str], frozenset[str]]:
    lexicon = _lexicon()
    return frozenset(lexicon["function_words"]), frozenset(lexicon["other_people"]) | set(nouns())


@functools.cache
def _things_after() -> frozenset[str]:
    return frozenset(_lexicon()["things_after_demonyms"])


@functools.cache
def _agent_shaped_things() -> frozenset[str]:
    return frozenset(_lexicon()["agent_shaped_things"])


def _agent_or_thing(word: str) -> str:
    """ "agent" for a word formed as an agent noun, unless the lexicon knows it for a thing."""
    if _AGENT_NOUN.fullmatch(word) and word not in _agent_shaped_things():
        return "agent"
    return "thing"


@functools.lru_cache(maxsize=256)
def counted_word(text: str, pos: int) -> str:
    """What the phrase after a number (at ``pos``) says the number counts, as a class.

    "people": a people noun ("40 hostages"); "agent": a word formed as an agent noun
    ("prisoners", "loyalists"); "name": a capitalized word ("Islamic State", "Peshmerga");
    "none": no noun (punctuation, a verb, a pronoun, "have been rescued", "of them": the noun
    is left out); "number": another number follows; "thing": any other noun ("24 hours",
    "positive cases", "a 28-month siege"); "rate": a percentage. After "of", the class of what
    follows it, prefixed "of_" ("thousands of cases" is "of_thing").
    """
    if text[pos : pos + 1] == "-" and text[pos + 1 : pos + 2].isalpha():
        return "thing"  # "a 28-month siege", "five-year-old"
    prefix = ""
    partitive = _OF.match(text, pos)
    if partitive:
        if _THEM.match(text, partitive.end()):
            return "none"
        prefix, pos = "of_", partitive.end()
    function_words, people = _word_sets()
    for _ in range(_MODIFIERS_SKIPPED + 1):
        token = _TOKEN.match(text, pos)
        if token is None:
            return prefix + "none"
        word = token.group(1).rstrip(".’'")
        lower = word.lower()
        if _AGE.fullmatch(lower):
            if lower.endswith("s"):
                return prefix + "people"  # "two 17-year-olds"
            pos = token.end()  # "two 17-year-old boys": the noun is further on
            continue
        whole = FIGURE.match(text, pos) if prefix else None
        if whole is not None:  # "1,000 of the 11,000 troops": what the whole counts
            pos = whole.end()
            continue
        if word[:1].isdigit():  # "²" and "①" too, which \d does not take
            return prefix + "number"  # "10 20 30": a list or a table, not a count
        if not word[:1].isalpha():
            return prefix + ("rate" if word == "%" else "none")
        if lower in ("percent", "per", "pc"):
            return prefix + "rate"
        if lower in people:
            return prefix + "people"
        if word in demonyms():
            following = _TOKEN.match(text, token.end())
            thing = following is not None and following.group(1).lower() in _things_after()
            return prefix + ("thing" if thing else "people")  # "three Russian airstrikes"
        if lower in function_words:
            return prefix + "none"
        if word[0].isupper():
            return prefix + "name"
        modifier = bool(_ADJECTIVE.fullmatch(lower)) or lower in _noun_modifiers()
        if not modifier or lower.endswith("ed"):
            compound = _TOKEN.match(text, token.end())
            head = compound.group(1).lower() if compound else ""
            if not lower.endswith("ed") and head in people:
                return prefix + "people"  # a noun before the head ("security guards")
            if not lower.endswith("ed") and _agent_or_thing(head) == "agent":
                return prefix + "agent"  # "security contractors"
            break
        pos = token.end()  # a modifier: the noun is further on ("positive cases", "east London")
    else:
        return prefix + "thing"
    if lower.endswith("ed"):  # a verb ("40 stayed"), unless it qualifies people ("trained men")
        following = _TOKEN.match(text, token.end())
        noun = following.group(1).lower() if following else ""
        if noun in people:
            return prefix + "people"
        return prefix + ("agent" if _agent_or_thing(noun) == "agent" else "none")
    return prefix + _agent_or_thing(lower)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _is_modifier(word: str, conjunction_ok: bool) -> bool:
    if word in ("and", "or"):
        return conjunction_ok
    if not word[:1].isalpha():
        return False
    if word[0].isupper():
        return True
    lower = word.lower()
    return bool(_ADJECTIVE.fullmatch(word)) or lower in nouns() or lower in _noun_modifiers()


@functools.cache
def _noun_modifiers() -> frozenset[str]:
    return frozenset(_lexicon()["noun_modifiers"])


@dataclass(frozen=True)
class Context:
    """The sentences just before a mention's: their text, and the people nouns they name (each
    sentence's found once, not again for every window of sentences it is part of)."""

    text: str = ""
    heads: tuple[Head, ...] = ()

    @classmethod
    def of(cls, sentences: Sequence[str]) -> Context:
        heads = tuple(h for sentence in sentences for h in _heads(sentence))
        return cls(" ".join(sentences), heads)


def heads_before(text: str, end: int) -> tuple[Head, ...]:
    """People nouns in ``text[:end]`` with any demonym right before them, in order."""
    return tuple(h for h in _heads(text) if h.end <= end)


@functools.lru_cache(maxsize=64)
def _heads(text: str) -> tuple[Head, ...]:
    """Every people noun of ``text``; cached: a sentence is read once per number in it, and
    again as the context of the sentences after it."""
    return tuple(_find_heads(text))


@functools.cache
def _noun_in_text(ignore_case: bool = True) -> re.Pattern[str]:
    """A people noun where a word starts (not inside a word, not after a hyphen: "ex-special
    forces" counts "forces"); one pass of the noun trie over the text, faster than looking up
    each word. Without ``ignore_case``, for lowercase text."""
    start = r"(?<![^\W_])(?<!-)"
    if not ignore_case:
        return re.compile(rf"{start}(?=[a-z]){_noun_pattern().pattern}")
    return re.compile(rf"{start}(?=[A-Za-z]){_noun_pattern().pattern}", re.I)


def _find_heads(text: str) -> Iterator[Head]:
    # ASCII text is read lowercased, without IGNORECASE, which makes ``re`` twice as slow; other
    # text keeps it (lowercasing can change its length and what some letters match).
    ascii_text = text.isascii()
    read = text.lower() if ascii_text else text
    for noun in _noun_in_text(ignore_case=not ascii_text).finditer(read):
        # The words right before: a demonym is shorter than this window, and a window keeps the
        # search linear in the text (a whole-prefix search made a page's cost quadratic).
        demonym = _demonym_before(text[max(0, noun.start() - _DEMONYM_REACH) : noun.start()])
        group, core = nouns()[noun.group().lower()]
        yield Head(noun.start(), noun.end(), noun.group().lower(), group, core, demonym)


def names_people_of_interest(text: str, times: int, excluded_group: str) -> bool:
    """Whether ``text`` names people of interest (a core noun, not of ``excluded_group``) at
    least ``times`` times; reads only as far as it must."""
    found = (h for h in _find_heads(text) if h.core and h.group != excluded_group)
    return sum(1 for _ in itertools.islice(found, times)) >= times
