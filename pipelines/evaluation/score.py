"""Scoring extracted claims against gold claims, by the evaluation contract (eval/ANNOTATING.md).

A predicted claim matches a gold claim when both come from the same document, carry the same
number (value, or low-high range), the same country and the same kind (people, or a count of
countries), and their sentences share most of their words. Predictions of numbers the gold
tolerates (defensible but out of scope) count neither way. Matching is the contract's, so a
score here equals the contract scorer's on the same files; the breakdowns are Headcount's own.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pipelines.claims.contract import Record

COUNTRY_WORDS = frozenset({"countries", "country", "nations", "nationalities"})
MIN_OVERLAP = 0.6  # share of the shorter sentence's words the two sentences must have in common
_TOKEN = re.compile(r"[a-z0-9]+")
_SPEAKER_STOP = frozenset(
    {"the", "of", "in", "at", "to", "a", "an", "and", "for", "on", "said", "told", "according"}
)
_DEFAULTS = {"qualifier": "exact", "status": "total"}  # what a claim without the field means
_SPEAKER_EXTRA_WORDS = 4  # a predicted speaker may carry this many words beyond the gold's

# The number a claim carries (``figure``), and what a prediction must share with a gold claim to
# match it (``match_key``): (doc, figure), or (doc, figure, country, kind).
Figure = tuple[Literal["range"], int, int] | tuple[Literal["value"], int | None]
MatchKey = tuple[str, Figure] | tuple[str, Figure, str | None, str]


def read_jsonl(path: Path) -> list[Record]:
    """The records of a JSON Lines file; a line that is not JSON names its file and line."""
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not JSON: {exc}") from exc
    return records


def figure(claim: Record) -> Figure:
    """The number a claim carries: ("range", low, high) or ("value", n)."""
    value, low, high = (_integer(claim.get(k)) for k in ("value", "low", "high"))
    if low is not None and high is not None and low != high:
        return ("range", low, high)
    return ("value", value if value is not None else (low if low is not None else high))


def kind(claim: Record) -> str:
    population = (claim.get("population") or "").strip().lower()
    return "countries" if population in COUNTRY_WORDS else "people"


def match_key(claim: Record, value_only: bool = False) -> MatchKey:
    doc = Path(str(claim.get("doc", ""))).name
    if value_only:
        return (doc, figure(claim))
    country = claim.get("country") or None
    return (doc, figure(claim), country.upper() if isinstance(country, str) else None, kind(claim))


def overlap(a: str | None, b: str | None) -> float:
    """Words in common over the shorter sentence's words."""
    words_a, words_b = _words(a), _words(b)
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    """Every name word of the gold speaker in the prediction (a few extra words allowed), or the
    prediction a shorter form of the gold that keeps its last word ("Kuleba")."""
    if not gold:
        return not predicted
    gold_words, predicted_words = _name_words(gold), _name_words(predicted)
    if not gold_words or not predicted_words:
        return False
    if (
        set(gold_words) <= set(predicted_words)
        and len(set(predicted_words)) <= len(set(gold_words)) + _SPEAKER_EXTRA_WORDS
    ):
        return True
    return set(predicted_words) <= set(gold_words) and gold_words[-1] in predicted_words


@dataclass
class Score:
    """Counts and the matched, missed and falsely predicted claims of one scoring."""

    gold: int
    predicted: int
    matched: list[tuple[Record, Record]]
    misses: list[Record]
    false_positives: list[Record]
    by_category: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float:
        return len(self.matched) / self.predicted if self.predicted else float(not self.gold)

    @property
    def recall(self) -> float:
        return len(self.matched) / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, field_name: str) -> float | None:
        """Share of matched claims whose ``field_name`` is right (speaker: same_speaker)."""
        if not self.matched:
            return None
        if field_name == "speaker":
            right = sum(same_speaker(g.get("speaker"), p.get("speaker")) for g, p in self.matched)
        else:
            default = _DEFAULTS.get(field_name)
            right = sum(
                (g.get(field_name) or default) == (p.get(field_name) or default)
                for g, p in self.matched
            )
        return right / len(self.matched)


