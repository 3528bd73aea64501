"""Speakers across a document: pronouns, surnames and long names resolved to one person or body.

News names a person in full once ("Foreign Minister Dmytro Kuleba") and by surname or pronoun
after ("Kuleba said", "he told"); a body by its long name ("the UN High Commissioner for
Refugees") or its short one ("UNHCR"). The speaker reported is the fullest name the document
gives before (or, failing that, anywhere); the key strips titles so the three spellings meet.
"""

from __future__ import annotations

import functools
import re

from pipelines.claims.attribution import HEADLINE_VERBS, aliases, speaker_key, titles
from pipelines.claims.countries import resolve_country

_NAME_RUN = re.compile(
    r"(?:[A-Z][\w’'-]+[ \t]+(?:(?:de|van|von|al|bin|der|la|le|du|da|di|el)[ \t]+)?){1,4}"
    r"[A-Z][\w’'-]+"
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her"})
_SPEAKING_PRONOUNS = frozenset({"i", "we", "you"})  # whoever speaks or is spoken to
_POSSESSIVE = re.compile(r"^(?:[A-Z][\w-]*(?:’s|'s)\s+)+")
# A person's name after a long description of them ("Russian former prime minister of the DNR
# Alexander Borodai", "Laredo Sector Chief Patrol Agent Matthew J. Hudak"): the name is who speaks.
_DESCRIBED_NAME = re.compile(
    r"(?P<description>(?:\S+\s+){4,})(?P<name>[A-Z][a-z’'-]+(?:\s+(?:[A-Z]\.|[A-Z][a-z’'-]+)){1,3})"
)
# A hyphenated description before a name or title: "Father-of-four", "Ex-minister".
_COMPOUND_DESCRIPTION = re.compile(r"^[A-Z][a-z]+(?:-[a-z]+)+\s+(?=[A-Z])")
_NAME_WORD = re.compile(r"[a-z0-9]{2,}")
_LINK_WORDS = frozenset({"the", "of", "for", "on", "and", "in"})
_BODY_NAME_WORDS = 4  # a body's name longer than this is cited by its short name alone
_SHORT_NAME = re.compile(r"(?:(?:de|van|von|al|bin|el)\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?")


# A speaker met before, named again by a definite description ("the official said").
_DEFINITE = re.compile(
    r"(?i:the)\s+(?P<noun>official|spokesman|spokeswoman|spokesperson|source|officer|commander"
    r"|diplomat|analyst|expert|researcher|minister|secretary|president|general|ambassador"
    r"|governor|mayor|chief|prosecutor|envoy)"
)
# A person named right after a title or role, or set off by a comma: "Immigration Minister
# Scott Morrison", "a police spokesman, Tom Hill".
_NAME_AFTER_ROLE = r",?\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})\b"


@functools.cache
def _introduced(noun: str) -> re.Pattern[str]:
    """Where a document introduces a speaker of this kind: "a senior U.S. military official"."""
    modifier = r"(?!(?:the|by|of|to|from|with|and|or|that|said|says)\b)[\w.’'-]+\s+"
    return re.compile(rf"\b(?:[Aa]n?|[Oo]ne|[Aa]nother)\s+(?:{modifier}){{0,4}}?{noun}\b")


@functools.cache
def _named_with(noun: str) -> re.Pattern[str]:
    """Where a document names a person with this role: "Defence Minister Jane Doe"."""
    return re.compile(rf"\b(?i:{noun}){_NAME_AFTER_ROLE}")


@functools.cache
def _title_word() -> re.Pattern[str]:
    words = "|".join(re.escape(t) for t in titles() if t.isalpha() and t != "the")
    return re.compile(rf"\b(?:{words})\b", re.I)


# A title-case headline runs its source's name into its verb ("Kenyan Officials Say"): the name
# ends before the verb.
_HEADLINE_VERB = re.compile(rf"\s(?:{HEADLINE_VERBS})\b")


class SpeakerResolver:
    """Resolves speaker phrases against the names of one document."""

    def __init__(self, text: str) -> None:
        self._text = text

    @functools.cached_property
    def _runs(self) -> list[tuple[int, str]]:
        """Runs of capitalized words (names) in the document, with where they start."""
        return [
            (m.start(), _HEADLINE_VERB.split(m.group(), maxsplit=1)[0])
            for m in _NAME_RUN.finditer(self._text)
        ]

    def resolve(self, phrase: str, position: int, last_person: str | None = None) -> str | None:
        """The fullest name for ``phrase`` said at ``position``; a pronoun is ``last_person``,
        and no one when nobody was named before it ("he told reporters" names no one)."""
        if is_pronoun(phrase):
            return last_person
        for long_name, short in aliases().items():
            if long_name.lower() in phrase.lower():
                return _body_name(phrase, short)
        definite = _DEFINITE.fullmatch(phrase)
        if definite:  # "the minister said": the one the document named or introduced before
            named = _named_with(definite["noun"]).findall(self._text, 0, position)
            if named:
                return str(named[-1])
            introduced = _introduced(definite["noun"]).findall(self._text, 0, position)
            if introduced:
                return str(introduced[-1])
        phrase = _COMPOUND_DESCRIPTION.sub("", phrase)  # "Father-of-four Mr Smith": Mr Smith
        described = _DESCRIBED_NAME.fullmatch(phrase)
        if described and _title_word().search(described["description"]):
            return described["name"]
        bare = _strip_titles(phrase)
        if not _SHORT_NAME.fullmatch(bare) or resolve_country(bare):
            return phrase
        words = bare.split()
        runs = [n for p, n in self._runs if p < position] or [n for _, n in self._runs]
        for run in runs:
            if words[-1] not in run:
                continue  # most runs are other names: skip them before stripping titles
            run_words = _strip_titles(_POSSESSIVE.sub("", run)).split()
            if len(run_words) > len(words) and _contains(run_words, words):
                return " ".join(run_words)
        return phrase


def is_pronoun(phrase: str) -> bool:
    """Whether a speaker phrase is a pronoun ("he", "they"): whom it means is found elsewhere."""
    return phrase.lower() in _PRONOUNS


def is_first_person(phrase: str) -> bool:
    """Whether a speaker phrase is "I" or "we": the person quoted, named outside the quote."""
    return phrase.lower() in ("i", "we")


def person_named_in(text: str) -> str | None:
    """The last person's full name in ``text`` (a sentence up to a pronoun that speaks): "he"
    in "Ukraine's president, Volodymyr Zelensky, posted a video that he said showed" is him."""
    for run in reversed(_NAME_RUN.findall(text)):
        words = _strip_titles(_POSSESSIVE.sub("", run)).split()
        if len(words) >= 2 and not any(resolve_country(w) for w in words):
            return " ".join(words)
    return None


def _body_name(phrase: str, short: str) -> str:
    """A body as the text names it with the short name it is also cited by ("the UN refugee
    agency (UNHCR)"), so both spellings find it; a long official name ("the United Nations
    High Commissioner for Refugees") by the short name alone, as readers cite it."""
    if short in phrase:
        return phrase
    words = [w for w in _NAME_WORD.findall(phrase.lower()) if w not in _LINK_WORDS]
    return f"{phrase} ({short})" if len(words) <= _BODY_NAME_WORDS else short


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _strip_titles(name: str) -> str:
    """The name without leading titles and possessives, in its original case."""
    stripped = speaker_key(name)
    if not stripped:
        return name
    index = name.lower().replace("’", "'").rfind(stripped)
    return name[index:] if index >= 0 else name


def is_named(speaker: str) -> bool:
    """Whether a speaker phrase names someone (a later pronoun may refer to it): "I" and "We"
    are capitalized, but name no one."""
    lower = speaker.lower()
    return (
        lower not in _PRONOUNS
        and lower not in _SPEAKING_PRONOUNS
        and any(w[:1].isupper() for w in speaker.split())
    )


def key_of(speaker: str | None) -> str | None:
    """The normalized key of a resolved speaker."""
    return speaker_key(speaker) if speaker else None
