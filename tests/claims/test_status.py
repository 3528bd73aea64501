"""The status of a count is read from its own clause: the verb after the counted phrase, or a
word governing the number from before; words of the next clause belong to another figure."""

from __future__ import annotations

import pytest

from pipelines.claims.extract import extract_claims
from pipelines.claims.status import status_of


@pytest.mark.parametrize(
    ("sentence", "number", "status"),
    [
        ("Officials say 40 Danes have joined the militia.", "40", "total"),
        ("Officials say 12 of the Danes were killed in an ambush.", "12", "killed"),
        ("Six Canadian volunteers have died since March.", "Six", "killed"),
        ("Seven Georgians were wounded near the river.", "Seven", "wounded"),
        ("Three Swedes who went missing in May are presumed held.", "Three", "captured"),
        ("Two Finns freed after being captured last year spoke to reporters.", "Two", "captured"),
        ("Some 25 Austrians have come back from the war zone.", "25", "returned"),
        ("Police arrested 11 Belgians at the airport.", "11", "detained"),
        ("At least 8 Dutch fighters were sentenced on Monday.", "8", "detained"),
        ("the deaths of up to 16 Irish fighters", "16", "killed"),
        # The next clause speaks of others: "half of whom returned" is not this figure's status.
        ("About 90 Norwegians travelled, half of whom have since returned.", "90", "total"),
        ("He said 14 have died and 9 are missing.", "14", "killed"),
        ("He said 14 have died and 9 are missing.", "9", "captured"),
        # Missing but presumed dead is a death; a parenthesis in the phrase is an aside.
        ("About 40 Eritrean migrants are missing and presumed dead.", "40", "killed"),
        # A long counted phrase: the clause's verb comes a dozen words after the number.
        (
            "Some 2,400 volunteers from the western provinces of the old republic were killed.",
            "2,400",
            "killed",
        ),
        # Detention said in other words than "arrested" and "detained".
        ("Nine Chilean recruits were taken into custody at the border.", "Nine", "detained"),
        ("Four Peruvian volunteers now face charges of mercenarism.", "Four", "detained"),
        ("Some 30 Bolivians remain behind bars in the capital.", "30", "detained"),
        ("About 200 migrants were pushed back across the river.", "200", "detained"),
        ("Around 60 Yemenis were refused entry at the airport.", "60", "detained"),
        ("At least 14 foreign fighters were rounded up in the raid.", "14", "detained"),
        # An event's participle governing the figures after it: "..., killing 3 and wounding 8".
        ("The ferry overturned, killing 31 Somali migrants.", "31", "killed"),
        ("Guards opened fire, killing two and wounding 7 Malian migrants.", "7", "wounded"),
        ("A blast hit the convoy, injuring 12 Chadian soldiers.", "12", "wounded"),
        # Held somewhere rather than by someone: a prison, a jail, an authority's custody.
        ("About 80 Uzbek fighters are held in Iraqi prisons.", "80", "detained"),
        ("Some 25 Maldivian recruits remain in police custody.", "25", "detained"),
        ("There are 45 Kosovar fighters in prison in Turkey.", "45", "detained"),
        ("Nine foreign volunteers died in prison last year.", "Nine", "killed"),
        # Held or kept somewhere, convicted in other words, stopped from going, turned away.
        ("About 900 Eritrean migrants are being held at an army base.", "900", "detained"),
        ("Some 70 Gambians were kept in a warehouse for a month.", "70", "detained"),
        ("Five Estonian recruits pleaded guilty to mercenarism.", "Five", "detained"),
        ("Six Slovak volunteers pled guilty in Bratislava.", "Six", "detained"),
        ("Eleven Lithuanians were indicted in Vilnius.", "Eleven", "detained"),
        ("Two Latvian volunteers will stand trial in Riga.", "Two", "detained"),
        ("Some 4,000 young Moldovans were prevented from leaving.", "4,000", "detained"),
        ("About 150 Malian migrants were turned away at the fence.", "150", "detained"),
        ("Nearly 40 Guineans were stopped by coastguards.", "40", "detained"),
        ("The 30 Eritrean detainees were moved to another site.", "30", "detained"),
        ("The 30 Eritrean deportees landed in Asmara.", "30", "detained"),
        ("Three Finnish volunteers were kidnapped near Lviv.", "Three", "captured"),
        ("Two Danish volunteers were held hostage for a year.", "Two", "captured"),
        # A fate the counted noun names yields to the clause's own verb.
        ("Some 60 Eritrean detainees died in the fire.", "60", "killed"),
        ("About 90 Afghan returnees were injured in the crash.", "90", "wounded"),
        ("About 9,000 Syrians held protests in the square.", "9,000", "total"),
        # A list of countries in the counted phrase is no end of its clause: the "and" joins two
        # countries of one phrase, so the verb after the list is the figure's.
        ("Around 30 volunteers from Chile and Peru were wounded in May.", "30", "wounded"),
        ("Some 60 recruits from Mali, Niger and Chad have been arrested.", "60", "detained"),
        ("About 25 Estonian, Latvian and Lithuanian fighters came back.", "25", "returned"),
        ("About 50 fighters from Chile and Peru joined, and Spain said 20 died.", "50", "total"),
        # A fate denied or only weighed is not the count's.
        ("The 12 teenagers who went to Turkey will not face prosecution.", "12", "total"),
        ("Up to 40 Latvians are exploring the possibility of returning.", "40", "total"),
        # A figure given as a named tally's value takes the tally's status.
        ("The death toll on the island had risen to 61 by Friday.", "61", "killed"),
        ("The number of Tunisians arrested this spring climbed to 420.", "420", "detained"),
        ("The death toll reached 30, and 200 survivors were taken ashore.", "200", "total"),
        # A spaced hyphen is a dash: what follows it is another clause.
        (
            "Jordan - host to 600,000 Syrians who fled - has stepped up deportations.",
            "600,000",
            "total",
        ),
        ("About 40 Eritrean migrants are missing, presumed dead.", "40", "killed"),
        ("Some 70 Chadian soldiers (most of them conscripts) were killed.", "70", "killed"),
        ("Some 300 volunteers tried to reach the front.", "300", "total"),
        ("Some 300 Malian migrants tried in vain to reach Spain.", "300", "total"),
        ("Four Latvian volunteers were tried in absentia.", "Four", "detained"),
        ("Among the dead were 21 Latvian volunteers.", "21", "killed"),
        # A verb in the present, as headlines and summaries write it.
        ("A court sentences two Estonian men to ten years in prison.", "two", "detained"),
        ("Norway withdraws 150 soldiers from the mission.", "150", "returned"),
        ("About 300 Danish troops will be withdrawn by May.", "300", "returned"),
        ("Oslo ordered the withdrawal of 300 Norwegian soldiers.", "300", "returned"),
        ("About 600 Danish troops will be home by Christmas.", "600", "returned"),
        ("Finland pulled out 90 soldiers from the mission.", "90", "returned"),
        # Asides between the count and its verb: names between dashes, a hyphenated noun before
        # the aside, a relative clause; a verb before a quotation.
        (
            "Two young Danes - Jens Holm, 18, and Per Lund, 19, - have been killed.",
            "Two",
            "killed",
        ),  # fmt: skip
        ("The two 17-year-olds, both from Aarhus, were caught at the border.", "two", "detained"),
        ("Some 300 Danes, who joined in May, were killed.", "300", "killed"),
        ('The army said it had destroyed "up to 180 foreign mercenaries".', "180", "killed"),
        # The whole of a partitive is a total; its part has the status.
        ("Three of the seven Estonian volunteers were wounded.", "seven", "total"),
        ("A Pole died alongside two Lithuanian volunteers.", "two", "killed"),
        ("Nine Croatians drowned when the raft sank.", "Nine", "killed"),
        ("Four Slovaks were in custody by nightfall.", "Four", "detained"),
        ("Some 5,300 enforced removals took place last year.", "5,300", "detained"),
        ("Twelve others remain under investigation.", "Twelve", "detained"),
        ("Some 14 Eritreans, including two children, drowned at dawn.", "14", "killed"),
        ("Two Albanians, believed to be cousins, died in a blast.", "Two", "killed"),
        ("Six Somalis drown off the coast.", "Six", "killed"),
        ("The three Latvians were caught at the airport.", "three", "detained"),
        ("At least 40 of the 900 soldiers sent from Latvia were killed.", "40", "killed"),
        ("At least 40 of the 900 soldiers sent from Latvia were killed.", "900", "total"),
        ("Officials said 30 out of 400 Estonian recruits had come home.", "400", "total"),
        ("Officials said 30 out of 400 Estonian recruits had come home.", "30", "returned"),
        # A later clause telling of the same people, before any other figure.
        ("The two Latvians had left the unit when they were captured.", "two", "captured"),
        ("Four Latvians went home in May despite being arrested.", "Four", "detained"),
        ("Four Latvians left, and 3 Estonians stayed until they were killed.", "Four", "total"),
        # A return the authorities force is a deportation; a return of one's own is a return.
        ("Border guards forcibly returned 800 Moldovans last spring.", "800", "detained"),
        ("Only six asylum seekers were removed to Estonia.", "six", "detained"),
        ("The base will close after 700 Czech troops return from Mali.", "700", "returned"),
        # People nouns joined by "and" are one phrase; its verb comes after both.
        ("Some 60 women and children have been detained near Raqqa.", "60", "detained"),
        ("About 25 soldiers and police officers were wounded.", "25", "wounded"),
        ("About 25 soldiers and their weapons were captured.", "25", "total"),
        # An aside in quotes, or with a parenthesis of its own, comes before the verb.
        ('Officials said six Slovenes, "all of them volunteers", were killed.', "six", "killed"),
        (
            "Six Slovenes, including a commander (known as Marko), were killed at the river.",
            "Six",
            "killed",
        ),
        # Who shares a fate "alongside" its subject shares its status; a fate's noun with its
        # own people after it is theirs.
        ("A Serb was captured near Izium alongside four Slovak volunteers.", "four", "captured"),
        (
            "Some 40 Slovak volunteers arrived to cover the withdrawal of Polish troops.",
            "40",
            "total",
        ),
        ("Four Slovak volunteers joined to avenge the deaths of their comrades.", "Four", "total"),
    ],
)
def test_status_is_read_from_the_counts_own_clause(sentence, number, status):
    start = sentence.index(number)
    assert status_of(sentence, start, start + len(number)) == status


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Nearly 4,000 Moldovan refugees entered Moldova from Romania in May.", "returned"),
        ("Some 4,000 Moldovan refugees crossed back into Moldova.", "returned"),
        ("Nearly 4,000 Moldovan refugees entered Romania in May.", "total"),
    ],
)
def test_people_entering_their_own_country_return(text, status):
    (claim,) = extract_claims(text)
    assert claim.country == "MD" and claim.status == status


