"""What a count is of: joined (``total``), killed, wounded, captured, returned or detained.

A series compares like with like, so "600 Britons have fought in Syria" and "30 British jihadis
have died" are two series. The status is read from the count's own clause: the verb or
participle that follows the counted phrase ("15 are believed to have died", "two Americans
freed after being captured") or a noun that governs the number from before ("the deaths of up
to 30", "the arrest of 12"). Words past a clause boundary belong to another figure ("500 have
gone, half of whom have returned" is a total).
"""

from __future__ import annotations

import functools
import re

from pipelines.claims.countries import country_at, find_countries
from pipelines.claims.numbers import FIGURE_PATTERN
from pipelines.claims.patterns import at_word_start
from pipelines.claims.populations import counted_word, find_head

STATUSES = ("total", "killed", "wounded", "captured", "returned", "detained")

# Longest forms first within each status; matched as whole words, case-insensitive.
_CUES = {
    "killed": [
        r"missing,? (?:and )?presumed dead",
        r"presumed dead",
        r"killed",
        r"killing",
        r"died",
        r"dead",
        r"deaths?",
        r"slain",
        r"perished",
        r"lost their lives",
        r"bodies",
        r"corpses",
        r"drowned",
        r"drown",
        r"drowns",
        r"destroyed",
        r"eliminated",
        r"fallen",
        r"executed",
        r"buried",
        r"die",
        r"dying",
        r"casualties",
    ],
    "wounded": [r"wounded", r"wounding", r"injured", r"injuring", r"injuries", r"hurt"],
    "captured": [
        r"captured",
        r"capture",
        r"missing",
        r"prisoners?(?: of war)?",
        r"pows?",
        r"held captive",
        r"taken prisoner",
        r"taken captive",
        r"in captivity",
        r"surrendered",
        r"swapped",
        r"exchanged",
        r"held by",
        r"held hostage",
        r"hostages?",
        r"kidnapped",
        r"abducted",
    ],
    "returned": [
        r"returned",
        r"returning",
        r"returnees?",
        r"came back",
        r"come back",
        r"coming back",
        r"back home",
        r"repatriated",
        r"returns? (?:from|home)",
        r"withdr[ae]wn?",
        r"withdraws",
        r"withdrawing",
        r"withdrawals?",
        r"pull(?:ed|ing|s)? out",
        r"(?:be|are|were|is|get|got|come|came|coming) home",
        r"brought home",
    ],
    "detained": [
        r"arrested",
        r"arrests?",
        r"detained",
        r"detainees?",
        r"deportees?",
        r"stopped\s+by",
        r"turned\s+away",
        r"detention",
        # Held or kept somewhere ("are being held at a base", "kept in a makeshift camp");
        # "held by" and "held hostage" are captives (captured, tried first).
        r"(?:held|kept|confined)\s+(?:in|at|inside|without)",
        r"being\s+held",
        r"(?:found|pleaded|pled|pleads|plead|pleading|admitted being)\s+guilty",
        r"indicted",
        r"indictments?",
        r"(?:face|faces|facing|faced|stand|stood|standing)\s+trial",
        r"(?:prevented|blocked)\s+from",
        r"extraditions?",
        r"into custody",
        # Held somewhere, not by someone: "in custody", "in Kurdish-run prisons", "in jail".
        r"in\s+(?:[\w-]+\s+){0,2}?(?:custody|prisons?|jails?)",
        r"(?:face|faces|facing|faced)\s+(?:[\w-]+\s+)?charges",
        # Before a court, on remand, awaiting trial: charged ("appeared before magistrates").
        r"(?:appeared|appear|appears|appearing)\s+(?:in|before)\s+(?:a\s+|the\s+)?(?:[\w-]+\s+)?"
        r"(?:courts?|judges?|magistrates|tribunals?)",
        r"on\s+remand",
        r"remanded",
        r"awaiting\s+(?:their\s+)?(?:trial|deportation|extradition|sentencing)",
        r"held\s+for\s+questioning",
        r"handed\s+(?:over\s+)?to\s+(?:the\s+)?(?:[\w-]+\s+)?(?:police|authorities|prosecutors)",
        r"acquitted",
        r"fined",
        # A state's sanctions on its own people, as a cancelled passport is.
        r"(?:stripped|deprived)\s+of\s+(?:their\s+)?(?:[\w-]+\s+)?(?:citizenship|nationality)",
        r"banned\s+from",
        # Stopped at a border: "stranded at Balkan border crossings", "stuck at the frontier".
        r"(?:stranded|stuck|trapped)\s+(?:at|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:border|frontier)",
        r"behind bars",
        r"incarcerated",
        r"interned",
        r"locked up",
        r"rounded up",
        r"pushed back",
        r"pushbacks?",
        r"(?:refused|denied) entry",
        r"caught",
        r"seized",
        r"apprehended",
        r"apprehensions?",
        r"under investigation",
        r"on suspicion",
        r"expelled",
        r"expulsions?",
        r"enforced removals?",
        r"charged",
        r"convicted",
        r"sentenced",
        r"sentences",
        r"jailed",
        r"jails",
        r"detains",
        r"imprisoned",
        r"prosecuted",
        r"prosecutions?",
        r"on trial",
        r"(?:were|was|been|being|be|are|is)\s+tried",  # on trial, not "tried in vain"
        r"deported",
        r"forcibly (?:returned|removed|sent back|repatriated|deported|expelled)",
        r"removed to",
        r"deportations?",
        r"extradited",
        r"stopped (?:at|from|before|in)",
        r"turned back",
        r"towed back",
        r"intercepted",
        r"passports? (?:cancelled|canceled|seized|confiscated|"
        r"revoked|removed|withdrawn)",
        r"(?:cancelled|canceled|seized|confiscated|revoked|"
        r"removed|withdrawn) (?:the |their )?passports?",
        r"barred from",
        r"cancelled",
        r"canceled",
        r"revoked",
        r"confiscated",
    ],
}
_PATTERN = re.compile(
    at_word_start(
        "|".join(rf"(?P<{status}>\b(?:{'|'.join(words)})\b)" for status, words in _CUES.items())
    ),
    re.I,
)
# Where a count's clause ends after it: punctuation, or a conjunction that starts another one.
_CLAUSE_END = re.compile(
    r"[,;:.!?()\[\]—–](?!\s*(?:and\s+)?presumed)|\s-\s|\s(?:and(?!\s+presumed)|but|while|whereas"
    r"|although|though|including|among|of whom"
    r"|compared)\s",
    re.I,
)
_AFTER_WORDS = 14  # a clause's verb comes within this many words of the number
_WINDOW_CHARACTERS = 400
_WORD = re.compile(r"\s*\S+")
# An aside between commas or dashes after the counted phrase ("including three children",
# "believed to be radicalised men from London", "aged 17 to 20").
_ASIDE = re.compile(
    r"(?P<head>(?:[^,;:.()—–-]|(?<=\w)-(?=\w)){0,40}?)\s*(?:,|\s[—–-])\s*(?:including|among them"
    r"|mostly|all|most of them|some of them|many of them|believed to be|thought to be|aged|both"
    r"|each|who|whose|which)\b"
    r"[^,;:.()—–]{0,80}?(?:,|\s[—–-])"
    r"|(?P<quoted>(?:[^,;:.()—–-]|(?<=\w)-(?=\w)){0,40}?),\s*[\"“‘][^\"“”‘’]{1,80}[\"”’],"
    r"|(?P<dashed>(?:[^,;:.()—–-]|(?<=\w)-(?=\w)){0,40}?)\s[—–-]\s[^.;]{1,80}?"
    r"(?=\b(?:have|has|had|were|was|are|is|will)\b)"
)
# A parenthesis in the counted phrase is an aside: the clause's verb comes after it.
_PARENTHESIS = re.compile(r"\s*\([^()]{0,80}\)")
# A verb or noun right before the figure that governs it: "arrested 12", "the deaths of up to
# 30", "among the dead were 40", "killed alongside two"; "the passports of 150 people" is not
# one (the cue must end right before the figure).
_LEAD = re.compile(
    r"(?:(?:\s+|(?<=[\"“‘']))(?:of|to|the|its|their|another|some|about|around|nearly|almost"
    r"|at least|more than|a total|a further|an additional|a record"
    r"|over|up to|as many as|an estimated|roughly|approximately|alongside|were|was|are|is"
    r"|included)\b|\s*[\"“‘'])*\s*$",
    re.I,
)
# The whole of a partitive: "three of the 700 soldiers", "150 of its 400 troops".
_WHOLE_DETERMINERS = ("the", "its", "their", "these", "those")
_WHOLE_ENDINGS = (*_WHOLE_DETERMINERS, "out of")  # how a partitive before a whole ends
_WHOLE_BEFORE = re.compile(
    rf"(?:{FIGURE_PATTERN}|\b(?:dozens|hundreds|thousands|some|many|most|all|half))"
    rf"\s+(?:of\s+(?:{'|'.join(_WHOLE_DETERMINERS)})|out\s+of(?:\s+(?:{'|'.join(_WHOLE_DETERMINERS)}))?)"
    rf"\s+$",
    re.I,
)
# What opens the next item of an enumeration after its comma or "and": determiners, qualifiers.
_ITEM_OPENERS = (
    r"(?:(?:an?|the|another|additional|further|some|about|around|nearly|over|more\s+than"
    r"|at\s+least|almost)\s+){0,3}"
)
# What separates two items of an enumeration: their phrases, a comma or "and", a determiner.
_ENUMERATION_LINK = re.compile(
    rf"[^.;:()]{{0,60}}?(?:,|\band\b|\bas well as\b)\s*{_ITEM_OPENERS}", re.I
)
_ITEM_REACH = 80  # characters from one item of an enumeration to the next's figure
# Items followed to the verb after the last: a list of counts in one clause is short, and a
# long one (a table run into a sentence) would be read again from every item.
_ITEMS_FOLLOWED = 8
# ... and only that, right after an item's own phrase.
_ITEM_LINK = re.compile(
    rf"\s*(?:,\s*(?:and\s+|or\s+)?|(?:and|or|as\s+well\s+as)\s+){_ITEM_OPENERS}", re.I
)
_OWN_VERB = re.compile(r"\b(?:were|was|are|is|have|has|had|will|be)\b", re.I)
_FIGURE = re.compile(FIGURE_PATTERN, re.I)
_WHOLE_AFTER = re.compile(rf"\s+of\s+(?:the|its|their|these|those)\s+{FIGURE_PATTERN}", re.I)
# A later clause of the same people: "freed after being captured" keeps the captured status
# (the eval contract).
_OF_THEM = re.compile(
    r"\b(?:when|after|before|until|as|since|despite|once)\s+(?:they\s+(?:were|had\s+been"
    r"|have\s+been|are|got)|being|having\s+been)\s+(?:\w+ly\s+)?",
    re.I,
)


