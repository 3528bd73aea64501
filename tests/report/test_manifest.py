"""The report manifest: what each chart was drawn from."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipelines.report.manifest import (
    MANIFEST_NAME,
    Manifest,
    digest,
    digest_of_rows,
    row_hashes,
)


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["a", "b", "a", "c"],
            "figure": pd.array([1, 2, None, 4], dtype="Int64"),
            "text": ["one", "two", None, "four"],
        }
    )


def test_a_frame_hashed_in_parts_has_the_digest_of_the_whole():
    """The report hashes chunks of rows and digests each series from its slices."""
    frame = _frame()
    parts = [row_hashes(frame.iloc[:1]), row_hashes(frame.iloc[1:])]
    assert digest_of_rows(np.concatenate(parts), frame.columns, "v1") == digest(frame, "v1")


def test_a_changed_value_version_or_column_changes_the_digest():
    before = digest(_frame(), "v1")
    changed = _frame()
    changed.loc[3, "text"] = "FOUR"
    assert digest(changed, "v1") != before
    assert digest(_frame(), "v2") != before  # a new drawing version: every chart differs
    assert digest(_frame().rename(columns={"text": "words"}), "v1") != before
    assert digest(_frame(), "v1") == before


def test_a_missing_or_unreadable_manifest_is_empty(tmp_path):
    assert Manifest.load(tmp_path) == Manifest()
    (tmp_path / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    assert Manifest.load(tmp_path) == Manifest()
    saved = Manifest("f", {"a": {"file": "a", "digest": "d"}}, "o")
    saved.save(tmp_path)
    assert Manifest.load(tmp_path) == saved
    assert saved.drawn("a", file="a", digest="d") and not saved.drawn("a", file="a", digest="x")
