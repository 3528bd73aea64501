"""Speakers, outlets and speaker keys, within a sentence and across a document."""

from __future__ import annotations

import pytest

from pipelines.claims.attribution import choose, find_attributions, speaker_key
from pipelines.claims.extract import extract_claims


def _speaker_of(sentence: str, figure: str) -> tuple[str | None, str | None]:
    attribution, origin = choose(find_attributions(sentence), sentence.index(figure))
    return (attribution.speaker if attribution else None), origin


@pytest.mark.parametrize(
    ("sentence", "figure", "speaker", "origin"),
    [
        ("The ministry said 300 Danes had joined.", "300", "The ministry", None),
        ("About 300 Danes have joined, the ministry said on Monday.", "300", "the ministry", None),
        ("About 300 Danes have joined, according to the ministry.", "300", "the ministry", None),
        # A title-case headline ends with its source, the verb capitalized.
        (
            "Chad Sends 900 More Troops to Niger, Defence Ministry Says",
            "900",
            "Defence Ministry",
            None,
        ),
        (
            "Some 400 Fijian Recruits Killed, Intelligence Service Tells Parliament",
            "400",
            "Intelligence Service",
            None,
        ),
        # People who see a figure at first hand speak of it too; "and" between capitalized
        # words is inside one name.
        (
            "At least 40 migrants drowned off Crete, rescue workers have said.",
            "40",
            "rescue workers",
            None,
        ),
        (
            "Some 90 Eritreans were missing, the North and East Africa office said.",
            "90",
            "the North and East Africa office",
            None,
        ),
        (
            "Some 90 Eritreans arrived and the coast guard said 12 were ill.",
            "12",
            "the coast guard",
            None,
        ),
        ('"We have 300 Danes," said Colonel Jens Holm.', "300", "Colonel Jens Holm", None),
        (
            "Rasmussen, a researcher at the academy, said 300 Danes had joined.",
            "300",
            "Rasmussen",
            None,
        ),
        (
            "The defence chief, Jens Holm, said 300 Danes had joined.",
            "300",
            "Jens Holm",
            None,
        ),
        (
            "About 300 Danes have joined, Minister Jens Holm said, the daily Politiken reports.",
            "300",
            "Minister Jens Holm",
            "Politiken",
        ),
        ("The files name 300 Danes, Reuters says.", "300", "Reuters", "Reuters"),
        ("More than 300 Danes are believed to have joined.", "300", None, None),
        (
            "After the minister announced the plan, 300 Danes joined.",
            "300",
            None,
            None,
        ),
        (
            "While the embassy in Oslo, Norway has estimated that 300 Norwegians joined, "
            "an official said 40 Swedes did.",
            "300",
            "the embassy in Oslo, Norway",
            None,
        ),
        (
            "About 300 Danes have joined, said Lt. Gen. Jens Holm.",
            "300",
            "Lt. Gen. Jens Holm",
            None,
        ),
        (
            "'We have 300 Danes,' said one U.S. official, adding more.",
            "300",
            "one U.S. official",
            None,
        ),
        ("'We have 300 Danes,' Colonel Jens Holm said.", "300", "Colonel Jens Holm", None),
        ("Of the estimated 300 Danes, 40 returned.", "300", None, None),
        (
            "Last week police chief Jens Holm said 300 Danes had joined.",
            "300",
            "police chief Jens Holm",
            None,
        ),
        ("<p>The ministry said 300 Danes had joined.", "300", "The ministry", None),
        (
            "About 300 Danes have drowned, the Baltic Rescue Service (BRS) said.",
            "300",
            "the Baltic Rescue Service (BRS)",
            None,
        ),
        ("Some estimates put it at 300 Danes.", "300", None, None),
        ("Three Danes, believed to be brothers, died.", "Three", None, None),
        (
            "The two ministries both acknowledged that 300 Danes joined.",
            "300",
            "The two ministries",
            None,
        ),
        (
            "Western officials had earlier told reporters that 300 Danes had joined.",
            "300",
            "Western officials",
            None,
        ),
        ("Oslo contends that 300 Danes had joined.", "300", "Oslo", None),
        ("[Oslo announces that 300 Danes have joined. ](/news/oslo.md)", "300", "Oslo", None),
        ("# Oslo says 300 Danes have joined", "300", "Oslo", None),
        ("RFE/RL reported that 300 Danes had joined.", "300", "RFE/RL", "RFE/RL"),
        ("Arrivals rose after Oslo registered 300 Danes in May.", "300", "Oslo", None),
        (
            "Some 300 Danes joined, according to a ministry report which was leaked on Friday.",
            "300",
            "a ministry report",
            None,
        ),
        (
            "Ministry data shows 300 Danes joined, after 40 Swedes left.",
            "40",
            "Ministry data",
            None,
        ),  # fmt: skip
        (
            "Oslo reports 300 Danes, including 40 women, have joined, and 20 Swedes left. "
            "](/news/2022/03/oslo-reports-300-danes)",
            "20",
            "Oslo",
            None,
        ),
        (
            "Jens Holm, the head of the border guard, the agency that counts arrivals, said "
            "300 Danes had joined.",
            "300",
            "Jens Holm",
            None,
        ),
        ("It said its border unit had counted 300 Danes.", "300", "It", None),
        (
            "Millions of refugees have fled, and some experts say the war will last for years.",
            "Millions",
            None,
            None,
        ),
        # What is said of people is not who says it: "believed to be", a subject holding the
        # figure.
        (
            "Two brothers, believed to be volunteers from Oslo, died in the shelling.",
            "Two",
            None,
            None,
        ),
        (
            "It emerged that six Finnish men who signed up with the legion (IL) have found life "
            "too hard and want to come home.",
            "six",
            None,
            None,
        ),
        # A subject set off from its verb still speaks: by an appositive holding a quoted
        # name, an adverb, a relative clause, a clause opened by "although" or a spaced dash,
        # or the place a person works.
        (
            'A monitoring group, "Eyes on the Front," said on Friday that 820 Chileans joined.',
            "820",
            "Eyes on the Front",
            None,
        ),
        (
            "Colonel Ana Ruiz, the commander in Mali, reportedly said 600 Spaniards would stay.",
            "600",
            "Colonel Ana Ruiz",
            None,
        ),
        (
            "Portugal - which says it hosts 9,000 Angolan refugees - closed a camp.",
            "9,000",
            "Portugal",
            None,
        ),
        (
            "The relief agency, which says 700 Malians fled, asked for funds.",
            "700",
            "The relief agency",
            None,
        ),
        (
            "Few details were given - although the Evening Post, a tabloid, said 250 Peruvians "
            "had enlisted.",
            "250",
            "the Evening Post",
            None,
        ),
        (
            "Dr Ivo Marek from the Prague Institute for Studies of Security and Defence Policy "
            "says 60 Czechs have gone.",
            "60",
            "Dr Ivo Marek",
            None,
        ),
        # A report in or from a named source is said by it, as "according to" it.
        (
            "It follows a report in the Valley Gazette that 45 Latvians enlisted.",
            "45",
            "the Valley Gazette",
            None,
        ),
        (
            "It comes amid reports from Chilean intelligence officers that 90 Chileans joined.",
            "90",
            "Chilean intelligence officers",
            None,
        ),
        # What shows a figure is not who says it; whose it is, when named, is.
        ("These photos show 12 of the 40 Czech volunteers.", "40", None, None),
        ("Data released on Friday showed that 900 Slovaks had applied.", "900", None, None),
        (
            "Figures from the border agency show 900 Slovaks had applied.",
            "900",
            "Figures from the border agency",
            None,
        ),
        # A relative clause after a name says what the name says, after the agent of a passive
        # too; a passive verb, negated or not, names no one before it.
        ("Mira Holm, who said 70 Latvians had joined, left.", "70", "Mira Holm", None),
        (
            "The loss was confirmed by Mira Holm, who said 70 Latvians died.",
            "70",
            "Mira Holm",
            None,
        ),
        (
            "About 70 Latvians died (many Poles died too, they aren't counted as Latvians).",
            "70",
            None,
            None,
        ),
        # A verb of saying opens no speaker: "estimates" here is the hearings' name.
        (
            "The general, Anna Berg, told Senate estimates that 70 Latvians were returned.",
            "70",
            "Anna Berg",
            None,
        ),
        # A relative clause with no comma between a speaker and its verb says who they are.
        (
            "On Monday a Latvian medic who treated the wounded told local radio that 45 "
            "volunteers had arrived.",
            "45",
            "a Latvian medic",
            None,
        ),
        # Reports from no one in particular name no speaker; media reports name their source.
        ("Reports say 40 Latvian volunteers have died.", "40", None, None),
        ("Some reports suggest 40 Latvian volunteers have died.", "40", None, None),
        (
            "Local media reports said 40 Latvian volunteers had died.",
            "40",
            "Local media reports",
            None,
        ),
        # Speech acts besides saying: urging, demanding, testifying, declaring.
        (
            "Estonian officials urged Minsk to free 12 Estonian nationals.",
            "12",
            "Estonian officials",
            None,
        ),
        ("The general testified that 900 troops remained.", "900", "The general", None),
        # "states" as a noun names no speaker; as a verb it does.
        (
            "The minister said on Monday that deployments to the Gulf states, cut twice since "
            "2019, now total 4,000 Pakistani troops.",
            "4,000",
            "The minister",
            None,
        ),
        (
            "Officials said EU member states have taken in 6,000 Afghan refugees.",
            "6,000",
            "Officials",
            None,
        ),
        ("The audit states that 700 Fijian soldiers serve abroad.", "700", "The audit", None),
        # A modal's spelling capitalized after a name is the name's: "May", "Will".
        (
            "Interior Minister Karin May told MPs that 70 Austrian fighters had returned.",
            "70",
            "Interior Minister Karin May",
            None,
        ),
        ("Will Hayes said 15 Irish volunteers had died.", "15", "Will Hayes", None),
    ],
)
def test_speaker_in_sentence(sentence, figure, speaker, origin) -> None:
    assert _speaker_of(sentence, figure) == (speaker, origin)


