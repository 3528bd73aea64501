"""The corpus in eval/ is whole: every document has its provenance, every claim any annotator
wrote carries the contract's fields and a sentence found in its document."""

from __future__ import annotations

import json
import re

import pytest

from pipelines.claims.status import STATUSES
from pipelines.evaluation.corpus import EVAL_DIR, SPLITS, split_of
from pipelines.evaluation.score import read_jsonl

DOCS = sorted((EVAL_DIR / "corpus" / "docs").glob("*.txt"))
FIELDS = {"doc", "sentence", "value", "low", "high", "qualifier", "country", "population"}
FIELDS |= {"speaker", "status"}


def test_every_document_has_its_provenance():
    assert len(DOCS) >= 150
    for doc in DOCS:
        source = json.loads((EVAL_DIR / "corpus" / "sources" / f"{doc.stem}.json").read_text())
        assert re.fullmatch(r"[0-9a-f]{40}", source["commit"]), doc.name
        assert source["repository"].count("/") == 1 and source["path"], doc.name


def test_no_document_is_in_the_corpus_twice():
    """A story copied from two repositories is one document: two copies would count its claims
    twice, and in both parts they would let the tuning part show the test part its text."""
    seen: dict[str, str] = {}
    for doc in DOCS:
        text = " ".join(doc.read_text(encoding="utf-8").split())
        assert text not in seen, f"{doc.name} repeats {seen[text]}"
        seen[text] = doc.name


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.stem)
def test_every_annotated_claim_is_well_formed_and_traceable(doc):
    text = doc.read_text(encoding="utf-8")
    files = list((EVAL_DIR / "annotations").glob(f"*/{doc.stem}.*.jsonl"))
    assert len(files) >= 2, "each document has at least one annotator's gold and tolerated"
    for path in files:
        for claim in read_jsonl(path):
            assert set(claim) >= FIELDS, (path.name, FIELDS - set(claim))
            assert claim["doc"] == doc.name and claim["sentence"] in text, path.name
            assert claim["status"] in (*STATUSES, None), path.name  # None: tolerated only


def test_split_files_hold_only_their_part():
    for split in SPLITS:
        for kind in ("gold", "tolerated"):
            path = EVAL_DIR / f"{split}_{kind}.jsonl"
            if path.exists():
                assert {split_of(c["doc"]) for c in read_jsonl(path)} <= {split}