@functools.lru_cache(maxsize=256)
def status_of(sentence: str, start: int, end: int) -> str:
    """The status of the count whose number is ``sentence[start:end]``; cached: a troop count is
    read once to tell an army's own losses apart and again for its claim."""
    return _status_of(sentence, start, end, _ITEMS_FOLLOWED)


def _status_of(sentence: str, start: int, end: int, items: int) -> str:
    """``status_of``, following at most ``items`` more items of an enumeration to its verb."""
    if _whole_before(sentence, start):
        return "total"  # "three of the seven volunteers were wounded": the part was, not the whole
    before = sentence[max(0, start - 60) : start]
    lead = _LEAD.search(before)
    stem = before[: lead.start()] if lead else before
    done_to = _done_to_them(stem)
    if done_to is not None:  # "killing two and wounding four": each verb its own figure's
        return done_to
    after = _clause_after(sentence, end)
    named = None  # a fate the counted noun names ("12 detainees"), unless a verb says another
    for match in _PATTERN.finditer(after):
        if _excepted(match, after) or _of_others(match, after):
            continue
        if named is None and match.group().lower() in _FATE_NOUNS and _is_noun_of(after, match):
            named = match.lastgroup or "total"
            continue
        return match.lastgroup or "total"  # "12 detainees died": the verb's
    if named is not None:
        return named
    if _CARRYING_BEFORE.search(sentence, max(0, start - 40), start) and _VESSEL_STOPPED.match(
        sentence, end, end + _WINDOW_CHARACTERS
    ):
        return "detained"  # "two boats, both carrying 46 asylum seekers, were intercepted"
    if _HOME_TO.search(before):
        stem = ""  # "Jordan is home to 600,000 Syrians": a place that hosts them
    for match in _PATTERN.finditer(stem):
        if match.end() == len(stem) and not _excepted(match, stem):
            return match.lastgroup or "total"
    if _STOPPED_BEFORE.search(stem) and not _SENT_HOME.match(sentence, end):
        return "detained"
    # The substring test first: the pattern tries 50 characters at each position.
    alongside = _ALONGSIDE.search(before) if "alongside" in before.lower() else None
    if alongside:  # "was killed in Dabiq alongside two militants": the same fate
        for match in reversed(list(_PATTERN.finditer(alongside.group("clause")))):
            if not _excepted(match, alongside.group("clause")):
                return match.lastgroup or "total"
    following = _next_item(sentence, end) if items else None
    if following is not None:  # "Three Britons, one Dane and one Pole were killed": the verb
        return _status_of(sentence, *following, items - 1)  # after the last item is every item's
    said = _status_said_of_them(sentence, end)
    return said if said != "total" else _status_of_the_tally(sentence, start)


