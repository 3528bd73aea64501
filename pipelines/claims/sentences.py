"""Sentence spans of an article's text, with offsets that slice back into it.

News text mixes prose with headline lists: every line is a block of its own (a headline has no
final period), and inside a line a sentence ends at ``.``, ``!`` or ``?`` (after any closing
quote) followed by a capital, an opening quote or a digit. Abbreviations (``U.S.``, ``Mr.``,
``Feb.``) and initials do not end a sentence; numbers never split ("1.5 million") because a
boundary needs whitespace after the stop.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words that end with a period without ending a sentence; lowercase, without the final period.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "sgt",
        "capt",
        "cpl",
        "maj",
        "adm",
        "cmdr",
        "prof",
        "rev",
        "jr",
        "sr",
        "vs",
        "etc",
        "no",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "inc",
        "corp",
        "ltd",
        "co",
        "dept",
        "approx",
        "est",
        "fig",
        "al",
    ]
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]*[\"'”’)\]]*\s*$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?$")  # U.S, U.K, p.m, e.g: acronyms and times
_LINE = re.compile(r"[^\n]+")
_WORD_REACH = 40  # chars before a stop that hold the word it ends (longest abbreviation: 5)


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it sits in the text (``text[start:end] == text_of_sentence``)."""

    text: str
    start: int
    end: int
    line_start: bool  # first sentence of its line: a headline or a paragraph opening


def _ends_sentence(before: str) -> bool:
    """Whether the stop after ``before`` ends a sentence (not an abbreviation or initial)."""
    match = _WORD_BEFORE.search(before)
    if not match:
        return True
    word = match.group(1).rstrip(".")
    if word.lower() in _ABBREVIATIONS or _DOTTED.fullmatch(word):
        return False
    return not (len(word) == 1 and word.isupper())  # an initial: "John F. Kennedy"


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; whitespace around each sentence is left out of its span."""
    sentences: list[Sentence] = []
    for line in _LINE.finditer(text):
        cut = line.start()
        first = True
        for boundary in _BOUNDARY.finditer(text, line.start(), line.end()):
            stop = boundary.start()
            if not _ends_sentence(text[max(cut, stop - _WORD_REACH) : stop + 1]):
                continue
            end = boundary.end() - (len(boundary.group()) - len(boundary.group().rstrip()))
            first = _add(sentences, text, cut, end, first)
            cut = boundary.end()
        _add(sentences, text, cut, line.end(), first)
    return sentences


def _add(sentences: list[Sentence], text: str, start: int, end: int, first: bool) -> bool:
    """Append the stripped span if it holds any word; returns whether the next is line-first."""
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return first
    start += len(chunk) - len(chunk.lstrip())
    sentences.append(Sentence(stripped, start, start + len(stripped), first))
    return False
