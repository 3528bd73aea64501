"""The extract step over many batches: every pending article is extracted once, its claims
under its own id, and a rerun finds nothing pending."""

from __future__ import annotations

from pipelines import stages
from pipelines.settings import Settings
from pipelines.warehouse import db, load


def test_extract_processes_each_pending_article_once_across_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(stages, "BATCH_ARTICLES", 500)
    settings = Settings(tmp_path / "warehouse", tmp_path / "sources.yml", tmp_path / "reviews")
    articles = 2_250  # five batches of 500, the last one short
    with db.open_build(settings) as con:
        con.execute(
            "insert into articles (article_id, document_id, source, topic, story_id, fingerprint,"
            " published_at, published_precision, published_inferred, retrieved_at, text,"
            " parser_version) "
            "select printf('%016d', i), 'd' || i, 's', 't', printf('%016d', i), i,"
            " date '2022-03-07', 'day', false, timestamp '2022-03-08',"
            " 'Officials said about ' || (100 + i) || ' Norwegians have volunteered.', '1' "
            f"from range({articles}) r(i)"
        )
        first = stages.extract_article_claims(con)
        counts = load.count_rows(con)
        claims = con.execute("select article_id, value from claims order by article_id").df()
        again = stages.extract_article_claims(con)
    assert first.processed == articles and again.processed == 0
    assert counts["extracted_articles"] == articles and counts["claims"] == articles
    # Each article's claim is its own figure: no text went to another article's id.
    assert claims["value"].tolist() == [100 + i for i in range(articles)]
