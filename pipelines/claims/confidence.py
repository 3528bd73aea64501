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
from pathlib import Path

from pipelines.claims import linear
from pipelines.claims.model import Claim

WEIGHTS = Path(__file__).resolve().parent.parent / "data" / "confidence.json"
_CASUALTY_WORDS = re.compile(r"\b(?:civilians?|children|residents|people)\b", re.I)


def features(claim: Claim) -> dict[str, float]:
    """The claim as named features: one-hot facts and a few magnitudes."""
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
    return named


def reload_weights() -> None:
    """Read the weights file again on next use (after training wrote it)."""
    linear.forget()


def confidence(claim: Claim) -> float | None:
    """The probability the model gives that the claim is right, rounded to 3 places."""
    model = linear.load(WEIGHTS)
    return None if model is None else round(linear.probability(model, features(claim)), 3)