def test_extracted_claims_carry_their_status():
    text = "About 200 Portuguese volunteers have fought, and 11 Portuguese volunteers were killed."
    claims = extract_claims(text)
    assert [(c.value, c.country, c.status) for c in claims] == [
        (200, "PT", "total"),
        (11, "PT", "killed"),
    ]


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        (
            "Guards detained 120 Moldovan migrants in March, 95 Moldovan migrants in April "
            "and an additional 60 Moldovan migrants in May.",
            ["detained", "detained", "detained"],
        ),
        (
            "Guards detained 120 Moldovan migrants, and 95 Moldovan migrants were released.",
            ["detained", "total"],
        ),
        (
            "Some 40 Moldovan migrants drowned, 95 Moldovan migrants reached the shore.",
            ["killed", "total"],
        ),
    ],
)
def test_an_item_of_an_enumeration_shares_the_verb_before_it(text, statuses):
    assert [c.status for c in extract_claims(text)] == statuses


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        (
            "Two Moldovan recruits, three Armenian recruits and four Georgian recruits were "
            "arrested at the airport.",
            ["detained", "detained", "detained"],
        ),
        ("Nine Moldovan volunteers and six Armenian volunteers died.", ["killed", "killed"]),
        # An item with a verb of its own keeps its status.
        (
            "Nine Moldovan recruits stayed, and six Armenian recruits were arrested.",
            ["total", "detained"],
        ),
    ],
)
def test_an_item_of_an_enumeration_shares_the_verb_after_the_last(text, statuses):
    """ "A, B and C were arrested": the verb after the last item is every item's."""
    assert [c.status for c in extract_claims(text)] == statuses


