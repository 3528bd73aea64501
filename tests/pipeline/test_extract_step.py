"""The extract step over many batches: every pending article is extracted once, its claims
under its own id, and a rerun finds nothing pending."""

from __future__ import annotations

from pipelines import stages
from pipelines.settings import Settings
from pipelines.warehouse import db, load


def _insert_articles(con, count: int, text_sql: str) -> None:
    """``count`` articles whose text is the SQL expression ``text_sql`` of their number i."""
    con.execute(
        "insert into articles (article_id, document_id, source, topic, story_id, fingerprint,"
        " published_at, published_precision, published_inferred, retrieved_at, text,"
        " parser_version) "
        "select printf('%016d', i), 'd' || i, 's', 't', printf('%016d', i), i,"
        " date '2022-03-07', 'day', false, timestamp '2022-03-08',"
        f" {text_sql}, '1' from range({count}) r(i)"
    )


def test_extract_processes_each_pending_article_once_across_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(stages, "BATCH_ARTICLES", 500)
    settings = Settings(tmp_path / "warehouse", tmp_path / "sources.yml", tmp_path / "reviews")
    articles = 2_250  # five batches of 500, the last one short
    with db.open_build(settings) as con:
        _insert_articles(
            con, articles, "'Officials said about ' || (100 + i) || ' Norwegians have volunteered.'"
        )
        first = stages.extract_article_claims(con)
        counts = load.count_rows(con)
        claims = con.execute("select article_id, value from claims order by article_id").df()
        again = stages.extract_article_claims(con)
    assert first.processed == articles and again.processed == 0
    assert counts["extracted_articles"] == articles and counts["claims"] == articles
    # Each article's claim is its own figure: no text went to another article's id.
    assert claims["value"].tolist() == [100 + i for i in range(articles)]


def test_a_new_extractor_version_replaces_claims_keeps_reviews_and_orphans_the_rest(
    tmp_path, monkeypatch
):
    """Upgrading the extractor is an ordinary run: each article's claims are replaced with its
    marker, no claim of the old version stays, reviews of claims found again still apply and
    reviews of claims no longer found are listed as orphaned."""
    settings = Settings(tmp_path / "warehouse", tmp_path / "sources.yml", tmp_path / "reviews")
    with db.open_build(settings) as con:
        _insert_articles(
            con,
            3,
            "'Officials said about ' || (100 + i) || ' Norwegians and ' || (50 + i)"
            " || ' Danes have volunteered.'",
        )
        stages.extract_article_claims(con)
        before = con.execute("select claim_id, country from claims order by claim_id").df()
        norwegian = before[before["country"] == "NO"]["claim_id"].iloc[0]
        danish = before[before["country"] == "DK"]["claim_id"].iloc[0]
        con.execute(
            "insert into reviews (file, line, claim_id, action, value, reviewed_at) values"
            " ('r.csv', 2, ?, 'correct', 999, timestamp '2022-04-01'),"
            " ('r.csv', 3, ?, 'confirm', null, timestamp '2022-04-01')",
            [norwegian, danish],
        )

        real_extract = stages.extract_claims
        monkeypatch.setattr(stages, "EXTRACTOR_VERSION", "next")
        monkeypatch.setattr(
            stages,
            "extract_claims",
            lambda text, published: [c for c in real_extract(text, published) if c.country != "DK"],
        )
        upgraded = stages.extract_article_claims(con)
        db.create_views(con)
        versions = con.execute("select distinct extractor_version from claims").fetchall()
        markers = con.execute(
            "select extractor_version, count(*) from extracted_articles group by all"
        ).fetchall()
        countries = con.execute("select distinct country from claims").fetchall()
        corrected = con.execute(
            "select value from reviewed_claims where claim_id = ?", [norwegian]
        ).fetchall()
        orphaned = con.execute("select claim_id from orphaned_reviews").fetchall()
        again = stages.extract_article_claims(con)
    assert upgraded.processed == 3 and again.processed == 0
    assert versions == [("next",)] and markers == [("next", 3)]
    assert countries == [("NO",)]
    assert corrected == [(999,)]  # the review of a claim found again still applies
    assert orphaned == [(danish,)]