def score(
    gold: list[Record],
    predicted: list[Record],
    tolerated: Iterable[Record] = (),
    value_only: bool = False,
) -> Score:
    """Match predictions to gold claims one to one, best sentence overlap first."""
    predicted = _dedupe(predicted, value_only)
    by_key: dict[MatchKey, list[int]] = {}
    for index, claim in enumerate(predicted):
        by_key.setdefault(match_key(claim, value_only), []).append(index)
    used = [False] * len(predicted)
    matched, misses = [], []
    for claim in gold:
        best, best_overlap = None, MIN_OVERLAP
        for index in by_key.get(match_key(claim, value_only), ()):
            shared = overlap(claim.get("sentence"), predicted[index].get("sentence"))
            if not used[index] and shared >= best_overlap:
                best, best_overlap = index, shared
        if best is None:
            misses.append(claim)
        else:
            used[best] = True
            matched.append((claim, predicted[best]))
    tolerated = list(tolerated)
    false_positives = [
        p for i, p in enumerate(predicted) if not used[i] and not _tolerated(p, tolerated)
    ]
    result = Score(len(gold), len(matched) + len(false_positives), matched, misses,
                   false_positives)  # fmt: skip
    result.by_category = error_categories(result, predicted)
    return result


def error_categories(result: Score, predicted: list[Record]) -> Counter[str]:
    """Why claims were missed or predicted wrongly, in a few kinds a developer can act on."""
    categories: Counter[str] = Counter()
    for claim in result.misses:
        near = [
            p
            for p in predicted
            if match_key(p, True) == match_key(claim, True)
            and overlap(claim.get("sentence"), p.get("sentence")) >= MIN_OVERLAP
        ]
        if not near:
            categories["missed: number not extracted"] += 1
        elif any(kind(p) != kind(claim) for p in near):
            categories["missed: wrong kind"] += 1
        else:
            categories["missed: wrong country"] += 1
    missed_numbers = {match_key(g, True) for g in result.misses}
    for claim in result.false_positives:
        if match_key(claim, True) in missed_numbers:
            categories["false positive: wrong country or kind"] += 1
        else:
            categories["false positive: not a claim"] += 1
    for gold, predicted_claim in result.matched:
        for name, default in _DEFAULTS.items():
            if (gold.get(name) or default) != (predicted_claim.get(name) or default):
                categories[f"matched: wrong {name}"] += 1
        if not same_speaker(gold.get("speaker"), predicted_claim.get("speaker")):
            categories["matched: wrong speaker"] += 1
    return categories


def _dedupe(predicted: list[Record], value_only: bool) -> list[Record]:
    """Drop predictions that repeat another's sentence, number and country word for word."""
    seen, kept = set(), []
    for claim in predicted:
        key = (match_key(claim, value_only), " ".join(sorted(_words(claim.get("sentence")))))
        if key not in seen:
            seen.add(key)
            kept.append(claim)
    return kept


def _tolerated(claim: Record, tolerated: list[Record]) -> bool:
    return any(
        match_key(t, True)[0] == match_key(claim, True)[0]
        and figure(t) == figure(claim)
        and overlap(t.get("sentence"), claim.get("sentence")) >= MIN_OVERLAP
        for t in tolerated
    )


def _words(text: str | None) -> set[str]:
    return set(_TOKEN.findall((text or "").lower()))


def _name_words(text: str | None) -> list[str]:
    words = _TOKEN.findall((text or "").lower())
    return [w for w in words if len(w) > 1 and w not in _SPEAKER_STOP]


def _integer(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        return int(round(float(value)))  # type: ignore[arg-type]  # any JSON scalar; bad ones raise
    except (TypeError, ValueError):
        return None
