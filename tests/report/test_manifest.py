"""The report manifest: what each chart was drawn from."""

from __future__ import annotations

import pandas as pd

from pipelines.report.manifest import MANIFEST_NAME, Manifest, digest, digests


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["a", "b", "a", "c"],
            "figure": pd.array([1, 2, None, 4], dtype="Int64"),
            "text": ["one", "two", None, "four"],
        }
    )


def test_digests_of_groups_are_the_digests_of_each_group_alone():
    frame = _frame()
    by_group = digests(frame, "label", "v1")
    assert list(by_group) == ["a", "b", "c"]
    for label, value in by_group.items():
        assert value == digest(frame[frame["label"] == label], "v1")
    assert len(set(by_group.values())) == 3


def test_a_changed_row_changes_its_group_only():
    before = digests(_frame(), "label")
    changed = _frame()
    changed.loc[3, "text"] = "FOUR"
    after = digests(changed, "label")
    assert [label for label in before if before[label] != after[label]] == ["c"]
    redrawn = digests(_frame(), "label", "v2")  # a new drawing version: every group differs
    assert all(redrawn[label] != before[label] for label in before)


def test_a_missing_or_unreadable_manifest_is_empty(tmp_path):
    assert Manifest.load(tmp_path) == Manifest()
    (tmp_path / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    assert Manifest.load(tmp_path) == Manifest()
    saved = Manifest("f", {"a": {"file": "a", "digest": "d"}}, "o")
    saved.save(tmp_path)
    assert Manifest.load(tmp_path) == saved
    assert saved.drawn("a", file="a", digest="d") and not saved.drawn("a", file="a", digest="x")