def test_a_figure_compared_with_the_claim_counts_the_same_kind() -> None:
    """A figure the claim is compared with ("down from 650 the year before") is of jailed
    fighters too."""
    text = "About 400 Estonian fighters were jailed, down from 650 in the previous year."
    claims = extract_claims(text)
    assert [(c.value, c.status) for c in claims] == [(400, "detained"), (650, "detained")]


def test_a_definite_count_of_the_same_figure_is_the_group_counted_before() -> None:
    """ "The 14 volunteers" after "14 volunteers were detained" are those detained; a figure
    that only equals a number (no "the") or counts other people keeps its own status."""
    text = (
        "Police detained 14 Moldovan volunteers at the border on Friday. "
        "The 14 volunteers come from the north of the country. "
        "Another 14 Moldovan volunteers have gone to the front. "
        "The 14 fighters from Chisinau are still in Kharkiv."
    )
    assert [c.status for c in extract_claims(text)] == ["detained", "detained", "total", "total"]


def test_a_parenthesis_breaking_a_count_down_shares_its_status() -> None:
    text = "About 500 Moldovan volunteers were wounded (120 Moldovan volunteers in May alone)."
    assert [(c.value, c.status) for c in extract_claims(text)] == [
        (500, "wounded"),
        (120, "wounded"),
    ]


