"""The scorer follows the evaluation contract: same document, number, country and kind, and
sentences that share most of their words; tolerated numbers count neither way."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pipelines.evaluation.corpus import split_of
from pipelines.evaluation.score import same_speaker, score

SENTENCE = "Officials said about 300 Norwegians have volunteered to fight."


def _claim(**fields):
    claim = {"doc": "a.txt", "sentence": SENTENCE, "value": 300, "low": None, "high": None,
             "qualifier": "approximately", "country": "NO", "population": "volunteers",
             "speaker": "Officials", "status": "total"}  # fmt: skip
    claim.update(fields)
    return claim


def test_a_claim_matches_on_number_country_kind_and_sentence():
    result = score([_claim()], [_claim(speaker=None, status="killed")])
    assert (len(result.matched), result.f1) == (1, 1.0)
    assert result.accuracy("speaker") == 0.0 and result.accuracy("status") == 0.0


def test_a_wrong_country_is_a_miss_and_a_false_positive():
    result = score([_claim()], [_claim(country="DK")])
    assert (result.recall, result.precision) == (0.0, 0.0)
    assert result.by_category["missed: wrong country"] == 1


def test_value_only_ignores_country():
    assert score([_claim()], [_claim(country="DK")], value_only=True).f1 == 1.0


def test_a_tolerated_number_counts_neither_way():
    stray = _claim(value=12, sentence="He met 12 of them in Lviv, officials said.")
    result = score([_claim()], [_claim(), stray], tolerated=[stray])
    assert (result.precision, result.predicted) == (1.0, 1)


def test_a_range_is_not_its_bound():
    ranged = _claim(value=None, low=300, high=400)
    assert score([ranged], [_claim()]).f1 == 0.0
    assert score([ranged], [dict(ranged)]).f1 == 1.0


def test_speaker_short_form_keeps_the_last_name():
    assert same_speaker("Foreign Minister Dmytro Kuleba", "Kuleba")
    assert not same_speaker("Foreign Minister Dmytro Kuleba", "Zelensky")
    assert same_speaker(None, None) and not same_speaker(None, "Kuleba")


def test_split_is_stable_and_near_its_share():
    names = [f"doc_{i}.txt" for i in range(2000)]
    test_share = sum(split_of(n) == "test" for n in names) / len(names)
    assert 0.35 < test_share < 0.45
    assert [split_of(n) for n in names[:50]] == [split_of(n) for n in names[:50]]


SHARED_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


@pytest.mark.skipif(
    not (SHARED_EVAL / "score.py").exists(),
    reason="the evaluation contract's scorer (../shared/eval/score.py) is not beside the checkout",
)
def test_the_score_equals_the_contract_scorers_on_the_dev_set(tmp_path):
    from pipelines.evaluation.corpus import folder_set, predict
    from pipelines.evaluation.score import read_jsonl

    docs = [*(SHARED_EVAL / "dev").iterdir(), *(SHARED_EVAL.parent / "seeds").iterdir()]
    dev = folder_set(
        "dev", docs, SHARED_EVAL / "dev_gold.jsonl", SHARED_EVAL / "dev_tolerated.jsonl"
    )
    predicted = predict(dev.documents)
    path = tmp_path / "pred.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in predicted), encoding="utf-8")
    contract = subprocess.run(
        [sys.executable, str(SHARED_EVAL / "score.py"), "--json", "--pred", str(path),
         "--gold", str(SHARED_EVAL / "dev_gold.jsonl"),
         "--tolerate", str(SHARED_EVAL / "dev_tolerated.jsonl")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    theirs = json.loads(contract.stdout.splitlines()[0])
    ours = score(read_jsonl(SHARED_EVAL / "dev_gold.jsonl"), predicted, dev.tolerated)
    assert (ours.predicted, len(ours.matched)) == (theirs["predicted"], theirs["matched"])
    assert round(ours.f1, 4) == theirs["f1"]
