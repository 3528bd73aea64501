"""Claims whose noun, origin or number form is given by the sentence's structure rather than
beside the number. Each case names the general pattern it covers; none is a corpus sentence."""

from __future__ import annotations

import pytest

from pipelines.claims import rules
from pipelines.claims.extract import extract_claims, read_mentions
from pipelines.claims.numbers import find_numbers


def _claims(text: str) -> list[tuple]:
    return [(c.value or (c.low, c.high), c.country, c.status) for c in extract_claims(text)]


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        (
            "noun left out, carried from earlier in the sentence",
            "About 60 Chileans have gone to fight in the war, and 15 are believed to have died.",
            [(60, "CL", "total"), (15, "CL", "killed")],
        ),
        (
            "noun left out, carried from the sentence before",
            "Around 80 Icelandic volunteers joined the legion. At least 9 have died and 14 are "
            "missing.",
            [(80, "IS", "total"), (9, "IS", "killed"), (14, "IS", "captured")],
        ),
        (
            "enumeration by nationality takes the whole's population and status",
            "Five foreign volunteers were killed on Sunday: three Britons, one Dane and one Pole.",
            [(5, None, "killed"), (3, "GB", "killed"), (1, "DK", "killed"), (1, "PL", "killed")],
        ),
        (
            "a demonym whose plural is its singular heads the phrase",
            "About 400 Lebanese have joined the fighting, and 60 Swiss crossed into Ukraine.",
            [(400, "LB", "total"), (60, "CH", "total")],
        ),
        (
            "a people named by its ethnicity is of the country its news concerns",
            "Nearly 900 Rohingya refugees reached the islands; 40 Uyghurs joined the militia.",
            [(900, "MM", "total"), (40, "CN", "total")],
        ),
        (
            "'the number of' people named by their nationality, after a claim on others",
            "Police said 45 Finnish volunteers had left. The number of Danes who went has "
            "reached 125.",
            [(45, "FI", "total"), (125, "DK", "total")],
        ),
        (
            "'the number of' people named by their region: no single country",
            "Police said 45 Finnish volunteers had left. The number of Europeans joining the "
            "militias hit 3,000.",
            [(45, "FI", "total"), (3000, None, "total")],
        ),
        (
            "arrivals and crossings count migrants",
            "Some 12,000 new arrivals were registered on the islands last month. Officials "
            "counted 4,100 small boat crossings in May.",
            [(12000, None, "total"), (4100, None, "total")],
        ),
        (
            "'all three', 'the four' with no noun, after a claim of the same figure: its people",
            "Three British volunteers were killed near Donetsk on Friday. Their families said "
            "they had travelled in March. All three were in their twenties.",
            [(3, "GB", "killed"), (3, "GB", "killed")],
        ),
        (
            "a body of people by its strength: its members, named after 'of' or by the body",
            "Britain will send a 250-strong contingent of soldiers to Estonia. Portugal will "
            "deploy a 1200-strong battalion.",
            [(250, "GB", "total"), (1200, "PT", "total")],
        ),
        (
            "a country's troop level: the figures later in the clause",
            "Canada's troop levels in Latvia will rise from 1,000 to 2,200 next year.",
            [(1000, "CA", "total"), (2200, "CA", "total")],
        ),
        (
            "a team by the count of its members, who are named after 'of'",
            "A 12-member team of Danish volunteers reached Kyiv; a 20-member group of "
            "protesters met them.",
            [(12, "DK", "total")],
        ),
        (
            "a force of a multinational body is of no single country",
            "Diplomats debated the mandate of the 9,500-strong UN peacekeeping force in Cyprus.",
            [(9500, None, "total")],
        ),
        (
            "origin by a verb of movement",
            "About 400 troops sent from Chad arrived in the capital.",
            [(400, "TD", "total")],
        ),
        (
            "origin of people who crossed a border",
            "Some 3,000 refugees crossed from Myanmar into Bangladesh overnight.",
            [(3000, "MM", "total")],
        ),
        (
            "'its citizens' bound to the country the sentence speaks of",
            "Norway said 40 of its citizens had joined the fighting.",
            [(40, "NO", "total")],
        ),
        (
            "'a pair of' is two, and people stopped in a country are detained",
            "A pair of Estonian volunteers were stopped in Poland.",
            [(2, "EE", "detained")],
        ),
        (
            "displaced people are from where they are displaced",
            "Some 40,000 people have been displaced by the floods and fighting in Mozambique.",
            [(40000, "MZ", "total")],
        ),
        (
            "the sender named by a longer subject",
            "The United States government is sending 300 troops to the border.",
            [(300, "US", "total")],
        ),
        (
            "a country's deployment of troops",
            "Chile's long deployment of 300 troops ended in March.",
            [(300, "CL", "total")],
        ),
        (
            "numeric character references left in scraped text are not numbers",
            "Officials said &#8220;about 300 Danes have volunteered&#8221;.",
            [(300, "DK", "total")],
        ),
        (
            "thousands separator escaped by markdown",
            "Some 12\\.300 Ukrainians have fled to Moldova.",
            [(12300, "UA", "total")],
        ),
        (
            "a part of a whole counts what the whole counts, 'its' binds both to the subject",
            "The Dutch army will pull 250 of its 700 soldiers out of the mission.",
            [(250, "NL", "total"), (700, "NL", "total")],
        ),
        (
            "people outside the groups named as a part of the claim before them",
            "At least 31 Eritrean migrants, including 7 children, have drowned at sea.",
            [(31, "ER", "killed"), (7, "ER", "killed")],
        ),
        (
            "a capital that sends troops stands for its government, not the place they go",
            "N'Djamena has sent 500 troops to Mali.",
            [(500, "TD", "total")],
        ),
        (
            "a part belongs to the count right before it: here one that is no claim",
            "An airstrike killed 14 Chechen volunteers and 30 villagers, including eight children.",
            [(14, "RU", "killed")],
        ),
        (
            "... and when that count is the claim, the part is of its people",
            "An airstrike killed 14 Chechen volunteers, including eight children, and 30 "
            "villagers.",
            [(14, "RU", "killed"), (8, "RU", "killed")],
        ),
        (
            "a fate after an aside, and people who remain missing",
            "Some 30 Danes went to fight. Four - including a baker's son - were killed. About "
            "40 Chileans joined the legion; at least 12 have died and 16 remain missing.",
            [
                (30, "DK", "total"),
                (4, "DK", "killed"),
                (40, "CL", "total"),
                (12, "CL", "killed"),
                (16, "CL", "captured"),
            ],  # fmt: skip
        ),
        (
            "a part of a whole said in words",
            "Three of the seven Estonian volunteers have been wounded.",
            [(3, "EE", "wounded"), (7, "EE", "total")],
        ),
        (
            "people displaced by a war are from the country the document is about",
            "Clashes spread across northern Chad. The army of Chad said rebels held two towns. "
            "Some 40,000 people have been displaced by the fighting, aid groups said.",
            [(40000, "TD", "total")],
        ),
        (
            "... and from no country when the document names two as often",
            "Clashes spread along the border of Chad and Niger. Some 40,000 people have been "
            "displaced by the fighting, aid groups said.",
            [(40000, None, "total")],
        ),
        (
            "a demonym opening the counted phrase beats the previous claim's origin",
            "Some 40 Icelandic volunteers joined the legion. Two French schoolboys (not named) "
            "have become the youngest recruits after joining rebels.",
            [(40, "IS", "total"), (2, "FR", "total")],
        ),
        (
            "a count introduced as a part of a claim shares its status",
            "At least 90 foreign fighters have been killed in strikes, including 60 Chechen "
            "militants.",
            [(90, None, "killed"), (60, "RU", "killed")],
        ),
        (
            "refugees from the war they fled, named by its country or its demonym",
            "About 900 refugees fleeing the fighting in Chad crossed the river, and 40 refugees "
            "escaped the bloody Malian civil war.",
            [(900, "TD", "total"), (40, "ML", "total")],
        ),
        (
            "contractors a state deploys are mercenaries of that state",
            "Belarus has deployed some 600 security contractors in Chad.",
            [(600, "BY", "total")],
        ),
        (
            "refugees from a war, said with 'from': the war's country",
            "Lebanon hosts about 800,000 refugees from the conflict in Yemen.",
            [(800000, "YE", "total")],
        ),
        (
            "people fleeing a city: the city's country",
            "Nearly 12,000 refugees fleeing Mosul reached the camps this week.",
            [(12000, "IQ", "total")],
        ),
        (
            "an origin said after the last of a list of counts holds for each",
            "Migrants keep landing in Spain. Rescuers brought ashore 40 men and 12 women of "
            "Guinean origin.",
            [(40, "GN", "total"), (12, "GN", "total")],
        ),
        (
            "refugees who fled abroad from a war: the war's country",
            "Some 90,000 refugees have fled abroad from the violence in Burundi.",
            [(90000, "BI", "total")],
        ),
        (
            "the place fled is the one named right after the verb, not the next country",
            "The minister said 3,000 people fleeing Homs had reached Lebanon's border.",
            [(3000, "SY", "total")],
        ),
        (
            "a part of the people just counted, named by a pronoun",
            "Some 2,000 Sudanese mercenaries were sent to the front. Officials say 95 of them "
            "have died.",
            [(2000, "SD", "total"), (95, "SD", "killed")],
        ),
        (
            "a part named by a pronoun comes home",
            "About 70 Finnish volunteers went to fight. Twenty of those have come home.",
            [(70, "FI", "total"), (20, "FI", "returned")],
        ),
        (
            "a title-case headline's sender, its verb capitalized",
            "Ghana Sent 450 More Troops to Somalia, Kenyan Officials Say",
            [(450, "GH", "total")],
        ),
        (
            "the country that is to send or agreed to dispatch the troops",
            "Ghana is to deploy about 450 troops to Somalia, and Senegal agreed to dispatch 300 "
            "soldiers.",
            [(450, "GH", "total"), (300, "SN", "total")],
        ),
        (
            "a place that is home to people hosts them: no return",
            "Uganda is home to some 1.5 million refugees from the war in South Sudan.",
            [(1500000, "SS", "total")],
        ),
        (
            "a figure compared with the claim, its noun left out",
            "Some 4,100 Afghan migrants arrived this year, compared with 2,900 last year.",
            [(4100, "AF", "total"), (2900, "AF", "total")],
        ),
        (
            "a country's own contingent, its noun left out, after a claim of troops",
            "Ghana keeps 450 soldiers in Somalia. Senegal has 300, and Benin has deployed 120.",
            [(450, "GH", "total"), (300, "SN", "total"), (120, "BJ", "total")],
        ),
        (
            "a place's people fleeing, nothing after the verb: of the country at war",
            "Fighting spread across eastern Chad this week. In one market town, stalls burned "
            "as 6,000 villagers fled.",
            [(6000, "TD", "total")],
        ),
        (
            "a range whose high end only looks like a year",
            "Kenya is moving refugees to a new camp. Between 1500 and 2000 Somalis have "
            "been moved there.",
            [((1500, 2000), "SO", "total")],
        ),
        (
            "refugees leaving a host country, going nowhere else, go home",
            "Pakistan is expelling refugees. Some 400,000 Afghans have left Pakistan since March; "
            "about 20,000 Afghans have left Pakistan for Europe.",
            [(400000, "AF", "returned"), (20000, "AF", "total")],
        ),
        (
            "a vessel's passengers share what is done to it, an aside between",
            "A fishing boat, carrying 60 Sri Lankan asylum seekers, was towed back to port; a "
            "dinghy carrying 40 Eritrean migrants reached Malta, where its skipper was detained.",
            [(60, "LK", "detained"), (40, "ER", "total")],
        ),
        (
            "a harm said before figures whose noun is left out",
            "Guards shot at a column of Eritrean asylum seekers near the fence, killing three and "
            "wounding eleven.",
            [(3, "ER", "killed"), (11, "ER", "wounded")],
        ),
        (
            "a drowning said after a figure whose noun is left out",
            "The raft held 35 Guinean migrants; 6 drowned and 4 perished of cold.",
            [(35, "GN", "total"), (6, "GN", "killed"), (4, "GN", "killed")],
        ),
    ],
)
def test_structure_gives_noun_origin_and_status(pattern, text, expected):
    assert _claims(text) == expected, pattern


