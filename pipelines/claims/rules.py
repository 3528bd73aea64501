"""The rules that make a number mention a people-count claim, and what each claim counts.

``noun``: a people noun heads the phrase after the number ("3,000 volunteers", "300 Norwegians
have volunteered"). ``action``: no noun, but the next words say what people did ("1 million
have fled"). ``bare``: a figure standing alone in a sentence about a count ("the number of
refugees reached 5 million", "the number of Danes who went stands at 125"), counting the
people the sentence names, else those of the previous claim (``carry_over``). ``countries``:
"from 52 countries" beside people. Numbers in negated, hypothetical or rate phrases ("five a
week") are not claims.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pipelines.claims.countries import (
    country_at,
    demonyms,
    find_cities,
    find_countries,
    names_a_striker,
    resolve_country,
)
from pipelines.claims.model import COUNT_OF_COUNTRIES, Claim
from pipelines.claims.numbers import FIGURE_PATTERN, NumberMention, find_numbers
from pipelines.claims.populations import (
    Context,
    Head,
    counted_word,
    cue_at,
    cue_group,
    find_cue,
    find_head,
    heads_before,
    names_people_of_interest,
    travel_cue,
    unit_cue,
)

# A currency's sign or code right before a figure: "$300", "Rs 599", "GBP 2,000", "₹500".
_MONEY = re.compile(
    r"(?:[$£€¥₹₽₴₺₦]|\bUS\$|\b(?:USD|EUR|GBP|JPY|CNY|RMB|RUB|UAH|INR|Rs\.?|CHF|AUD|CAD|TRY"
    r"|EGP|NGN|KES|ZAR|PKR)\s?)\s*$"
)
_NEGATED = re.compile(
    r"(?:\b(?:no|not|never|nor|none|without|zero)|n[’']t)\s+(?:\w+\s+){0,2}$", re.I
)
# "in 2014", "March 2022", "the 2015 attacks", "2016," : four digits that read as a year.
_YEAR_BEFORE = re.compile(
    r"(?:\b(?i:in|since|by|from|until|till|of|during|before|after|early|late|mid|and|or|to|the"
    r"|than|between|around|about|for|this|that|last|next)|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"(?:\s+\d{1,2},?)?|[-–(])\s*$"
)
# Ratios: "three out of four fighters", "one in five recruits" count no group of people.
_SMALL_NUMBER = r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a\s+hundred)"
_RATIO_AFTER = re.compile(rf"\s+(?:out\s+of|in)\s+(?:every\s+)?{_SMALL_NUMBER}\b", re.I)
# Another count of a list right before or after a figure: "three Britons, one Dane and ...".
_ITEM_REACH = 60
_ITEM_BEFORE = re.compile(
    rf"{FIGURE_PATTERN}\s+(?:[\w’'-]+\s+){{0,2}}?[\w’'-]+\s*(?:,|\band\b|\bor\b)\s*$", re.I
)
_ITEM_AFTER = re.compile(
    rf"\s+(?:[\w’'-]+\s+){{0,2}}?[\w’'-]+\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+or\s+)"
    rf"(?:an?\s+)?{FIGURE_PATTERN}",
    re.I,
)
# A ratio's base is small ("one in ten"); this many after "out of" is a whole.
_WHOLE_AT_LEAST = 1000
_RATIO_BEFORE = re.compile(rf"(?:\bout\s+of|\bin\s+every|\b{_SMALL_NUMBER}\s+in)\s+$", re.I)
# A currency after the figure, or after the figure it is paired with ("20,000 and 68,000 RUB").
_MONEY_AFTER = re.compile(
    rf"(?:\s*(?:and|or|to|-|–)\s*{FIGURE_PATTERN})?\s*(?:RUB|roubles?|rubles?|dollars|euros"
    r"|pounds|USD|EUR|GBP|UAH|hryvnias?|taka|rupees|yuan|francs|kroner|kronor)\b",
    re.I,
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
_MONTH_AFTER = re.compile(rf"(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\b\.?")
# ... or before it, as American dates are written ("since June 29, when", "on Sept. 17 that").
_MONTH_BEFORE = re.compile(rf"\b{_MONTHS}\.?\s+$")
# What a sentence compares its claim with: "up from 6,500", "compared with 2,900", "than 800".
_COMPARED = re.compile(
    r"\b(?:from|compared\s+(?:with|to)|than|versus|vs\.?|against)"
    r"\s+(?:(?:the|just|only|some|about|around|nearly|almost|over)\s+)?$",
    re.I,
)
_TIME_AGO = re.compile(
    r"\s+(?:(?:a|one|the|two|three|several)\s+)?(?:years?|months?|weeks?|days?|decades?)"
    r"\s+(?:earlier|before|ago|prior)\b",
    re.I,
)
_ENUMERATION = re.compile(r"(?:[:,]|\band)\s*$")
_SUBGROUP = re.compile(r"\b(?:including|among them|among whom|of whom|of them|among)\s+$")
_HYPOTHETICAL = re.compile(r"\b(?:if|unless|whether)\b", re.I)
_CLAUSE_REACH = 80  # chars of a clause before a number where "if" or "not" governs it
_RATE = re.compile(
    r"^[^.,;]{0,20}?\b(?:(?:a|per|each|every)\s+(?:day|week|month|year)|daily|weekly|monthly)\b",
    re.I,
)
_NUMBER_OF = re.compile(
    r"\b(?:number|total|tally|count)\s+of\s+(?:[a-z-]+\s+){0,2}?(?P<people>[A-Z][\w’'-]*[a-z]s)\b"
)
_BARE_TAIL = re.compile(
    r"(?:\s*(?:[,.;:!?)”\"’'—–]|$)|\s+(?:now|so far|in|by|as of|this|last|since|on|at|and|or"
    r"|according|mark|people)\b)",
)
_OLDEST = 110  # an age is at most this
_AGES_AFTER_PEOPLE = re.compile(
    r"\b(?:men|women|people|boys|girls|males|females|children|adults|youths?)\s+$", re.I
)
# "aged 20", and the later items of a list of ages ("aged 17, 23, 25 and 28").
_AGE_BEFORE = re.compile(
    r"\b(?:aged|age of|ages of)\s+(?:\d{1,3}\s*(?:,\s*(?:and\s+)?|and\s+|or\s+|to\s+|[-–]\s*))*$",
    re.I,
)
_NAME_COMMA = re.compile(r"[A-Z][\w’'-]+(?:\s+\([^()]{1,20}\))?,\s*$")
_AGE_COMMA_AFTER = re.compile(r"\s*(?:,|\))")
_COUNT_WORDS = re.compile(r"\b(?:number|figure|total|tally|estimates?|how many|count)\b", re.I)
_CASUALTIES = re.compile(r"\b(?:killed|dead|deaths?|died|injured|wounded|casualt\w+|toll)\b", re.I)
_ACTION = re.compile(
    r"\s+(?:(?:have|has|had|are|were|is|was|been|being|now|already|reportedly|also|so far)\s+){0,3}"
)
# What befell people whose noun is left out: "15 are believed to have died", "14 are missing".
# Between the number and the fate: auxiliaries, hedges and an aside ("Four - including the son
# of a baker - were killed", "two, both aged 19, were arrested").
_FATE_GAP = re.compile(
    r"(?:(?:\s*,|\s+[-–—])\s*[^,–—.;]{1,80}?(?:\s*,|\s+[-–—]))?"
    r"\s+(?:(?:have|has|had|are|were|is|was|been|being|now|already|reportedly|also|so\s+far"
    r"|since|believed|thought|feared|said|known|understood|presumed|reported|likely|to|later"
    r"|all|more|others?|remain|remains|remained|still)\s+){0,5}"
)
_FATE = re.compile(
    r"(?:died|killed|dead|missing|captured|taken\s+prisoner|arrested|detained|charged"
    r"|convicted|jailed|sentenced|returned|come\s+back|came\s+back|wounded|injured|rescued"
    r"|deported|drowned|perished"
    # ... or where they still are: "and more than 5,000 still remain there", "300 are stationed"
    r"|there|behind|stationed|deployed|based\s+(?:in|at|there))\b",
    re.I,
)
# A harm done to people the clause named, said before its figure: "fired on a group of migrants,
# killing one and wounding five" (a figure's qualifier is part of its mention).
_HARM_BEFORE = re.compile(r"\b(?:killing|wounding|injuring|drowning)\s+$", re.I)
# People a figure no rule reads never counts in the series: who keeps order, reports, protests,
# is held or lives where a strike fell ("12 police officers", "30 villagers"; residents who fled
# are read by a rule, through their cue).
_NEVER_COUNTED = (
    r"civilians?|residents|villagers|hostages|protesters|students|police(?:men)?|officers"
    r"|journalists|aid workers"
)
_NEVER_COUNTED_AFTER = re.compile(rf"\s+(?:[\w-]+\s+){{0,2}}?\b(?:{_NEVER_COUNTED})\b", re.I)
# ... and with them people who are not those of interest where a clause names both ("civilians
# ... 15 died"). Children or passengers no rule reads are left to the scope model: they are as
# often the migrants or refugees themselves.
_OTHER_PEOPLE = re.compile(rf"\b(?:{_NEVER_COUNTED}|children|passengers)\b", re.I)
# A place's population ("a city of 480,000") counts its inhabitants.
_PLACE_OF = re.compile(
    r"\b(?:city|town|village|country|nation|region|province|district|island|capital|state"
    r"|population|home)\s+of\s+$"
    r"|,\s*(?:and\s+)?home\s+to\s+$",  # "Kharkiv, a city of 1.4 million, home to 300,000 ..."
    re.I,
)
_WAR = (
    r"(?:civil\s+)?(?:war|conflict|fighting|violence|persecution|crackdown|unrest|bombing"
    r"|famine)"
)
_WAR_IN = _WAR + r"\s+(?:in|across|inside)\s+(?:the\s+)?"  # "... the war in (the) <country>"
# Refugees from where they fled: "fled Syria", "fleeing the conflict in Sudan", "escaped the
# brutal Syrian civil war".
_FLED = re.compile(
    r"\s+(?:\w+\s+){0,3}?(?:fled|fleeing|flee|left|escaped|escaping|displaced\s+(?:in|inside"
    r"|within))\s+(?:the\s+)?(?:(?:[a-z][\w-]*\s+){0,3}?"
    + _WAR_IN
    + r"|(?:[a-z][\w-]*\s+){0,2}?(?=[A-Z][\w-]*\s+"
    + _WAR
    + r"))?(?=[A-Z])"
)
# ... and "refugees from the war in Syria": the war's country, as "fleeing the war in" says.
_FROM_WAR = re.compile(r"\s+from\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?" + _WAR_IN + r"(?=[A-Z])")
# Origin said after the counted phrase, or after the last of a list of them: "30 men, five women
# and a baby of Moroccan origin", "12 fighters of Tunisian nationality".
_OF_ORIGIN = re.compile(
    r"[^.;:()]{0,80}?\bof\s+(?P<who>[A-Z][\w-]*(?:\s[A-Z][\w-]*)?)\s+"
    r"(?:origin|nationality|descent|extraction|citizenship)\b"
)
# Origin said by a verb of movement after the counted phrase ("sent from", "crossed from").
_SENT_FROM = re.compile(
    r"\s+(?:(?:who|that|which|had|have|has|were|was|been|being|are|is|reportedly|recently|all)"
    r"\s+){0,3}(?:sent|deployed|dispatched|came|come|coming|crossed|crossing|fled|fleeing"
    r"|recruited|drawn|hailing|originating|arrived|arriving)\s+(?:here\s+|in\s+\w+\s+)?"
    r"from\s+(?:the\s+)?"
)
# "its citizens", "of their nationals": the people of the country the sentence speaks of.
_ITS = re.compile(r"\b(?:its|their)\s+(?:own\s+)?$")
_OF_ITS = re.compile(r"\s+of\s+(?:its|their)\s")
_FROM = re.compile(r"\s+(?:from|of)\s+(?:the\s+)?")
# Origin said as the predicate of the counted people: "40 of them were from Tunisia", "the 21
# migrants are Hondurans", "12 were British nationals".
_ARE_FROM = re.compile(
    r"\s+(?:of\s+(?:them|these|those|whom)\s+)?(?:were|are|was|is)\s+(?:all\s+|mostly\s+"
    r"|reportedly\s+|said\s+to\s+be\s+|believed\s+to\s+be\s+|thought\s+to\s+be\s+)?"
    r"(?:from\s+(?:the\s+)?)?(?=[A-Z])"
)
_FROM_RIGHT_AFTER = re.compile(r"\s+from\s+(?:the\s+)?")  # "another 300 from Niger"
_MOSTLY_BEFORE = re.compile(
    r"\b(?:mostly|mainly|largely|predominantly|primarily|overwhelmingly)\s+$", re.I
)
_MOSTLY_REACH = 16  # characters before a demonym where "overwhelmingly " (15) may end
_COUNTRY_LIST = re.compile(r"(?:\s*(?:,|\band\b|\bor\b|\bas well as\b|\bthe\b)\s*)*")
# The country that sends the troops counted after it: "Chad sent 500", "the UK is to deploy
# about 330", "Kenya agreed to dispatch 1,000", a headline's "North Korea Sent 1,500".
_SENDING_VERBS = (
    r"(?i:sent|sends|send|sending|deployed|deploys|deploy|deploying|dispatched|dispatches|dispatch"
    r"|massed|amassed|stationed|has|have)"
)
_SENDER = re.compile(
    r"(?P<who>\S+(?:\s\S+){0,2})\s+(?i:(?:has|have|had|will|would|is|are|also|set|plans?|agreed"
    r"|agrees|decided|to)\s+)*" + _SENDING_VERBS + r"\s+$"
)
_SENDING_VERB = re.compile(r"(?<![\w-])" + _SENDING_VERBS + r"\s+$")  # _SENDER's cheap test
_SENDER_REACH = 120  # characters before a figure where its sender and verb are said
_POSSESSOR = re.compile(
    r"(?P<who>[A-Z][\w.]*)(?:’s|'s)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:(?:deployment|dispatch|contingent|despatch)\s+of\s+(?:some\s+|about\s+)?)?$"
)
# Displaced people are from where they are displaced ("displaced by the fighting in Iraq").
_DISPLACED_IN = re.compile(
    r"\s+(?:[^.;]{0,40}?\s)?(?:displaced|uprooted)\s(?:[^.;]{0,60}?\s)?"
    r"(?:in|inside|within|across)\s+(?:the\s+)?(?=[A-Z])"
)
# "-strong" after a figure and the body it measures, a few modifiers between ("2,000-strong
# UN peacekeeping force"); "of" when the members are named after it.
_STRONG = re.compile(
    r"[-‐– ](?:strong|member|man|person)\s+(?:[\w’'.-]+\s+){0,4}?(?P<unit>forces?|contingent"
    r"|army|armies|garrison|division|deployment|mission|detachment|task force|battle ?group"
    r"|legion|battalion|brigade|regiment|militia|unit|corps|platoon|squad|company"
    r"|(?P<generic>team|group|delegation|crew))\b(?P<of>\s+of\b)?",
    re.I,
)
# A figure joined to a noun by a hyphen measures that noun, not people ("141-seat parliament",
# "a 35-year-old", "three-quarters"), and one joined to letters before it is part of a name
# ("S-200 missiles", "MiG-29"); "-strong", "-member", "-man" are the strength rule's.
# Markdown escapes the hyphen in text converted from it ("141\-seat").
_COMPOUND_AFTER = re.compile(r"\\?-(?!(?:strong|member|man|men|person|odd|plus)\b)[a-z]")
_CODE_BEFORE = re.compile(r"\b[A-Za-z]{1,5}\\?-$|\d[/:]$")  # "MH-17", "24/7", "00:01:41"
_TIME_AFTER = re.compile(r":\d")  # "12:30", a video's "[01:41]": a time or a score
# A country's troops as a level, the figure later in the clause ("troop levels ... to 5,200").
_TROOP_LEVEL = re.compile(
    r"\b(?P<what>troop|troops|force|military)\s+(?:levels?|numbers|strength|presence|ceiling)\b"
    r"[^.;:!?]*$",
    re.I,
)
_TROOP_LEVEL_REACH = 160  # characters before the figure searched for its level
_THINGS = frozenset({"thing", "of_thing", "rate"})  # `counted_word`'s counts of no people
_WHEN_AFTER = re.compile(
    r"\s+(?:by\s+|in\s+|from\s+|at\s+)?(?:next|last|this|the\s+end|early|late|mid)\b", re.I
)
_STRONG_MEMBERS = {"legion": "volunteers", "militia": "fighters"}
_WORD_BEFORE_UNIT = re.compile(r"([\w’'-]+)\s+$")
# What follows a number the rules could not read when only the scope model may say it counts
# people: no noun ("2,100 have been rescued"), or a noun the lexicon lacks that reads as people
# ("prisoners", "Peshmerga"). A known noun is the rules' to judge ("300 students protested" is
# no claim); any other noun counts things ("24 hours", "thousands of cases").
_NOUN_UNKNOWN = frozenset({"none", "agent", "name", "of_none", "of_agent", "of_name"})
_PEOPLE = frozenset({"people", "of_people"})
_DEMONYM_REACH = 40  # characters after a number searched for its phrase's demonym
_PHRASE_START = re.compile(r"\s+(?:[a-z][\w-]*\s+){0,2}")  # lowercase modifiers before it
# People of interest named this often make a document about them: a short story of a boat that
# sank may call its people "migrants" once and "people" after that.
_TOPICAL_HEADS = 1


def topical(text: str) -> bool:
    """Whether a document is about people of interest: it names them (fighters, refugees, ...).
    Elsewhere "500 people" or "300 students" count bystanders."""
    return names_people_of_interest(text, _TOPICAL_HEADS, excluded_group=COUNT_OF_COUNTRIES)


# A figure shaped as a year ("around 2014") or padded with a zero ("0359 GMT") is a date, a
# clock time or a code when no rule read a people noun after it.
_DATE_OR_CODE = re.compile(r"(?:1[89]|20)\d\d|0\d+")
_CLOCK_AFTER = re.compile(r"[:.]\d\d\b")  # "10:59 p.m.", "at 10.30"
_CLOCK_BEFORE = re.compile(r"\d[:.]$")
_LAST_DIGITS = re.compile(r"\d[\d.,\u00a0\u2009\u202f ]*$")  # "700 000" is one figure
# A count naming who speaks ("the two lawmakers said") counts the sources, not a population.
_SPEAKS_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}(?:said|say|says|told|tell|tells|stated|added|wrote|argued|alleged"
    r"|claimed|recalled|explained|described|insisted)\b"
)
# "one of the men detained" picks out a person; "phoned 999" dials a number; "millions in aid"
# and "tens of millions spent" count money.
_ONE_OF = re.compile(r"\s+of\b", re.I)
_DIALLED = re.compile(r"\b(?:phoned|called|dialled|dialed|dial|call|phone|ring|rang)\s+$", re.I)
_MONEY_WORDS = re.compile(
    r"\b(?:spent|spend|spending|aid|cost|costs|funding|funds|budget|dollars|pounds|euros"
    r"|donated|pledged|raised|worth|paid)\b",
    re.I,
)
_NO_CONTEXT = Context()
SENT_GROUPS = frozenset({"troops", "fighters", "mercenaries"})  # groups a country sends
# A figure of a part named by a pronoun: "72 of them", "30 of those who came back".
_OF_THEM = re.compile(r"\s+of\s+(?:them|these|those)\b", re.I)
# ... or by a pronoun opening the sentence or clause: "Of those, 120 were Chileans".
_OF_THEM_BEFORE = re.compile(r"(?:^|[.;:]\s*)(?i:of)\s+(?i:them|these|those|whom),?\s+$")
_CARRY_OVER_SENTENCES = 2  # a bare figure refers to a claim at most this many sentences back
_SAME_FIGURE_SENTENCES = 6  # ... and "the three" to a claim of three at most this many back
_DEFINITE_BEFORE = re.compile(r"\b(?:the|all|both|these|those)\s+$", re.I)
_PICKED_OUT = re.compile(
    r"\b(?:one|two|three|each|some|none|any|most|either|neither|\d+)\s+of\s+(?:the|these|those)"
    r"\s+$",
    re.I,
)


@dataclass(frozen=True)
class Found:
    """A number mention read as a claim: what it counts, whose people, by which rule."""

    mention: NumberMention
    population: str
    group: str
    country: str | None
    countries: tuple[str, ...]
    rule: str


def read(
    text: str,
    mention: NumberMention,
    last: Claim | None,
    distance: int,
    context: Context = _NO_CONTEXT,
    same_figure: tuple[Claim, int] | None = None,
) -> Found | None:
    """The claim a number mention in sentence ``text`` makes, or None if it makes none.

    ``last`` is the previous claim, ``distance`` sentences back; ``context`` the sentences
    just before, which may say what a bare "20,000 applications" are for; ``same_figure`` the
    last claim of the mention's figure and how many sentences back, which "the three" means
    though other claims came between (else ``last`` is taken for it).
    """
    if _excluded(text, mention):
        return None
    before, after = text[: mention.start], text[mention.end :]
    head = find_head(text, mention.end, len(text), singular=mention.value == 1)
    if head is not None:
        if _RATE.search(text[head.end :]):
            return None
        subgroup = (
            last
            if _is_subgroup(before, head) and _right_after(text, mention, last, distance)
            else None
        )
        return _noun_rule(text, mention, head, context, subgroup)
    if _RATE.search(after):
        return None
    return (
        _strong_rule(text, mention)
        or _troop_level_rule(text, mention)
        or _same_figure_rule(text, mention, *(same_figure or (last, distance)))
        or _part_rule(text, mention, last, distance)
        or _compared_rule(text, mention, last, distance)
        or _action_rule(text, mention, context)
        or _partitive_rule(text, mention, last, distance)
        or _fate_rule(text, mention, last, distance)
        or _sender_rule(text, mention, last, distance)
        or _bare_rule(text, mention, last, distance)
    )


def _is_age(text: str, mention: NumberMention) -> bool:
    """A person's age: "aged 20", "under the age of 20", bounds of people's ages said after them
    ("men between 18 and 60"), and a number set off by commas after a name ("Joanna Palani, 20,
    travelled", "Mashudur Choudhury (left), 31, from Portsmouth")."""
    before = text[max(0, mention.start - 40) : mention.start]
    highest = mention.high if mention.value is None else mention.value
    if highest is not None and highest <= _OLDEST and _AGES_AFTER_PEOPLE.search(before):
        return True  # "men between 18 and 60", "boys under 16": whose ages, said after them
    if highest is not None and highest <= _OLDEST and _AGE_BEFORE.search(before):
        return True  # "aged 20", "aged 25 to 60", "aged 17, 23 and 25"
    if mention.value is None or mention.value > _OLDEST or mention.qualifier != "exact":
        return False
    return bool(_NAME_COMMA.search(before) and _AGE_COMMA_AFTER.match(text, mention.end))


def _excluded(text: str, mention: NumberMention) -> bool:
    """Numbers that count no people whatever follows: years, ratios, money, and counts a
    negation or a condition governs ("no foreign fighters", "if 500 volunteers came")."""
    before, after = text[: mention.start], text[mention.end :]
    if (
        mention.plain_year
        and (
            mention.value is None  # "between 2012 and 2016"
            or _YEAR_BEFORE.search(before[-30:])
            or not (after[:1].isspace() or _STRONG.match(text, mention.end))  # "2000-strong"
        )
    ):
        return True
    if _RATIO_AFTER.match(text, mention.end):
        return True
    if _RATIO_BEFORE.search(before[-24:]) and not _a_whole(mention):
        return True
    if _COMPOUND_AFTER.match(text, mention.end) or _CODE_BEFORE.search(before[-8:]):
        return True
    if _TIME_AFTER.match(text, mention.end):
        return True
    if _MONEY_AFTER.match(text, mention.end):  # "15,000 and 25,000 RUB"
        return True
    if mention.value == 1 and _ONE_OF.match(text, mention.end):
        return True  # "one of four jihadis killed": a person picked out of a count
    if _a_single_person(text, mention):
        return True
    if mention.value is not None and mention.value <= 31 and _MONTH_AFTER.match(text, mention.end):
        return True  # "on 16 January": a day of the month
    if (
        mention.value is not None
        and mention.value <= 31
        and _MONTH_BEFORE.search(text, max(0, mention.start - 12), mention.start)
        and counted_word(text, mention.end) not in ("people", "agent")
    ):
        return True  # "since June 29, when": a day ("In June 30 fighters died" is a count)
    if _is_age(text, mention):
        return True
    clause = before[max(before.rfind(","), before.rfind(";"), len(before) - _CLAUSE_REACH) + 1 :]
    return bool(
        _MONEY.search(before[-8:]) or _NEGATED.search(clause) or _HYPOTHETICAL.search(clause)
    )


def _a_single_person(text: str, mention: NumberMention) -> bool:
    """Whether an exact "one" counts a single person ("one Indian jihadist, Areeb Majeed",
    "one Wagner fighter grabbed me"), not a headcount; in a list of counts it is one ("three
    Britons, one Dane and one Pole")."""
    if mention.value != 1 or mention.qualifier != "exact":
        return False
    before = text[max(0, mention.start - _ITEM_REACH) : mention.start]
    return not (_ITEM_BEFORE.search(before) or _ITEM_AFTER.match(text, mention.end))


def _a_whole(mention: NumberMention) -> bool:
    """Whether a figure after "out of" is a whole people are part of, not a ratio's base:
    "72,000 out of nearly 3 million Syrians", not "three out of four fighters"."""
    figure = mention.value or mention.high or mention.low or 0
    return mention.qualifier != "exact" or figure >= _WHOLE_AT_LEAST


def read_unruled(
    text: str,
    mention: NumberMention,
    last: Claim | None,
    distance: int,
    context: Context = _NO_CONTEXT,
    *,
    topical: bool,
) -> Found | None:
    """What a mention counts that no rule reads but the scope model takes as a count of people.

    The people are those of the nearest people noun: the phrase after the number, else the
    sentence before it, else the claim just before, else the sentences before; with no noun
    anywhere, plain "people". Their country is the phrase's origin, else the earlier claim's (a
    country elsewhere in the sentence is as often where they went: ``origin`` weighs it). A
    count of people the lexicon knows but no rule took ("200,000 Syrians in Lebanon"), like any
    other, is read only in a ``topical`` document: elsewhere "12,500 employees" or a model
    number ("Polaroid 600 Camera") count no one the series follow.
    """
    if not topical:
        return None
    counted = counted_word(text, mention.end)
    if counted not in _NOUN_UNKNOWN and counted not in _PEOPLE:
        return None
    if _excluded(text, mention) or _no_count_without_a_noun(text, mention):
        return None
    if is_part(text, mention.start) and _part_of_no_claim(text, mention, last, distance):
        return None  # "30 villagers, including eight children": a part of no claim is none
    head = find_head(text, mention.end, len(text), singular=mention.value == 1)
    if head is not None and head.group == COUNT_OF_COUNTRIES:
        return None
    if _RATE.search(text[head.end if head else mention.end :]):
        return None  # "five Britons a week"
    own = None
    if head is None:
        # The counted phrase's own origin, its noun one the lexicon lacks ("three British
        # orphans") or left out ("500 troops from Chad and 300 from Niger").
        own = _phrase_origin(text, mention)
        core = [
            h for h in heads_before(text, mention.start) if h.core and h.group != COUNT_OF_COUNTRIES
        ]
        head = core[-1] if core else None
    if head is not None:
        group = head.group or _group_of_generic(text, head, last, distance, context)
        found = _found(text, mention, head, head.noun, group, "unruled")
        return found if own is None else replace(found, country=own, countries=(own,))
    named = (own,) if own is not None else ()
    cue = find_cue(text, mention.end, len(text))
    if cue is not None:  # "100,000 have had to leave their homes": what they do says who
        return Found(mention, cue, cue_group(cue), own, named, "unruled")
    if last is not None and distance <= _CARRY_OVER_SENTENCES:
        return _carried(text, mention, last, "unruled")
    earlier = [h for h in context.heads if h.core and h.group != COUNT_OF_COUNTRIES]
    if earlier:
        population, group = earlier[-1].noun, _core_group(earlier[-1])
    else:
        population, group = "people", "people"
    return Found(mention, population, group, own, named, "unruled")


def _phrase_origin(text: str, mention: NumberMention) -> str | None:
    """The country of a demonym opening the counted phrase ("two French schoolboys", "three
    young Dutch men") or named right after the figure ("another 300 from Niger"), if any."""
    said_to_be = _ARE_FROM.match(text, mention.end)
    if said_to_be:  # "40 of them were from Tunisia", "12 were Britons"
        named = country_at(text, said_to_be.end())
        return named.code if named is not None else None
    found = find_countries(text, mention.end, min(len(text), mention.end + _DEMONYM_REACH))
    first = found[0] if found else None
    if first is None:
        return None
    if first.demonym and _PHRASE_START.fullmatch(text, mention.end, first.start):
        return first.code
    if not first.demonym and _FROM_RIGHT_AFTER.fullmatch(text, mention.end, first.start):
        return first.code
    return None


def _no_count_without_a_noun(text: str, mention: NumberMention) -> bool:
    """Figures that, with no people noun a rule read after them, count no people: who speaks
    ("the two lawmakers said"), people never counted ("12 police officers"), a place's
    population, a clock time, one picked out of a group, a dialled number, money, a year or a
    code."""
    start, end = mention.start, mention.end
    digits = _LAST_DIGITS.search(text, start, end)
    return bool(
        _SPEAKS_AFTER.match(text, end)
        or _NEVER_COUNTED_AFTER.match(text, end)
        or _PLACE_OF.search(text, max(0, start - 40), start)
        or _CLOCK_AFTER.match(text, end)
        or _CLOCK_BEFORE.search(text, 0, start)
        or (mention.value == 1 and _ONE_OF.match(text, end))
        or _DIALLED.search(text, max(0, start - 12), start)
        or (mention.vague and (mention.low or 0) >= 1_000_000 and _MONEY_WORDS.search(text))
        or (
            digits and _DATE_OR_CODE.fullmatch(digits.group()) and not _range_from_a_figure(mention)
        )
    )


def _range_from_a_figure(mention: NumberMention) -> bool:
    """A range whose low end is no year: "between 1500 and 2000 Rohingya" ends on a figure
    that only looks like one."""
    return (
        mention.value is None
        and mention.low is not None
        and not _DATE_OR_CODE.fullmatch(str(mention.low))
    )


def _group_of_generic(
    text: str, head: Head, last: Claim | None, distance: int, context: Context
) -> str:
    """The series of a generic noun ("people", "men"): its cue, else the claim before's."""
    cue = find_cue(text, head.end, len(text))
    if cue is not None:
        return cue_group(cue)
    if last is not None and distance <= _CARRY_OVER_SENTENCES:
        return last.population_group
    earlier = [h for h in context.heads if h.core and h.group != COUNT_OF_COUNTRIES]
    return earlier[-1].group if earlier and earlier[-1].group else "people"


def _noun_rule(
    text: str, mention: NumberMention, head: Head, context: Context, subgroup_of: Claim | None
) -> Found | None:
    if head.group == COUNT_OF_COUNTRIES:
        people = [h for h in heads_before(text, len(text)) if h.group != COUNT_OF_COUNTRIES]
        if re.search(r"\b(?:from|of)\s+$", text[: mention.start]) and people:
            return Found(mention, head.noun, COUNT_OF_COUNTRIES, None, (), "countries")
        return None
    if not head.core:
        joined = re.match(r"\s+(?:and|or)\s+", text[head.end :])
        if joined:
            other = find_head(text, head.end + joined.end(), len(text), max_words=3)
            if other is not None and other.core:
                head = Head(other.start, other.end, other.noun, other.group, True, head.demonym)
    if head.core:
        return _found(text, mention, head, head.noun, _core_group(head), "noun")
    if subgroup_of is not None:  # "lost 12 foreign fighters, including four Americans"
        population, group = subgroup_of.population, subgroup_of.population_group
        return _found(text, mention, head, population, group, "subgroup")
    cue = find_cue(text, head.end, len(text)) or unit_cue(text, 0, mention.start)
    if cue is None and head.demonym is not None:  # nationals abroad: "Kosovars travelled to"
        cue = travel_cue(text, head.end, len(text))
    # "20,000 applications": for what, the sentences before say ("foreign recruits").
    if cue is None and head.group is not None and _names_group(context.heads, head.group):
        return _found(text, mention, head, head.noun, head.group, "noun_context")
    if cue is None:
        return None
    population = cue if head.group is None else head.noun
    group = cue_group(cue) if head.group is None or cue == "refugees" else head.group
    return _found(text, mention, head, population, group, "noun_cue")


def is_part(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is introduced as a part of another ("including 40"), or
    opens a parenthesis breaking it down ("were killed (1,700 Lebanese and 300 others)")."""
    before = text[max(0, start - 30) : start]
    return _SUBGROUP.search(before) is not None or before.rstrip().endswith("(")


def _is_subgroup(before: str, head: Head) -> bool:
    """Whether the count is a part of the claim just before in its sentence: "including four
    Americans", or an item of an enumeration by nationality ("...: three Britons, one Dane")."""
    if _SUBGROUP.search(before[-30:]):
        return True
    by_nationality = head.demonym is not None and head.noun == head.demonym.lower()
    return by_nationality and _ENUMERATION.search(before[-6:]) is not None


def _part_of_no_claim(text: str, mention: NumberMention, last: Claim | None, distance: int) -> bool:
    """Whether the count of people right before a part ("30 villagers, including eight
    children") is no claim: the part is then none either."""
    before = find_numbers(text, 0, mention.start)
    if not before or counted_word(text, before[-1].end) not in _PEOPLE:
        return False  # "a unit including 45 members", "since 2014, including 1,950 deaths"
    return not _right_after(text, mention, last, distance)


def _right_after(text: str, mention: NumberMention, last: Claim | None, distance: int) -> bool:
    """Whether ``last``, a claim of this sentence, is the count right before the mention: a part
    ("including four children") belongs to the nearest count, and when that count is no claim
    ("killed six soldiers and nine civilians, including four children") neither is the part."""
    if last is None or distance != 0:
        return False
    return not find_numbers(text, last.end - last.sentence_start, mention.start)


def _names_group(heads: Iterable[Head], group: str) -> bool:
    return any(h.core and h.group == group for h in heads)


def _part_rule(
    text: str, mention: NumberMention, last: Claim | None, distance: int
) -> Found | None:
    """People outside the groups named as a part of the claim just before in the sentence
    ("31 migrants, including 7 children"): they are of that claim's population and country."""
    if last is None or not _SUBGROUP.search(text[: mention.start][-30:]):
        return None
    if not _right_after(text, mention, last, distance):
        return None
    if counted_word(text, mention.end) != "people":
        return None
    return _carried(text, mention, last, "subgroup")


def _compared_rule(
    text: str, mention: NumberMention, last: Claim | None, distance: int
) -> Found | None:
    """A figure a sentence compares its claim with, its noun left out ("rose to 9,000, up from
    6,500 a year earlier", "4,100 arrived, compared with 2,900 last year"): the same people."""
    if last is None or distance != 0 or not _COMPARED.search(text, 0, mention.start):
        return None
    if counted_word(text, mention.end) != "none" and not _TIME_AGO.match(text, mention.end):
        return None
    return _carried(text, mention, last, "compared")


def _action_rule(text: str, mention: NumberMention, context: Context) -> Found | None:
    gap = _ACTION.match(text, mention.end)
    if gap is None:
        return None
    cue = cue_at(text, gap.end())
    if cue is not None and find_cue(text, gap.end(), len(text)) != cue:
        cue = None  # a weak cue without its object ("five companies join nine others")
    if cue is None or cue == "troops":
        return None
    start = gap.end()
    codes = [c.code for c in find_countries(text, start, min(len(text), start + 40)) if c.code]
    # "About 300 have signed up": whose people, a headline or sentence just before says.
    codes = codes[:1] or _people_origin(context.text)
    countries = tuple(dict.fromkeys(codes))
    return Found(
        mention, cue, cue_group(cue), countries[0] if countries else None, countries, "action"
    )


def _fate_rule(
    text: str, mention: NumberMention, last: Claim | None, distance: int
) -> Found | None:
    """A number whose noun is left out, followed or preceded by what befell the people ("..., and
    15 are believed to have died", "At least 9 have died and 14 are missing", "..., killing one
    and wounding five"): it counts the people the sentence named before it, else those of the
    claim just before."""
    gap = _FATE_GAP.match(text, mention.end)
    harmed = _HARM_BEFORE.search(text, max(0, mention.start - 30), mention.start)
    if harmed is not None:
        if counted_word(text, mention.end) != "none":
            return None
    elif gap is None or not _FATE.match(text, gap.end()):
        return None
    heads = heads_before(text, mention.start)
    # Victims who are other people ("civilians ... 15 died"); for a harm said before the figure,
    # only if named after the people of interest ("Police fired on migrants, killing one").
    others_from = heads[-1].end if harmed is not None and heads else 0
    if _OTHER_PEOPLE.search(text, others_from, mention.start):
        return None
    for head in reversed(heads):
        if head.core and head.group != COUNT_OF_COUNTRIES:
            return _found(text, mention, head, head.noun, _core_group(head), "fate")
    if last is None or distance > (0 if harmed else 1):
        return None
    return _carried(text, mention, last, "fate")


def _partitive_rule(
    text: str, mention: NumberMention, last: Claim | None, distance: int
) -> Found | None:
    """A part of the people just counted, named by a pronoun ("72 of them have died", "some 30
    of those were later freed"): the people of the claim before, in this sentence or the last."""
    if last is None or distance > 1:
        return None
    if not (
        _OF_THEM.match(text, mention.end)
        # the anchored test first: the pronoun's is a search of the whole prefix
        or (_ARE_FROM.match(text, mention.end) and _OF_THEM_BEFORE.search(text, 0, mention.start))
    ):
        return None
    return _carried(text, mention, last, "partitive")


def _people_origin(context: str) -> list[str]:
    """The one nationality the sentences before name people by ("Norwegians flock to ...")."""
    codes = {c.code for c in find_countries(context) if c.demonym}
    only = codes.pop() if len(codes) == 1 else None
    return [only] if only is not None else []


def _bare_rule(
    text: str, mention: NumberMention, last: Claim | None, distance: int
) -> Found | None:
    before = text[: mention.start]
    if not _BARE_TAIL.match(text, mention.end) or not _COUNT_WORDS.search(before):
        return None
    heads = heads_before(text, mention.start)
    people = _number_of_people(text, mention.start)
    if people is not None:
        cue = find_cue(text, people.end, mention.start)
        return _found(
            text, mention, people, people.noun, cue_group(cue) if cue else "people", "bare"
        )
    for head in reversed(heads):
        if head.core and head.group != COUNT_OF_COUNTRIES:
            return _found(text, mention, head, head.noun, _core_group(head), "bare")
        cue = find_cue(text, head.end, mention.start)
        if head.group is None and cue is not None:
            return _found(text, mention, head, cue, cue_group(cue), "bare")
    if heads or _CASUALTIES.search(text) or last is None or distance > _CARRY_OVER_SENTENCES:
        return None
    return _carried(text, mention, last, "carry_over")


def _sender_rule(
    text: str, mention: NumberMention, last: Claim | None, distance: int
) -> Found | None:
    """A country's own contingent, its noun left out, after a claim of troops or fighters: "Chad
    sent 1,000 troops to Mali. Niger has deployed 600." counts Niger's troops."""
    if last is None or last.population_group not in SENT_GROUPS:
        return None
    if distance > _CARRY_OVER_SENTENCES or counted_word(text, mention.end) != "none":
        return None
    if _sender(text, mention.start) is None:
        return None
    return _carried(text, mention, last, "sender")  # which reads the sender as the origin


def _troop_level_rule(text: str, mention: NumberMention) -> Found | None:
    """A figure a clause gives a country's troop level: "troop levels will fall from 9,000 to
    5,200", "cutting UK force levels to around 5,200", "its troop strength stands at 1,200"."""
    level = _TROOP_LEVEL.search(text, max(0, mention.start - _TROOP_LEVEL_REACH), mention.start)
    if level is None:
        return None
    if counted_word(text, mention.end) in _THINGS and not _WHEN_AFTER.match(text, mention.end):
        return None  # "the troop presence in 12 provinces" counts places; "by next year" a time
    head = Head(level.start("what"), level.end("what"), "troops", "troops", True, None)
    return _found(text, mention, head, "troops", "troops", "troop_level")


def _same_figure_rule(
    text: str, mention: NumberMention, last: Claim | None, distance: int
) -> Found | None:
    """A definite count with no noun ("the three", "all four") after a claim of the same figure:
    the same people ("Three teenagers were stopped in Turkey. ... The three were flown back")."""
    if last is None or distance > _SAME_FIGURE_SENTENCES or mention.value is None:
        return None
    if mention.value != last.value or mention.qualifier != "exact":
        return None
    if not is_definite(text, mention.start):
        return None
    if _PICKED_OUT.search(text, max(0, mention.start - 24), mention.start):
        return None  # "one of the four": a person picked out, the figure not said again
    if counted_word(text, mention.end) not in _NOUN_UNKNOWN:
        return None
    return _carried(text, mention, last, "same_figure")


def is_definite(text: str, start: int) -> bool:
    """Whether the figure at ``start`` is said with a definite article ("the three", "all 21"):
    it names people counted before."""
    return _DEFINITE_BEFORE.search(text, max(0, start - 16), start) is not None


def _strong_rule(text: str, mention: NumberMention) -> Found | None:
    """A body of people of this strength: "a 2,000-strong force", "the 250-strong British
    contingent", "a 12-member team of Danish volunteers" (then the people named)."""
    strong = _STRONG.match(text, mention.end)
    if strong is None:
        return None
    unit = strong["unit"].lower()
    members = find_head(text, strong.end(), len(text)) if strong["of"] else None
    if members is not None and members.core:
        return _found(text, mention, members, members.noun, _core_group(members), "strong")
    if strong["generic"]:
        return None  # "a 20-member group of protesters": only its members say who
    word = _WORD_BEFORE_UNIT.search(text, strong.start(), strong.start("unit"))
    demonym = word.group(1) if word and word.group(1) in demonyms() else None
    population = _STRONG_MEMBERS.get(unit, "troops")  # a state's units, unless named otherwise
    head = Head(strong.start("unit"), strong.end("unit"), population, cue_group(population),
                True, demonym)  # fmt: skip
    return _found(text, mention, head, population, cue_group(population), "strong")


def _number_of_people(text: str, end: int) -> Head | None:
    """The people a count names by their nationality or region before its figure: "the
    number of Danes who travelled stands at 125", "the number of Europeans ... hit 3,000"."""
    found = next(reversed(list(_NUMBER_OF.finditer(text, 0, end))), None)  # the nearest
    if found is None or found["people"] not in demonyms():
        return None
    word = found["people"]
    return Head(found.start("people"), found.end("people"), word.lower(), None, False, word)


def _carried(text: str, mention: NumberMention, last: Claim, rule: str) -> Found:
    """The figure counts the people of the claim before it: its population, and its origin
    unless the figure's own phrase names one ("Two French schoolboys", "another 300 from
    Niger") or, for troops, its own sender does ("Italy has 1,100")."""
    own = _phrase_origin(text, mention)
    if own is None and last.population_group in SENT_GROUPS:
        # Each country's own contingent: "Spain has 500 soldiers there. Italy has 1,100."
        own = _sender(text, mention.start)
    if own is not None:
        return Found(mention, last.population, last.population_group, own, (own,), rule)
    return Found(
        mention, last.population, last.population_group, last.country, last.countries, rule
    )


def _core_group(head: Head) -> str:
    """The group of a core noun's head: every core noun has one (``populations.nouns``)."""
    assert head.group is not None  # only generic nouns and bare demonyms have none
    return head.group


def _found(
    text: str, mention: NumberMention, head: Head, population: str, group: str, rule: str
) -> Found:
    codes = _origins(text, mention, head, group)
    named = tuple(dict.fromkeys(c for c in codes if c))
    country = named[0] if len(named) == 1 and None not in codes else None
    return Found(mention, population, group, country, named, rule)


def _origins(text: str, mention: NumberMention, head: Head, group: str) -> list[str | None]:
    """Origins the phrase names: its demonym, "from X and Y", "Russia's", "Russia sent"."""
    # "70 mostly Sudanese people": a group mostly of one country is a mixed one (no country).
    codes: list[str | None] = [
        None if _MOSTLY_BEFORE.search(text, max(0, c.start - _MOSTLY_REACH), c.start) else c.code
        for c in find_countries(text, mention.end, head.start)
    ]
    if head.demonym and (not codes or head.noun == head.demonym.lower()):
        mostly = _MOSTLY_BEFORE.search(text, max(0, head.start - _MOSTLY_REACH), head.start)
        codes.append(None if mostly else resolve_country(head.demonym))  # "300 Norwegians"
    if not codes and head.group != "refugees":
        # A city's name modifying the noun says where the people are from ("three young
        # Cardiff men"), as a demonym does; before refugees or migrants it says where they are
        # ("the Calais migrants").
        codes.extend(c.code for c in find_cities(text[mention.end : head.start]))
    # "4,000 British troops from Afghanistan": with a demonym the people's, "from" is a place.
    origin = _FROM.match(text, head.end) if not codes else None
    if origin:
        codes.extend(_country_list(text, origin.end()))
    of_origin = _OF_ORIGIN.match(text, head.end) if not codes else None
    if of_origin:
        codes.extend(c.code for c in find_countries(of_origin["who"]) if c.code)
    sent_from = _SENT_FROM.match(text, head.end) if not codes else None
    if sent_from:  # "troops sent from Chad", "refugees who crossed from Myanmar"
        codes.extend(_country_list(text, sent_from.end()))
    said_to_be = _ARE_FROM.match(text, head.end) if not codes else None
    if said_to_be:  # "the 21 migrants were Hondurans"
        codes.extend(_country_list(text, said_to_be.end()))
    its = (
        _ITS.search(text, 0, head.start)  # "Norway said 40 of its citizens"
        or _ITS.search(text, 0, mention.start)  # "its 700 soldiers"
        or _OF_ITS.match(text, mention.end)  # "250 of its 700 soldiers"
    )
    if not codes and its:
        codes.extend(_subject_country(text, mention.start))
    fled = (
        (_FLED.match(text, head.end) or _FROM_WAR.match(text, head.end))
        if group == "refugees" and not codes
        else None
    )
    if fled:  # the place fled is named right there: "fleeing Syria", "fleeing Aleppo"
        place = find_countries(text, fled.end(), fled.end() + 40)[:1]
        if place and place[0].start == fled.end() and not names_a_striker(text, place[0]):
            codes.append(place[0].code)
        else:
            codes.extend(_city_at(text, fled.end()))
    displaced = _DISPLACED_IN.match(text, head.end) if group == "refugees" and not codes else None
    if displaced:
        codes.extend(
            c.code for c in find_countries(text, displaced.end(), displaced.end() + 40)[:1]
        )
    if not codes and group in SENT_GROUPS and (sender := _sender(text, mention.start)):
        codes.append(sender)
    return codes


def _sender(text: str, start: int) -> str | None:
    """The country that sends or keeps the figure at ``start``: "Chad sent 500", "Italy has
    1,100", "Britain's deployment of 900"; the subject is the country named nearest the verb."""
    # Both end where the figure starts: a window, not the whole prefix (that is quadratic);
    # the sender's pattern only where a verb of sending ends right before the figure.
    window = max(0, start - _SENDER_REACH)
    sending = _SENDING_VERB.search(text, max(0, start - 16), start)
    possessive = "'s" in text[window:start] or "’s" in text[window:start]
    sender = (sending and _SENDER.search(text, window, start)) or (
        possessive and _POSSESSOR.search(text, window, start)
    )
    if not sender:
        return None
    codes = [c.code for c in find_countries(sender.group("who")) if c.code]
    return codes[-1] if codes else None


def _city_at(text: str, position: int) -> list[str | None]:
    """The country of the city named at ``position``, if one is."""
    city = next(iter(find_cities(text[position : position + 40])), None)
    return [city.code] if city is not None and city.start == 0 else []


def _country_list(text: str, position: int) -> list[str | None]:
    """The countries listed from ``position`` on: "Belarus, Georgia and Russia"."""
    codes = []
    for country in find_countries(text, position, min(len(text), position + 120)):
        if _COUNTRY_LIST.fullmatch(text[position : country.start]) is None:
            break
        codes.append(country.code)
        position = country.end
    return codes


def _subject_country(text: str, end: int) -> list[str]:
    """The country a sentence speaks of before ``end``: its first country name, else demonym."""
    found = [(c.code, c.demonym) for c in find_countries(text, 0, end) if c.code]
    named = [code for code, demonym in found if not demonym]
    return (named or [code for code, _ in found])[:1]