def _done_to_them(stem: str) -> str | None:
    """The status a participle right before the figure gives it ("killing two", "wounding at
    least four"), if one does."""
    if not stem.lower().endswith("ing"):  # the cheap test: the pattern runs over the stem
        return None
    for match in _PATTERN.finditer(stem, max(0, len(stem) - 20)):
        if match.end() == len(stem) and not _excepted(match, stem):
            return match.lastgroup or "total"
    return None


# Verbs that stop people only when the figure is their object: "guards stopped 500 migrants",
# "Greece sent back 200 refugees" (but "500 volunteers stopped fighting", "sent back home").
_STOPPED_BEFORE = re.compile(r"\b(?:stopped|sent\s+back)\s*$", re.I)
_SENT_HOME = re.compile(r"(?:\s+[\w-]+){0,3}\s+home\b", re.I)
# Done to the people by someone, in the passive: "were returned", "was towed back".
_DONE_TO = r"\b(?:were|was|been|being|are|is|be|get|got)\s+(?:\w+ly\s+)?"
# People counted as a vessel's passengers share what is done to the vessel: stopped at sea,
# its people are stopped with it ("a boat carrying 60 migrants, ..., was towed back").
_CARRYING_BEFORE = re.compile(r"\b(?:carrying|carried|with)\s+$", re.I)  # qualifier: the figure's
_VESSEL_STOPPED = re.compile(
    r"(?:(?!\b(?:where|while|when|after|but|and|as)\b)[^.;\d])*?"
    + _DONE_TO
    + r"(?:intercepted|stopped|seized|impounded|turned\s+back|towed\s+back|pushed\s+back"
    r"|sent\s+back|detained)\b",
    re.I,
)


