"""Training the extractor's three models on the corpus's tuning part (never its test part).

Scope (``claims.scope``): every number mention of a tuning document is labelled in scope (a gold
claim has its number and sentence) or not (neither a gold claim nor a tolerated one has). The
decision thresholds are chosen on predictions made by models that did not see the document
(cross-validation grouped by document), so they are not fitted to the training documents.

Origin (``claims.origin``): each predicted claim whose phrase names no origin, and whose gold
country is among its candidates, teaches which candidate is right: a conditional logit, one
choice among each claim's candidates, as the extractor makes it.

Confidence (``claims.confidence``): each claim the extractor predicts on a tuning document is
labelled right (it matches a gold claim) or wrong (it matches none and is not tolerated).

``cross_validate`` scores the whole extractor on tuning documents its models did not see.
Scope and confidence are logistic regressions (scikit-learn), origin a conditional logit fitted
with SciPy; both are training-only dependencies (`uv sync --group train`), and every model is
written as named weights (``claims.linear``).
"""

from __future__ import annotations

import contextlib
import json
import random
import tempfile
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

from pipelines.claims import confidence, linear, origin, scope
from pipelines.claims.contract import Record, contract_record
from pipelines.claims.extract import read_mentions
from pipelines.evaluation.corpus import (
    EVAL_DIR,
    EvalSet,
    SetScore,
    evaluate,
    predict,
    project_sets,
)
from pipelines.evaluation.score import MIN_OVERLAP, Figure, figure, overlap, score
from pipelines.ingest.folders import read_article

REGULARIZATION = 1.0  # inverse strength (scikit-learn's C): the default, not tuned
MIN_DOCUMENTS = 2  # a feature seen in one tuning document says more of it than of news
FOLDS = 5
THRESHOLD_DEALS = 5  # deals of the documents the scope thresholds are chosen over
# The origin model's: its loss sums over claims, each a choice among a few candidates, and
# weaker penalties fitted the tuning documents' own countries (held-out choice less often right).
ORIGIN_REGULARIZATION = 0.3


@dataclass(frozen=True)
class Models:
    """Where the extractor reads its three models from, and training writes them."""

    scope: Path = scope.WEIGHTS
    origin: Path = origin.WEIGHTS
    confidence: Path = confidence.WEIGHTS


def tuning_part(eval_dir: Path = EVAL_DIR) -> EvalSet:
    return next(s for s in project_sets(eval_dir) if s.name == "tune")


def train_all(tuning: EvalSet, models: Models = Models()) -> dict[str, dict[str, Any]]:
    """Fit scope, origin and confidence in this order: each learns from the claims the ones
    before it make. Returns what each wrote, by name."""
    with _reading(models):
        return {
            "scope": train_scope(tuning, models.scope),
            "origin": train_origin(tuning, models.origin),
            "confidence": train_confidence(tuning, models.confidence),
        }


def cross_validate(
    tuning: EvalSet, folds: int = FOLDS, seed: int = 0, fold_models: Path | None = None
) -> SetScore:
    """The whole extractor's score on tuning documents its models were not trained on: the
    documents are dealt into ``folds`` parts (`deal`), and each part is predicted by models
    trained on the others. The tuning part's score with the shipped models flatters them (they
    saw its documents); this one is comparable with the test part's.

    ``fold_models``: a folder keeping each fold's models, trained only where none are kept
    yet. Scored once before a change of the rules and once after with the same folder, the
    change is measured alone: retrained models move the score by more than a rule that reads a
    few sentences differently does (`deal`)."""
    documents = list(tuning.documents)
    predicted: list[Record] = []
    with tempfile.TemporaryDirectory() as scratch:
        for fold, held in enumerate(deal(documents, folds, seed)):
            kept = Path(scratch) if fold_models is None else fold_models / f"{seed}-{fold}"
            kept.mkdir(parents=True, exist_ok=True)
            models = Models(*(kept / f"{name}.json" for name in Models.__dataclass_fields__))
            if fold_models is None or not all(path.exists() for path in astuple(models)):
                trained = {d.name for d in documents} - {d.name for d in held}
                train_all(_subset(tuning, trained), models)
            with _reading(models):
                predicted.extend(predict(held))
    return evaluate(tuning, predicted)


def deal(documents: list[Path], folds: int, seed: int = 0) -> list[list[Path]]:
    """The documents dealt into ``folds`` parts: in their order for seed 0 (the deal every
    earlier figure used), shuffled by the seed otherwise. Scoring one change under several
    seeds tells a real gain from the luck of which documents fall together: the whole
    extractor's held-out F1 differs by up to 0.015 from one deal to another."""
    order = list(documents)
    if seed:
        random.Random(seed).shuffle(order)
    return [order[fold::folds] for fold in range(folds)]