def test_a_troop_level_said_far_before_its_figures_counts_troops():
    text = (
        "The Danish defence minister said on Tuesday that troop levels in the Baltic, raised "
        "sharply after the invasion, are to be cut by about a third over the coming two years, "
        "from 1,200 to 800."
    )
    found = [(c.value, c.population_group) for c in extract_claims(text)]
    assert found == [(1200, "troops"), (800, "troops")]


def test_a_harm_to_other_people_or_to_no_one_named_is_no_claim():
    assert _claims("A car bomb went off in the market, killing 14 and wounding 40.") == []
    text = "Rebels shelled foreign fighters hiding among civilians, killing 14."
    assert _claims(text) == []
    assert _claims("The US troop presence in 12 provinces will end.") == []
    assert _claims("About 300 people fled the flames.") == []
    assert _claims("Kenya is moving refugees. Between 1990 and 2000 Somalis came.") == []
    assert _claims("Ghana keeps 450 soldiers in Somalia. Senegal has 30 regions.") == [
        (450, "GH", "total")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said three out of four fighters in the unit were foreigners.",
        "One in five recruits came from abroad.",
        "Three civilians and 12 police officers were hurt; 5 died later.",
        "On 14 March Latvian volunteers reached the front line.",  # a day of the month
    ],
)
def test_ratios_and_other_peoples_fates_are_not_claims(text):
    assert _claims(text) == []


