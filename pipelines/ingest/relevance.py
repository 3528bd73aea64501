"""Is an article about its source's topic? A keyword screen, recorded with its reason.

Keywords match case-insensitively on whole words; inner spaces match any run of whitespace (a
keyword may span a line break), and a trailing ``*`` matches any word ending ("volunteer*"
matches "volunteers", "volunteered"). A source without keywords takes every article.

``may_be_relevant`` screens a page before it is parsed: parsing keeps part of a page's text
and title, so a page whose decoded text holds no keyword anywhere (markup, entities and
attributes included) cannot pass ``is_relevant`` afterwards, and is skipped unparsed.
"""

from __future__ import annotations

import functools
import html
import re

from pipelines.ingest.model import Article
from pipelines.ingest.sources import Source


def is_relevant(article: Article, source: Source) -> tuple[bool, str]:
    """(True, which keyword matched where) or (False, why not): the reason is stored for skips."""
    if not source.keywords:
        return True, "source has no keywords: every article is relevant"
    for field_name, value in (("title", article.title or ""), ("text", article.text)):
        for keyword, pattern in zip(source.keywords, _patterns(source.keywords), strict=True):
            if match := pattern.search(value):
                return True, f"keyword {keyword!r} matched {match.group(0)!r} in {field_name}"
    shown = ", ".join(repr(keyword) for keyword in source.keywords)
    return False, f"no keyword of {source.name!r} ({shown}) in title or text"


def may_be_relevant(page: str, source: Source) -> tuple[bool, str]:
    """(False, why) when no keyword has all its words anywhere in the decoded page, case aside:
    not in its text, markup or attributes, nor across a tag ("volun<b>teers</b>") or an entity;
    else (True, ""). A keyword matches only where its words are, so a page this rejects is one
    ``is_relevant`` would reject once parsed."""
    if not source.keywords:
        return True, ""
    words = _words(source.keywords)
    lowered = page.lower()
    if any(all(word in lowered for word in keyword) for keyword in words):
        return True, ""
    if "<" in lowered or "&" in lowered:
        text = html.unescape(_TAG.sub("", lowered))
        if any(all(word in text for word in keyword) for keyword in words):
            return True, ""
    shown = ", ".join(repr(keyword) for keyword in source.keywords)
    return False, f"no keyword of {source.name!r} ({shown}) anywhere in the page: not parsed"


_TAG = re.compile(r"<[^<>]*>")


@functools.lru_cache(maxsize=64)
def _words(keywords: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(keyword.rstrip("*").lower().split()) for keyword in keywords)


@functools.lru_cache(maxsize=64)
def _patterns(keywords: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(_compile(keyword) for keyword in keywords)


def _compile(keyword: str) -> re.Pattern[str]:
    prefix = keyword.endswith("*")
    words = keyword.rstrip("*").split()
    body = r"\s+".join(re.escape(word) for word in words)
    ending = r"\w*" if prefix else r"\b"
    return re.compile(rf"\b{body}{ending}", re.IGNORECASE)
