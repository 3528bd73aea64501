"""The trace check in passes over ranges of article ids finds the same claims as one pass."""

from __future__ import annotations

import pytest

from pipelines import stages
from pipelines.settings import Settings
from pipelines.warehouse import db, quality

ARTICLES = 60


@pytest.fixture
def build(tmp_path):
    """A build of 60 articles with hex ids spread over the whole range, one claim each."""
    settings = Settings(tmp_path / "warehouse", tmp_path / "sources.yml", tmp_path / "reviews")
    with db.open_build(settings) as con:
        con.execute(
            "insert into articles (article_id, document_id, source, topic, story_id, fingerprint,"
            " retrieved_at, text, parser_version) "
            "select substr(md5(i::varchar), 1, 16), 'd' || i, 's', 't', 'story' || i, i,"
            " timestamp '2022-03-08',"
            " 'Officials said about ' || (100 + i) || ' Norwegians have volunteered.', '1' "
            f"from range({ARTICLES}) r(i)"
        )
        stages.extract_article_claims(con)
        yield con


def _corrupt(con) -> set[str]:
    """Break claims across the id range, each in another way; return their claim ids."""
    ids = [row[0] for row in con.execute("select claim_id from claims order by article_id").fetchall()]
    shifted, renamed, orphaned = ids[2], ids[len(ids) // 2], ids[-3]
    con.execute(
        "update claims set sentence_start = sentence_start + 3 where claim_id = ?", [shifted]
    )
    con.execute("update claims set mention = 'many' where claim_id = ?", [renamed])
    con.execute("update claims set article_id = '0000000000000000' where claim_id = ?", [orphaned])
    return {shifted, renamed, orphaned}


@pytest.mark.parametrize("articles_per_pass", [7, 30, 1_000])
def test_every_pass_size_finds_exactly_the_broken_claims(build, articles_per_pass):
    assert quality.untraceable_claims(build, articles_per_pass).empty
    broken = _corrupt(build)
    found = quality.untraceable_claims(build, articles_per_pass)
    assert set(found["claim_id"]) == broken
    assert set(found["problem"]) == {
        "sentence offsets do not slice back to the sentence",
        "mention offsets do not slice back to the number",
        "article missing",
    }
