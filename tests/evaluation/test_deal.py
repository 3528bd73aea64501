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


def test_fold_models_kept_in_a_folder_are_trained_once_and_reused(tmp_path, monkeypatch):
    """`train --cross-validate --fold-models DIR` twice: the second scores the rules with the
    first's models, so a change of the rules is measured without retraining."""
    from pipelines.evaluation import train
    from pipelines.evaluation.corpus import EvalSet

    trained_on: list[int] = []
    read_from: list[Path] = []

    def fake_train_all(tuning, models):
        trained_on.append(len(tuning.documents))
        for path in (models.scope, models.origin, models.confidence):
            path.write_text("{}")

    def fake_predict(held):
        read_from.append(train.scope.WEIGHTS)
        return []

    monkeypatch.setattr(train, "train_all", fake_train_all)
    monkeypatch.setattr(train, "predict", fake_predict)
    monkeypatch.setattr(train, "evaluate", lambda tuning, predicted: len(predicted))
    tuning = EvalSet("tune", tuple(DOCUMENTS), (), ())

    train.cross_validate(tuning, folds=5, fold_models=tmp_path)
    assert sorted(trained_on) == [18, 18, 18, 19, 19]  # each fold trained on the others
    first = list(read_from)
    train.cross_validate(tuning, folds=5, fold_models=tmp_path)
    assert len(trained_on) == 5  # nothing retrained
    assert read_from[5:] == first  # the same fold's models read again
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"0-{fold}" for fold in range(5)]

    train.cross_validate(tuning, folds=5)  # without a folder: trained afresh every time
    assert len(trained_on) == 10
