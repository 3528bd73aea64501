"""Time every view of sql/views/ on a synthetic warehouse of 1,000,000 claims (goal: < 1 s each).

    .venv/bin/python benchmarks/bench_views.py [--claims 1000000] [--articles 250000]

The warehouse is built in a temporary folder through ``pipelines.warehouse.db.open_build``
(the schema of sql/tables/), filled with ``insert ... select ... from range(...)`` (one
documents and parsed_documents row per article), reviews left empty, then ``create_views``.
Shape (tuning constants below): 5 topics, 6 population groups (5% counts of countries), 60
origin countries plus 30% totals (country null), 200 outlets, 2,000 speakers (40% of claims
unattributed), 85% of counts `total` and the rest spread over the five other statuses, figures
reported over 4 years: about 1,800 series of the status `total`, of ~470 claims each.
Each view is timed as ``select count(*) from (select * from VIEW)`` and with one realistic
query, median of 3 runs; a view slower than 1 s gets its EXPLAIN ANALYZE written to
benchmarks/out/explain_VIEW.txt. A query still running after ``--timeout`` s is interrupted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
OUT_DIR = BENCH_DIR / "out"
GOAL_S = 1.0
TOPICS = 5
OUTLETS = 200
SPEAKERS = 2_000
DAYS = 1_460
COUNTRIES = [
    "NO", "GB", "US", "CA", "DE", "PL", "GE", "DK", "SE", "FI", "LV", "LT", "EE", "CZ", "BY",
    "AU", "HR", "BR", "CO", "IT", "RO", "SK", "MD", "MX", "AT", "BE", "HU", "BG", "GR", "AL",
    "SY", "AF", "UA", "SD", "ER", "VE", "MM", "SO", "SS", "YE", "FR", "ES", "PT", "NL", "IE",
    "IL", "TR", "IN", "PK", "BD", "NG", "KE", "ET", "IQ", "IR", "LY", "TN", "MA", "DZ", "EG",
]  # fmt: skip
GROUPS = ["foreign_volunteers", "fighters", "mercenaries", "troops", "refugees"]
QUALIFIERS = ["exact", "approximately", "nearly", "at_least", "more_than", "up_to", "less_than"]

# One realistic query per view: what an analyst or the report asks of it.
QUERIES = {
    "reviewed_claims": "select review_status, count(*) from reviewed_claims group by 1",
    "claim_timeline": (
        "select reported_on, figure_text, outlet, speaker from claim_timeline "
        "where topic = 'topic1' and population_group = 'fighters' and country = 'NO' "
        "order by reported_on"
    ),
    "series_reports": (
        "select reported_on, figure_text, outlet from series_reports where topic = 'topic1' "
        "and population_group = 'fighters' and status = 'total' and country = 'NO' "
        "order by reported_on"
    ),
    "latest_figures": "select * from latest_figures",
    "figure_changes": (
        "select * from figure_changes where topic = 'topic1' "
        "order by abs(relative_change) desc nulls last limit 20"
    ),
    "source_disagreements": (
        "select * from source_disagreements where topic = 'topic1' and country = 'NO'"
    ),
    "country_coverage": "select * from country_coverage order by reports desc",
    "total_vs_breakdown": "select * from total_vs_breakdown where sum_exceeds_total",
    "orphaned_reviews": "select * from orphaned_reviews",
}

_ARTICLES_SQL = """
insert into articles by name
select
    'a' || i as article_id,
    'd' || i as document_id,
    'bench' as source,
    'topic' || ((hash(i * 3 + 1) % $topics)::bigint) as topic,
    'https://example.org/' || i as url,
    'https://example.org/' || i as canonical_url,
    'a' || i as story_id,
    hash(i) as fingerprint,
    'Title ' || i as title,
    'outlet' || ((hash(i * 3 + 2) % $outlets)::bigint) as outlet_id,
    date '2022-01-01' + ((hash(i * 3 + 3) % $days)::bigint)::integer as published_at,
    'day' as published_precision,
    false as published_inferred,
    timestamp '2026-01-01 00:00:00' + to_seconds((i % 86400)::bigint) as retrieved_at,
    'en' as language,
    false as synthetic,
    'Article text ' || i as text,
    '1' as parser_version