def _subset(evaluated: EvalSet, names: set[str]) -> EvalSet:
    return EvalSet(
        evaluated.name,
        tuple(d for d in evaluated.documents if d.name in names),
        tuple(g for g in evaluated.gold if g["doc"] in names),
        tuple(t for t in evaluated.tolerated if t["doc"] in names),
    )


@contextlib.contextmanager
def _reading(models: Models) -> Iterator[None]:
    """Make the extractor read its models from ``models`` while inside."""
    shipped = Models()
    _point_at(models)
    try:
        yield
    finally:
        _point_at(shipped)


def _point_at(models: Models) -> None:
    """Make the extractor's modules read their weights from ``models`` (one assignment each: in
    a loop, mypy sees the modules as plain ModuleType, which has no WEIGHTS)."""
    scope.WEIGHTS = models.scope
    origin.WEIGHTS = models.origin
    confidence.WEIGHTS = models.confidence
    linear.forget()


def labelled_claims(tuning: EvalSet) -> tuple[list[dict[str, float]], list[int]]:
    """Features and right/wrong labels of every claim predicted on the tuning documents."""
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for path in tuning.documents:
        article = read_article(path)
        readings = [r for r in read_mentions(article.text, article.published) if r.claim]
        claims = [r.claim for r in readings if r.claim is not None]
        records = [contract_record(path.name, c) for c in claims]
        gold = [g for g in tuning.gold if g["doc"] == path.name]
        tolerated = [t for t in tuning.tolerated if t["doc"] == path.name]
        result = score(gold, records, tolerated)
        right = {id(p) for _, p in result.matched}
        wrong = {id(p) for p in result.false_positives}
        for reading, record in zip(readings, records, strict=True):
            if id(record) in right or id(record) in wrong:
                assert reading.claim is not None  # only readings with a claim were kept
                rows.append(confidence.features(reading.claim, reading.evidence))
                labels.append(int(id(record) in right))
    return rows, labels


def train_confidence(tuning: EvalSet, output: Path) -> dict[str, Any]:
    """Fit the model on the tuning part and write its weights; returns what was written."""
    rows, labels = labelled_claims(tuning)
    vectorizer, model = _fit(rows, labels)
    trained_on = f"{len(tuning.documents)} documents, {len(labels)} predicted claims, "
    return _write(output, vectorizer, model, trained_on + f"{sum(labels)} right")


@dataclass(frozen=True)
class Mention:
    """One number mention of a tuning document, labelled for the scope model."""

    doc: str
    features: dict[str, float]
    ruled: bool  # the rules read it as a claim
    in_scope: bool


def labelled_mentions(tuning: EvalSet) -> list[Mention]:
    """Every mention of the tuning documents that is a gold claim's number or no claim's; the
    numbers annotators tolerated are left out (either answer is right)."""
    mentions = []
    for path in tuning.documents:
        article = read_article(path)
        gold = [g for g in tuning.gold if g["doc"] == path.name]
        tolerated = [t for t in tuning.tolerated if t["doc"] == path.name]
        seen: set[tuple[int, int]] = set()
        for reading in read_mentions(
            article.text, article.published, scope_model=False, origin_model=False
        ):
            m = reading.mention
            if (reading.sentence.start, m.start) in seen:
                continue  # a claim per country of one mention ("100 men from each country")
            seen.add((reading.sentence.start, m.start))
            number = figure({"value": m.value, "low": m.low, "high": m.high})
            in_gold = _found_in(gold, number, reading.sentence.text)
            if not in_gold and _found_in(tolerated, number, reading.sentence.text):
                continue
            ruled = reading.claim is not None
            mentions.append(Mention(path.name, reading.features, ruled, in_gold))
    return mentions


def _found_in(claims: list[Record], number: Figure, sentence: str) -> bool:
    return any(
        figure(c) == number and overlap(c["sentence"], sentence) >= MIN_OVERLAP for c in claims
    )


def train_scope(tuning: EvalSet, output: Path) -> dict[str, Any]:
    """Fit the scope model on the tuning part, choose its thresholds by cross-validation, and
    write both; returns what was written."""
    mentions = labelled_mentions(tuning)
    vocabulary = _shared_features(mentions)
    rows = [{k: v for k, v in m.features.items() if k in vocabulary} for m in mentions]
    labels = [int(m.in_scope) for m in mentions]
    docs = [m.doc for m in mentions]
    held_out = [_cross_validated(rows, labels, docs, seed) for seed in range(THRESHOLD_DEALS)]
    accept, veto, measured = _thresholds(mentions, held_out)
    vectorizer, model = _fit(rows, labels)
    trained_on = f"{len(tuning.documents)} documents, {len(labels)} number mentions, "
    return _write(
        output,
        vectorizer,
        model,
        trained_on + f"{sum(labels)} in scope",
        cross_validated=measured,
        accept=accept,
        veto=veto,
    )


