"""The origin model: candidates are the countries named around a claim, described by where they
are named; the best-scored one fills in an origin the phrase leaves out, never overrules one."""

from __future__ import annotations

import json

import pytest

from pipelines.claims import origin
from pipelines.claims.extract import extract_claims, read_mentions
from pipelines.claims.origin import DocumentCountries
from pipelines.claims.sentences import split_sentences

STORY = (
    "Belgium's jihadists are coming home\n\n"
    "Belgian police said on Monday that 40 foreign fighters have returned. "
    "About 90 men are believed to have travelled to Iraq, officials said. "
    "Some 30 Moroccans were among those arrested."
)


@pytest.fixture
def weights(monkeypatch, tmp_path):
    def install(named: dict[str, float] | None) -> None:
        path = tmp_path / "origin.json"
        if named is not None:
            path.write_text(json.dumps({"intercept": 0.0, "weights": named}))
        monkeypatch.setattr(origin, "WEIGHTS", path)
        origin.reload_weights()

    yield install
    origin.reload_weights()


def _countries(text: str) -> dict[int | None, str | None]:
    return {c.value: c.country for c in extract_claims(text)}


def test_candidates_say_where_each_country_is_named(weights):
    weights(None)
    readings = [r for r in read_mentions(STORY) if r.claim and r.claim.value == 90]
    described = {c.code: c.features for c in readings[0].origins}
    assert set(described) == {"BE", "IQ", None}
    assert described["BE"]["headline"] and described["BE"]["context"]
    assert described["IQ"]["sentence_after"] and described["IQ"]["after_word=to"]
    assert described["BE"]["doc_rank=1"]  # named three times, more than any other


def test_the_best_scored_candidate_fills_in_a_missing_origin(weights):
    weights({"headline": 2.0, "after_word=to": -2.0, "none": 1.0})
    assert _countries(STORY)[90] == "BE"
    weights({"none": 1.0})
    assert _countries(STORY)[90] is None


def test_an_origin_the_phrase_gives_is_never_overruled(weights):
    weights({"headline": 5.0})
    assert _countries(STORY)[30] == "MA"


def test_without_weights_a_claim_without_origin_in_its_phrase_has_none(weights):
    weights(None)
    assert _countries(STORY)[90] is None


def test_a_phrase_naming_many_origins_is_evidence_for_none(weights):
    text = (
        "Belgium opens its doors\n\n"
        "Belgian officials said that 500 foreign nationals have applied to the Belgian army. "
        "About 200 volunteers from 30 countries have arrived in Belgium. "
        "Officials fear some 700 EU citizens who joined may return."
    )
    readings = [r for r in read_mentions(text) if r.origins]
    assert len(readings) == 3
    for reading in readings:
        described = {c.code: c.features for c in reading.origins}
        assert described[None].get("none&many_origins") == 1.0, reading.sentence.text
        assert set(described) == {None}  # no country can outscore it
    weights({"headline": 5.0})
    assert set(_countries(text).values()) == {None}


def test_many_origins_are_read_to_the_end_of_a_long_counted_phrase(weights):
    """Many countries named 60 characters on ("from 40 countries") are still the counted
    people's; after a comma the clause has moved on, and a region named there is not theirs."""
    weights(None)
    long_phrase = (
        "Kyiv's new army\n\nIn Lviv, officials counted about 900 seasoned former soldiers and "
        "eager young recruits from more than 40 countries, the ministry said."
    )
    after_comma = (
        "Kyiv's new army\n\nIn Lviv, officials counted about 900 recruits, and then "
        "the ministry said the recruits would soon leave for training in Central Asia."
    )
    for text, many in ((long_phrase, 1.0), (after_comma, None)):
        (reading,) = [r for r in read_mentions(text) if r.claim and r.mention.value == 900]
        described = {c.code: c.features for c in reading.origins}
        assert described.get(None, {}).get("none&many_origins") == many, text


@pytest.mark.parametrize(
    ("text", "many"),
    [
        ("Police in Estonia said some 4,000 men have travelled abroad to fight.", None),
        ("About 900 people fled overseas from the floods in Moldova last week.", None),
        ("In Latvia, nearly 60 young men went to fight abroad, the ministry said.", None),
        ("In Latvia, about 900 fighters from abroad have joined the brigade.", 1.0),
        ("In Latvia, about 900 overseas volunteers have joined the brigade.", 1.0),
        # a word between the number of countries and the noun
        ("In Latvia, about 900 fighters from 30 Caribbean countries joined the brigade.", 1.0),
        ("In Latvia, about 900 fighters from other ex-Soviet nations joined the brigade.", 1.0),
    ],
)
def test_abroad_after_a_verb_of_going_is_where_people_went_not_many_origins(weights, text, many):
    weights(None)
    readings = read_mentions(f"Volunteers\n\n{text}")
    (reading,) = [r for r in readings if r.claim and r.claim.population_group != "countries"]
    described = {c.code: c.features for c in reading.origins}
    assert described.get(None, {}).get("none&many_origins") == many