from range($articles) as t(i)
"""
_DOCUMENTS_SQL = """
insert into documents by name
select
    'd' || i as document_id,
    'bench' as source,
    'bench' as topic,
    'page_' || i || '.html' as location,
    false as synthetic,
    'text/html' as content_type,
    timestamp '2026-01-01 00:00:00' + to_seconds((i % 86400)::bigint) as retrieved_at
from range($articles) as t(i)
"""
_PARSED_SQL = """
insert into parsed_documents by name
select 'd' || i as document_id, '1' as parser_version, 'article' as outcome, 'a' || i as article_id
from range($articles) as t(i)
"""
_OUTLETS_SQL = """
insert into outlets by name
select 'outlet' || i as outlet_id, 'Outlet ' || i as name, false as synthetic
from range($outlets) as t(i)
"""
_CLAIMS_SQL = """
insert into claims by name
with draws as (
    select
        i,
        (hash(i * 11 + 1) % 100)::bigint as shape,
        (hash(i * 11 + 2) % 100)::bigint as group_draw,
        (hash(i * 11 + 3) % 100)::bigint as country_draw,
        (hash(i * 11 + 4) % 100)::bigint as speaker_draw,
        'a' || ((hash(i * 11 + 5) % $articles)::bigint) as article_id,
        20 + (hash(i * 11 + 6) % 20000)::bigint as figure,
        $countries[1 + ((hash(i * 11 + 3) % 60)::bigint)] as origin_country,
        (hash(i * 11 + 9) % 100)::bigint as status_draw
    from range($claims) as t(i)
)
select
    'c' || i as claim_id,
    article_id,
    case when shape < 80 then figure end as value,
    case when shape >= 80 then figure end as low,
    case when shape >= 90 then figure + 500 end as high,
    case when shape >= 80 then 'at_least' else $qualifiers[1 + (shape % 7)] end as qualifier,
    'people' as population,
    case when group_draw < 5 then 'countries' else $groups[1 + (group_draw % 5)] end
        as population_group,
    case when country_draw >= 30 then origin_country end as country,
    case when country_draw >= 30 then [origin_country] else [] end as countries,
    case when speaker_draw >= 40 then 'Speaker ' || ((hash(i * 11 + 7) % $speakers)::bigint) end
        as speaker,
    case when speaker_draw >= 40 then 'speaker ' || ((hash(i * 11 + 7) % $speakers)::bigint) end
        as speaker_key,
    false as direct_quote,
    'Sentence ' || i as sentence,
    0 as sentence_start,
    10 as sentence_end,
    '1' as mention,
    0 as start,
    1 as "end",
    case when shape % 2 = 0
        then date '2022-01-01' + ((hash(i * 11 + 8) % $days)::bigint)::integer end as as_of,
    case when shape % 2 = 0 then 'day' end as as_of_precision,
    case when shape % 2 = 0 then false end as as_of_inferred,
    case when shape % 2 = 0 then 'text' else 'published' end as as_of_source,
    case when status_draw < 85 then 'total' when status_draw < 90 then 'killed'
        when status_draw < 92 then 'wounded' when status_draw < 95 then 'captured'
        when status_draw < 97 then 'returned' else 'detained' end as status,
    'noun' as rule,
    0.9 as confidence,
    'bench' as extractor_version
