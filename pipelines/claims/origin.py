"""Whose people a claim counts when its phrase does not say: a learned choice among the
countries the document names.

The rules read an origin off the counted phrase ("300 Norwegians", "troops sent from Chad");
when it names none, news often says it elsewhere: in the headline, in the sentence before, as
the subject of the story ("Britain's jihadists ... Around 400 are believed to have
travelled"), while a country in the sentence is where the people went or are ("... travelled
to Syria"). Every country the document names near the claim is a candidate, and so is "none"
(a total or a mixed group); each is described by where and how it is named (in the phrase, in
the sentence, after which word and whether as where people are or go, in the sentences before,
in the headline, how often in the document, as a name or a demonym, how often as where people
are). The country a document names clearly most, three times or more, is a candidate however
far back it was named: a story about one nationality often stops repeating it. A conditional
logit trained on the corpus's tuning part (`headcount train`) scores them; the best wins. The
model never overrules an origin the phrase gives, nor gives one to people the text says come
from many places ("foreign volunteers", "fighters from 30 countries"): on held-out documents
either cost more than it gained. Without the weights file a claim whose phrase names no origin
has none.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pipelines.claims import linear
from pipelines.claims.countries import (
    CountryMention,
    find_cities,
    find_countries,
    names_a_striker,
)
from pipelines.claims.populations import counted_word
from pipelines.claims.sentences import Sentence

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "origin.json"
_CONTEXT = 3  # sentences before the claim's whose countries are candidates
_PHRASE = 60  # characters after a number read as its phrase ("300 young men from Norway")
_CLAUSE = 120  # ... and at most this far when its clause runs on
_DIGIT = re.compile(r"\d")  # where the next figure, and so its phrase, starts
_CLAUSE_BREAK = re.compile(r"[,;:()]|\s[-–—]\s")
_WORD_BEFORE = re.compile(r"([A-Za-z’']+)\W*(?:the\s+)?$")
_WORD_REACH = 60  # characters before a country searched for the word before it
# What introduces the parts of a group: their origins are not the whole's.
_PART = re.compile(
    r"\b(?:including|among them|among whom|of whom|of them|mostly|mainly)\b|:\s", re.I
)
# A country's possessive and up to two words before the noun it governs: "Turkey's state-run
# agency", "Russia's full-scale invasion", "Italy's southern coast".
_POSSESSIVE_PHRASE = r"(?:’s|'s)\s+(?:[\w-]+\s+){0,2}?"
# A country naming an institution ("the Georgian Legion", "the Russian army", "British police",
# "Turkey's state-run agency") says whose institution it is, not whose people are counted: the
# sentence's evidence skips it.
_INSTITUTION = re.compile(
    rf"(?:{_POSSESSIVE_PHRASE}|\s+)"
    r"(?:legion|army|armed forces|forces|military|battalion|brigade|unit|government"
    r"|authorities|officials?|police|ministry|embassy|president|prime minister|parliament"
    r"|security services?|intelligence|media|state|border guards?|coast ?guards?|navy"
    r"|diplomats?|ambassador|envoy|spokes(?:man|woman|person)|minister|sources?|newspapers?"
    r"|news agency|agency|television|tv|press)\b",
    re.I,
)
# A phrase that says its people come from many places ("20,000 foreign nationals", "volunteers
# from 52 countries", "from 35 Caribbean countries", "from other ex-Soviet nations", "fighters
# from abroad", "a UN peacekeeping force", "EU nationals") counts no single country's.
_MANY_ORIGINS = re.compile(
    r"\b(?:foreign(?:ers?)?|international|abroad|overseas|nationalities|around the world"
    r"|(?:other|many|several|various|different|\d+|\w+ty|\w+teen)\s+(?:[\w-]+\s+)?"
    r"(?:countries|nations)"
    r"|Middle East|Gulf states|Balkans|Caucasus|Sahel|Maghreb|Levant|Westerners"
    r"|(?:United Nations|UN|U\.N\.|NATO|coalition|multinational|African Union)\s+"
    r"(?:peacekeep\w*|forces?|troops|soldiers|mission|contingent)|peacekeep\w*|EU|European Union"
    r"|(?<!South )Africa(?:ns?)?|(?:Central |South |Southeast |East )?Asia(?:ns?)?"
    r"|(?:Latin|South) America(?:ns?)?|(?:Eastern |Western |Central )?Europe(?:ans?)?)\b",
    re.I,
)
# "abroad" after a verb of going says where people went, not where they are from: "fled
# abroad", "travelled overseas to fight", "go and fight abroad".
_GONE_BEFORE = re.compile(
    r"\b(?:fled|flee\w*|gone|go|goes|going|went|travel\w*|move[ds]?|moving|head(?:ed|ing|s)?"
    r"|left|leav(?:e|es|ing)|sent|send\w*|deploy\w*|fight\w*|fought|serv(?:e|ed|es|ing)"
    r"|emigrat\w+|escap\w+|station\w*|based|work\w*|stud(?:y|ied|ying))\s+$",
    re.I,
)
_GONE_REACH = 20  # characters before "abroad" where the verb of going is


def _names_many_origins(text: str) -> bool:
    """Whether ``text`` says its people come from many countries ("foreign fighters", "from 40
    countries", "Europeans"), not only that they went abroad."""
    for match in _MANY_ORIGINS.finditer(text):
        went = match.group().lower() in ("abroad", "overseas") and _GONE_BEFORE.search(
            text, max(0, match.start() - _GONE_REACH), match.start()
        )
        if not went:
            return True
    return False


_LEFT_FROM = re.compile(
    r"\b(?:fled|flee|flees|fleeing|escaped|escaping|left|leaving|out of|exodus from)"
    r"\s+(?:from\s+)?(?:the\s+)?$",
    re.I,
)
_FLED_MIN = 1  # the country people leave is named at least this often so
_FLED_RATIO = 1.5  # ... and this many times as often as the next one
_PLACE_BEFORE = re.compile(
    r"\b(?:in|from|to|near|of|at|outside|into|around|across|via|towards?|fled|left|leaving"
    r"|fleeing|reached|entered)\s+(?:the\s+)?$"
)
# A country named as where people are or go in the claim's sentence: "reached Italy", "off
# the coast of Libya", "near Mauritania's capital".
_AT_PLACE = re.compile(
    r"\b(?:in|into|to|off|near|at|reached|reach|reaching|entered|entering|across|towards?"
    r"|onto|inside|coast\s+of|shores\s+of)\s+(?:the\s+)?$",
    re.I,
)
_PLACE_OF = re.compile(
    rf"{_POSSESSIVE_PHRASE}(?:capital|coast|coastline|islands?|border|shores?|waters"
    r"|city|port|mainland|territory)\b",
    re.I,
)
_SOURCE_BEFORE = re.compile(r"\baccording to\s+(?:the\s+)?$", re.I)
_SUBJECT_MIN = 3  # times a country is named, at least, to be what the story is about
_LOCATED_IN = re.compile(r"\b(?:in|into|inside|to)\s+(?:the\s+)?$")
_POSSESSIVE = re.compile(r"’s|'s")
_NONE = None
# A person introduced with their country: "Russian President Vladimir Putin", "Chad's leader
# Idriss Deby", "Britain's Boris Johnson". Their surname stands for that country's decisions.
_TITLE = (
    r"(?i:(?:president|prime minister|premier|leader|chancellor|king|foreign minister"
    r"|defen[cs]e minister|minister|general|commander|dictator|ruler)\s+)?"
)
_INTRODUCED = re.compile(
    rf"^(?:’s|'s)?\s+{_TITLE}(?P<name>(?:[A-Z][\w’'-]+\s+){{0,2}}(?P<surname>[A-Z][\w’'-]+))"
)
# Troops a person sent: "the 150,000 troops Putin deployed", "forces that Deby sent".
_SENT_BY = re.compile(
    r"^[^.;,]{0,40}?\b(?:that\s+|which\s+)?(?P<who>[A-Z][\w’'-]+)\s+(?:has\s+|had\s+)?"
    r"(?:sent|deployed|dispatched|massed|amassed|stationed)\b"
)


@dataclass(frozen=True)
class Candidate:
    """A possible origin (None: no single country) and what describes it."""

    code: str | None
    features: dict[str, float]


class DocumentCountries:
    """The countries a document names, found once, looked up by position."""

    def __init__(self, text: str, sentences: list[Sentence]) -> None:
        self.text = text
        countries = [m for m in find_countries(text) if m.code]
        named = {(m.start, m.end) for m in countries}
        cities = [
            m
            for m in find_cities(text)
            if (m.start, m.end) not in named and _names_a_place(text, m)
        ]
        self.mentions = sorted(countries + cities, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.sentences = sentences
        counts = Counter(m.code for m in self.mentions)
        self.rank = _ranks(counts)
        self.share = {code: n / len(self.mentions) for code, n in counts.items()}
        demonyms = Counter(m.code for m in self.mentions if m.demonym)
        self.demonym_rank = _ranks(demonyms)
        self.fled = self._fled_country()
        located = Counter(
            m.code
            for m in self.mentions
            if not m.demonym and _LOCATED_IN.search(text, max(0, m.start - 12), m.start)
        )
        # How much of its naming puts people in a country ("troops in Afghanistan"): where the
        # story happens, not whose people it counts.
        self.located = {code: located[code] / n for code, n in counts.items()}
        ranked = counts.most_common(2)
        clear = ranked and (len(ranked) == 1 or ranked[0][1] >= _FLED_RATIO * ranked[1][1])
        # The country the document names clearly most often: where its conflict is.
        self.main: str | None = ranked[0][0] if clear else None
        # ... and the one a story is about: named clearly most, and again and again.
        self.subject = self.main if self.main and counts[self.main] >= _SUBJECT_MIN else None

    @functools.cached_property
    def leaders(self) -> dict[str, str]:
        """Surname -> country of each person the document introduces with a country and a
        title ("Russian President Vladimir Putin") or a possessive ("Chad's Idriss Deby")."""
        found: dict[str, str] = {}
        for m in self.mentions:
            if m.city or not m.code:
                continue
            introduced = _INTRODUCED.match(self.text[m.end : m.end + 80])
            if not introduced or not (introduced.group().strip()[:1] in "’'" or m.demonym):
                continue
            title = introduced.group()[: introduced.start("name")].strip(" ’'s")
            if m.demonym and not title:
                continue  # "Russian Orthodox Church": a demonym needs a title before the name
            found.setdefault(introduced["surname"], m.code)
        return found

    def sender(self, after: str) -> str | None:
        """The country of a person said to have sent the troops counted just before ``after``
        ("150,000 troops Putin deployed"), if the document introduced them with it."""
        sent = _SENT_BY.match(after)
        return self.leaders.get(sent["who"]) if sent else None

    def _fled_country(self) -> str | None:
        """The country the document says people leave ("fled Ukraine", "out of Syria"), if
        named so clearly more often than any other: where refugees with no origin of their own
        in the text come from. Where a story happens is as often where refugees arrive."""
        counts = Counter(
            m.code
            for m in self.mentions
            if not m.demonym
            and _LEFT_FROM.search(self.text, max(0, m.start - 20), m.start)
            and not names_a_striker(self.text, m)
        ).most_common(2)
        if not counts or counts[0][1] < _FLED_MIN:
            return None
        if len(counts) > 1 and counts[0][1] < _FLED_RATIO * counts[1][1]:
            return None
        return counts[0][0]

    def between(self, start: int, end: int) -> list[CountryMention]:
        """The mentions starting in ``[start, end)`` (document offsets)."""
        return self.mentions[
            bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)
        ]


def candidates(
    found: DocumentCountries,
    index: int,
    mention_start: int,
    mention_end: int,
    group: str,
    population: str,
) -> list[Candidate]:
    """Every origin a claim could have, described. Offsets are the document's; ``population``
    is what the claim counts as written ("foreign volunteers")."""
    sentence = found.sentences[index]
    evidence: dict[str | None, dict[str, float]] = {}

    def add(code: str | None, name: str, value: float = 1.0) -> None:
        features = evidence.setdefault(code, {})
        features[name] = max(features.get(name, 0.0), value)

    def of_a_part(m: CountryMention) -> bool:  # "12 fighters, including four Americans"
        if m.start < mention_end:
            return False
        return bool(
            _PART.search(sentence.text, mention_end - sentence.start, m.start - sentence.start)
        )

    def a_source(m: CountryMention) -> bool:  # "..., according to Hezbollah"
        return bool(_SOURCE_BEFORE.search(found.text, max(0, m.start - 20), m.start))

    phrase_end = min(sentence.end, mention_end + _PHRASE)
    # A country after the next figure is in that figure's phrase ("Of the 1,200 fighters who
    # went, 300 were from Tunisia"): the whole's phrase ends there.
    following = _DIGIT.search(found.text, mention_end, phrase_end)
    phrase = [
        m
        for m in found.between(mention_end, following.start() if following else phrase_end)
        if not of_a_part(m) and not a_source(m) and not names_a_striker(found.text, m)
    ]
    for rank, m in enumerate(phrase):
        add(m.code, "phrase")
        add(m.code, f"phrase_{_form(m)}")
        add(m.code, f"{group}&phrase_{_form(m)}")
        if rank == 0:
            add(m.code, "phrase_first")
    for m in found.between(sentence.start, sentence.end):
        if of_a_part(m) or a_source(m) or names_a_striker(found.text, m):
            continue  # a part's origin, not the whole's; a source's; an attacker's
        if _INSTITUTION.match(sentence.text, m.end - sentence.start):
            # "Belgian police said 40 fighters returned": often whose people they count, but
            # not where the story places them.
            add(m.code, "institution")
            add(m.code, f"{group}&institution")
            continue
        if _AT_PLACE.search(found.text, max(0, m.start - 30), m.start) or _PLACE_OF.match(
            found.text, m.end
        ):  # "reached Italy", "off the coast of Libya", "near Mauritania's capital"
            add(m.code, "sentence_place")
            add(m.code, f"{group}&sentence_place")
        side = "before" if m.start < mention_start else "after"
        distance = abs(m.start - (mention_start if side == "before" else mention_end))
        add(m.code, f"sentence_{side}")
        add(m.code, f"sentence_{_form(m)}")
        add(m.code, f"near_{min(int(math.log2(distance + 1)), 8)}")
        offset = m.start - sentence.start  # a window: a search of the whole prefix is quadratic
        word = _WORD_BEFORE.search(sentence.text, max(0, offset - _WORD_REACH), offset)
        if word:
            add(m.code, f"after_word={word.group(1).lower()}")
            add(m.code, f"{group}&after_word={word.group(1).lower()}")
    first = found.sentences[max(0, index - _CONTEXT)].start if index else sentence.start
    for m in found.between(first, sentence.start):
        add(m.code, "context")
        add(m.code, f"context_{_form(m)}")
    if index > 0 and found.sentences:
        for m in found.between(found.sentences[0].start, found.sentences[0].end):
            add(m.code, "headline")
    if found.subject:
        add(found.subject, "doc_subject")
        add(found.subject, f"{group}&doc_subject")
    if found.fled:  # the country the document says people leave
        add(found.fled, "doc_fled")
        add(found.fled, f"{group}&doc_fled")
    for code in [c for c in evidence if c is not None]:
        add(code, f"doc_rank={min(found.rank.get(code, 9), 4)}")
        add(code, f"{group}&doc_rank={min(found.rank.get(code, 9), 4)}")
        if "headline" in evidence.get(code, {}):
            add(code, f"{group}&headline")
        add(code, f"doc_demonym_rank={min(found.demonym_rank.get(code, 9), 4)}")
        add(code, "doc_share", found.share.get(code, 0.0))
        # A weight on the share alone grows evenly with it; a story about one country's people
        # names that country more than all others together, and its counts without a country
        # of their own are of those people.
        if found.share.get(code, 0.0) > 0.5:
            add(code, "doc_share>half")
            add(code, f"{group}&doc_share>half")
        add(code, f"{group}&doc_located", found.located.get(code, 0.0))
    in_sentence = {m.code for m in found.between(sentence.start, sentence.end)}
    around = found.text[
        max(sentence.start, mention_start - 20) : _clause_end(found, sentence, mention_end)
    ]
    if _names_many_origins(around) or _names_many_origins(population):
        add(_NONE, "none&many_origins")
        add(_NONE, f"none&many_origins&group={group}")
        return [Candidate(_NONE, evidence[_NONE])]
    add(_NONE, "none")
    add(_NONE, f"none&group={group}")
    add(_NONE, f"none&sentence_countries={min(len(in_sentence), 2)}")
    return [Candidate(code, features) for code, features in evidence.items()]


# A figure said to hold for each of several countries ("from Belarus, Georgia and Russia (about
# 100 men from each country)", "Chad and Niger each sent 500 troops", "200 troops each from
# Mali and Niger"): one count per country, not one for them together.
_EACH_AFTER = re.compile(
    r"[^.;:,\d]{0,40}?\b(?:(?:from|of|for|in|by)\s+each(?:\s+(?:country|nation|state"
    r"|of\s+(?:them|these|those|the\s+\w+)))?\b|each\b|apiece\b|per\s+country\b)",
    re.I,
)
_EACH_BEFORE = re.compile(r"^\s+(?:(?:have|has|had|will|would)\s+)?each\b[^.;:\d]{0,40}$", re.I)
_EACH_FROM = re.compile(r"\s+each\s+(?:from|of)\s+(?:the\s+)?$", re.I)
_LISTED = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?$")


def shared_by(
    found: DocumentCountries, sentence: Sentence, mention_start: int, mention_end: int
) -> tuple[str, ...]:
    """The countries a figure is said to hold for each of (document offsets in, alpha-2 codes
    out, in text order); () when it is not said to hold for each of two or more."""
    said = found.text[sentence.start : sentence.end].lower()
    if "each" not in said and "apiece" not in said and "per" not in said:
        return ()  # every way of saying it names one of these words: most sentences have none
    runs: list[list[CountryMention]] = []
    for m in found.between(sentence.start, sentence.end):
        if runs and _LISTED.match(found.text[runs[-1][-1].end : m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    text = found.text
    for run in runs:
        codes = tuple(dict.fromkeys(m.code for m in run if m.code))
        if len(codes) < 2:
            continue
        first, last = run[0], run[-1]
        if last.end <= mention_start:
            between = text[last.end : mention_start]
            if _EACH_BEFORE.match(between) or (
                _EACH_AFTER.match(text, mention_end, sentence.end)
                and not any(c.isdigit() for c in between)
                and len(between) <= _PHRASE
            ):
                return codes
        elif first.start >= mention_end and _EACH_FROM.search(text[mention_end : first.start]):
            return codes
    return ()


def _ranks(counts: Counter[str | None]) -> dict[str | None, int]:
    """Each code's rank by count, ties sharing one: two countries named once each are both
    first, whichever the document named first."""
    return {code: 1 + sum(1 for m in counts.values() if m > n) for code, n in counts.items()}


def _clause_end(found: DocumentCountries, sentence: Sentence, mention_end: int) -> int:
    """Where the counted phrase after a number ends for the many-origins test: its first
    ``_PHRASE`` characters, and on to the clause's end when no comma comes in them ("20,000
    veterans and volunteers from as many as 52 countries, the minister said")."""
    end = min(sentence.end, mention_end + _PHRASE)
    if _CLAUSE_BREAK.search(found.text, mention_end, end):
        return end
    stop = _CLAUSE_BREAK.search(found.text, end, min(sentence.end, mention_end + _CLAUSE))
    return stop.start() if stop else min(sentence.end, mention_end + _CLAUSE)


def _form(mention: CountryMention) -> str:
    return "city" if mention.city else "demonym" if mention.demonym else "name"


def _names_a_place(text: str, mention: CountryMention) -> bool:
    """Whether a city's name is used as a place ("in Homs", "fled Aleppo", "two Cardiff men"),
    not as a person's ("Austin said")."""
    if _PLACE_BEFORE.search(text, max(0, mention.start - 20), mention.start):
        return True
    after = _POSSESSIVE.match(text, mention.end)
    return counted_word(text, after.end() if after else mention.end) in ("people", "agent")


def reload_weights() -> None:
    """Read the weights file again on next use (after training wrote it)."""
    linear.forget()


def choose(options: list[Candidate]) -> tuple[str | None, float | None]:
    """The best-scored candidate's country and how far it leads the next one (None alone);
    (None, None) without a model. Countries the text describes alike (named as often, as
    near) tie, and a tie is no single origin: the text does not say which."""
    model = linear.load(WEIGHTS)
    if model is None or not options:
        return None, None
    scored = sorted((linear.score(model, c.features), i) for i, c in enumerate(options))
    best, index = scored[-1]
    if len(scored) == 1:
        return options[index].code, None
    margin = best - scored[-2][0]
    if math.isclose(margin, 0.0, abs_tol=1e-9) and options[scored[-2][1]].code is not None:
        return None, margin
    return options[index].code, margin
