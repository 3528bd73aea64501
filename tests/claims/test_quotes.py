"""Whether a figure sits inside quotation marks."""

from __future__ import annotations

import pytest

from pipelines.claims.quotes import inside_quotes


@pytest.mark.parametrize(
    ("text", "figure", "quoted"),
    [
        ("\u201cThe number is around 20,000 now,\u201d he said.", "20,000", True),
        ('"We have 300 volunteers," he said, and 200 more arrived.', "200", False),
        ("'Those 300 numbers are a minimum,' he said.", "300", True),
        ("Many of the 300 have left.\u2019", "300", True),  # the quote opened a sentence before
        ("Ukraine\u2019s 300 volunteers", "300", False),
        ("He said \u201cabout 300\u201d joined, and 200 more.", "200", False),
    ],
)
def test_inside_quotes(text: str, figure: str, quoted: bool) -> None:
    assert inside_quotes(text, text.index(figure)) is quoted