def test_a_large_or_qualified_figure_after_out_of_is_a_whole_not_a_ratios_base():
    text = "Officials said 500 out of some 1,200 Latvian volunteers had come home."
    assert (1200, "LV", "total") in _claims(text)


@pytest.mark.parametrize(
    ("text", "figure", "excluded"),
    [
        ("the 141-seat parliament", 141, True),  # a figure joined to a noun measures the noun
        ("a 35-year-old recruit", 35, True),
        ("two S-400 batteries", 400, True),  # a figure joined to letters is part of a name
        ("the 141\\-seat parliament", 141, True),  # markdown's escaped hyphen
        ("two S\\-400 batteries", 400, True),
        ("a 2,000-strong force", 2000, False),  # ... but a strength counts people
        ("a 12-member team", 12, False),
        ("some 40-odd volunteers", 40, False),
    ],
)
def test_a_figure_joined_to_a_noun_or_a_name_counts_no_one(text, figure, excluded):
    mention = next(m for m in find_numbers(text) if figure in (m.value, m.low))
    assert rules._excluded(text, mention) is excluded


def test_a_citation_mark_is_no_number_mention():
    text = "Some 40 Latvian volunteers have left.[12] Their unit lists deserters [15] too."
    assert [r.mention.value for r in read_mentions(text)] == [40]


