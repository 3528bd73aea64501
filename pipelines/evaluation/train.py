"""Training the confidence model on the corpus's tuning part (never its test part).

Each claim the rules predict on a tuning document is labelled right (it matches a gold claim)
or wrong (it matches none and is not tolerated); a logistic regression learns which facts of a
claim go with being right. scikit-learn is a training-only dependency (`uv sync --group train`).
"""

from __future__ import annotations

import json
from pathlib import Path

from pipelines.claims import confidence
from pipelines.claims.contract import contract_record
from pipelines.claims.extract import extract_claims
from pipelines.evaluation.corpus import EvalSet, project_sets
from pipelines.evaluation.score import score
from pipelines.ingest.folders import read_article

REGULARIZATION = 1.0  # inverse strength (scikit-learn's C): the default, not tuned


def labelled_claims(tuning: EvalSet) -> tuple[list[dict[str, float]], list[int]]:
    """Features and right/wrong labels of every claim predicted on the tuning documents."""
    rows: list[dict[str, float]] = []
    labels: list[int] = []
    for path in tuning.documents:
        article = read_article(path)
        claims = extract_claims(article.text, article.published)
        records = [contract_record(path.name, c) for c in claims]
        gold = [g for g in tuning.gold if g["doc"] == path.name]
        tolerated = [t for t in tuning.tolerated if t["doc"] == path.name]
        result = score(gold, records, tolerated)
        right = {id(p) for _, p in result.matched}
        wrong = {id(p) for p in result.false_positives}
        for claim, record in zip(claims, records, strict=True):
            if id(record) in right or id(record) in wrong:
                rows.append(confidence.features(claim))
                labels.append(int(id(record) in right))
    return rows, labels


def train(output: Path = confidence.WEIGHTS) -> dict:
    """Fit the model on the tuning part and write its weights; returns what was written."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    tuning = next(s for s in project_sets() if s.name == "tune")
    rows, labels = labelled_claims(tuning)
    vectorizer = DictVectorizer(sparse=False)
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=REGULARIZATION, max_iter=1000).fit(matrix, labels)
    weights = {
        name: round(float(weight), 4)
        for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
    }
    written = {
        "trained_on": f"eval/ tuning part: {len(tuning.documents)} documents, "
        f"{len(labels)} predicted claims, {sum(labels)} right",
        "intercept": round(float(model.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
    }
    output.write_text(json.dumps(written, indent=1) + "\n", encoding="utf-8")
    return written
