"""Dealing the tuning documents into cross-validation folds."""

from __future__ import annotations

from pathlib import Path

from pipelines.evaluation.train import deal

DOCUMENTS = [Path(f"doc{index:02d}.txt") for index in range(23)]


def test_every_document_is_held_out_exactly_once_in_every_deal():
    for seed in range(4):
        folds = deal(DOCUMENTS, 5, seed)
        assert len(folds) == 5
        assert sorted(d for fold in folds for d in fold) == DOCUMENTS
        assert max(map(len, folds)) - min(map(len, folds)) <= 1


def test_the_first_deal_is_round_robin_in_order_and_other_seeds_differ():
    assert deal(DOCUMENTS, 5)[1] == DOCUMENTS[1::5]
    assert deal(DOCUMENTS, 5, seed=1) != deal(DOCUMENTS, 5)
    assert deal(DOCUMENTS, 5, seed=1) == deal(DOCUMENTS, 5, seed=1)  # reproducible
