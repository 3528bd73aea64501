"""Streaming a query a chunk at a time from a second connection while the first one writes,
as the parse step reads its pending documents."""

from __future__ import annotations

import pandas as pd

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
