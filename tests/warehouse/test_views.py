"""The comparison views, reviews and article versions on a corpus with known figures."""

from __future__ import annotations

import datetime as dt

import pytest

from pipelines import stages
from pipelines.settings import Settings
from pipelines.warehouse import db
from pipelines.warehouse.reviews import Review, ReviewsError, append_review

D = dt.date
ARTICLES = {
    "alpha": (
        "2022-03-01",
        "About 20,000 foreign volunteers have joined the International Legion, Foreign "
        "Minister Dmytro Kuleba said.\nAbout 3,000 Americans have volunteered to join the "
        "legion, the Ukrainian embassy in Washington said.\n",
    ),
    "beta": (
        "2022-03-02",
        "About 1,000 Americans have volunteered to join the legion, the Pentagon said.\n",
    ),
    "gamma": (
        "2022-03-03",
        "About 18,000 Britons have volunteered to join the legion, the Foreign Office said.\n",
    ),
}


def _write_article(folder, name, published, text):
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.meta.yml").write_text(
        f"outlet: {name.title()} News\npublished: {published}\n", encoding="utf-8"
    )


@pytest.fixture
def settings(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, (published, text) in ARTICLES.items():
        _write_article(folder, name, published, text)
    sources = tmp_path / "sources.yml"
    sources.write_text(
        "sources:\n  - name: known\n    kind: folder\n    path: articles\n"
        '    patterns: ["*.txt"]\n    topic: legion\n',
        encoding="utf-8",
    )
    return Settings(tmp_path / "warehouse", sources, tmp_path / "reviews")


def build(settings):
    with db.open_build(settings) as con:
        stages.ingest_documents(settings, con)
        stages.parse_articles(settings, con)
        stages.extract_article_claims(con)
    return stages.publish_warehouse(settings)


def query(settings, sql, params=None):
    con = db.connect(settings.database, read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def claim_of(settings, country, value):
    return query(
        settings,
        "select claim_id from claim_timeline where country is not distinct from ? and value = ?",
        [country, value],
    )[0][0]


def test_source_disagreements_pairs_non_overlapping_origins(settings):
    build(settings)
    assert query(
        settings,
        "select country, lower_figure_text, lower_origin, higher_figure_text, higher_origin, "
        "spread, days_apart from source_disagreements",
    ) == [("US", "~1000", "pentagon", "~3000", "ukrainian embassy in washington", 2000, 1)]


def test_disagreement_window_is_a_setting(settings):
    build(settings)
    con = db.connect(settings.database, read_only=True)
    con.execute("set variable disagreement_window_days = 0")
    assert con.execute("select count(*) from source_disagreements").fetchall() == [(0,)]
    con.close()


def test_total_vs_breakdown_flags_a_sum_above_the_total(settings):
    build(settings)
    assert query(
        settings,
        "select week, total, breakdown_sum, countries, sum_exceeds_total from total_vs_breakdown",
    ) == [(D(2022, 2, 28), 20000, 21000, 2, True)]


def test_country_coverage(settings):
    build(settings)
    assert query(
        settings,
        "select country, first_report, last_report, reports, origins from country_coverage "
        "order by country nulls first",
    ) == [
        (None, D(2022, 3, 1), D(2022, 3, 1), 1, 1),
        ("GB", D(2022, 3, 3), D(2022, 3, 3), 1, 1),
        ("US", D(2022, 3, 1), D(2022, 3, 2), 2, 2),
    ]


def test_reviews_survive_reextraction_and_orphans_are_reported(settings):
    build(settings)
    pentagon = claim_of(settings, "US", 1000)
    now = dt.datetime(2022, 4, 1, 12, 0)
    append_review(settings.reviews_dir, Review(pentagon, "reject", "ana", now, "misquoted"))
    append_review(settings.reviews_dir, Review("gone-claim", "confirm", "ana", now))
    with db.open_build(settings) as con:
        stages.forget_claims(con)
    published = build(settings)  # re-extracts every article from its stored text
    assert published.orphaned_reviews["claim_id"].tolist() == ["gone-claim"]
    assert query(
        settings, "select review_status from claim_timeline where claim_id = ?", [pentagon]
    ) == [("rejected",)]
    assert query(settings, "select count(*) from source_disagreements") == [(0,)]


def test_malformed_review_file_is_rejected_whole_with_its_line(settings):
    build(settings)
    settings.reviews_dir.mkdir()
    (settings.reviews_dir / "bad.csv").write_text(
        "claim_id,action,article_id,sentence,value,low,high,qualifier,country,population,"
        "population_group,speaker,reviewer,reviewed_at,note\n"
        "abc,confirm,,,,,,,,,,,ana,2022-04-01T12:00:00,\n"
        "def,approve,,,,,,,,,,,ana,2022-04-01T12:00:00,\n",
        encoding="utf-8",
    )
    with pytest.raises(ReviewsError, match=r"bad\.csv:3: action 'approve'"):
        build(settings)
    assert query(settings, "select count(*) from reviews") == [(0,)]  # last good warehouse


def test_changed_article_is_a_new_version_that_replaces_the_old(settings):
    build(settings)
    _write_article(
        settings.sources_file.parent / "articles",
        "beta",
        "2022-03-02",
        "About 1,200 Americans have volunteered to join the legion, the Pentagon said.\n",
    )
    build(settings)
    assert query(
        settings, "select value from claim_timeline where country = 'US' order by value"
    ) == [(1200,), (3000,)]
    assert query(settings, "select count(*) from articles") == [(4,)]  # history kept


WIRE_STORY = (
    "About 450 Danes have volunteered to join the International Legion in Ukraine. Recruiters "
    "in Copenhagen describe long queues of former soldiers, and several veterans' associations "
    "have organised convoys of equipment. The Danish government has said it will not stop "
    "citizens who wish to travel, although the foreign ministry advises against it. Officials "
    "expect more volunteers after the weekend, and a hotline for families has been opened. "
    "Analysts caution that many of those who register never travel to the front, and that the "
    "numbers reported by recruiters are difficult to verify independently.\n"
)


def test_syndicated_copies_link_to_one_story_and_count_as_one_origin(settings):
    folder = settings.sources_file.parent / "articles"
    _write_article(folder, "wire", "2022-03-04", "Copenhagen (Wire)\n" + WIRE_STORY)
    _write_article(folder, "reprint", "2022-03-04", "By the Reprint desk\n" + WIRE_STORY)
    build(settings)
    stories = query(
        settings,
        "select count(distinct article_id), count(distinct story_id) from articles "
        "where text like '%450 Danes%'",
    )
    assert stories == [(2, 1)]
    assert query(
        settings, "select figure_text, reports, origins from latest_figures where country = 'DK'"
    ) == [("~450", 2, 1)]
