"""How far to trust a claim: a logistic model over what the extractor knows of it.

The rules decide what is a claim; this model, trained on the corpus's tuning part
(`headcount train`, eval/README.md), says how often claims like it were right there:
the rule that made it, what it counts, its status and qualifier, whether it names a country and
a speaker. The weights are a small JSON file under version control; scoring is a dot product, so
nothing is loaded but that file. Without the file every claim's confidence is None.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from pipelines.claims import linear
from pipelines.claims.model import Claim

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "confidence.json"
_CASUALTY_WORDS = re.compile(r"\b(?:civilians?|children|residents|people)\b", re.I)


@dataclass(frozen=True)
class Evidence:
    """What the extractor's models said on the way to a claim."""

    scope: float | None = None  # the scope model's probability that the mention counts people
    origin_margin: float | None = None  # how far the chosen country led the next candidate


def features(claim: Claim, evidence: Evidence = Evidence()) -> dict[str, float]:
    """The claim as named features: one-hot facts, a few magnitudes, and the models' say."""
    figure = claim.value or claim.low or claim.high or 1
    named = {
        f"rule={claim.rule}": 1.0,
        f"group={claim.population_group}": 1.0,
        f"status={claim.status}": 1.0,
        f"qualifier={claim.qualifier}": 1.0,
        "has_country": float(claim.country is not None),
        "has_speaker": float(claim.speaker is not None),
        "quoted": float(claim.direct_quote),
        "vague": float(claim.value is None and claim.high is None),
        "range": float(claim.low is not None and claim.high is not None),
        "log10_figure": math.log10(max(figure, 1)),
        "small": float(figure < 5),
        "other_people_in_sentence": float(bool(_CASUALTY_WORDS.search(claim.sentence))),
        "long_sentence": float(len(claim.sentence) > 250),
    }
    if evidence.scope is not None:
        named["scope_probability"] = evidence.scope
        named[f"scope_band={min(int(evidence.scope * 5), 4)}"] = 1.0
    if evidence.origin_margin is not None:
        named["origin_chosen"] = 1.0
        named["origin_close"] = float(evidence.origin_margin < 1.0)
    return named


def reload_weights() -> None:
    """Read the weights file again on next use (after training wrote it)."""
    linear.forget()


def confidence(claim: Claim, evidence: Evidence = Evidence()) -> float | None:
    """The probability the model gives that the claim is right, rounded to 3 places."""
    model = linear.load(WEIGHTS)
    if model is None:
        return None
    return round(linear.probability(model, features(claim, evidence)), 3)
