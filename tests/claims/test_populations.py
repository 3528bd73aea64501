"""What a number counts: the head noun after it and the cue that names generic people."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipelines.claims.extract import extract_claims
from pipelines.claims.populations import find_cue, find_head, heads_before, nouns

_DATA = Path(__file__).resolve().parents[2] / "pipelines" / "data"


@pytest.mark.parametrize(
    ("phrase", "noun", "group", "demonym"),
    [
        (" foreign nationals have", "foreign nationals", "foreign_volunteers", None),
        (" Norwegian volunteers", "volunteers", "foreign_volunteers", "Norwegian"),
        (" Norwegians have", "norwegians", None, "Norwegians"),
        (" ISIS recruits are", "recruits", "foreign_volunteers", None),
        (" of its troops", "troops", "troops", None),
        (" of Russian nationals", "nationals", None, "Russian"),
        (" experienced veterans and volunteers", "veterans", None, None),
        (" countries", "countries", "countries", None),
        # An adverb before a participle or demonym modifies the head as an adjective does.
        (" recently trained soldiers", "soldiers", "troops", None),
        (" largely Ethiopian migrants", "migrants", "refugees", "Ethiopian"),
        # Officers and police of an army are its troops, not bystanders.
        (" Turkish military police", "military police", "troops", "Turkish"),
        (" Kenyan military officers and", "military officers", "troops", "Kenyan"),
        # A demonym of several words heads the phrase whole, not as a modifier and a region.
        (" South Africans were returned", "south africans", None, "South Africans"),
        (" Sierra Leonean migrants", "migrants", "refugees", "Sierra Leonean"),
        (" Papua New Guineans", "papua new guineans", None, "Papua New Guineans"),
        # Nouns modify the head as adjectives do, listed with commas too.
        (" combat troops", "troops", "troops", None),
        (" Danish navy personnel", "personnel", "troops", "Danish"),
        (" infantry, engineering and logistics troops", "troops", "troops", None),
        (" artillery, medical and signals personnel", "personnel", "troops", None),
        # "Nations" ending a name counts no countries: the people noun after it is the head.
        (" United Nations peacekeepers were", "peacekeepers", "troops", None),
        (" Nations joined", "nations", "countries", None),  # a title-case headline
    ],
)
def test_find_head(phrase: str, noun: str, group: str | None, demonym: str | None) -> None:
    head = find_head(phrase, 0, len(phrase))
    assert (head.noun, head.group, head.demonym) == (noun, group, demonym)


@pytest.mark.parametrize(
    "phrase",
    [
        " buses carrying refugees",
        " tanks",
        " kilometres",
        " killed",
        " wounded, soldiers said",  # a comma before the noun, with no modifier after it
    ],
)
def test_no_people_head(phrase: str) -> None:
    assert find_head(phrase, 0, len(phrase)) is None


@pytest.mark.parametrize(
    ("rest", "population"),
    [
        (" have fled the fighting", "refugees"),
        (" have volunteered to join", "volunteers"),
        (" currently fighting alongside", "fighters"),
        (" were killed in the fighting", None),
        (" were arrested", None),
        # Made to flee is displacement whatever is fled; fleeing alone needs a war after it.
        (" to flee the town", "refugees"),
        (" fled the town", None),
        # Fleeing to a place to fight there is going to fight; fleeing to safety is not.
        (" have fled to Mali to join the jihadists", "volunteers"),
        (" fled to Chad to fight for the rebels", "fighters"),
        (" fled to Chad to escape the fighting", "refugees"),
        # Joining armed groups is joining a war, whichever group it is.
        (" have gone to join rebel groups in the north", "volunteers"),
        (" left to join Islamist militias", "volunteers"),
        (" joined the march", None),
    ],
)
def test_find_cue(rest: str, population: str | None) -> None:
    assert find_cue(rest, 0, len(rest)) == population


def test_each_cue_word_implies_one_population() -> None:
    """Cues are looked up by word: a word under two populations would imply either."""
    lexicon = _DATA / "populations.yml"
    cues = yaml.safe_load(lexicon.read_text(encoding="utf-8"))["cues"]
    words = [word.lower() for population in cues.values() for word in population]
    assert len(words) == len(set(words))


def test_lexicon_groups_synonyms() -> None:
    table = nouns()
    assert table["volunteers"][0] == table["recruits"][0] == table["foreign nationals"][0]
    assert table["countries"] == ("countries", True)


def test_every_word_of_the_lexicons_is_read_as_a_word():
    """YAML reads bare on, off, yes and no as booleans: a lexicon word must stay a string."""
    from pipelines.claims.populations import _word_sets

    for name in ("populations.yml", "attribution.yml"):
        stack = [yaml.safe_load((_DATA / name).read_text(encoding="utf-8"))]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                assert all(isinstance(word, str) for word in item), (name, item)
    assert "on" in _word_sets()[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A word after a hyphen starts no noun; the noun after that word is still found.
        ("three British ex-special forces volunteers", ["forces", "volunteers"]),
        ("the number of small-boat crossings", ["crossings"]),
        ("asylum-seekers and refugees", ["asylum-seekers", "refugees"]),
        ("the Pro-Russian fighters and 300 mercenaries", ["fighters", "mercenaries"]),
        ("postmen and women", ["women"]),  # inside a word: no noun
    ],
)
def test_people_nouns_start_at_words(text: str, expected: list[str]) -> None:
    assert [head.noun for head in heads_before(text, len(text))] == expected


def test_a_demonym_of_several_words_before_a_noun_is_read_whole() -> None:
    text = "About 40 South African volunteers joined, and some Danish fighters."
    assert [(h.noun, h.demonym) for h in heads_before(text, len(text))] == [
        ("volunteers", "South African"),
        ("fighters", "Danish"),
    ]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # Who lives in a place counts as people: what follows says which population.
        ("Within a day some 8,000 villagers had fled the fighting.", "refugees"),
        ("Officials said 2,500 residents have fled the shelling.", "refugees"),
        ("About 400 inhabitants voted in the local election.", None),
        # So do the young, pupils and kin: "two schoolgirls joined", "his three sons fought".
        ("Police said two schoolgirls had left to join the militants.", "foreign_volunteers"),
        ("Her three sons have fought in the war, she said.", "fighters"),
        ("About 300 students attended the lecture on Monday.", None),
    ],
)
def test_generic_people_are_placed_by_what_follows(text: str, group: str | None) -> None:
    assert [c.population_group for c in extract_claims(text)] == ([group] if group else [])


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Two 16-year-old Latvian recruits were stopped at the airport.", "recruits"),
        ("Some 40 18-year-old volunteers signed up in Riga.", "volunteers"),
        ("The two 16-year-olds were stopped at the airport.", "year-olds"),
    ],
)
def test_an_age_before_the_noun_is_a_modifier_and_an_age_in_the_plural_is_the_noun(text, noun):
    """ "two 16-year-old recruits" counts recruits: the age, a compound adjective, is passed
    over as any modifier is; "the two 16-year-olds" counts people of that age."""
    from pipelines.claims.numbers import find_numbers
    from pipelines.claims.populations import find_head

    mention = find_numbers(text)[0]
    head = find_head(text, mention.end, len(text))
    assert head is not None and head.noun == noun


_VOLUNTEERS_STORY = "Hundreds of Britons have gone abroad to fight for armed groups, police say. "


@pytest.mark.parametrize(
    ("sentence", "value", "noun"),
    [
        ("Three west Birmingham brothers had flown to Turkey in June.", 3, "brothers"),
        ("The two south Leeds teenagers who went to Syria in May have been named.", 2, "teenagers"),
        ("Four east Belfast men were stopped at the airport on their way to Syria.", 4, "men"),
    ],
)
def test_a_compass_point_before_a_place_modifies_the_counted_noun(sentence, value, noun):
    """ "three west Birmingham brothers" counts brothers: a compass point before a place is a
    modifier, as the place is, so the noun after both is what the figure counts."""
    claims = extract_claims(_VOLUNTEERS_STORY + sentence)
    assert (value, noun) in [(c.value, c.population) for c in claims]


@pytest.mark.parametrize(
    ("phrase", "noun"),
    [
        (" Dutch army personnel were flown home", "personnel"),
        (" Canadian air force personnel are based there", "personnel"),
        (" Italian service personnel remain in Lebanon", "personnel"),
        (" Russian contract soldiers were captured", "soldiers"),
        (" army engineers were sent to Mali", "army engineers"),
        (" French commandos landed in Niger", "commandos"),
    ],
)
def test_the_branch_of_service_before_a_troops_noun_is_a_modifier(phrase, noun):
    """ "200 army personnel", "40 air force personnel", "3,000 US service personnel": the branch
    of service says which troops, as "combat" and "navy" do; the noun after it is counted."""
    head = find_head(phrase, 0, len(phrase))
    assert head is not None and (head.noun, head.group) == (noun, "troops")


@pytest.mark.parametrize(
    ("text", "population", "country"),
    [
        (
            "Officials counted 2,500 illegal immigrants in the port last week.",
            "illegal immigrants",
            None,
        ),
        ("About 700 immigrants were rescued from two boats on Sunday.", "immigrants", None),
        ("Nine young North Korean defectors were sent back to Pyongyang.", "defectors", "KP"),
    ],
)
def test_immigrants_and_defectors_are_migrants_and_refugees(text, population, country):
    """Immigrants are migrants by another name, and defectors people who fled their country."""
    claims = extract_claims(text)
    assert [(c.population, c.population_group, c.country) for c in claims] == [
        (population, "refugees", country)
    ]
