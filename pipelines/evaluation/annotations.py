"""From two annotators' files to the corpus's gold: agreement, and assembling the adjudicated
claims into the tuning and test files (eval/ANNOTATING.md says how the files are laid out)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.claims.contract import Record
from pipelines.evaluation.corpus import ADJUDICATED, EVAL_DIR, SPLITS, corpus_documents, split_of
from pipelines.evaluation.score import Score, read_jsonl, score


@dataclass(frozen=True)
class Agreement:
    """How far two annotators agree over the documents both annotated."""

    documents: int
    full: Score  # the first annotator's claims as gold, the second's as predictions
    value_only: Score


def annotator_claims(eval_dir: Path, annotator: str, doc: str, kind: str = "gold") -> list[Record]:
    """One annotator's claims (``kind`` "gold" or "tolerated") for one document."""
    path = eval_dir / "annotations" / annotator / f"{Path(doc).stem}.{kind}.jsonl"
    return read_jsonl(path) if path.exists() else []


def annotators_of(eval_dir: Path, doc: str) -> list[str]:
    """The annotators (not the adjudication) who wrote a gold file for ``doc``, sorted."""
    found = (eval_dir / "annotations").glob(f"*/{Path(doc).stem}.gold.jsonl")
    return sorted(p.parent.name for p in found if p.parent.name != ADJUDICATED)


def agreement(eval_dir: Path = EVAL_DIR) -> Agreement:
    """Agreement of the first two annotators of every document that has two."""
    first: list[Record] = []
    second: list[Record] = []
    documents = 0
    for doc in corpus_documents(eval_dir):
        names = annotators_of(eval_dir, doc.name)
        if len(names) < 2:
            continue
        documents += 1
        first += annotator_claims(eval_dir, names[0], doc.name)
        second += annotator_claims(eval_dir, names[1], doc.name)
    return Agreement(
        documents=documents,
        full=score(first, second),
        value_only=score(first, second, value_only=True),
    )


def assemble(eval_dir: Path = EVAL_DIR) -> dict[str, int]:
    """Write `{tune,test}_gold.jsonl`, `{tune,test}_tolerated.jsonl` and `corpus/sources.jsonl`
    from the adjudicated claims and the per-document source records; returns claims per file."""
    docs = corpus_documents(eval_dir)
    written: dict[str, int] = {}
    for split in SPLITS:
        for kind in ("gold", "tolerated"):
            claims = [
                claim
                for doc in docs
                if split_of(doc.name) == split
                for claim in annotator_claims(eval_dir, ADJUDICATED, doc.name, kind)
            ]
            name = f"{split}_{kind}.jsonl"
            _write_jsonl(eval_dir / name, claims)
            written[name] = len(claims)
    sources = []
    for doc in docs:
        record = json.loads((eval_dir / "corpus" / "sources" / f"{doc.stem}.json").read_text())
        sources.append({**record, "doc": doc.name, "split": split_of(doc.name)})
    _write_jsonl(eval_dir / "corpus" / "sources.jsonl", sources)
    written["corpus/sources.jsonl"] = len(sources)
    return written


def _write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=False) + "\n" for r in records)
    path.write_text(text, encoding="utf-8")