def test_with_a_demonym_in_the_phrase_from_a_country_is_a_place(weights):
    """Danes leave Iraq in "600 Danish soldiers from Iraq"; without a demonym, "from" names
    whose people they are."""
    weights(None)
    text = (
        "Coming home\n\nThe minister ordered the withdrawal of 600 Danish soldiers from Iraq. "
        "Another 70 volunteers from Estonia and Latvia also left."
    )
    claims = {c.value: c for c in extract_claims(text)}
    assert claims[600].country == "DK" and claims[600].countries == ("DK",)
    assert claims[70].countries == ("EE", "LV") and claims[70].country is None


def test_an_organization_a_country_sends_abroad_names_its_members_origin(weights):
    """Hezbollah's, Wagner's and the IRGC's members are their country's; the Taliban are named
    as the enemy of the people counted, not as their origin."""
    weights(None)
    text = (
        "Abroad\n\nSome 400 Wagner mercenaries landed in Bangui. About 250 Hezbollah fighters "
        "crossed into Syria. Nearly 30 IRGC troops were seen in Homs. "
        "About 900 Polish soldiers fought the Taliban."
    )
    assert _countries(text) == {400: "RU", 250: "LB", 30: "IR", 900: "PL"}


def test_refugees_come_from_the_country_the_document_says_people_flee(weights):
    weights(None)
    fled = (
        "Families keep leaving\n\n"
        "Thousands more fled Moldova this week, and border guards say more are leaving Moldova. "
        "More than 40,000 refugees have now crossed into Romania."
    )
    assert _countries(fled)[40000] == "MD"
    arrived = (
        "Boats keep coming\n\n"
        "The coast guard in Malta said the boats reached Malta at night, as they do in Malta. "
        "More than 4,000 refugees have now landed."
    )
    assert _countries(arrived)[4000] is None


@pytest.mark.parametrize(
    ("text", "fled"),
    [
        ("A teacher fleeing Belarus said she left with her sons.", "BY"),
        # The country whose invasion people flee is who attacks, not the place they leave.
        ("A teacher fleeing Belarus's invasion said she left with her sons.", None),
        ("A nurse fled Belarus’s full-scale invasion with her sons.", None),
    ],
)
def test_the_country_people_leave_is_not_the_one_whose_invasion_they_flee(text, fled):
    assert DocumentCountries(text, split_sentences(text)).fled == fled


def test_the_country_people_are_said_to_leave_is_a_candidate_for_any_count(weights):
    """Not only refugees (who take it as their origin): fighters of a story on men leaving home."""
    text = (
        "Leaving home\n\n"
        "More young men left Moldova this spring, and officials say others are leaving Moldova. "
        "Guards counted 700 volunteers crossing to fight on one day, police in Romania said."
    )
    weights(None)
    (reading,) = [r for r in read_mentions(text) if r.claim and r.claim.value == 700]
    described = {c.code: c.features for c in reading.origins}
    group = reading.claim.population_group
    assert described["MD"]["doc_fled"] == 1.0 and described["MD"][f"{group}&doc_fled"] == 1.0
    assert "doc_fled" not in described["RO"]
    weights({"doc_fled": 2.0, "none": 1.0})
    assert _countries(text)[700] == "MD"


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        ("Some 90 migrants reached Malta on Sunday.", "MT"),
        ("Some 90 migrants drowned off the coast of Tunisia on Sunday.", "TN"),
        ("Some 90 migrants landed near Tunisia's capital on Sunday.", "TN"),
        ("Tunisia says some 90 migrants drowned on Sunday.", None),
    ],
)
def test_a_country_named_as_where_people_are_or_go_is_described_so(weights, sentence, place):
    weights(None)
    text = "Boats at sea\n\n" + sentence
    (reading,) = [r for r in read_mentions(text) if r.claim and r.claim.value == 90]
    placed = {c.code for c in reading.origins if c.features.get("sentence_place")}
    assert placed == ({place} if place else set())
    group = reading.claim.population_group
    assert all(
        c.features.get(f"{group}&sentence_place") for c in reading.origins if c.code in placed
    )