# Nouns of people that say their fate; the clause's own verb comes first ("12 detainees
# died" were killed).
_FATE_NOUNS = frozenset(
    ("detainee", "detainees", "deportee", "deportees", "hostage", "hostages", "returnee",
     "returnees", "prisoner", "prisoners", "prisoners of war", "pow", "pows")
)  # fmt: skip
_NOUN_WORDS = 3  # modifiers before a counted noun ("12 former Afghan detainees")


def _is_noun_of(after: str, match: re.Match[str]) -> bool:
    """Whether a cue is the counted noun: among the first words after the figure."""
    return len(after[: match.start()].split()) <= _NOUN_WORDS


_HOME_TO = re.compile(r"\bhome\s+to\s+(?:some\s+|about\s+|around\s+|over\s+|nearly\s+)?$", re.I)
# A noun of a fate with its own people after it ("the withdrawal of Kurdish forces") is theirs.
_OF_OTHERS = re.compile(r"\s+of\s+(?!(?:them|whom|these|those)\b)", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|their|its|his|her)\s+$", re.I)


def _of_others(match: re.Match[str], text: str) -> bool:
    """Whether a cue is a noun whose own people follow it: "300 police arrived to help the
    withdrawal of Kurdish forces" (but "face charges of mercenarism" is the count's)."""
    return bool(
        _OF_OTHERS.match(text, match.end())
        and _DETERMINER_BEFORE.search(text, max(0, match.start() - 8), match.start())
    )


# Killed, captured, ... "alongside" the figure in the same clause: they shared the fate.
_ALONGSIDE = re.compile(r"(?P<clause>[^,;:.()]{1,50})\balongside\s+$", re.I)


# A figure given as the value of a named tally: "the death toll rose to 50", "taking the number
# of Britons killed fighting this year to at least 35".
_TALLY = re.compile(
    r"\b(?:(?P<toll>death|casualty)\s+tolls?|(?:number|total|tally|count)\s+of\s+"
    r"(?P<counted>(?:[\w-]+\s+){0,3}[\w-]+))",
    re.I,
)
_TALLY_WORDS = ("toll", "number", "total", "tally", "count")  # one is in every tally
_TALLY_REACH = 150  # characters before the figure where its tally is named