def test_one_of_the_same_figure_picks_a_person_out():
    text = (
        "Three British volunteers were killed near Donetsk. Police said one of the three had "
        "served in Iraq."
    )
    assert _claims(text) == [(3, "GB", "killed")]


def test_one_person_picked_out_of_a_count_is_not_a_count():
    text = "The cook was one of nine Estonian volunteers wounded near the river."
    assert _claims(text) == [(9, "EE", "wounded")]


@pytest.mark.parametrize(
    "after",
    [
        "They are paid 9,000 and 14,000 EUR.",  # money named after the figures
        '<p class="story" data-para-count="88" data-total-count="1462">They trained.',  # markup
    ],
)
def test_figures_after_a_claim_that_count_no_one(after):
    assert _claims("Some 300 Latvian volunteers joined. " + after) == [(300, "LV", "total")]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("300 Latvian volunteers joined. They get as little as Rs 599 for the first year.", 599),
        ("Some 300 Latvian volunteers joined, and the state pays GBP 900 to families.", 900),
        ("Some 300 Latvian volunteers joined, and they got ₹600 in total.", 600),
    ],
)
def test_a_figure_after_a_currencys_code_or_sign_is_money(text, amount):
    """ "Rs 599", "GBP 900", "₹600": money, even where the scope model would read the figure
    as more of the people just counted."""
    last = extract_claims(text)[0]
    mention = next(m for m in find_numbers(text) if m.value == amount)
    assert rules.read(text, mention, last, 0) is None
    assert rules.read_unruled(text, mention, last, 0, topical=True) is None


def test_an_armys_losses_in_its_own_war_are_not_troops_sent_abroad():
    war = "Fighting in {0}. {0}'s army held the town. Shelling hit {0}'s south. "
    losses = "12 Moldovan soldiers were killed on Monday, and 30 Romanian troops were wounded."
    assert _claims(war.format("Moldova") + losses) == [(30, "RO", "wounded")]
    # In a story about another country's war, the same Moldovans were sent abroad.
    assert _claims(war.format("Mali") + losses) == [(12, "MD", "killed"), (30, "RO", "wounded")]


def test_a_bare_count_takes_its_people_from_what_they_do():
    """No noun after the figure: "have had to leave their homes" says they are displaced, not
    the troops of the claim before; in a story about one country's war they are its people."""
    story = (
        "Insurgents in Eritrea. Eritrea's north is at war. Clashes spread across Eritrea. "
        "Some 300 Ethiopian troops were deployed there in May. "
        "At least 90,000 have had to leave their homes."
    )
    claims = {c.value: c for c in extract_claims(story)}
    assert claims[90000].population_group == "refugees"
    assert claims[90000].country == "ER"


