"""Markup blanked out for reading: links, bare URLs and tags become spaces, offsets hold."""

from hypothesis import given
from hypothesis import strategies as st

from pipelines.claims.extract import extract_claims
from pipelines.claims.markup import without_markup


def test_a_markdown_link_keeps_its_text_and_loses_its_target() -> None:
    text = "Officials said [about 150 volunteers](https://example.org/2019/05/report.html) left."
    blank = without_markup(text)
    assert "about 150 volunteers" in blank
    assert "example" not in blank and "2019" not in blank and "[" not in blank
    assert blank.rstrip().endswith("left.")


def test_a_bare_url_goes_but_the_sentence_stop_after_it_stays() -> None:
    blank = without_markup("Read it at https://example.org/a/b. Then 40 men went.")
    assert "example" not in blank
    assert ". Then 40 men went." in blank


def test_tags_go_and_the_words_between_them_stay() -> None:
    blank = without_markup('<a href="/x/2016" data-count="303">Two boats</a> came.')
    assert blank.split() == ["Two", "boats", "came."]


def test_text_without_markup_is_returned_as_it_is() -> None:
    text = "Some 300 Norwegians [sic] joined; 2 < 3 and www is a word."
    assert without_markup(text) == text


@given(st.text(alphabet="ab [](){}<>/:.w1 \n", max_size=200))
def test_blanking_keeps_every_offset(text: str) -> None:
    blank = without_markup(text)
    assert len(blank) == len(text)
    assert all(b == c or b == " " for b, c in zip(blank, text, strict=True))


def test_a_count_inside_a_link_takes_the_verb_after_it_and_quotes_the_link() -> None:
    # The link's target stood between the count and its verb; its sentence is quoted whole.
    text = (
        "By the end of the year, at least [214 migrants](https://relief.example/reports/2020/"
        "12/over-3000-people-die-on-migration-routes-despite-pandemic) had drowned on the route."
    )
    claims = extract_claims(text)
    assert [(c.value, c.status) for c in claims] == [(214, "killed")]
    assert claims[0].sentence == text
    assert text[claims[0].start : claims[0].end] == "at least [214"


def test_the_digits_of_markup_count_no_one_and_footnote_marks_do_not_join_sentences() -> None:
    text = (
        'Some 300 Danes have joined the legion.<span data-count="303"></span> See '
        "/news/2017/03/30/danes-legion-404 for more. About 40 Swedish volunteers came home.[12]"
        "[13] Police said 12 Finnish fighters were arrested."
    )
    claims = extract_claims(text)
    assert [c.value for c in claims] == [300, 40, 12]
    assert claims[1].sentence == "About 40 Swedish volunteers came home."


def test_a_footnote_mark_linked_to_its_note_counts_no_one() -> None:
    """Markdown exports link a footnote's number to the note ("[2](#fn-2)"): the number is a
    mark, not a figure, while a link around a count keeps the count."""
    text = (
        "Latvia's foreign ministry [2](#fn-2) said that [40 Latvian volunteers](https://x.lv/a)"
        " had gone. An exiled [12](#note-12) Latvian journalist disagreed."
    )
    assert without_markup(text).count("2") == 0
    assert [(c.value, c.country) for c in extract_claims(text)] == [(40, "LV")]


def test_html_entities_are_read_as_their_characters_and_figures_keep_their_offsets() -> None:
    """Scraped text keeps entities ("&rsquo;", "&#8220;"): read as the characters they stand
    for, a possessive stays one word and a quotation is a quotation; a figure's offsets are the
    article's."""
    text = "Latvia&rsquo;s &#8220;40 Estonian volunteers have died,&#8221; the commander said."
    read = without_markup(text)
    assert len(read) == len(text)
    assert read.startswith("Latvia’s")
    assert "“" in read and "”" in read
    claims = extract_claims(text)
    assert [(c.value, c.country, c.speaker) for c in claims] == [(40, "EE", "the commander")]
    assert text[claims[0].start : claims[0].end] == "40"