def _whole_before(sentence: str, start: int) -> bool:
    """Whether the figure at ``start`` is a part of a whole named before it ("three of the")."""
    window_start = max(0, start - 40)
    before = sentence[window_start:start]
    # The cheap test of how the window must end first: most figures have no partitive before.
    if not before[-1:].isspace() or not before.rstrip().lower().endswith(_WHOLE_ENDINGS):
        return False
    return bool(_WHOLE_BEFORE.search(sentence, window_start, start))


def _status_of_the_tally(sentence: str, start: int) -> str:
    """The status a tally named before the figure gives it, if no other figure comes between:
    a death toll's figure counts the dead, "the number of migrants detained" the detained."""
    window_start = max(0, start - _TALLY_REACH)
    before = sentence[window_start:start]
    if not any(word in before.lower() for word in _TALLY_WORDS):
        return "total"  # no tally named: the figures before need not be looked for
    figures = list(_FIGURE.finditer(before))
    if figures:
        before = before[figures[-1].end() :]
    found = "total"
    for tally in _TALLY.finditer(before):
        if tally.group("toll"):
            found = "killed"
            continue
        cue = _PATTERN.search(tally.group("counted"))
        if cue and not _excepted(cue, tally.group("counted")):
            found = cue.lastgroup or "total"
    return found


def _status_said_of_them(sentence: str, end: int) -> str:
    """A fate a later clause tells of the counted people, before any other figure: "the two
    Russians were no longer soldiers when they were captured", "two men returned home despite
    being arrested"."""
    rest = sentence[end:]
    if not _OF_THEM.search(rest):
        return "total"  # no clause of them: the next figure need not be looked for
    other = _FIGURE.search(rest)
    rest = rest[: other.start()] if other else rest
    for clause in _OF_THEM.finditer(rest):
        match = _PATTERN.match(rest, clause.end())
        if match and not _excepted(match, rest):
            return match.lastgroup or "total"
    return "total"


def shares_status(sentence: str, previous_end: int, start: int, end: int) -> bool:
    """Whether the count at ``start:end`` is the next item of an enumeration after the count
    ending at ``previous_end``, governed by the verb before both ("agents detained 300 migrants
    in May and an additional 400 in June"). A verb between the two ("15 drowned, 200 survived")
    or after the item ("200 were rescued") is the item's own."""
    between = sentence[previous_end:start]
    if not _ENUMERATION_LINK.fullmatch(between) or _PATTERN.search(between):
        return False
    return not _OWN_VERB.search(_clause_after(sentence, end))


def _next_item(sentence: str, end: int) -> tuple[int, int] | None:
    """The span of the next count when the one ending at ``end`` is an item of an enumeration
    with no verb of its own before it ("Three Britons, one Dane and ...")."""
    reach = min(len(sentence), end + _ITEM_REACH)
    head = find_head(sentence, end, reach, singular=True)
    following = _FIGURE.search(sentence, head.end, reach) if head else None
    if head is None or following is None:
        return None
    # Only the item's own phrase comes before the link: "Four Latvians left, and 3 ..." has a
    # verb of its own.
    return following.span() if _ITEM_LINK.fullmatch(sentence, head.end, following.start()) else None


def _clause_after(sentence: str, end: int) -> str:
    rest = _one_list_of_countries(_joined_nouns(sentence, end))
    whole = _WHOLE_AFTER.match(rest)
    if whole:  # "1,000 of the 11,000 troops sent there were killed": the part's verb is further
        rest = rest[whole.end() :]
    rest = _PARENTHESIS.sub("", rest[:_WINDOW_CHARACTERS])  # "(almost all jihadists)"
    aside = _ASIDE.match(rest)
    if aside:  # "11 migrants, including three children, drowned": the verb is past the aside
        kept = aside.group("head") or aside.group("dashed") or aside.group("quoted") or ""
        rest = kept + " " + rest[aside.end() :]
    window = "".join(_WORD.findall(rest)[:_AFTER_WORDS])
    boundary = _CLAUSE_END.search(window, 1)
    return window[: boundary.start()] if boundary else window


