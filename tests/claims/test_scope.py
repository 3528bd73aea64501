"""The scope model: what the phrase after a number counts, and how the model's verdict adds
claims no rule reads and drops rules' claims, within what the structure allows."""

from __future__ import annotations

import json

import pytest

from pipelines.claims import scope
from pipelines.claims.extract import extract_claims, read_mentions
from pipelines.claims.populations import counted_word

ABOUT_FIGHTERS = (
    "Hundreds of foreign fighters from Denmark have gone to war.\n\n"
    "Some 120 Danish fighters have travelled to Iraq, the intelligence service says. "
    "Around 70 remain in the region today."
)


@pytest.mark.parametrize(
    ("after", "counted"),
    [
        (" hours on the road", "thing"),
        (" sunny days", "thing"),
        ("-day ceasefire", "thing"),
        (" of tanks", "of_thing"),
        (" percent of voters", "rate"),
        (" have been rescued", "none"),
        (" of them", "none"),
        (" stayed behind", "none"),
        (" the ministry expects to send", "none"),  # a determiner: the noun was left out
        (" their commanders had promised", "none"),
        (" trained gunmen", "agent"),
        (" trained soldiers", "people"),
        (" hostages", "people"),
        (" young kids went", "people"),
        (" radicals left", "people"),
        (" best friends.", "people"),  # "best" and "runaway" modify as adjectives do
        (" runaway Danish brides", "people"),
        (" Estonians", "people"),
        (" loyalists", "agent"),
        (" kilometers (90 miles) north", "thing"),
        (" lucky numbers are drawn", "thing"),
        (" degrees below zero", "thing"),  # shaped as "evacuees" is
        (" evacuees", "people"),
        (" 16-year-old girls", "people"),
        (" Russian airstrikes hit", "thing"),
        (" Belarusian trucks in a convoy", "thing"),
        (" Danish volunteers", "people"),
        (" 19-year-olds were held", "people"),
        (" of the 4,000 soldiers", "of_people"),
        (" aboard", "none"),
        (" wait at the gate", "none"),
        (" known to police", "none"),
        (" Gurkhas", "name"),
        (".", "none"),
    ],
)
def test_what_the_phrase_after_a_number_counts(after, counted):
    assert counted_word("About 30" + after, len("About 30")) == counted


@pytest.fixture
def weights(monkeypatch, tmp_path):
    """Install a scope model with the given intercept and weights, thresholds 0.5 and 0.2."""

    def install(intercept: float, named: dict[str, float] | None = None) -> None:
        path = tmp_path / "scope.json"
        model = {"accept": 0.5, "veto": 0.2, "intercept": intercept, "weights": named or {}}
        path.write_text(json.dumps(model))
        monkeypatch.setattr(scope, "WEIGHTS", path)
        scope.reload_weights()

    yield install
    scope.reload_weights()


def test_a_count_whose_noun_is_left_out_is_taken_when_the_model_says_so(weights):
    weights(-3.0, {"counted=none": 6.0, "counted=people": 6.0})
    found = {c.value: c for c in extract_claims(ABOUT_FIGHTERS)}
    assert found[70].rule == "unruled"
    assert (found[70].population_group, found[70].country) == ("fighters", "DK")
    ruled_only = {
        r.mention.value for r in read_mentions(ABOUT_FIGHTERS, scope_model=False) if r.claim
    }
    assert 70 not in ruled_only


def test_the_model_sees_what_people_do_anywhere_in_the_sentence(weights):
    """ "Two Estonian schoolboys ... after joining the rebels": a cue far from the figure."""
    weights(0.0)
    text = "Two Estonian schoolboys have left school, weeks after joining the rebels in Syria."
    (reading,) = read_mentions(text)
    assert reading.features.get("sentence_cue=volunteers") == 1.0


def test_the_model_sees_which_people_a_bare_figure_is_said_among(weights):
    """A figure with no noun after it ("... sent 34,000, and 40,000 more") is weighed with the
    people its sentence and the sentences before name, as one fact each; a figure with its own
    noun is not."""
    weights(0.0)
    text = (
        "Estonian troops arrived in Mali on Monday. "
        "The army sent 300 troops, and 400 more will follow."
    )
    features = {r.mention.value: r.features for r in read_mentions(text)}
    assert features[400].get("bare&sentence_names=troops") == 1.0
    assert features[400].get("bare&context_names=troops") == 1.0
    assert not any(name.startswith("bare&") for name in features[300])


def test_the_model_never_makes_things_or_rates_into_people(weights):
    weights(10.0)  # takes every mention it is allowed to
    text = ABOUT_FIGHTERS + " They walked for 30 hours and 40 percent of them were wounded."
    values = {c.value for c in extract_claims(text)}
    assert values >= {120, 70} and not values & {30, 40}