from draws
"""


def build(directory: Path, claims: int, articles: int) -> tuple[object, dict]:
    """A build database with the schema, `claims` synthetic claims and the views; timings."""
    from pipelines.settings import Settings
    from pipelines.warehouse import db, sqlfiles

    settings = Settings(directory / "warehouse", directory / "sources.yml", directory / "reviews")
    params = {
        "topics": TOPICS,
        "outlets": OUTLETS,
        "days": DAYS,
        "articles": articles,
        "claims": claims,
        "speakers": SPEAKERS,
        "countries": COUNTRIES,
        "groups": GROUPS,
        "qualifiers": QUALIFIERS,
    }
    timings = {}
    with db.open_build(settings) as con:
        for name, sql in (
            ("outlets", _OUTLETS_SQL),
            ("documents", _DOCUMENTS_SQL),
            ("parsed_documents", _PARSED_SQL),
            ("articles", _ARTICLES_SQL),
            ("claims", _CLAIMS_SQL),
        ):
            begin = time.perf_counter()
            con.execute(sql, {k: v for k, v in params.items() if f"${k}" in sql})
            timings[f"insert_{name}_s"] = time.perf_counter() - begin
        begin = time.perf_counter()
        con.execute(sqlfiles.query("memory_for_views"))  # as the publication does
        views = db.create_views(con)
        timings["create_views_s"] = time.perf_counter() - begin
        con.checkpoint()
    return settings, {"views": views, **timings}


def timed(con, sql: str, timeout_s: float) -> float | None:
    """Seconds to run `sql` and fetch every row; None when interrupted after timeout_s."""
    timer = threading.Timer(timeout_s, con.interrupt)
    timer.start()
    begin = time.perf_counter()
    try:
        con.execute(sql).fetchall()
    except Exception as exc:  # duckdb.InterruptException and kin
        if "INTERRUPT" in str(exc).upper():
            return None
        raise
    finally:
        timer.cancel()
    return time.perf_counter() - begin


def median_of(con, sql: str, runs: int, timeout_s: float) -> float | None:
    seconds = []
    for _ in range(runs):
        elapsed = timed(con, sql, timeout_s)
        if elapsed is None:
            return None
        seconds.append(elapsed)
        if elapsed > 10 * GOAL_S:  # far over the goal: one run says enough
            break
    return statistics.median(seconds)


def explain(con, view: str, timeout_s: float) -> str:
    sql = f"explain analyze select count(*) from (select * from {view})"  # noqa: S608 - a view name
    timer = threading.Timer(timeout_s, con.interrupt)
    timer.start()
    try:
        return "\n".join(row[1] for row in con.execute(sql).fetchall())
    except Exception as exc:  # noqa: BLE001 - interrupted: say so
        plan = "\n".join(row[1] for row in con.execute(f"explain select * from {view}").fetchall())
        return f"EXPLAIN ANALYZE interrupted after {timeout_s:.0f} s ({exc})\n\n{plan}"
    finally:
        timer.cancel()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per query")
    parser.add_argument("--json", type=Path, default=OUT_DIR / "views.json")
    args = parser.parse_args(argv)
    import duckdb

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="headcount-bench-views-") as scratch:
        settings, build_info = build(Path(scratch), args.claims, args.articles)
        con = duckdb.connect(str(settings.build_database), read_only=True)
        series = con.execute(
            "select count(*) from (select distinct topic, population_group, status, country "
            "from claim_timeline)"
        ).fetchall()[0][0]
        results = {}
        print(f"{'view':<24}{'count(*) s':>12}{'query s':>10}  goal < {GOAL_S:g} s")
        for view in build_info["views"]:
            count_s = median_of(
                con, f"select count(*) from (select * from {view})", args.runs, args.timeout
            )  # noqa: E501,S608
            query_s = median_of(
                con, QUERIES.get(view, f"select * from {view}"), args.runs, args.timeout
            )  # noqa: E501,S608
            slow = any(s is None or s > GOAL_S for s in (count_s, query_s))
            results[view] = {"count_s": count_s, "query_s": query_s, "query": QUERIES.get(view)}
            print(f"{view:<24}{_fmt(count_s, args.timeout):>12}{_fmt(query_s, args.timeout):>10}"
                  f"  {'SLOW' if slow else 'ok'}")  # fmt: skip
            if slow:
                plan_file = OUT_DIR / f"explain_{view}.txt"
                plan_file.write_text(explain(con, view, args.timeout), encoding="utf-8")
                results[view]["explain"] = str(plan_file)
        con.close()
    report = {
        "claims": args.claims,
        "articles": args.articles,
        "series": series,
        "build": build_info,
        "views": results,
    }
    args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"series: {series}; build: " + ", ".join(
        f"{k}={v:.2f}" for k, v in build_info.items() if k.endswith("_s")
    ))  # fmt: skip
    print(f"(details: {args.json})")
    return 0


def _fmt(seconds: float | None, timeout_s: float) -> str:
    return f"> {timeout_s:.0f}" if seconds is None else f"{seconds:.3f}"


if __name__ == "__main__":
    sys.exit(main())