@pytest.mark.parametrize(
    ("speaker", "key"),
    [
        ("Foreign Minister Dmytro Kuleba", "dmytro kuleba"),
        ("Ukraine\u2019s foreign minister Dmytro Kuleba", "dmytro kuleba"),
        ("Dmytro Kuleba", "dmytro kuleba"),
        ("President Volodymyr Zelensky", "volodymyr zelensky"),
        ("the ministry", "ministry"),
    ],
)
def test_speaker_key(speaker: str, key: str) -> None:
    assert speaker_key(speaker) == key


def test_a_headlines_source_is_named_without_the_verb_its_title_case_runs_into() -> None:
    (claim,) = extract_claims("Ghana Sent 450 More Troops to Somalia, Kenyan Officials Say")
    assert claim.speaker == "Kenyan Officials"


def test_surname_resolves_to_full_name_seen_before() -> None:
    text = (
        "Foreign Minister Dmytro Kuleba spoke in Lviv. "
        "Kuleba said 20,000 foreign volunteers had applied."
    )
    (claim,) = extract_claims(text)
    assert (claim.speaker, claim.speaker_key) == ("Dmytro Kuleba", "dmytro kuleba")


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # As the text names it, with the short name it is also cited by.
        ("the U.N. refugee agency", "the U.N. refugee agency (UNHCR)"),
        (
            "the International Organization for Migration",
            "the International Organization for Migration (IOM)",
        ),
        # Already with its short name: as written.
        ("the UN refugee agency UNHCR", "the UN refugee agency UNHCR"),
        # A long official name: the short name alone.
        ("the United Nations High Commissioner for Refugees", "UNHCR"),
    ],
)
def test_a_body_is_named_as_written_with_its_short_name(body: str, speaker: str) -> None:
    text = f"Some 2 million refugees have fled Ukraine, {body} said."
    (claim,) = extract_claims(text)
    assert (claim.speaker, claim.country) == (speaker, "UA")


