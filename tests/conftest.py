"""Fixtures shared by the suite: an installation (warehouse, sources) under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def corpus_settings(tmp_path: Path) -> Settings:
    """A warehouse in tmp_path reading the fixture corpus of known figures."""
    return Settings(
        warehouse_dir=tmp_path / "warehouse",
        sources_file=FIXTURES / "corpus" / "sources.yml",
        reviews_dir=tmp_path / "reviews",
    )
