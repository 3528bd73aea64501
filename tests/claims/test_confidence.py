"""Confidence comes from the trained weights file; without one it is None."""

from __future__ import annotations

import json

from pipelines.claims import confidence
from pipelines.claims.extract import extract_claims, read_mentions

TEXT = "About 300 Norwegians have volunteered, the embassy said. Some 40 have returned."


def _with_weights(monkeypatch, tmp_path, weights: dict | None):
    path = tmp_path / "confidence.json"
    if weights is not None:
        path.write_text(json.dumps({"intercept": 0.0, "weights": weights}))
    monkeypatch.setattr(confidence, "WEIGHTS", path)
    confidence.reload_weights()


def test_no_weights_file_means_no_confidence(monkeypatch, tmp_path):
    _with_weights(monkeypatch, tmp_path, None)
    assert {c.confidence for c in extract_claims(TEXT)} == {None}
    confidence.reload_weights()


def test_confidence_ranks_by_the_weights_of_a_claims_features(monkeypatch, tmp_path):
    _with_weights(monkeypatch, tmp_path, {"has_speaker": 2.0, "status=returned": -1.0})
    claims = extract_claims(TEXT)
    confidence.reload_weights()
    by_value = {c.value: c.confidence for c in claims}
    assert by_value[300] > 0.5 > by_value[40]


def test_confidence_hears_what_the_scope_and_origin_models_said(monkeypatch, tmp_path):
    _with_weights(monkeypatch, tmp_path, {"scope_probability": 4.0, "origin_close": -3.0})
    readings = [r for r in read_mentions(TEXT) if r.claim]
    confidence.reload_weights()
    assert all(r.evidence.scope is not None for r in readings)  # the shipped scope model
    for reading in readings:
        named = confidence.features(reading.claim, reading.evidence)
        assert named["scope_probability"] == reading.evidence.scope
    sure = confidence.features(readings[0].claim, confidence.Evidence(0.9, 5.0))
    unsure = confidence.features(readings[0].claim, confidence.Evidence(0.9, 0.2))
    assert sure["origin_close"] == 0.0 and unsure["origin_close"] == 1.0