def test_a_city_used_as_a_place_is_evidence_for_its_country(weights):
    weights(None)
    text = (
        "Jihadists jailed\n\n"
        "Two Cardiff men were jailed in Cardiff on Monday. Austin said they had trained near "
        "Aleppo. About 30 fighters have returned since."
    )
    cities = {(m.word, m.code) for m in origin.DocumentCountries(text, []).mentions if m.city}
    assert cities == {("Cardiff", "GB"), ("Aleppo", "SY")}  # "Austin said" names a person
    readings = [r for r in read_mentions(text) if r.claim and r.claim.value == 30]
    described = {c.code: c.features for c in readings[0].origins}
    assert described["GB"]["context_city"] and described["SY"]["context_city"]
    weights({"context_city": 1.0, "doc_share": 1.0})
    assert _countries(text)[30] == "GB"  # named twice


@pytest.mark.parametrize(
    "speaker",
    [
        "A Latvian diplomat",
        "Latvian television",
        "A Latvian minister",
        # ... and with a possessive, modifiers between: "Latvia's state-run news agency"
        "Latvia's state-run agency",
        "Latvia’s coast guard",
    ],
)
def test_a_country_qualifying_who_speaks_is_described_as_an_institutions(weights, speaker):
    """Not as a country the sentence names: the model weighs "a Latvian minister said" apart."""
    weights(None)
    text = f"News from the front\n\n{speaker} said 300 volunteers had arrived in Kharkiv."
    (reading,) = [r for r in read_mentions(text) if r.claim]
    described = {c.code: c.features for c in reading.origins}
    group = reading.claim.population_group
    assert described["LV"].keys() >= {"institution", f"{group}&institution"}
    assert not any(name.startswith("sentence_") for name in described["LV"])
    assert "sentence_after" in described["UA"]  # where they arrived is still evidence


def test_a_country_a_figure_is_attributed_to_is_no_evidence(weights):
    weights(None)
    text = "News from the front\n\nThe convoy carried 300 fighters, according to Latvia, in May."
    (reading,) = [r for r in read_mentions(text) if r.claim]
    assert "LV" not in {c.code for c in reading.origins}


_IN_LVIV = "Kyiv's new army\n\nIn Lviv, officials counted 400 {} in March."
_IN_IRAQ = "Iraq's war\n\nMore than 3,000 {} have joined the fighting in Iraq, police said."


@pytest.mark.parametrize(
    "text",
    [
        _IN_LVIV.format("volunteers from the Middle East"),
        _IN_LVIV.format("fighters from Central Asia"),
        _IN_LVIV.format("recruits from West Africa"),
        _IN_IRAQ.format("Europeans"),  # people named by their region
        _IN_IRAQ.format("Westerners"),
        _IN_IRAQ.format("Central Asians"),
    ],
)
def test_people_from_a_region_are_evidence_for_no_single_country(weights, text):
    weights(None)
    (reading,) = [r for r in read_mentions(text) if r.claim]
    described = {c.code: c.features for c in reading.origins}
    assert described[None].get("none&many_origins") == 1.0


def test_a_country_within_a_region_name_is_not_a_region(weights):
    weights(None)
    text = "Kyiv's new army\n\nIn Lviv, officials counted 400 volunteers from South Africa."
    (reading,) = [r for r in read_mentions(text) if r.claim]
    assert not reading.origins  # the phrase gives the origin: ZA
    assert reading.claim.country == "ZA"


SINGLE_COUNTRY_STORY = (
    "Canada's volunteers\n\n"
    "Canadian officials said Canadian recruits had signed up. Ottawa said Canada would pay. "
    "The first recruits trained in Poland. They crossed into Ukraine in May. "
    "A week later the group was in Ukraine for good. "
    "Since then, 45 recruits have returned, a spokesman said."
)


def test_the_country_a_story_names_most_is_a_candidate_however_far_back(weights):
    weights(None)
    (reading,) = [r for r in read_mentions(SINGLE_COUNTRY_STORY) if r.claim]
    described = {c.code: c.features for c in reading.origins}
    assert "context" not in described["CA"]  # named only more than three sentences back
    assert described["CA"]["doc_subject"] == 1.0
    weights({"doc_subject": 2.0, "none": 1.0})
    assert _countries(SINGLE_COUNTRY_STORY)[45] == "CA"


