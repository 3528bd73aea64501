"""Asset checks pass on good data and fail, blocking publication, on crafted bad data."""

from __future__ import annotations

import dataclasses

import dagster as dg
import pytest

from assets.checks import ASSET_CHECKS
from assets.definitions import ALL_ASSETS, resources
from pipelines import stages

REAL_EXTRACT = stages.extract_claims


def _run(settings):
    return dg.materialize(
        [*ALL_ASSETS, *ASSET_CHECKS], resources=resources(settings), raise_on_error=False
    )


def _check_outcomes(result) -> dict[str, bool]:
    return {
        evaluation.check_name: evaluation.passed
        for evaluation in result.get_asset_check_evaluations()
    }


def _published(result) -> set[str]:
    return {
        event.step_materialization_data.materialization.asset_key.to_user_string()
        for event in result.get_asset_materialization_events()
    }


def test_every_check_passes_on_good_data(corpus_settings):
    result = _run(corpus_settings)
    assert result.success
    assert _check_outcomes(result) == {
        "country_codes_are_iso": True,
        "bounds_are_consistent": True,
        "claims_trace_to_their_text": True,
        "claim_ids_are_unique": True,
        "country_figures_within_total": True,
        "feed_sources_are_fresh": True,  # the fixture corpus has no network source
    }


def test_a_feed_silent_for_two_days_is_flagged(corpus_settings):
    import datetime as dt

    from pipelines.warehouse import db, quality

    now = dt.datetime(2022, 3, 20, 12, 0)
    with db.open_build(corpus_settings) as con:
        con.execute(
            "insert into documents (document_id, source, topic, location, retrieved_at) "
            "values ('d1', 'fresh-feed', 't', 'u1', ?), ('d2', 'old-feed', 't', 'u2', ?)",
            [now - dt.timedelta(hours=3), now - dt.timedelta(days=3)],
        )
        stale = quality.stale_sources(
            con, ["fresh-feed", "old-feed", "never-fetched"], now - dt.timedelta(hours=48)
        )
    assert stale["source"].tolist() == ["never-fetched", "old-feed"]


BAD_CLAIMS = {
    "country_codes_are_iso": lambda claim: [dataclasses.replace(claim, country="XX")],
    "bounds_are_consistent": lambda claim: [
        dataclasses.replace(claim, value=500, low=900, high=None)
    ],
    "claims_trace_to_their_text": lambda claim: [
        dataclasses.replace(claim, sentence_start=claim.sentence_start + 3)
    ],
    # Two claims of one mention and one country (a claim per country has an id per country).
    "claim_ids_are_unique": lambda claim: [claim, dataclasses.replace(claim, status="killed")],
}


@pytest.mark.parametrize("failing_check", sorted(BAD_CLAIMS))
def test_bad_claims_fail_their_check_and_are_not_published(
    corpus_settings, monkeypatch, failing_check
):
    def corrupted(text, published=None):
        return [
            bad
            for claim in REAL_EXTRACT(text, published)
            for bad in BAD_CLAIMS[failing_check](claim)
        ]

    monkeypatch.setattr(stages, "extract_claims", corrupted)
    monkeypatch.setenv("HEADCOUNT_WORKERS", "1")
    result = _run(corpus_settings)
    outcomes = _check_outcomes(result)
    assert outcomes[failing_check] is False
    assert "comparison_views" not in _published(result)  # blocking: nothing published
    assert not corpus_settings.database.exists()
