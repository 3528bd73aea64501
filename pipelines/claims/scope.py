"""Whether a number mention counts people in scope: a learned check over every mention.

The rules (``rules``) read a mention when its phrase has a shape they know; news says counts
in more ways than rules list ("at least 2,100 have been rescued", "the remaining 40"). This
model sees every mention with the words around it, reduced to classes that carry over from one
story to the next (a demonym is ``<dem>``, a country ``<cty>``, a people noun its group), what
the rules made of it, and the people the sentence and the sentences before it name. Trained on
the corpus's tuning part (`headcount train`, eval/README.md); the weights are a small JSON file
under version control and scoring is a dot product. Without the file it says nothing (None).
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path

from pipelines.claims import linear
from pipelines.claims.countries import country_names, demonyms
from pipelines.claims.numbers import NumberMention
from pipelines.claims.populations import (
    Context,
    counted_word,
    cues_in,
    find_head,
    heads_before,
    nouns,
)

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "scope.json"
_TOKEN = re.compile(r"[^\W\d_][\w’'-]*|\d[\d,.]*|[%$£€:;()\"“”—–]")
_NEAR = 2  # tokens each side kept with their position
_WINDOW = 8  # tokens each side kept as a bag
_CASUALTIES = re.compile(r"\b(?:killed|dead|deaths?|died|injured|wounded|casualt\w+|toll)\b", re.I)
_NAMES = ("sentence_names=", "context_names=")  # the people a sentence and its context name
_MONEY = re.compile(r"(?:[$£€¥]|\bUS\$|\bUSD\s?|\bEUR\s?)\s*$")


@functools.cache
def _classes() -> dict[str, str]:
    """Words that stand for a class: demonyms, country names, people nouns."""
    table = {word.lower(): "<dem>" for word in demonyms()}
    table |= {word.lower(): "<cty>" for word in country_names()}
    for noun, (group, _core) in nouns().items():
        table[noun] = f"<{group or 'people'}>"
    return table


def _tokens(text: str) -> list[str]:
    """The words of ``text``, a figure as ``<num>`` and a word of a class as its class."""
    classes = _classes()
    return [
        "<num>" if token[0].isdigit() else classes.get(lower := token.lower(), lower)
        for token in _TOKEN.findall(text)
    ]


@functools.lru_cache(maxsize=64)
def _sentence_facts(sentence: str) -> dict[str, float]:
    """What the sentence says around any of its mentions; cached: read once per number in it.
    Callers copy it into their own features, never change it."""
    named = {
        f"sentence_names={h.group or 'generic'}": 1.0 for h in heads_before(sentence, len(sentence))
    }
    for cue in cues_in(sentence):  # what people do in it: "... after joining rebels in Syria"
        named[f"sentence_cue={cue}"] = 1.0
    named["casualty_words"] = float(bool(_CASUALTIES.search(sentence)))
    return named


def features(
    sentence: str,
    mention: NumberMention,
    rule: str | None,
    group: str | None,
    has_country: bool,
    context: Context,
    headline: bool,
) -> dict[str, float]:
    """The mention as named features (one-hot facts, a few magnitudes)."""
    left = _tokens(sentence[max(0, mention.start - 80) : mention.start])[-_WINDOW:]
    right = _tokens(sentence[mention.end : mention.end + 80])[:_WINDOW]
    named: dict[str, float] = {f"rule={rule}": 1.0, f"rule_group={group}": 1.0}
    named["rule_country"] = float(has_country)
    for distance in range(1, _NEAR + 1):
        named[f"L{distance}={left[-distance] if len(left) >= distance else '<s>'}"] = 1.0
        named[f"R{distance}={right[distance - 1] if len(right) >= distance else '</s>'}"] = 1.0
    for token in left[:-_NEAR]:
        named[f"left={token}"] = 1.0
    for token in right[_NEAR:]:
        named[f"right={token}"] = 1.0
    head = find_head(sentence, mention.end, len(sentence), singular=mention.value == 1)
    named[f"head={'none' if head is None else head.group or 'generic'}"] = 1.0
    counted = counted_word(sentence, mention.end)
    named[f"counted={counted}"] = 1.0
    named |= _sentence_facts(sentence)
    for found in context.heads:
        named[f"context_names={found.group or 'generic'}"] = 1.0
    if counted == "none":  # a bare figure counts the people said around it, if any
        named |= {f"bare&{name}": 1.0 for name in list(named) if name.startswith(_NAMES)}
    figure = mention.value or mention.low or mention.high or 1
    named[f"magnitude={min(int(math.log10(max(figure, 1))), 7)}"] = 1.0
    # A range reads as approximate here whatever its claim's qualifier: whether a range counts
    # people does not turn on its exactness, and the weights learned it so.
    ranged = mention.low is not None and mention.high is not None and mention.value is None
    qualifier = "approximately" if ranged and mention.qualifier == "exact" else mention.qualifier
    named[f"qualifier={qualifier}"] = 1.0
    named["vague"] = float(mention.vague)
    named["range"] = float(mention.low is not None and mention.high is not None)
    named["year_like"] = float(mention.plain_year)
    named["in_words"] = float(sentence[mention.start : mention.end][-1:].isalpha())
    named["money_before"] = float(
        bool(_MONEY.search(sentence[max(0, mention.start - 8) : mention.start]))
    )
    named["headline"] = float(headline)
    return named


def reload_weights() -> None:
    """Read the weights file again on next use (after training wrote it)."""
    linear.forget()


def probability(named: dict[str, float]) -> float | None:
    """The probability the model gives that the mention counts people in scope."""
    model = linear.load(WEIGHTS)
    return None if model is None else linear.probability(model, named)


def verdict(chance: float | None, ruled: bool) -> bool | None:
    """Whether a mention the model gives this ``probability`` counts people, by the model's
    thresholds (chosen on held-out documents when it was trained): a rule's claim needs less
    than a mention no rule reads. None without a model."""
    model = linear.load(WEIGHTS)
    if model is None or chance is None:
        return None
    return chance >= (model["veto"] if ruled else model["accept"])
