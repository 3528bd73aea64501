"""The report manifest: what the overview was drawn from."""

from __future__ import annotations

import pandas as pd

from pipelines.report.manifest import MANIFEST_NAME, Manifest, digest


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "label": ["a", "b", "a", "c"],
            "figure": pd.array([1, 2, None, 4], dtype="Int64"),
            "text": ["one", "two", None, "four"],
        }
    )


def test_a_changed_value_version_or_column_changes_the_digest():
    before = digest(_frame(), "v1")
    changed = _frame()
    changed.loc[3, "text"] = "FOUR"
    assert digest(changed, "v1") != before
    assert digest(_frame(), "v2") != before  # a new drawing version: the overview differs
    assert digest(_frame().rename(columns={"text": "words"}), "v1") != before
    assert digest(_frame(), "v1") == before


def test_a_missing_or_unreadable_manifest_is_empty(tmp_path):
    assert Manifest.load(tmp_path) == Manifest()
    (tmp_path / MANIFEST_NAME).write_text("{not json", encoding="utf-8")
    assert Manifest.load(tmp_path) == Manifest()
    saved = Manifest("o")
    saved.save(tmp_path)
    assert Manifest.load(tmp_path) == saved


def test_a_manifest_of_an_older_report_keeps_its_overview_digest(tmp_path):
    """report.json of reports that drew a PNG a series also held their digests."""
    (tmp_path / MANIFEST_NAME).write_text(
        '{"fingerprint": "f", "overview": "o", "series": {"a": {"file": "a", "digest": "d"}}}',
        encoding="utf-8",
    )
    assert Manifest.load(tmp_path) == Manifest("o")