def test_a_country_people_are_said_to_be_in_is_described_as_where_the_story_happens(weights):
    weights(None)
    (reading,) = [r for r in read_mentions(SINGLE_COUNTRY_STORY) if r.claim]
    described = {c.code: c.features for c in reading.origins}
    group = reading.claim.population_group
    assert described["UA"][f"{group}&doc_located"] == 1.0  # "into Ukraine", "in Ukraine"
    assert described["CA"][f"{group}&doc_located"] == 0.0


def test_countries_the_text_describes_alike_tie_and_a_tie_is_no_origin(weights):
    text = (
        "Volunteers\n\n"
        "Some 40 Danish volunteers have signed up. A further 30 Finnish volunteers are waiting. "
        "Officials put the number of mercenaries at 500."
    )
    weights({"context_demonym": 2.0, "none": 1.0})
    (reading,) = [r for r in read_mentions(text) if r.claim and r.claim.value == 500]
    described = {c.code: c.features for c in reading.origins}
    assert described["DK"] == described["FI"]  # named once each, as demonyms, as near
    assert reading.claim.country is None


def test_a_country_named_in_more_than_half_the_document_is_described_as_its_main_one(weights):
    text = (
        "Crossing at night\n\n"
        "Some 3,000 people have crossed the border this week, aid workers said.\n\n"
        "Most walked for days. Camps near the crossing are full.\n\n"
        "Eritrean officials deny that conscripts are fleeing. Eritrea has let no journalists "
        "in, but Eritrean exiles say conscription is the reason. A few came through Ethiopia."
    )
    weights(None)
    (reading,) = [r for r in read_mentions(text) if r.claim]
    described = {c.code: c.features for c in reading.origins}
    group = reading.claim.population_group
    assert described["ER"]["doc_share>half"] == 1.0  # three of four country mentions
    assert described["ER"][f"{group}&doc_share>half"] == 1.0
    assert all("doc_share>half" not in f for code, f in described.items() if code != "ER")
    weights({"doc_share>half": 2.0, "none": 1.0})
    assert _countries(text)[3000] == "ER"


@pytest.mark.parametrize(
    "text, value, countries",
    [
        (
            "Fighters came chiefly from Latvia, Estonia and Finland (some 60 men from each "
            "country) to join the brigade.",
            60,
            ["LV", "EE", "FI"],
        ),
        ("Chad and Niger each sent 500 troops to the region, officials said.", 500, ["TD", "NE"]),
        ("The mission deployed 200 soldiers each from Mali and Senegal.", 200, ["ML", "SN"]),
    ],
)
def test_a_figure_said_to_hold_for_each_of_several_countries_is_one_claim_per_country(
    weights, text, value, countries
):
    weights(None)  # the shares come from the text, not the model
    claims = [c for c in extract_claims(text) if c.value == value]
    assert [c.country for c in claims] == countries
    assert {(c.start, c.end) for c in claims} == {(claims[0].start, claims[0].end)}