def test_a_long_list_of_counts_is_followed_only_so_far_to_its_verb(monkeypatch):
    """Each item of a list reads ahead to the verb after the last; a list run into one sentence
    (a table) would be read again from every item, so only the next few items are followed."""
    from pipelines.claims import status

    calls = []
    original = status._next_item
    monkeypatch.setattr(status, "_next_item", lambda *a: calls.append(a) or original(*a))
    sentence = " ".join(f"{n} Moldovan recruits," for n in range(2, 40)) + " 5 were arrested."
    assert status.status_of(sentence, 0, 1) == "total"
    assert len(calls) <= status._ITEMS_FOLLOWED
    short = "Two Moldovan recruits, three Armenian recruits and four Georgians were arrested."
    assert status.status_of(short, 0, 3) == "detained"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Some 41 Malian asylum seekers were returned to Mali.", "detained"),
        ("About 300 Eritrean migrants have been sent back to Libya.", "detained"),
        ("About 300 Eritrean refugees returned home last year.", "returned"),
        ("Four Latvian volunteers were returned home.", "returned"),
    ],
)
def test_migrants_returned_by_others_were_deported(text, status):
    """A return someone else makes of migrants or refugees ("were returned", "sent back") is a
    deportation; their own return, or volunteers brought home, is a return."""
    assert [c.status for c in extract_claims(text)] == [status]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Two Latvian volunteers appeared before magistrates in Riga on Monday.", "detained"),
        ("Five Estonian fighters are on remand in Tallinn.", "detained"),
        ("About 70 Chechen fighters are awaiting trial in Baku.", "detained"),
        ("Some 30 Swedish jihadists have been stripped of their citizenship.", "detained"),
        ("At least 20 Finnish recruits were banned from travelling abroad.", "detained"),
        ("Six Irish volunteers were handed over to the Polish authorities.", "detained"),
        ("Four Austrian fighters were acquitted on Friday.", "detained"),
        ("Eight Croatian volunteers are facing terrorism charges.", "detained"),
        ("Hundreds of Iraqi migrants were left stranded at the Serbian border.", "detained"),
        ("About 900 Afghan refugees were forcibly repatriated from Iran.", "detained"),
        ("Coast guards stopped 300 Libyan migrants off Malta.", "detained"),
        ("Malta sent back 200 Sudanese migrants to Libya.", "detained"),
        ("Police have so far arrested a total of 40 Chadian migrants.", "detained"),
        ("Some 30 Chadian migrants were fined for crossing the border.", "detained"),
        # Guards: what must stay as it was.
        ("About 600 Latvian volunteers stopped fighting in May.", "total"),
        ("Some 300 Irish troops were sent back home.", "returned"),
        ("About 300 Iraqi migrants were trapped in the city by the fighting.", "total"),
    ],
)
def test_a_court_a_sanction_or_a_border_that_holds_people_detains_them(text, status):
    """Before a court, on remand, awaiting trial, stripped of citizenship, banned from leaving,
    handed to the police, stranded at a border, or the object of "stopped" or "sent back":
    each is `detained` in the contract's sense (charged, stopped at a border, deported)."""
    assert [c.status for c in extract_claims(text)] == [status]


def test_the_same_figure_said_again_means_its_claim_though_others_came_between() -> None:
    """ "The three" after "three ... were stopped" and another claim ("two of them") are the
    three stopped: the last claim of the same figure, not the last claim."""
    text = (
        "Three Latvian volunteers were arrested at the border on Friday. "
        "Police said 2 Latvian volunteers had already left for the front. "
        "The three were released on Monday."
    )
    claims = extract_claims(text)
    assert [(c.value, c.population) for c in claims] == [
        (3, "volunteers"),
        (2, "volunteers"),
        (3, "volunteers"),
    ]
    assert claims[2].rule == "same_figure"
