"""Who says a figure and which outlet reports it, within one sentence.

Three shapes cover news attribution: ``X said (that) ...`` before the figure, ``..., X said``
after it (also ``"...," said X``), and ``according to X`` (read so too: ``a report in X that``).
A figure takes the nearest speaker that introduces its clause, else the nearest that follows
it, else an ``according to``. Outlets
("Sky News says", "the news outlet European Pravda reports") are the figure's origin, and its
speaker only when nobody else is named. Names and outlets come from ``data/attribution.yml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict, cast

import yaml

from pipelines.claims.countries import country_names, resolve_country

_DATA = Path(__file__).resolve().parent.parent / "data"
_VERBS = (
    r"said|says|say|told|tells|estimated|estimates|estimate|claimed|claims|claim|added|adds"
    r"|stated|states|announced|announces|reported|reports|warned|warns|noted|notes"
    r"|suggested|suggests|wrote|writes|confirmed|confirms|acknowledged|acknowledges"
    r"|believes|believed|believe|contends|contended|explained|insisted|revealed|reveals|tweeted|posted"
    r"|show|shows|showed|report|identified|identifies|identify|recorded|records|registered|registers"
    r"|counted|counts|admitted|admits|found|finds|affirmed|affirms"
    r"|urged|urges|demanded|demands|argued|argues|testified|testifies|disclosed|discloses"
    r"|declared|declares|alleged|alleges|stressed|stresses|emphasi[sz]ed|emphasi[sz]es"
    r"|predicted|predicts|indicated|indicates|informed|briefed"
    r"|put the figure|puts the figure|put the number|puts the number"
)
# A headline in title case ends with its source, its verb capitalized: "..., South Korean
# Military Says", "..., Spy Agency Tells Lawmakers".
HEADLINE_VERBS = r"Says|Say|Said|Tells|Told|Claims|Reports|Warns|Estimates|Confirms|Announces"
_HEADLINE_SOURCE = re.compile(
    r",\s+(?P<np>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,5}?)\s+"
    rf"(?P<verb>{HEADLINE_VERBS})(?:\s+[A-Z][\w’'.-]*){{0,2}}\s*$"
)
# "believed to be", "said to have": the subject is what is said of, not who says it.
_NOT_PASSIVE = r"(?!\s+to\s+(?:be|have)\b)"
_VERB = re.compile(
    rf"(?<![\w’'])(?:(?:has|have|had|also|previously|later|earlier|long|already|repeatedly)\s+){{0,2}}"
    rf"(?P<verb>{_VERBS})\b{_NOT_PASSIVE}",
)
_ACCORDING = re.compile(r"\baccording to\s+(?P<np>[^,;:.“”\"]+(?:\.[A-Z][^,;:“”\"]*)*)", re.I)
# A report in or by a named source says what it reports, as "according to" it: "a report in
# the Daily Star that 36 Danes ...", "reports in Russian media which claimed that 300 ...".
_REPORT_IN = re.compile(
    r"\breports?\s+(?:in|by|from)\s+(?P<np>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)"
    r"(?P<noun>(?:\s+[a-z]+){0,3})"
)
# A period after an initial or a short abbreviation ends no phrase: "U.S.", "Rear Adm. John
# Kirby", "Matthew J. Hudak".
_NOT_NAME_DOT = r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])\."
_INVERTED = re.compile(
    rf"(?:[,”\"’]|,')\s*(?:{_VERBS}){_NOT_PASSIVE}\s+(?P<np>(?:the\s+|a\s+)?[^,;:“”\"]+?)"
    rf"\s*(?:{_NOT_NAME_DOT}|[,;]|$)"
)
# A clause opens after punctuation, a quote, "that" or a subordinator: the speaker starts there.
_CLAUSE_START = re.compile(
    r".*(?:[,;:(“”\"–—]|--|\s-\s|’(?=\s)|‘|\bthat\b|\bwhile\b|\bwhich\b|\bwho\b|\band\b|\bbut\b"
    r"|\bas\b|\bafter\b|\bbefore\b|\bsince\b|\bwhen\b|\bbecause\b|\bonce\b|\buntil\b"
    r"|\balthough\b|\bthough\b|\bwhereas\b)\s*",
    re.S,
)
# A relative clause set off after a name says what the name says: "the UNHCR, which says",
# "Iran - which says it hosts", "Kim, who said".
_RELATIVE_OPENING = re.compile(r"(?:,|\s[-–—])\s*(?:which|who)\s+$")
# A relative clause with no comma between a speaker and its verb: "officials who spoke on
# condition of anonymity said".
_RESTRICTIVE_WHO = re.compile(r"\s+who\s+$")
# The agent of a passive right before that relative clause: "... was announced by Abu Musab,
# who said", "... came from the ministry, which says".
_AGENT_AT_END = re.compile(r"\b(?:by|from)\s+(?P<np>[^,;:()]+)$")
_LEADING = re.compile(r"^(?:while|but|and|as|although|meanwhile|however|so|yet|though)\s+", re.I)
# Verbs of saying take a whole clause ("said 300 Danes joined, while 200 Swedes left"); others
# ("announced the creation of ...") reach only to the next comma unless "that" follows.
_SAYS = re.compile(
    r"\b(?:said|says|say|told|tells|claimed|claims|claim|estimated|estimates|estimate|added|adds"
    r"|stated|states|wrote|writes|warned|warns|noted|notes|insisted|believes|believed|believe"
    r"|contends|contended|reports|reported|shows|showed|show)\b"
)
_APPOSITIVE_NAME = re.compile(r",\s+((?:[A-Z][\w’'.-]*\s?){2,4})(?=[,.;]|$)")
_TOLD = re.compile(
    r"\b(?:told|tells|speaking to|spoke to|talking to|in an interview with)\s+(?:the\s+)?",
    re.I,
)
# A speech verb used as a noun or an adjective ("the estimated 500", "some estimates run"), or
# as a reduced passive ("three men, believed to be ..."), names no speaker.
_NOUN_USE = re.compile(
    r"\b(?:the|a|an|some|other|previous|latest|earlier|new|official|these|those|such|his|her"
    r"|its|their|our)\s+$",
    re.I,
)
# Verbs of saying no noun or adjective shares: "the official said" has a speaker.
_ONLY_VERB = re.compile(r"said|says|told|tells|added|wrote|warned|insisted|explained|tweeted")
_RELATIVE = re.compile(r"\s+(?:which|who|whose|that)\b")
# What follows "states" the noun, not the verb: "the Baltic states, raised ...", "member states
# have", "the Gulf states and Iran", "states of the region".
_STATES_NOUN = re.compile(
    r"\s*(?:[,.;:)]|$)|\s+(?:and|or|have|has|had|are|were|will|would|could|can|may|must|of|in|on"
    r"|to|with|which|who|whose|where|such|like|bordering|along|that\s+(?:have|are|had|were))\b"
)
_RAISING = re.compile(r"\s+to\s+(?:be|have)\b")
# Adverbs and modals between a speaker and its verb ("the two men both acknowledged"), in
# lower case: a capital makes "May" or "Will" a name ("Home Secretary Theresa May told MPs").
_TRAILING_ADVERB = re.compile(
    r"(?:\s+(?:both|all|also|may|might|could|would|will|still|now|later|previously|repeatedly"
    r"|publicly|reportedly|privately|initially|first|then|again|each))+$"
)
# A short parenthesis closing a name ("(IOM)", "(Senafront)"): the name's own abbreviation.
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z][\w.&-]{1,15}\)\s*$")
# A time said before the speaker ("Last week Scotland Yard chief ...", "This Sunday the minister").
_WHEN = re.compile(
    r"^(?:(?:earlier|later)\s+)?(?:this|last|next|on|by)\s+(?:week|month|year|weekend|morning"
    r"|afternoon|evening|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+",
    re.I,
)
# A clause that dates the speaking ("... began on the same day South Korean lawmakers said"):
# the speaker is the name after it.
_DATING_CLAUSE = re.compile(
    r"^.*\b(?:on|that|the same|the)\s+(?:same\s+)?(?:day|week|morning|evening|night)\s+(?=[A-Z])"
)
_PROPER_NAME = r"(?:[A-Z][\w’'.-]*\s?){1,4}"
# A name in quotes, its small words included ("All Eyes on Wagner").
_QUOTED_NAME = re.compile(r"\s*[\"“‘'][A-Z][^\"“”‘’,]{0,60}")
# A person named with where they work: the name is who speaks.
_AFFILIATED = re.compile(
    r"((?:[A-Z][\w’'.-]*\s){1,4}?[A-Z][\w’'.-]*)\s+(?:from|of|at)\s+(?:the\s+)?[A-Z]"
)
_APPOSITIVE_OPENING = re.compile(r"\s*(?:the|a|an|its|his|her|their)\s", re.I)
_PASSIVE = re.compile(
    r"\b(?:(?:is|are|was|were)(?:n[’']t|\s+not)?|be|been|being)\s+$", re.I
)  # "are believed", "aren't counted"
# A phrase with a verb of saying inside ("It said its project recorded", "that he said showed")
# is the reported clause of an outer speaker, who is the one that speaks.
_INNER_SAYING = re.compile(r"(?:^|\s)(?:said|says|say|told|tells)(?:\s|$)")
# A speaker after the figure closes its sentence ("..., Kuleba said on Sunday."): a verb with a
# longer complement before the next comma introduces a new claim instead ("experts say that ...").
_TRAILING_MAX_WORDS = 8
_MAX_SPEAKER_WORDS = 12  # longer "speakers" are whole clauses, not names (checked on real pages)
# The name right after "outlet", "newspaper": capitalized words, "of" inside ("Voice of America").
_OUTLET_NAME = re.compile(r"\s+((?:[A-Z][\w’'.-]*)(?:\s+(?:of\s+)?[A-Z][\w’'.-]*)*)")
_MAX_COMMON_NOUN_WORDS = 6  # "the head of the border guard"; longer ones are clauses
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our"})
# A finite verb makes a phrase a clause ("Caesar is an opponent of what he"), not a speaker.
_FINITE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|did|does|do)\b")


# What shows a figure without being anyone who says it: pictures, data, an estimate ("a
# previous estimate had put the figure at"); whose they are, when said, is the speaker.
_EVIDENCE = re.compile(
    r"(?:(?:the|these|those|this|a|an|new|latest|previous|earlier|official|recent|such)\s+)*"
    r"(?:pictures|photos|photographs|images|videos?|footage|figures|data|statistics|numbers"
    r"|estimates?)\b(?!\s+(?:from|by|of)\b)",
    re.I,
)


# Reports from no one in particular ("Reports say", "some reports suggest"); "media reports" or
# "a UN report" name their source.
_UNSOURCED_REPORTS = re.compile(
    r"(?:(?:some|several|many|other|unconfirmed|earlier|recent)\s+)?reports", re.I
)


@dataclass(frozen=True)
class Attribution:
    """A speaker phrase and where its verb sits in the sentence."""

    speaker: str
    verb_start: int
    verb_end: int
    shape: str  # "before" (X said), "according" (according to X), "inverted" ("...," said X)
    outlet: str | None  # the outlet's name when the speaker is a news outlet
    scope_end: int  # where the clause the verb introduces ends (a comma, unless "said that")
    trailing: bool  # the verb closes its clause ("..., Kuleba said on Sunday.")


class _Config(TypedDict):
    """``data/attribution.yml``."""

    outlets: list[str]
    outlet_nouns: list[str]
    aliases: dict[str, str]  # long name of a body -> the short name news cites it by
    titles: list[str]
    speaker_nouns: list[str]


@functools.cache
def _config() -> _Config:
    with (_DATA / "attribution.yml").open(encoding="utf-8") as handle:
        # YAML is untyped: trust the file, which is under version control, to have this shape.
        return cast(_Config, yaml.safe_load(handle))


@functools.cache
def _outlet_pattern() -> re.Pattern[str]:
    names = sorted(_config()["outlets"], key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


@functools.cache
def _speaker_noun_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _config()["speaker_nouns"])
    return re.compile(rf"\b(?:{words})\b", re.I)


@functools.cache
def _outlet_noun_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _config()["outlet_nouns"] + ["report"])
    return re.compile(rf"\b(?:{words})\b", re.I)


_SHORT_NAME_AFTER = re.compile(r"\(([A-Z]{2,})\)$")


def aliases() -> dict[str, str]:
    """Long names of bodies -> the short name news cites them by ("UNHCR")."""
    return _config()["aliases"]


@functools.cache
def titles() -> tuple[str, ...]:
    """Lowercase titles that may precede a name, longest first."""
    return tuple(sorted(_config()["titles"], key=len, reverse=True))


def outlet_of(phrase: str) -> str | None:
    """The outlet a speaker phrase names, if it is a news outlet."""
    match = _outlet_pattern().search(phrase)
    if match:
        return match.group()
    noun = _outlet_noun_pattern().search(phrase)
    if noun:
        name = _OUTLET_NAME.match(phrase, noun.end())
        return name.group(1) if name else None
    return None


def interviewing_outlet(sentence: str) -> str | None:
    """The outlet a speaker talked to ("told CNN", "speaking to Reuters"), which reports it."""
    for match in _TOLD.finditer(sentence):
        outlet = _outlet_pattern().match(sentence, match.end())
        if outlet:
            return outlet.group()
    return None


def _plausible(speaker: str) -> bool:
    words = speaker.split()
    if not words or len(words) > _MAX_SPEAKER_WORDS or _FINITE.search(speaker):
        return False
    if _EVIDENCE.match(speaker) or _UNSOURCED_REPORTS.fullmatch(speaker):
        # "These pictures show", "Figures released on Tuesday confirmed", "Reports say"
        return False
    if any(word.count("/") > 1 or word.startswith(("/", "http")) for word in words):
        return False  # a link's address left in scraped text ("](/news/2015/...")
    if words[0].lower() in _DETERMINERS and len(words) <= _MAX_COMMON_NOUN_WORDS:
        return True  # "the border guard said": a noun phrase, whatever its noun
    return any(w[0].isupper() for w in words) or bool(_speaker_noun_pattern().search(speaker))


def _clean(phrase: str) -> str:
    phrase = phrase[phrase.rfind(">") + 1 :]  # markup left in scraped text ("/><p>The ...")
    phrase = phrase.lstrip("#*_[> \t")  # markdown left in scraped text: "# Title", "[link"
    phrase = _LEADING.sub("", phrase.strip(" \t,;:—–-‘’'\"“”")).strip()
    phrase = _WHEN.sub("", _DATING_CLAUSE.sub("", phrase))
    return _TRAILING_ADVERB.sub("", re.sub(r"\s+", " ", phrase))


def find_attributions(sentence: str) -> list[Attribution]:
    """Every speaker phrase in the sentence, in order of their verbs."""
    found = []
    for match in _VERB.finditer(sentence):
        if _PASSIVE.search(sentence, 0, match.start()):
            continue  # "are believed to", "is said to": no one is named
        if _REPORT_IN.match(sentence, match.start()):
            continue  # "amid reports from ...": a noun, its source found below
        if match["verb"] == "states" and _STATES_NOUN.match(sentence, match.end()):
            continue  # "the Baltic states, ...", "member states have taken": countries
        if (
            _NOUN_USE.search(sentence, 0, match.start()) and not _ONLY_VERB.fullmatch(match["verb"])
        ) or _RAISING.match(sentence, match.end()):
            continue  # "the estimated 500", "some estimates", "three men, believed to be"
        speaker = _speaker_before(sentence, match.start())
        if _INNER_SAYING.search(speaker or ""):
            continue
        if speaker and (len(speaker.split()) > _MAX_COMMON_NOUN_WORDS or not _plausible(speaker)):
            affiliated = _AFFILIATED.match(speaker)  # "Dr Jane Roe from the University of ..."
            speaker = affiliated.group(1) if affiliated else speaker
        if speaker and _plausible(speaker) and not speaker.lower().startswith("according"):
            found.append(_attribution(sentence, speaker, match.start(), match.end(), "before"))
    for match in _ACCORDING.finditer(sentence):
        speaker = _clean(_RELATIVE.split(match["np"], maxsplit=1)[0])  # "..., a report which"
        named = _APPOSITIVE_NAME.match(sentence, match.end())
        if named:  # "according to its spokesman, Damien Magrou"
            speaker = named.group(1).strip().rstrip(".")
        if _plausible(speaker):
            found.append(_attribution(sentence, speaker, match.start(), match.end(), "according"))
    for match in _REPORT_IN.finditer(sentence):
        speaker = _clean(match["np"] + _noun_ending(match["noun"]))
        if _plausible(speaker) and not resolve_country(speaker):  # "a report from Kenyan"
            found.append(_attribution(sentence, speaker, match.start(), match.end(), "according"))
    headline = _HEADLINE_SOURCE.search(sentence) if "," in sentence else None
    source = _clean(headline["np"]) if headline is not None else None
    if headline is not None and source and _plausible(source):
        found.append(
            _attribution(sentence, source, headline.start("verb"), headline.end("verb"), "before")
        )
    for match in _INVERTED.finditer(sentence):
        speaker = _clean(match["np"])
        if _plausible(speaker) and not any(a.verb_start == match.start() + 1 for a in found):
            found.append(_attribution(sentence, speaker, match.start(), match.end(), "inverted"))
    return sorted(found, key=lambda a: a.verb_start)


def _noun_ending(words: str) -> str:
    """The words after a name up to the last that names who speaks ("intelligence officers",
    "media"), or nothing: "in Ekstra Bladet newspaper in December" keeps "newspaper"."""
    split = words.split()
    while split and not (
        _speaker_noun_pattern().fullmatch(split[-1]) or _outlet_noun_pattern().fullmatch(split[-1])
    ):
        split.pop()
    return "".join(" " + w for w in split)


def _attribution(sentence: str, speaker: str, start: int, end: int, shape: str) -> Attribution:
    rest = sentence[end:]
    says = _SAYS.search(sentence, start, end) is not None
    if says or re.match(r"\s*(?:\w+\s+){0,3}?(?:that\b|:)|\s*[“\"‘']", rest):
        scope_end = len(sentence)
    else:
        comma = re.search(r"[,;]", rest)
        scope_end = end + comma.start() if comma else len(sentence)
    clause = re.match(r"[^,.;:]*", rest)
    assert clause is not None  # a starred pattern matches the empty string at least
    complement = clause.group()
    named_at = sentence.rfind(speaker, 0, start)
    opening = sentence[: max(named_at, 0)]
    relative = named_at > 0 and re.search(r"\b(?:that|which)\s+$", opening)
    after_break = re.search(r"(?:[,”\"’—–]|,')\s*$", opening) is not None
    short = after_break and len(complement.split()) <= _TRAILING_MAX_WORDS
    trailing = bool(relative) or short or shape == "inverted"
    return Attribution(speaker, start, end, shape, outlet_of(speaker), scope_end, trailing)


def _speaker_before(sentence: str, verb_start: int) -> str | None:
    """The noun phrase ending right before a speech verb, or the subject before an appositive."""
    before = sentence[:verb_start]
    acronym = _ACRONYM_AFTER.search(before)
    if acronym:  # "the International Organization for Migration (IOM) said": one name
        named = _speaker_before(sentence, acronym.start())
        return f"{named} {acronym.group().strip()}" if named else None
    opens = _clause_opening(before)
    phrase = _clean(before[opens:])
    if _TRAILING_ADVERB.fullmatch(" " + phrase) and _SAYS.match(sentence, verb_start):
        # "Ana Ruiz, the commander, reportedly said": the adverb is not the speaker ("the
        # legion, ..., now counts 1,000 fighters" says what it has, not what someone says).
        before = before[:opens]
        phrase = ""
    relative = _RELATIVE_OPENING.search(before)
    if not phrase and relative:
        named = _speaker_before(sentence, relative.start())
        agent = _AGENT_AT_END.search(named or "")
        if named and agent and not _plausible(named):  # "announced by Abu Musab, who said"
            return _clean(agent["np"])
        return named
    restrictive = _RESTRICTIVE_WHO.search(before, 0, opens)
    if phrase and restrictive and not _plausible(phrase):
        # "a German volunteer who survived the attack told": the clause says who they are
        named = _speaker_before(sentence, restrictive.start())
        if named and _plausible(named):
            return named
    if phrase:
        if phrase in country_names() and re.search(r"[A-Z][\w.-]+,\s*$", before[:opens]):
            # "Oslo, Norway has estimated": a place and its country are one name.
            phrase = _clean(_speaker_before(sentence, before.rstrip().rfind(",")) or "") + (
                ", " + phrase
            )
        return phrase.strip(", ")
    closing = re.search(r",[\"”’']?\s*$", before)
    if closing:  # "Rekawek, an expert on ..., said": skip the appositive
        head = before[: closing.start()]
        comma = head.rfind(",")
        if comma > 0:
            appositive = _clean(head[comma + 1 :])
            if re.fullmatch(_PROPER_NAME, appositive):
                return appositive  # "The UN refugee chief, Filippo Grandi, said": the name
            if _QUOTED_NAME.fullmatch(head, comma + 1):
                return appositive  # "A watchdog, "All Eyes on Wagner," said": the name
            subject = head[:comma]
            named = _name_before_appositives(subject)
            if named:  # "Alexander Bortnikov, the head of the FSB, the main ..., said"
                return named
            clause = _CLAUSE_START.match(subject)
            return _clean(subject[clause.end() :] if clause else subject)
    return None


# "and" between capitalized words joins a name ("West and Central Africa office"), not clauses.
_AND_IN_A_NAME = re.compile(r"[A-Z][\w’'.-]*\s+and\s+$")


def _clause_opening(before: str) -> int:
    """Where the clause ending ``before`` opens (0: at its start)."""
    end = len(before)
    while True:
        clause = _CLAUSE_START.match(before, 0, end)
        if clause is None:
            return 0
        if not (
            _AND_IN_A_NAME.search(before, 0, clause.end())
            and before[clause.end() : clause.end() + 1].isupper()
        ):
            return clause.end()
        end = before.rfind("and", 0, clause.end())


def _name_before_appositives(subject: str) -> str | None:
    """The name a run of appositives describes ("Alexander Bortnikov, the head of ..."): the
    segments after the name each open with a determiner."""
    segments = subject.split(",")
    while len(segments) > 1 and _APPOSITIVE_OPENING.match(segments[-1]):
        segments.pop()
        name = _clean(segments[-1])
        clause = _CLAUSE_START.match(name)
        name = _clean(name[clause.end() :]) if clause else name
        if re.fullmatch(_PROPER_NAME, name) and len(name.split()) >= 2:
            return name
    return None


def choose(attributions: list[Attribution], position: int) -> tuple[Attribution | None, str | None]:
    """The speaker of a figure at ``position`` and the outlet cited as its origin."""
    people = [a for a in attributions if a.outlet is None]
    outlets = [a for a in attributions if a.outlet is not None]
    speaker = _nearest(people, position) or _nearest(outlets, position)
    origin = _nearest(outlets, position)
    return speaker, origin.outlet if origin else None


def _nearest(attributions: list[Attribution], position: int) -> Attribution | None:
    before = [
        a for a in attributions if a.shape == "before" and a.verb_end <= position < a.scope_end
    ]
    if before:
        return before[-1]
    after = [
        a
        for a in attributions
        if a.verb_start >= position
        and a.shape != "according"
        and a.trailing
        and not (a.shape == "before" and a.verb_start - position <= len(a.speaker) + 1)
    ]  # a speaker phrase holding the figure is its people ("five men who joined have found")
    if after:
        return after[0]
    according = [a for a in attributions if a.shape == "according"]
    return according[0] if according else None


@functools.cache
def _title_prefix() -> re.Pattern[str]:
    words = "|".join(re.escape(t.rstrip(".")) for t in titles())
    return re.compile(rf"^(?:(?:\w+'s|its|their|his|her|our|{words})\.?\s+)+")


def speaker_key(speaker: str) -> str:
    """Lowercase speaker with titles, countries and possessives stripped ("dmytro kuleba"); a
    body named with its short name is keyed by it ("the UN refugee agency (UNHCR)": "unhcr")."""
    short = _SHORT_NAME_AFTER.search(speaker)
    if short and short.group(1) in aliases().values():
        return short.group(1).lower()
    words = speaker.replace("’", "'").split()
    while len(words) > 1 and resolve_country(words[0]) and words[1][:1].isupper():
        words = words[1:]  # "Ukraine President Volodymyr Zelenskyy", not "Croatian officials"
    key = " ".join(words).lower()
    return _title_prefix().sub("", key).strip() or key
