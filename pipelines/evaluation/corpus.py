"""The evaluation sets: documents with their gold and tolerated claims, and how they are scored.

The project's corpus lives in `eval/` (eval/README.md): documents in `corpus/docs/`, where each
comes from in `corpus/sources.jsonl`, and the adjudicated claims split by document into a tuning
part and a test part (`tune_gold.jsonl`, `test_gold.jsonl` and their `*_tolerated.jsonl`). A
document's part is fixed by a hash of its name, so adding documents never moves old ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipelines.claims.contract import Record, contract_record
from pipelines.claims.extract import extract_claims
from pipelines.claims.populations import nouns
from pipelines.evaluation.score import Score, figure, read_jsonl, score
from pipelines.ingest.folders import read_article

EVAL_DIR = Path(__file__).resolve().parents[2] / "eval"
SPLITS = ("tune", "test")
_TEST_SHARE = 0.4  # of documents, by the hash of their names
ADJUDICATED = "adjudicated"  # the folder of eval/annotations/ holding the final claims


@dataclass(frozen=True)
class EvalSet:
    """Documents and the claims annotators found in them."""

    name: str
    documents: tuple[Path, ...]
    gold: tuple[Record, ...]
    tolerated: tuple[Record, ...]


def split_of(doc: str) -> str:
    """ "tune" or "test": the part a document belongs to, from a hash of its file name."""
    digest = hashlib.sha256(Path(doc).name.encode("utf-8")).digest()
    return "test" if int.from_bytes(digest[:4], "big") / 2**32 < _TEST_SHARE else "tune"


def corpus_documents(eval_dir: Path = EVAL_DIR) -> list[Path]:
    """The corpus's documents: those adjudicated (one still being annotated is not in it yet)."""
    adjudicated = eval_dir / "annotations" / ADJUDICATED
    return [
        doc
        for doc in sorted((eval_dir / "corpus" / "docs").glob("*.txt"))
        if (adjudicated / f"{doc.stem}.gold.jsonl").exists()
    ]


def project_sets(eval_dir: Path = EVAL_DIR) -> list[EvalSet]:
    """The tuning and test parts of the project's corpus."""
    docs = corpus_documents(eval_dir)
    sets = []
    for split in SPLITS:
        gold = eval_dir / f"{split}_gold.jsonl"
        tolerated = eval_dir / f"{split}_tolerated.jsonl"
        sets.append(
            EvalSet(
                name=split,
                documents=tuple(d for d in docs if split_of(d.name) == split),
                gold=tuple(read_jsonl(gold)) if gold.exists() else (),
                tolerated=tuple(read_jsonl(tolerated)) if tolerated.exists() else (),
            )
        )
    return sets


def folder_set(name: str, documents: Iterable[Path], gold: Path, tolerated: Path | None) -> EvalSet:
    """A set kept elsewhere in the contract's layout (documents, gold and tolerated files)."""
    return EvalSet(
        name=name,
        documents=tuple(sorted(documents)),
        gold=tuple(read_jsonl(gold)),
        tolerated=tuple(read_jsonl(tolerated)) if tolerated and tolerated.exists() else (),
    )


def predict(documents: Iterable[Path]) -> list[Record]:
    """What `headcount extract --format jsonl` prints for these documents."""
    records: list[Record] = []
    for path in documents:
        article = read_article(path)
        records.extend(
            contract_record(path.name, c) for c in extract_claims(article.text, article.published)
        )
    return records


@dataclass(frozen=True)
class SetScore:
    """A set's full and value-only scores, and the full score of each slice of its gold."""

    name: str
    documents: int
    full: Score
    value_only: Score
    by_status: dict[str, Score]
    by_group: dict[str, Score]

    def precision_by_confidence(
        self, bands: tuple[float, ...] = (0.0, 0.5, 0.8)
    ) -> list[tuple[float, int, float]]:
        """(lowest confidence of the band, predictions, precision) per band of confidence: a
        confidence that ranks gives higher precision in higher bands."""
        right = [p.get("confidence") for _, p in self.full.matched]
        wrong = [p.get("confidence") for p in self.full.false_positives]
        rows = []
        for low, high in zip(bands, (*bands[1:], 1.01), strict=True):
            hits = sum(c is not None and low <= c < high for c in right)
            misses = sum(c is not None and low <= c < high for c in wrong)
            if hits + misses:
                rows.append((low, hits + misses, hits / (hits + misses)))
        return rows


def evaluate(evaluated: EvalSet, predicted: list[Record]) -> SetScore:
    """Score predictions on a set, whole and by the gold's status and population group."""
    names = {d.name for d in evaluated.documents}
    predicted = [p for p in predicted if Path(str(p.get("doc"))).name in names]
    gold, tolerated = list(evaluated.gold), list(evaluated.tolerated)
    by_status: dict[str, Score] = {}
    for status in sorted({g.get("status") or "total" for g in gold}):
        part = [g for g in gold if (g.get("status") or "total") == status]
        by_status[status] = score(part, _near(part, predicted), tolerated)
    by_group: dict[str, Score] = {}
    for group in sorted({population_group(g) for g in gold}):
        part = [g for g in gold if population_group(g) == group]
        by_group[group] = score(part, _near(part, predicted), tolerated)
    return SetScore(
        name=evaluated.name,
        documents=len(names),
        full=score(gold, predicted, tolerated),
        value_only=score(gold, predicted, tolerated, value_only=True),
        by_status=by_status,
        by_group=by_group,
    )


def population_group(claim: Record) -> str:
    """The series group of a claim's population words ("British jihadis" -> "fighters")."""
    words = (claim.get("population") or "").lower()
    tokens = words.replace("(", " ").replace(")", " ").split()
    table = nouns()
    for size in (3, 2, 1):
        for start in range(len(tokens) - size + 1):
            group, _ = table.get(" ".join(tokens[start : start + size]), (None, False))
            if group:
                return group
    return "other"


def _near(gold: list[Record], predicted: list[Record]) -> list[Record]:
    """Predictions in the documents of ``gold`` carrying one of its numbers: the recall of a
    slice is then its own, and its precision counts only predictions that compete for it."""
    wanted = {(Path(str(g.get("doc"))).name, figure(g)) for g in gold}
    return [p for p in predicted if (Path(str(p.get("doc"))).name, figure(p)) in wanted]