@pytest.mark.parametrize(
    "text",
    [
        "Britain and France sent 500 troops, each with its own commanders.",
        "Fighters from Serbia and Bosnia, 60 men in all, joined the unit.",
        "Around 300 volunteers from Russia and Belarus each signed a contract.",
    ],
)
def test_a_figure_not_said_to_hold_for_each_country_stays_one_claim(weights, text):
    weights(None)
    claims = extract_claims(text)
    assert len(claims) == 1


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Some 500 troops were sent from Chad and another 300 from Niger.", "NE"),
        ("About 400 soldiers came from Ghana, and 250 from the Gambia.", "GM"),
        ("About 400 soldiers came from Ghana, and 250 more arrived.", "GH"),
    ],
)
def test_a_figure_whose_noun_came_before_has_the_origin_named_right_after_it(text, country):
    """ "500 troops from Chad and another 300 from Niger": the second figure counts troops, as
    the first does, but from the country named after it."""
    from pipelines.claims import rules
    from pipelines.claims.numbers import find_numbers

    second = find_numbers(text)[1]
    found = rules.read_unruled(text, second, None, 0, topical=True)
    assert found is not None and found.group == "troops"
    assert found.country == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Officials said three Dutch orphans were handed over at the crossing.", "NL"),
        ("The court heard that 14 Somali stowaways had hidden in the hold.", "SO"),
        ("Guards said 60 from Eritrea had been turned back at the fence.", "ER"),
    ],
)
def test_a_count_no_rule_reads_keeps_the_origin_its_own_phrase_names(text, country):
    """A figure whose noun the lexicon lacks ("orphans", "stowaways") or leaves out, taken by the
    scope model: the demonym opening its phrase, or "from X" right after it, is its origin."""
    from pipelines.claims import rules
    from pipelines.claims.numbers import find_numbers

    found = rules.read_unruled(text, find_numbers(text)[0], None, 0, topical=True)
    assert found is not None and found.country == country


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("About 500 volunteers joined the legion. Some 120 of them were from Chile.", "CL"),
        ("About 500 volunteers joined the legion. Of those, 120 were Chileans.", "CL"),
        ("Police stopped 40 migrants on the road. The 40 migrants were Bolivians.", "BO"),
        ("Some 800 fighters crossed the border; 200 of them are from Peru, police said.", "PE"),
    ],
)
def test_a_count_said_to_be_of_a_nationality_has_that_origin(text, country):
    """ "120 of them were from Chile", "The 40 migrants were Bolivians": the origin is said as
    what the people are, after the counted phrase or the pronoun that stands for it."""
    claims = extract_claims(text)
    assert [c.country for c in claims][-1] == country
    assert claims[0].country != country  # the whole's origin is not its part's


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Police said two young Leeds men had travelled to Syria to fight.", "GB"),
        ("Four Lyon jihadists were killed near Raqqa last month.", "FR"),
        ("The court jailed three Hamburg recruits of the militia.", "DE"),
        ("The 200 Calais migrants were moved to a new camp.", None),  # where they are
    ],
)
def test_a_city_modifying_the_counted_noun_is_the_peoples_origin(text, country):
    """A city's name between a figure and its noun is an origin, as a demonym there is; before
    refugees or migrants it says where they are, not where they are from."""
    from pipelines.claims import rules
    from pipelines.claims.numbers import find_numbers

    found = rules.read(text, find_numbers(text)[0], None, 0)
    assert found is not None and found.country == country


def test_a_figure_said_again_with_the_takes_the_country_of_its_earlier_claim(weights):
    """ "Three Estonians were detained ... the three men had travelled in May": said again with a
    definite article, a figure counts the people its earlier claim counted, from where they were,
    not from the country the model would choose; a figure not said so is the model's."""
    weights({"headline": 5.0})  # the model picks the headline's country
    text = (
        "Latvian volunteers head to the front\n\n"
        "Three Estonians were detained at the border on Monday. "
        "Officials said the three men had travelled in May. "
        "About 40 men had left earlier."
    )
    assert [(c.value, c.country) for c in extract_claims(text)] == [
        (3, "EE"),
        (3, "EE"),
        (40, "LV"),
    ]


@pytest.mark.parametrize(
    ("text", "striker"),
    [
        ("About 40,000 people escaping Russian shelling have crossed into Moldova.", "RU"),
        ("Some 6,000 refugees fled the Saudi-led airstrikes on the port town.", "SA"),
        ("Nearly 9,000 people fled Ethiopia's bombardment of the region last week.", "ET"),
        ("Thousands of people fleeing the Turkish bombing reached the camp by Friday.", "TR"),
    ],
)
def test_a_country_named_as_who_strikes_is_not_the_origin_of_those_fleeing(text, striker):
    """ "fleeing Russian shelling", "the Saudi-led airstrikes": the country named with a strike is
    who attacks; the people struck or fleeing are not its people (the text names no other)."""
    claims = extract_claims(text)
    assert len(claims) == 1
    assert claims[0].country is None
    assert striker not in claims[0].countries


def test_a_country_named_with_what_it_sends_is_still_an_origin():
    """Only a strike names an attacker: "Russian troops", "fleeing Russia" keep their country."""
    assert [c.country for c in extract_claims("About 400 Russian troops crossed the river.")] == [
        "RU"
    ]
    assert [c.country for c in extract_claims("Some 3,000 people fleeing Russia arrived.")] == [
        "RU"
    ]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A dinghy carrying about 40 mostly Eritrean migrants reached the island.", None),
        ("Guards turned back 120 largely Somali asylum seekers on Tuesday.", None),
        ("Guards turned back 120 Somali asylum seekers on Tuesday.", "SO"),
    ],
)
def test_a_group_mostly_of_one_nationality_is_a_mixed_group(text, country):
    """ "40 mostly Eritrean migrants": most are Eritrean, not all, so no single origin."""
    assert [c.country for c in extract_claims(text)] == [country]