def _shared_features(mentions: list[Mention]) -> set[str]:
    documents: dict[str, set[str]] = {}
    for m in mentions:
        for name in m.features:
            documents.setdefault(name, set()).add(m.doc)
    return {name for name, docs in documents.items() if len(docs) >= MIN_DOCUMENTS}


def _fit(rows: list[dict[str, float]], labels: list[int]) -> tuple[Any, Any]:
    """A fitted DictVectorizer and LogisticRegression (scikit-learn is untyped)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sparse=True)
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=REGULARIZATION, max_iter=2000).fit(matrix, labels)
    return vectorizer, model


def _cross_validated(
    rows: list[dict[str, float]], labels: list[int], docs: list[str], seed: int = 0
) -> list[float]:
    """Each mention's probability from a model trained without its document, the documents
    dealt into folds by ``seed`` (``deal``)."""
    names = sorted(set(docs))
    fold_of = {
        name: fold
        for fold, part in enumerate(deal([Path(n) for n in names], FOLDS, seed))
        for name in (p.name for p in part)
    }
    probabilities = [0.0] * len(rows)
    for fold in range(FOLDS):
        held = [i for i, doc in enumerate(docs) if fold_of[doc] == fold]
        train = [i for i, doc in enumerate(docs) if fold_of[doc] != fold]
        vectorizer, model = _fit([rows[i] for i in train], [labels[i] for i in train])
        predicted = model.predict_proba(vectorizer.transform([rows[i] for i in held]))[:, 1]
        for index, probability in zip(held, predicted, strict=True):
            probabilities[index] = float(probability)
    return probabilities


def _thresholds(
    mentions: list[Mention], held_out: list[list[float]]
) -> tuple[float, float, dict[str, dict[str, float]]]:
    """The accept and veto thresholds with the best mean F1 of in-scope mentions taken, held out
    under each deal of the documents: under one deal, neighbouring thresholds differ by less
    than the luck of which documents fall together, and the choice flipped between retrains."""
    best: tuple[float, float, float] = (-1.0, 0.5, 0.0)
    gold = sum(m.in_scope for m in mentions)
    rules_only = _prf(mentions, [m.ruled for m in mentions], gold)
    for accept in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        for veto in (0.0, 0.02, 0.05, 0.1, 0.2):
            scores = [
                _f1(mentions, _taken(mentions, probabilities, accept, veto), gold)
                for probabilities in held_out
            ]
            if sum(scores) / len(scores) > best[0]:
                best = (sum(scores) / len(scores), accept, veto)
    _, accept, veto = best
    measured = _prf(mentions, _taken(mentions, held_out[0], accept, veto), gold)
    return accept, veto, {"rules_only": rules_only, "with_model": measured}


def _taken(
    mentions: list[Mention], held_out: list[float], accept: float, veto: float
) -> list[bool]:
    return [
        (p >= veto) if m.ruled else (p >= accept) for m, p in zip(mentions, held_out, strict=True)
    ]


def _f1(mentions: list[Mention], taken: list[bool], gold: int) -> float:
    right = sum(t and m.in_scope for m, t in zip(mentions, taken, strict=True))
    return 2 * right / (sum(taken) + gold) if sum(taken) + gold else 0.0


def _prf(mentions: list[Mention], taken: list[bool], gold: int) -> dict[str, float]:
    right = sum(t and m.in_scope for m, t in zip(mentions, taken, strict=True))
    precision = right / max(sum(taken), 1)
    recall = right / max(gold, 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


@dataclass(frozen=True)
class Origins:
    """A tuning claim's candidate countries and the annotators' country."""

    doc: str
    candidates: tuple[origin.Candidate, ...]
    gold_country: str | None


def labelled_origins(tuning: EvalSet) -> list[Origins]:
    """The candidates of every predicted claim whose number and sentence a gold claim has, when
    the gold country is among them (otherwise no choice could be right)."""
    labelled = []
    for path in tuning.documents:
        article = read_article(path)
        gold = [g for g in tuning.gold if g["doc"] == path.name]
        for reading in read_mentions(article.text, article.published, origin_model=False):
            if reading.claim is None or not reading.origins:
                continue  # no claim, or the rules named its origin (the model only fills in)
            m = reading.mention
            number = figure({"value": m.value, "low": m.low, "high": m.high})
            same = [
                g
                for g in gold
                if figure(g) == number
                and overlap(g["sentence"], reading.sentence.text) >= MIN_OVERLAP
            ]
            if not same:
                continue
            country = same[0].get("country") or None
            if country in {c.code for c in reading.origins}:
                labelled.append(Origins(path.name, reading.origins, country))
    return labelled


def train_origin(tuning: EvalSet, output: Path) -> dict[str, Any]:
    """Fit the origin model on the tuning part; report the accuracy of its choice on held-out
    documents against the rules' alone; write the weights; returns what was written."""
    from sklearn.model_selection import GroupKFold

    claims = labelled_origins(tuning)
    vocabulary = _shared_features(
        [Mention(c.doc, f.features, False, False) for c in claims for f in c.candidates]
    )
    right_held_out = 0
    docs = [c.doc for c in claims]
    for train, held in GroupKFold(n_splits=FOLDS).split(claims, groups=docs):
        vectorizer, model = _fit_origin([claims[i] for i in train], vocabulary)
        for i in held:
            options = claims[i].candidates
            rows = vectorizer.transform([_kept(o.features, vocabulary) for o in options])
            scores = model.decision_function(rows)
            best = max(range(len(options)), key=lambda k: scores[k])
            right_held_out += options[best].code == claims[i].gold_country
    rules_right = sum(c.gold_country is None for c in claims)  # the rules leave them blank
    vectorizer, model = _fit_origin(claims, vocabulary)
    trained_on = f"{len(tuning.documents)} documents, {len(claims)} claims with their gold "
    held_out = {
        "left_blank_accuracy": round(rules_right / max(len(claims), 1), 3),
        "model_accuracy": round(right_held_out / max(len(claims), 1), 3),
    }
    return _write(
        output,
        vectorizer,
        model,
        trained_on + "country among the candidates",
        cross_validated=held_out,
    )


