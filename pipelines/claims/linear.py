"""The extractor's learned pieces at run time: logistic models kept as JSON weights.

`headcount train` writes each model's intercept and named weights (``pipelines/data/*.json``);
scoring is a dot product over named features, so nothing but the file is loaded.
"""

from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any, NotRequired, TypedDict, cast


class Model(TypedDict):
    """A weights file as `headcount train` writes it (``evaluation.train._write``)."""

    trained_on: NotRequired[str]  # for people reading the file; scoring needs only the last two
    cross_validated: NotRequired[dict[str, Any]]  # held-out measures (scope, origin)
    accept: NotRequired[float]  # scope's thresholds: a mention no rule reads needs this much
    veto: NotRequired[float]  # and a rule's claim this much
    intercept: float
    weights: dict[str, float]


@functools.cache
def load(path: Path) -> Model | None:
    """The model at ``path``, read once; None when the file is absent."""
    if not path.exists():
        return None
    # JSON is untyped: trust the file to have the shape training writes.
    return cast(Model, json.loads(path.read_text(encoding="utf-8")))


def forget() -> None:
    """Read the models again on next use (after training wrote them)."""
    load.cache_clear()


def score(model: Model, features: dict[str, float]) -> float:
    """The model's log-odds for these features."""
    weight = model["weights"].get
    return model["intercept"] + sum([weight(k, 0.0) * v for k, v in features.items()])


def probability(model: Model, features: dict[str, float]) -> float:
    return 1.0 / (1.0 + math.exp(-score(model, features)))