def _joined_nouns(sentence: str, end: int) -> str:
    """The sentence after a figure, people nouns joined by "and" read as one phrase: "80 men and
    women have been charged" is one count whose verb comes after both."""
    reach = min(len(sentence), end + _ITEM_REACH)
    head = find_head(sentence, end, reach)
    joined = _JOINED.match(sentence, head.end, reach) if head else None
    if head is None or joined is None:
        return sentence[end:]
    if counted_word(sentence, joined.end()) not in ("people", "agent"):
        return sentence[end:]  # "40 fighters and 12 women", "40 fighters and their weapons"
    return sentence[end : head.end] + " " + sentence[joined.end() :]


_JOINED = re.compile(r"\s+(?:and|or|&)\s", re.I)
_LISTED = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+", re.I)
_LISTED_NAME = re.compile(r"(?:,|\s(?:and|or|&))\s+[A-Z]")
_LIST_REACH = 160  # characters after a figure where its phrase may list countries


def _one_list_of_countries(rest: str) -> str:
    """``rest`` with the commas and "and" between listed countries blanked out: "21 fighters
    from Belgium and France were killed" is one phrase whose verb comes after the list, not a
    clause that ends at "and"."""
    if not _LISTED_NAME.search(rest, 0, _LIST_REACH):
        return rest  # the cheap test first: most phrases list no name
    named = find_countries(rest, 0, min(len(rest), _LIST_REACH))
    for first, second in zip(named, named[1:], strict=False):
        if _LISTED.fullmatch(rest, first.end, second.start):
            gap = second.start - first.end
            rest = rest[: first.end] + " " * gap + rest[second.start :]
    return rest


def returned_by_others(sentence: str, end: int) -> bool:
    """Whether the count ending at ``end`` is said to have been returned by someone ("41 asylum
    seekers were returned", "have been sent back to Turkey"): for migrants and refugees, a
    deportation, not a return of their own."""
    rest = sentence[end:].lower()
    if "returned" not in rest and "back" not in rest:
        return False  # the cheap test first: most counts are not said to be returned
    return _RETURNED_BY_OTHERS.search(_clause_after(sentence, end)) is not None


_RETURNED_BY_OTHERS = re.compile(_DONE_TO + r"(?:returned|sent\s+back)\b", re.I)


def returns_home(sentence: str, end: int, country: str) -> bool:
    """Whether the count ending at ``end``, of people of ``country``, is said to enter that
    country in its clause: "918,000 Afghans entered Afghanistan from Iran" came home."""
    clause = _clause_after(sentence, end)
    for entry in _ENTERS.finditer(clause):
        place = country_at(clause, entry.end())
        if place is not None and place.code == country and not place.demonym:
            return True
    return False


def leaves_a_host(sentence: str, end: int, country: str) -> bool:
    """Whether the count ending at ``end``, of refugees of ``country``, is said to leave another
    country in its clause, going nowhere else: "1.5 million Afghans have left Iran" went home;
    "... left Turkey for Greece" moved on."""
    clause = _clause_after(sentence, end)
    left = _LEFT.search(clause)
    if left is None or _ONWARD.search(clause, left.end()):
        return False
    place = country_at(clause, left.end())
    return place is not None and place.code != country and not place.demonym


_LEFT = re.compile(r"\b(?:left|leave|leaving|departed)\s+(?:the\s+)?", re.I)
_ONWARD = re.compile(r"\b(?:for|to|towards|into)\s+(?:the\s+)?[A-Z]|\bonward|\bfurther\b")
_ENTERS = re.compile(
    r"\b(?:entered|enter|entering|(?:arrived|arriving|came|crossed|crossing|went|headed)"
    r"\s+(?:back\s+)?(?:in|into|to))\s+(?:the\s+)?",
    re.I,
)


# A fate denied or only weighed is not the count's: "would not face prosecution", "no one was
# hurt", "the possibility of returning", "ways of returning".
_NOT_SO = re.compile(r"\b(?:not|never|no|without)\s+(?:\w+\s+){0,2}$", re.I)
_WEIGHED = re.compile(r"\b(?:of|about)\s+(?:being\s+)?$", re.I)


def _excepted(match: re.Match[str], text: str) -> bool:
    before = text[max(0, match.start() - 30) : match.start()]
    if _NOT_SO.search(before):
        return True
    return match.group().lower().endswith("ing") and bool(_WEIGHED.search(before))