def _write(
    output: Path, vectorizer: Any, model: Any, trained_on: str, **about: object
) -> dict[str, Any]:
    """Write a fitted model's intercept and non-zero weights by feature name (the form
    ``claims.linear`` reads) with what it was trained on; returns what was written."""
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if round(float(weight), 4)
    }
    written = {
        "trained_on": f"eval/ tuning part: {trained_on}",
        **about,
        "intercept": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    output.write_text(json.dumps(written, indent=1) + "\n", encoding="utf-8")
    linear.forget()
    return written


def _kept(features: dict[str, float], vocabulary: set[str]) -> dict[str, float]:
    return {k: v for k, v in features.items() if k in vocabulary}


def _fit_origin(claims: list[Origins], vocabulary: set[str]) -> tuple[Any, Any]:
    """A DictVectorizer and a conditional logit: one softmax over each claim's candidates,
    so the weights learn which candidate wins against the others named with it, as
    ``origin.choose`` uses them, not how likely each candidate is on its own."""
    from sklearn.feature_extraction import DictVectorizer

    vectorizer = DictVectorizer(sparse=True)
    matrix = vectorizer.fit_transform(
        [_kept(o.features, vocabulary) for c in claims for o in c.candidates]
    )
    sizes = [len(c.candidates) for c in claims]
    gold = [next(k for k, o in enumerate(c.candidates) if o.code == c.gold_country) for c in claims]
    return vectorizer, ConditionalLogit(ORIGIN_REGULARIZATION).fit(matrix, sizes, gold)


class ConditionalLogit:
    """Choice among each group's rows (McFadden's conditional logit) with an L2 penalty of
    1/(2C); fitted rows are consecutive by group. It has scikit-learn's ``coef_``,
    ``intercept_`` (0: a constant adds the same to every candidate) and
    ``decision_function``, so its weights are written like the other models'."""

    def __init__(self, regularization: float) -> None:
        self.regularization = regularization
        self.coef_: Any = None
        self.intercept_ = [0.0]

    def fit(self, matrix: Any, sizes: list[int], gold: list[int]) -> ConditionalLogit:
        import numpy as np
        from scipy.optimize import minimize

        starts = np.cumsum([0, *sizes[:-1]])
        group = np.repeat(np.arange(len(sizes)), sizes)
        chosen = starts + np.asarray(gold)

        def loss(weights: Any) -> tuple[float, Any]:
            scores = matrix @ weights
            top = np.maximum.reduceat(scores, starts)
            exp = np.exp(scores - top[group])
            total = np.add.reduceat(exp, starts)
            share = exp / total[group]
            share[chosen] -= 1.0
            value = float(np.sum(np.log(total) + top - scores[chosen]))
            value += float(weights @ weights) / (2 * self.regularization)
            return value, matrix.T @ share + weights / self.regularization

        fitted = minimize(loss, np.zeros(matrix.shape[1]), jac=True, method="L-BFGS-B")
        self.coef_ = fitted.x.reshape(1, -1)
        return self

    def decision_function(self, rows: Any) -> Any:
        return rows @ self.coef_[0]
