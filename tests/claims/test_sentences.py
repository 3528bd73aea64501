"""Sentence splitting: abbreviations, quotes, headline lines, numbers."""

from __future__ import annotations

import pytest

from pipelines.claims.sentences import _word_before, split_sentences


def _texts(text: str) -> list[str]:
    sentences = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    return [s.text for s in sentences]


def test_abbreviations_do_not_split() -> None:
    text = "Mr. Smith met U.S. officials on Feb. 24 in St. Petersburg. The U.K. envoy left."
    assert _texts(text) == [
        "Mr. Smith met U.S. officials on Feb. 24 in St. Petersburg.",
        "The U.K. envoy left.",
    ]


def test_numbers_do_not_split() -> None:
    assert _texts("About 1.5 million people fled. Then 2.5 million more.") == [
        "About 1.5 million people fled.",
        "Then 2.5 million more.",
    ]


def test_quotes_close_a_sentence() -> None:
    text = (
        "\u201cThe number is 20,000 now,\u201d he said. "
        "\u201cThey come from Europe.\u201d Others agreed."
    )
    assert _texts(text) == [
        "\u201cThe number is 20,000 now,\u201d he said.",
        "\u201cThey come from Europe.\u201d",
        "Others agreed.",
    ]


def test_each_headline_line_is_a_sentence() -> None:
    text = "4 fighters killed, spokesperson says\nIt's 3 p.m. in Kyiv. Here's the latest\n\nNew aid"
    assert _texts(text) == [
        "4 fighters killed, spokesperson says",
        "It's 3 p.m. in Kyiv.",
        "Here's the latest",
        "New aid",
    ]


def test_a_line_wrapped_inside_a_sentence_is_joined_to_the_next() -> None:
    """Text wrapped at a fixed width: a line going on in lowercase, or after a comma, continues
    the sentence; a line starting with a capital after no comma is a line of its own."""
    text = (
        "Officers say that\n several thousand recruits left the\ncountry, but few came back.\n"
        "Yesterday,\n  Mr Jones said so.\nNew Headline\nBody text."
    )
    assert _texts(text) == [
        "Officers say that\n several thousand recruits left the\ncountry, but few came back.",
        "Yesterday,\n  Mr Jones said so.",
        "New Headline",
        "Body text.",
    ]


def test_a_blank_line_ends_a_sentence_even_before_lowercase() -> None:
    assert _texts("a list item\n\nanother item") == ["a list item", "another item"]


def test_block_markup_left_in_scraped_text_ends_a_sentence() -> None:
    """ "... she said.</p><p>More than 40 ..." is two paragraphs; inline markup stays."""
    text = (
        '<p>"They left in May," she said.</p><p>More than 40 <b>Latvian</b> volunteers '
        "followed<br/>in June.</p>"
    )
    assert _texts(text) == [
        '"They left in May," she said.',
        "More than 40 <b>Latvian</b> volunteers followed",
        "in June.",
    ]


def test_initials_do_not_split() -> None:
    assert _texts("John F. Kennedy spoke.") == ["John F. Kennedy spoke."]


@pytest.mark.parametrize(
    ("before", "word"),
    [
        ("troops of the U.S.", "U.S"),
        ('as he told Mr."', "Mr"),
        ("it rose to 1.5.", "1.5"),
        ("said the minister!)  ", "minister"),
        ("...", ""),
        ("(", ""),
    ],
)
def test_word_before_a_stop(before: str, word: str) -> None:
    assert _word_before(before) == word
