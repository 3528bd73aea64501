"""Markup left in scraped article text, blanked out for reading: the same text, the same length.
Its digits (dates and ids in a link, "data-count=303", a footnote's "[14]") count no one.

Articles republished as markdown or scraped with their HTML keep links around the words that
matter: "at least [593 people](https://reliefweb.int/report/...) had died on this route". Read
as it stands, the link's target is forty words between a count and its verb, its dots end
sentences, and its digits look like figures. Blanking the markup (spaces in place of "[",
"](target)", bare URLs and tags) leaves "at least  593 people  ... had died": every offset
unchanged, so claims keep pointing at the article's own text, which is what they quote.
HTML entities ("&rsquo;", "&#8220;") are read as the characters they stand for, padded with
spaces to their length.
"""

from __future__ import annotations

import html
import re

# A markdown link's brackets and target; the link's text stays.
_MARKDOWN_LINK = re.compile(r"\[(?=[^\[\]\n]{1,400}\]\([^()\s]{1,800}\))|\]\([^()\s]{1,800}\)")
# A bare URL; a stop or closer right after it is the sentence's, not the URL's.
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"’”]")
# A site's path left bare ("/news/2017/03/30/..."): its digits are dates and ids.
_PATH = re.compile(r"(?<![\w/.-])/[\w.-]+/[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"’”]")
# A citation or footnote mark: "killed 35 people.[14]", or one linked to its note, as
# markdown exports write them: "the ministry [2](#fn2) responded".
_CITATION = re.compile(r"\[\d{1,4}\](?:\([^()\s]{1,800}\))?")
# An HTML tag: "<a href=... data-count=303>" is markup, its text between tags is the article's.
_TAG = re.compile(r"<[/!]?[A-Za-z][^<>]{0,500}>")
# An HTML entity left in scraped text ("Turkey&rsquo;s agency", "&#8220;We saw"), with the
# letters right after it.
_ENTITY = re.compile(r"&(?:#\d{2,6}|#[xX][0-9a-fA-F]{2,5}|[A-Za-z]{2,8});(?P<letters>[A-Za-z]*)")


def _decoded(match: re.Match[str]) -> str:
    """An entity read as its character, the letters after it moved up to it so the word stays
    whole ("Turkey’s" + spaces); digits never move, so every figure keeps its offsets."""
    entity = match.group()[: match.start("letters") - match.start()]
    character = html.unescape(entity)
    if len(character) != 1:
        return match.group()  # not an entity HTML knows
    read = character + match["letters"]
    return read + " " * (match.end() - match.start() - len(read))


def _blank(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def without_markup(text: str) -> str:
    """``text`` with HTML entities read as their characters, and markdown link syntax, bare
    URLs and HTML tags replaced by spaces."""
    if "[" in text:
        text = _MARKDOWN_LINK.sub(_blank, _CITATION.sub(_blank, text))
    if "://" in text or "www." in text:
        text = _URL.sub(_blank, text)
    if "/" in text:
        text = _PATH.sub(_blank, text)
    if "<" in text:
        text = _TAG.sub(_blank, text)
    if "&" in text:  # last: an entity in a URL or tag went with it
        text = _ENTITY.sub(_decoded, text)
    return text
