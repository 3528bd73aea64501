"""Canonical URLs and story fingerprints: copies of one story link up, distinct stories do not."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from trafilatura.deduplication import Simhash

from pipelines.ingest.dedup import (
    MAX_STORY_DISTANCE_BITS,
    Deduplicator,
    StoryIndex,
    canonical_url,
    story_fingerprint,
)
from pipelines.ingest.parse import parse_document

GROUND_TRUTH = Path("/work/shared/corpus/real-pages/ground-truth.json")


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "https://Example.org:443/a/story?utm_source=rss&utm_medium=feed",
            "https://example.org/a/story",
        ),
        (
            "https://example.org/a/story?id=3&fbclid=xyz#comments",
            "https://example.org/a/story?id=3",
        ),
        ("http://example.org:80", "http://example.org/"),
        ("http://127.0.0.1:8123/p.html?ref=twitter", "http://127.0.0.1:8123/p.html"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_syndicated_copy_is_the_same_story(make_meta, fixture_bytes) -> None:
    texts = {
        name: parse_document(fixture_bytes(name), make_meta(name)).text
        for name in ("relevant.html", "syndicated.html", "irrelevant.html")
    }
    original, copy, other = (story_fingerprint(texts[name]) for name in texts)
    assert texts["relevant.html"] != texts["syndicated.html"]
    index = StoryIndex()
    index.add(original, "original")
    assert index.find(copy) == "original"
    assert index.find(other) is None
    assert index.find(story_fingerprint(texts["relevant.html"].upper())) == "original"


@pytest.mark.skipif(not GROUND_TRUTH.exists(), reason="shared real-pages corpus absent")
def test_no_two_real_articles_are_one_story() -> None:
    """The calibration's no-false-match half, on the corpus's 178 bodies over 500 characters."""
    bodies = json.loads(GROUND_TRUTH.read_text(encoding="utf-8")).values()
    prints = [story_fingerprint(b["articleBody"]) for b in bodies if len(b["articleBody"]) > 500]
    assert len(prints) >= 150
    index = StoryIndex()
    for number, fingerprint in enumerate(prints):
        assert index.find(fingerprint) is None
        index.add(fingerprint, str(number))


@settings(database=None)  # tests write only under tmp_path: no .hypothesis/ folder
@given(
    st.sampled_from(["http", "https"]),
    st.from_regex(r"[A-Za-z0-9-]{1,12}\.(org|com)", fullmatch=True),
    st.from_regex(r"(/[a-z0-9_.-]{0,8}){0,3}", fullmatch=True),
    st.lists(st.sampled_from(["utm_source=x", "id=3", "fbclid=1", "page=2", "ref=tw"]), max_size=4),
)
def test_canonical_url_is_idempotent(scheme: str, host: str, path: str, params: list[str]) -> None:
    url = f"{scheme}://{host}{path}" + ("?" + "&".join(params) if params else "")
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "utm_source" not in once and "fbclid" not in once


def test_story_index_finds_a_near_copy_and_not_a_distant_text():
    index = StoryIndex()
    original = 0x0123_4567_89AB_CDEF
    index.add(original, "story-1")
    near = original ^ ((1 << MAX_STORY_DISTANCE_BITS) - 1)  # 10 low bits flipped
    far = original ^ ((1 << (MAX_STORY_DISTANCE_BITS + 1)) - 1)  # 11 bits flipped
    spread = original
    for bit in range(0, 64, 7):  # 10 bits flipped across every block
        spread ^= 1 << bit
    assert index.find(near) == "story-1"
    assert index.find(spread) == "story-1"
    assert index.find(far) is None


@settings(database=None, max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["Some 3,000 Americans", "volunteered.", "“Kyiv”", "日本語。", "\n"]),
            st.text(max_size=40),
        ),
        max_size=30,
    ).map(" ".join)
)
@example("")  # no tokens: every bit set, as trafilatura's zero votes give
@example(" ,.!? — 。、")
def test_fingerprint_is_trafilaturas_simhash_bit_for_bit(text: str) -> None:
    """Stored fingerprints stay comparable with those of earlier runs (and their calibration)."""
    assert story_fingerprint(text) == Simhash(text.casefold(), length=64).hash


@pytest.mark.parametrize(
    "name", ["relevant.html", "syndicated.html", "irrelevant.html", "ukrainian.html"]
)
def test_fingerprint_of_real_text_is_trafilaturas_simhash(name, make_meta, fixture_bytes) -> None:
    """Random text rarely has 32 words over 4 letters; whole articles do, and single
    paragraphs fall back to shorter words: each reaches a different sampling threshold."""
    text = parse_document(fixture_bytes(name), make_meta(name)).text
    for sample in [text, *text.split("\n")]:
        assert story_fingerprint(sample) == Simhash(sample.casefold(), length=64).hash


def test_story_index_agrees_with_a_brute_force_scan() -> None:
    rng = random.Random(7)
    index, seen = StoryIndex(), []
    for number in range(3000):  # past the initial capacity, so the array grows
        fingerprint = rng.getrandbits(64)
        index.add(fingerprint, f"s{number}")
        seen.append((fingerprint, f"s{number}"))
    queries = [rng.getrandbits(64) for _ in range(100)]
    for flips in range(13):  # copies at every distance around the limit of 10
        base = rng.choice(seen)[0]
        for _ in range(20):
            query = base
            for bit in rng.sample(range(64), flips):
                query ^= 1 << bit
            queries.append(query)
    for query in queries:
        distance, _, story = min(
            ((query ^ other).bit_count(), order, story) for order, (other, story) in enumerate(seen)
        )
        expected = story if distance <= MAX_STORY_DISTANCE_BITS else None
        assert index.find(query) == expected


def test_story_index_prefers_the_first_added_among_equally_close() -> None:
    index = StoryIndex()
    index.add(0b1111, "first")
    index.add(0b1111, "second")
    index.add(0b0111, "third")
    assert index.find(0b1111) == "first"
    assert StoryIndex().find(0) is None


def test_the_deduplicator_tells_duplicates_copies_and_new_stories_apart() -> None:
    dedup = Deduplicator([("kept", "story-1", 0b1111)])
    assert dedup.story_of("kept", 0b1111) is None  # the same text again
    assert dedup.story_of("copy", 0b1110) == "story-1"  # a near copy joins its story
    assert dedup.story_of("new", (1 << 63) | (1 << 40) | 0xFFFF0000) == "new"  # its own story
    assert dedup.story_of("new", 0) is None