@pytest.mark.parametrize(
    "sentence",
    [
        "The convoy left the camp around 2015, witnesses recalled.",  # a year
        "The shelling began at 04:30 (0130 GMT) near the camp.",  # clock times and a code
        "Most have gone home, the three diplomats said.",  # who speaks
        "They reached Tulcea, a town of 70,000, by night.",  # a place's population
        "Later that day 12 police officers were hurt.",  # other people
        "Later one of the guards was moved.",  # a person picked out of a group
        "Her mother phoned 999 at once.",  # a number dialled
        "Donors have given millions in aid.",  # money
        "Later one recruit alleged it was a trap.",  # who speaks
    ],
)
def test_dates_times_codes_and_speakers_are_not_counts_of_people(weights, sentence):
    weights(10.0)  # takes every mention it is allowed to
    assert [c.value for c in extract_claims(ABOUT_FIGHTERS + " " + sentence)] == [None, 120, 70]


def test_children_and_passengers_no_rule_reads_are_left_to_the_model(weights):
    """People who may be the migrants themselves (their children, a boat's passengers) are
    weighed by the scope model, not refused as villagers, police officers and journalists are."""
    text = (
        "Migrants from Guinea were rescued off the Canary Islands at dawn. "
        "The dinghy carried 31 passengers, 9 children among them, and 14 villagers of a "
        "coastal town helped pull it ashore. Three journalists and 12 police officers "
        "watched."
    )
    weights(10.0)  # takes every mention it is allowed to
    taken = {c.value for c in extract_claims(text)}
    assert {31, 9} <= taken and not taken & {14, 3, 12}
    weights(-10.0)  # takes none
    assert not {c.value for c in extract_claims(text)} & {31, 9}


def test_a_figure_grouped_by_spaces_is_not_a_zero_padded_code(weights):
    weights(10.0)
    text = ABOUT_FIGHTERS + " Since then some 700 000 have fled the region."
    assert 700000 in {c.value for c in extract_claims(text)}


def test_known_people_no_rule_takes_need_a_document_about_people_of_interest(weights):
    weights(10.0)
    assert extract_claims("The poll surveyed 1,500 adults, and 300 students protested.") == []
    topical = ABOUT_FIGHTERS + " Police questioned 300 detainees about the recruiters."
    assert 300 in {c.value for c in extract_claims(topical)}


def test_no_figure_no_rule_reads_counts_anyone_in_a_document_about_no_people_of_interest(
    weights,
):
    """The scope model takes figures the rules cannot read only in a document about people of
    interest: elsewhere "8,300 employees", "more than 40 fellow nurses" or a product's model
    number ("Roadster 7150 Turbo") count no one the series follow."""
    weights(10.0)  # takes every mention it is allowed to
    off_topic = (
        "The retailer said it had 8,300 employees at the end of March. More than 40 fellow "
        "nurses joined the picket. The Roadster 7150 Turbo sold out."
    )
    assert extract_claims(off_topic) == []
    assert {8300, 40} <= {c.value for c in extract_claims(ABOUT_FIGHTERS + " " + off_topic)}


def test_a_count_a_rule_read_makes_the_document_about_people_of_interest(weights):
    """A story that names its people once, as a count a rule reads ("80 Nepalis had been
    recruited"), is about them: a later "30 of these men" is theirs too."""
    weights(10.0)
    text = (
        "At least 80 Nepalis had been recruited into the Russian army, the ministry said. "
        "It added that 30 of these men had since come home."
    )
    assert {80, 30} <= {c.value for c in extract_claims(text)}
    bystanders = "A fire killed 12 people on Monday. It added that 30 of these men had fled."
    assert 30 not in {c.value for c in extract_claims(bystanders)}


def test_a_story_that_names_its_people_once_is_about_them(weights):
    """A short story of a boat that sank calls its people "migrants" once, "people" after."""
    weights(10.0)
    text = (
        "Rescuers searched for migrants off the coast on Monday. A dinghy carrying 45 people "
        "sank near the port, and only 12 people survived."
    )
    assert {45, 12} <= {c.value for c in extract_claims(text)}


def test_a_rules_claim_the_model_is_sure_of_against_is_dropped(weights):
    weights(-10.0)
    assert extract_claims(ABOUT_FIGHTERS) == []


def test_without_weights_the_rules_alone_decide(monkeypatch, tmp_path):
    monkeypatch.setattr(scope, "WEIGHTS", tmp_path / "absent.json")
    scope.reload_weights()
    try:
        claims = extract_claims(ABOUT_FIGHTERS)
        ruled = [r.claim for r in read_mentions(ABOUT_FIGHTERS, scope_model=False) if r.claim]
    finally:
        scope.reload_weights()
    assert claims == ruled and 120 in {c.value for c in claims}