@pytest.mark.parametrize(
    "speaker",
    ["UNHCR", "the UN refugee agency (UNHCR)", "The UN High Commissioner for Refugees (UNHCR)"],
)
def test_a_body_named_with_its_short_name_is_keyed_by_it(speaker: str) -> None:
    assert speaker_key(speaker) == "unhcr"


def test_a_long_description_before_a_name_gives_the_name() -> None:
    text = (
        "Denmark's former chief of the border guard Jens Holm said 300 Danish volunteers had "
        "joined."
    )
    (claim,) = extract_claims(text)
    assert claim.speaker == "Jens Holm"


def test_a_short_title_stays_with_the_name() -> None:
    text = "Defence Minister Jens Holm said 300 Danish volunteers had joined."
    (claim,) = extract_claims(text)
    assert claim.speaker == "Defence Minister Jens Holm"


def test_pronoun_takes_the_last_named_speaker() -> None:
    text = "Gen. Anna Berg said the unit was ready. She said 80 Estonian volunteers had arrived."
    (claim,) = extract_claims(text)
    assert (claim.speaker, claim.speaker_key) == ("Gen. Anna Berg", "anna berg")


def test_a_pronoun_nobody_named_before_gives_no_speaker() -> None:
    """ "he told reporters" with no person named in the sentences before: the claim has no
    speaker rather than "he", which names nobody a reader could follow."""
    text = "The unit was formed in May. Some 40 Latvian volunteers joined it, he told reporters."
    (claim,) = extract_claims(text)
    assert claim.speaker is None and claim.speaker_key is None


