"""Patterns written for speed find what their plain forms find, on any text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.claims import countries, populations, rules
from pipelines.claims.patterns import alternation, at_word_start

# Words the patterns look for, mixed with arbitrary unicode and the characters at word edges.
_TEXT = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "killed",
                "Killed",
                "Refugees",
                "ex-fighters",
                "asylum-seekers",
                "volunteers",
                "3volunteers",
                "_troops",
                "men",
                "menace",
                "New York",
                "Aleppo",
                "U.S.",
                "said",
                " ",
                "-",
                ".",
                "’",
                "'",
            ]
        ),
        st.text(max_size=2),
    ),
    max_size=12,
).map("".join)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_at_word_start_finds_what_the_pattern_finds(text: str) -> None:
    branches = r"(?P<dead>\b(?:killed|died)\b)|(?P<held>\b(?:held by|in\s+custody)\b)"
    plain = re.compile(branches, re.I)
    assert _spans(re.compile(at_word_start(branches), re.I), text) == _spans(plain, text)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_alternation_matches_any_word_longest_first(text: str) -> None:
    words = ["men", "menace", "me", "volunteers", "volunteer"]
    plain = re.compile("|".join(sorted(words, key=len, reverse=True)))
    assert _spans(re.compile(alternation(words)), text) == _spans(plain, text)


def _heads_word_by_word(text: str) -> list[populations.Head]:
    """People nouns found by trying the noun pattern at each word start, not after a hyphen."""
    found, end = [], 0
    for word in re.finditer(r"(?<![^\W_])(?<!-)[A-Za-z]+", text):
        if word.start() < end:
            continue
        noun = populations._noun_pattern().match(text, word.start())
        if noun is None:
            continue
        end = noun.end()
        window = text[max(0, noun.start() - populations._DEMONYM_REACH) : noun.start()]
        group, core = populations.nouns()[noun.group().lower()]
        found.append(
            populations.Head(
                noun.start(),
                noun.end(),
                noun.group().lower(),
                group,
                core,
                populations._demonym_before(window),
            )
        )
    return found


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_people_nouns_are_those_starting_a_word(text: str) -> None:
    assert list(populations._find_heads(text)) == _heads_word_by_word(text)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_capitalized_runs_start_after_no_word_character_or_hyphen(text: str) -> None:
    plain = re.compile(r"(?<![\w-])[A-Z][\w’'.-]*(?:[ ][A-Z][\w’'.-]*)*")
    assert _spans(countries._CAPITALIZED_RUN, text) == _spans(plain, text)


def test_a_sentences_cues_come_in_one_order() -> None:
    sentence = "Hundreds fled the town after others joined the rebels and volunteered."
    assert populations.cues_in(sentence) == tuple(sorted(populations.cues_in(sentence)))
    assert len(populations.cues_in(sentence)) >= 2


# Text before a figure: who may send troops, auxiliaries, verbs of sending in any case, noise.
_BEFORE_FIGURE = st.lists(
    st.sampled_from(
        [
            "Chad",
            "the UK",
            "Kenya's",
            "North Korea",
            "is",
            "to",
            "agreed",
            "has",
            "have",
            "Has",
            "sent",
            "Sent",
            "deploy",
            "DEPLOYED",
            "dispatching",
            "re-sent",
            "ex-deploy",
            "massed",
            "with",
            "about",
            ",",
            "x",
            "’s",
            "troops",
        ]
    ),
    max_size=14,
).map(lambda words: " ".join(words) + " ")


@given(_BEFORE_FIGURE)
def test_the_sender_pattern_is_tried_only_where_a_verb_of_sending_ends(before: str) -> None:
    """``rules._SENDING_VERB`` on the last 16 characters is a cheap test before ``_SENDER``:
    wherever the full pattern finds a sender, the cheap test passes."""
    if rules._SENDER.search(before, max(0, len(before) - rules._SENDER_REACH)):
        assert rules._SENDING_VERB.search(before, max(0, len(before) - 16))
