"""The origin model learns to choose among each claim's candidates, not to score them alone."""

from __future__ import annotations

import pytest

pytest.importorskip("scipy", reason="training needs the train group (uv sync --group train)")

from pipelines.claims.origin import Candidate  # noqa: E402
from pipelines.evaluation.train import Origins, _fit_origin  # noqa: E402


def _claim(gold: str | None, *options: tuple[str | None, dict[str, float]]) -> Origins:
    return Origins("doc", tuple(Candidate(code, features) for code, features in options), gold)


def test_a_feature_every_candidate_of_a_claim_shares_gets_no_weight():
    # "headline" describes every candidate of the claims it is in, and those claims have more
    # losing candidates than the others: scored alone it looks like evidence against a country;
    # in a choice it says nothing.
    claims = []
    for n in range(30):
        if n % 2:
            shared = {"headline": 1.0}
            options = [("A", {"sentence_before": 1.0, **shared}), ("B", shared), ("D", shared)]
        else:
            options = [("A", {"sentence_before": 1.0}), ("B", {})]
        claims.append(_claim("A", *options))
        claims.append(_claim(None, (None, {"none": 1.0}), ("C", {"context": 1.0})))
    vectorizer, model = _fit_origin(claims, {"sentence_before", "headline", "none", "context"})
    weights = dict(zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True))
    assert abs(weights["headline"]) < 1e-6
    assert weights["sentence_before"] > 0.5
    assert weights["none"] > weights["context"]


def test_the_fitted_model_chooses_the_candidate_its_evidence_favours():
    claims = [
        _claim("A", ("A", {"phrase": 1.0}), ("B", {"context": 1.0}), (None, {"none": 1.0}))
        for _ in range(10)
    ] + [_claim(None, ("B", {"context": 1.0}), (None, {"none": 1.0})) for _ in range(10)]
    vectorizer, model = _fit_origin(claims, {"phrase", "context", "none"})
    rows = vectorizer.transform([{"phrase": 1.0}, {"context": 1.0}, {"none": 1.0}])
    scores = model.decision_function(rows)
    assert scores[0] > scores[2] > scores[1]
