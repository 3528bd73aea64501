"""Streaming a query a chunk at a time from a second connection while the first one writes,
as the parse step reads its pending documents; the extract step's batches over many chunks."""

from __future__ import annotations

import pandas as pd

from pipelines import stages
from pipelines.settings import Settings
from pipelines.warehouse import db, load


def test_pending_documents_stream_in_chunks_while_batches_are_written(tmp_path):
    settings = Settings(tmp_path / "warehouse", tmp_path / "sources.yml", tmp_path / "reviews")
    documents = 5_000  # three chunks of 2,048
    with db.open_build(settings) as con:
        con.execute(
            "insert into documents (document_id, source, topic, location, retrieved_at) "
            "select printf('%064d', i), 's', 't', 'doc' || i, timestamp '2022-03-01' "
            f"from range({documents}) r(i)"
        )
        reader = con.cursor()
        chunks = load.stream_query(reader, "pending_documents", vectors=1, parser_version="1")
        sizes, seen = [], []
        for chunk in chunks:
            sizes.append(len(chunk))
            seen += chunk["document_id"].tolist()
            marked = pd.DataFrame(
                {
                    "document_id": chunk["document_id"],
                    "parser_version": "1",
                    "outcome": "error",
                    "article_id": None,
                }
            )
            load.write_tables(con, {"parsed_documents": marked})  # one transaction a chunk
        reader.close()
        assert sizes == [2048, 2048, documents - 4096]
        assert seen == sorted(seen) and len(set(seen)) == documents
        assert load.count_rows(con)["parsed_documents"] == documents
        # Written, so no longer pending.
        assert load.read_query(con, "pending_documents", parser_version="1").empty


def test_extract_processes_each_pending_article_once_across_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(stages, "BATCH_ARTICLES", 1_000)
    settings = Settings(tmp_path / "warehouse", tmp_path / "sources.yml", tmp_path / "reviews")
    articles = 4_500  # five batches of 1,000, the last one short
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