def test_a_pronoun_is_not_taken_for_a_named_speaker_by_its_capital() -> None:
    text = (
        'Dr Ana Ruiz said the unit was ready. "I doubt it," I said. '
        "He said 30 Latvian volunteers had gone."
    )
    (claim,) = extract_claims(text)
    assert claim.speaker == "Dr Ana Ruiz"


def test_a_pronoun_takes_the_person_its_own_sentence_named() -> None:
    text = (
        "Mayor Ivo Ilic spoke first. On Friday Serbia's minister, Vesna Kos, shared a video "
        "that she said showed 30 Serbian volunteers at the front."
    )
    (claim,) = extract_claims(text)
    assert claim.speaker == "Vesna Kos"


def test_the_official_is_the_one_the_document_introduced() -> None:
    """ "The official said" names a speaker ("official" is also an adjective: "the official
    estimate of 500" names none); it is the official met before, as introduced."""
    text = (
        "A senior Danish defence official spoke to reporters in Aarhus on Monday. "
        "About 150 Danish volunteers have left for the front, the official said."
    )
    (claim,) = extract_claims(text)
    assert claim.speaker == "A senior Danish defence official"
    (alone,) = extract_claims("The official said 150 Danish volunteers had left.")
    assert alone.speaker == "The official"
    (estimate,) = extract_claims("The official estimate of 150 Danish volunteers was revised.")
    assert estimate.speaker is None


def test_a_role_said_again_is_the_person_the_document_named_in_it() -> None:
    """ "The minister said" after "Interior Minister Ana Lupu" is Ana Lupu; "the spokesman
    said" after "a police spokesman, Ion Rusu," is Ion Rusu, not "a police spokesman"."""
    text = (
        "Interior Minister Ana Lupu visited the border post on Monday. "
        "About 40 Moldovan volunteers have left for the front, the minister said. "
        "A police spokesman, Ion Rusu, spoke later. "
        "Some 25 Moldovan fighters have come back, the spokesman said."
    )
    assert [c.speaker for c in extract_claims(text)] == ["Ana Lupu", "Ion Rusu"]


def test_a_plural_subject_that_believes_a_figure_says_it() -> None:
    """ "Officials believe" credits the figure as "an official believes" does."""
    (claim,) = extract_claims("Border officials believe 40 Moldovan volunteers have left.")
    assert claim.speaker == "Border officials"


def test_a_clause_dating_the_speaking_is_not_the_speaker() -> None:
    """ "The talks opened on the same day Latvian officials said ...": who speaks is named after
    the time the clause gives; "affirmed" credits as "said" does."""
    text = "The talks opened on the same day Latvian officials said 60 Latvian volunteers had died."
    (claim,) = extract_claims(text)
    assert claim.speaker == "Latvian officials"
    (affirmed,) = extract_claims("The minister affirmed 60 Latvian volunteers had died.")
    assert affirmed.speaker == "The minister"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor, Rui Costa, said: 'I believe 30 Portuguese volunteers have gone.'",
        '"We believe 30 Portuguese volunteers have gone," the mayor, Rui Costa, said.',
        '"We believe 30 Portuguese volunteers have gone." Rui Costa said it at a briefing.',
    ],
)
def test_a_first_person_in_a_quote_is_the_person_quoted(text: str) -> None:
    """ "I think ..." or "we believe ..." inside a quote credits whoever the sentence, or the
    next one, says is quoted; alone, "I" stays (it names no one)."""
    (claim,) = extract_claims(text)
    assert claim.speaker == "Rui Costa"
    (alone,) = extract_claims("I believe 30 Portuguese volunteers have gone.")
    assert alone.speaker == "I"


def test_a_hyphenated_description_before_a_name_is_not_part_of_it() -> None:
    """ "Mother-of-three Mrs Costa" is Mrs Costa: the person the document named before."""
    text = (
        "Ana Costa waited at the airport on Monday. "
        "Mother-of-three Mrs Costa said 30 Portuguese volunteers had gone."
    )
    (claim,) = extract_claims(text)
    assert claim.speaker == "Ana Costa"