def test_troops_a_leader_sent_are_of_the_leaders_country():
    story = (
        "Chad's President Idriss Deby flew to Niamey. Niger welcomed the help. "
        "The 1,200 soldiers Deby deployed to Niger arrived on Monday."
    )
    assert [(c.value, c.country) for c in extract_claims(story)] == [(1200, "TD")]


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("The agency estimates that 700 Latvian volunteers have joined.", "approximately"),
        ("A report put the figure at 700 Latvian volunteers.", "approximately"),
        ("The agency estimates that more than 700 Latvian volunteers joined.", "more_than"),
        ("The agency said that 700 Latvian volunteers have joined.", "exact"),
    ],
)
def test_a_figure_given_as_an_estimate_is_approximate(text, qualifier):
    (claim,) = extract_claims(text)
    assert claim.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "Danish jihadis: Lars Holm (left), 33, from Odense, was arrested and jailed on return.",
        "The recruits, the oldest aged 41, were killed near the river.",
        "Three Danes died; the youngest was under the age of 19 when he was killed.",
        "The decree says men between 19 and 60 who volunteered may not leave.",
        "Officials said boys under 19 who fled were sent home.",
    ],
)
def test_a_persons_age_is_not_a_count(text):
    """An age after a name set off by commas, or after "aged" or "the age of", and bounds of
    ages said right after the people ("men between 19 and 60"), count no one, whatever verb of
    fate follows."""
    ages = [m for m in find_numbers(text) if m.value in (33, 41, 19) or m.low == 19]
    assert [rules.read(text, m, None, 0) for m in ages] == [None]
    # ... nor where the scope model would take it for one
    assert [rules.read_unruled(text, m, None, 0, topical=True) for m in ages] == [None]


@pytest.mark.parametrize(
    "text",
    [
        "The army loses a similar number of soldiers within weeks, he says [00:02:17].",
        "At 11:45 soldiers left the base.",
    ],
)
def test_the_digits_of_a_clock_time_or_a_timestamp_count_no_one(text):
    """Each group of "00:02:17" or "11:45" is a part of a time, whatever noun is near."""
    mentions = find_numbers(text)
    assert mentions
    assert [rules.read(text, m, None, 0) for m in mentions] == [None] * len(mentions)


@pytest.mark.parametrize(
    ("text", "day", "counts"),
    [
        ("Their number has doubled since July 14, when the siege began.", 14, False),
        ("The ministry said on Oct. 3 that more Latvian volunteers had left.", 3, False),
        ("In July 14 Latvian volunteers were killed near the river.", 14, True),
    ],
)
def test_a_day_after_its_month_counts_no_one(text, day, counts):
    """An American date ("July 14, when") is a day, even where a claim before it would lend
    the figure its people; a people noun after it makes it a count again."""
    from pipelines.claims.model import Claim

    last = extract_claims("About 300 Latvian volunteers have joined the legion.")[0]
    assert isinstance(last, Claim)
    mention = next(m for m in find_numbers(text) if m.value == day)
    found = rules.read(text, mention, last, 1) or rules.read_unruled(
        text, mention, last, 1, topical=True
    )
    assert (found is not None) == counts


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Four Danish brothers, aged 19, 22, 26 and 31, were killed near the river.", 4),
        ("Men aged 21 to 58 who volunteered were killed near the river.", 1),
        # Not an age but no count either: a number in a code or a fraction ("24/7").
        ("Recruits say the fighting is 24/7 and they are killed near the river.", 1),
    ],
)
def test_every_age_of_a_list_or_range_after_aged_and_a_number_after_a_slash_count_no_one(
    text, ages
):
    """The later ages of a list ("aged 19, 22, 26 and 31") and a range of ages after "aged"
    are ages as the first is; "24/7" is a fraction of the week, not seven people."""
    mentions = [m for m in find_numbers(text) if m.value != 4 and m.value != 24]
    assert len(mentions) == ages
    assert [rules.read(text, m, None, 0) for m in mentions] == [None] * ages
    assert [rules.read_unruled(text, m, None, 0, topical=True) for m in mentions] == [None] * ages


@pytest.mark.parametrize(
    "text",
    [
        "About 900 Latvian troops went to Mali last year; 300 are based in Gao.",
        "Some 40 Estonian volunteers have died there since 2015 - and 300 still remain there.",
        "About 900 Latvian troops went to Mali, and 300 remain behind.",
    ],
)
def test_a_noun_left_out_before_where_the_people_still_are_is_carried_by_the_rules(text):
    """Without the scope model: the rules alone read the figure as the people named before."""
    readings = read_mentions(text, scope_model=False, origin_model=False)
    (carried,) = [r.claim for r in readings if r.claim and r.claim.value == 300]
    assert (carried.rule, carried.status) == ("fate", "total")


@pytest.mark.parametrize(
    "text",
    [
        "One Latvian volunteer, Janis Ozols, 24, left for Ukraine in May.",
        "Police said one Estonian fighter had crossed the border alone.",
    ],
)
def test_a_single_person_is_no_headcount(text):
    """ "One" alone counts a person; in a list of counts it is an item (tested above)."""
    assert _claims(text) == []
