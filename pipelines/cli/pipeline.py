"""The pipeline's commands: run, reextract, latest, extract.

Heavy imports (Dagster, trafilatura) happen inside the commands, so `--help` answers at once.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from pipelines.cli.common import UsageError, open_published

EXTRACT_SUFFIXES = (".html", ".htm", ".txt", ".md")


def latest(args: argparse.Namespace) -> int:
    from pipelines.warehouse import load

    con = open_published()
    try:
        figures = load.read_query(con, "latest_figures_report")
    finally:
        con.close()
    print("Latest figures per series (topic, population group, status, country):")
    print(figures.to_string(index=False) if not figures.empty else "(no claims yet)")
    return 0


def extract(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from pipelines.claims.contract import contract_record
    from pipelines.claims.extract import extract_claims
    from pipelines.ingest.folders import read_article

    files = list(expand(args.paths))
    failures = 0
    progress = tqdm(files, desc="extracting", unit="file", disable=not sys.stderr.isatty())
    for path in progress:
        try:
            article = read_article(path)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
            print(f"headcount: {path}: {exc}", file=sys.stderr)
            failures += 1
            continue
        for claim in extract_claims(article.text, article.published):
            record = contract_record(path.name, claim)
            if args.format == "jsonl":
                print(json.dumps(record, ensure_ascii=False))
            else:
                print(table_line(record))
    return 1 if failures else 0


def expand(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or folder: {path}")
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and extractable(p))
        else:
            yield path


def extractable(path: Path) -> bool:
    name = path.name.lower().removesuffix(".gz")
    return name.endswith(EXTRACT_SUFFIXES) and not name.endswith((".meta.yml", ".meta.json"))


def table_line(record: Mapping[str, object]) -> str:
    figure = record["value"] if record["value"] is not None else f"{record['low']}-{record['high']}"
    return "\t".join(
        str(part)
        for part in (
            record["doc"],
            figure,
            record["qualifier"],
            record["country"] or "-",
            record["population"],
            record["speaker"] or "-",
        )
    )
