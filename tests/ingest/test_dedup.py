"""Canonical URLs and story fingerprints: copies of one story link up, distinct stories do not."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipelines.ingest.dedup import canonical_url, same_story, story_fingerprint
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
    assert same_story(original, copy)
    assert not same_story(original, other)
    assert same_story(original, story_fingerprint(texts["relevant.html"].upper()))


@pytest.mark.skipif(not GROUND_TRUTH.exists(), reason="shared real-pages corpus absent")
def test_no_two_real_articles_are_one_story() -> None:
    """The calibration's no-false-match half, on the corpus's 178 bodies over 500 characters."""
    bodies = json.loads(GROUND_TRUTH.read_text(encoding="utf-8")).values()
    prints = [story_fingerprint(b["articleBody"]) for b in bodies if len(b["articleBody"]) > 500]
    assert len(prints) >= 150
    assert not any(same_story(a, b) for a, b in itertools.combinations(prints, 2))


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
    from pipelines.ingest.dedup import MAX_STORY_DISTANCE_BITS, StoryIndex

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
