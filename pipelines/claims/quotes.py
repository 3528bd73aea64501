"""Quotations: whether a figure sits inside quotation marks.

Curly quotes say which way they face; straight and single ones are read from their neighbours
(a mark between two letters is an apostrophe: "Ukraine’s"). A quote may open in an earlier
sentence of a paragraph, so a closing mark after the figure with no opening before it counts.
"""

from __future__ import annotations

import re

_QUOTE = re.compile(r"[“”\"‘’']")


def _quote_kind(text: str, at: int) -> str | None:
    """Whether the quote mark at ``at`` opens, closes or toggles a quote (None: apostrophe)."""
    char = text[at]
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    if char == '"':
        return "toggle"
    if char == "“":
        return "open"
    if char == "”":
        return "close"
    if before.isalnum() and after.isalnum():
        return None  # "Ukraine’s", "don't"
    return "open" if after.isalnum() and not before.isalnum() else "close"


def inside_quotes(text: str, position: int) -> bool:
    """Whether ``position`` sits inside a quotation, also one opened in an earlier sentence."""
    depth = 0
    for mark in _QUOTE.finditer(text, 0, position):
        kind = _quote_kind(text, mark.start())
        if kind == "open" or (kind == "toggle" and depth == 0):
            depth += 1
        elif kind is not None:
            depth = max(depth - 1, 0)
    if depth:
        return True
    following = (_quote_kind(text, m.start()) for m in _QUOTE.finditer(text, position))
    return next((k for k in following if k is not None), None) == "close"
