"""Claim extraction: the people-count claims of an article, in text order.

Each number mention is read with what follows it (``populations``): a people noun makes it a
claim, anything else (tanks, kilometres, dollars, years) does not. Three rules add counts
without a noun of their own: a number followed by what people do ("1 million have fled"), a
bare figure in a sentence about a count ("the number of refugees reached 5 million"), and a
count of countries people come from ("from 52 countries"). Country, speaker and date come from
``countries``, ``attribution``/``speakers`` and ``asof``; context carries over where the text
plainly continues a figure ("The figure could be as high as 700").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from pipelines.claims import origin, rules, scope
from pipelines.claims.asof import find_as_of
from pipelines.claims.attribution import (
    Attribution,
    choose,
    find_attributions,
    interviewing_outlet,
)
from pipelines.claims.confidence import Evidence, confidence
from pipelines.claims.markup import without_markup
from pipelines.claims.model import COUNT_OF_COUNTRIES, Claim
from pipelines.claims.numbers import NumberMention, find_numbers
from pipelines.claims.populations import LOCALS, Context
from pipelines.claims.quotes import inside_quotes
from pipelines.claims.sentences import Sentence, split_sentences
from pipelines.claims.speakers import (
    SpeakerResolver,
    is_first_person,
    is_named,
    is_pronoun,
    key_of,
    person_named_in,
)
from pipelines.claims.status import (
    leaves_a_host,
    returned_by_others,
    returns_home,
    shares_status,
    status_of,
)
from pipelines.dates import FuzzyDate

EXTRACTOR_VERSION = "2026.12.08-133"
_CONTEXT = 3  # sentences before a claim that may say what its noun counts ("applications")
_PRONOUN_REACH = 8  # "he said" refers to a speaker named at most this many sentences before


@dataclass
class _Document:
    """What one pass over a document remembers from sentence to sentence."""

    text: str
    sentences: list[Sentence]
    resolver: SpeakerResolver
    published: FuzzyDate | None
    last: Claim | None = None
    last_index: int = -1
    claims: list[Claim] = field(default_factory=list)  # so far, in text order
    # The last claim of each figure and its sentence: whom "the three" means.
    by_figure: dict[int, tuple[Claim, int]] = field(default_factory=dict)
    _attributions: dict[int, list[Attribution]] = field(default_factory=dict)
    _dates: dict[int, FuzzyDate | None] = field(default_factory=dict)

    @functools.cached_property
    def countries(self) -> origin.DocumentCountries:
        """The countries the document names, by position."""
        return origin.DocumentCountries(self.text, self.sentences)

    @functools.cached_property
    def _names_people_of_interest(self) -> bool:
        return rules.topical(self.text)

    @property
    def topical(self) -> bool:
        """Whether the document is about people of interest: it names them (``rules.topical``),
        or a rule already read a count of them ("at least 69 Indians had been recruited")."""
        return self._names_people_of_interest or any(
            c.population_group not in _BYSTANDERS for c in self.claims
        )

    def attributions(self, index: int) -> list[Attribution]:
        """The attributions of sentence ``index``, computed once."""
        if index not in self._attributions:
            self._attributions[index] = find_attributions(self.sentences[index].text)
        return self._attributions[index]

    def as_of(self, index: int) -> FuzzyDate | None:
        """The date sentence ``index`` gives its figures (``find_as_of``), found once."""
        if index not in self._dates:
            self._dates[index] = find_as_of(self.sentences[index].text, self.published)
        return self._dates[index]

    def last_person(self, index: int) -> str | None:
        """The last named speaker before sentence ``index``: whom "he said" refers to."""
        for previous in range(index - 1, max(-1, index - _PRONOUN_REACH), -1):
            for attribution in reversed(self.attributions(previous)):
                if attribution.outlet is None and is_named(attribution.speaker):
                    start = self.sentences[previous].start
                    return self.resolver.resolve(attribution.speaker, start)
        return None


_BYSTANDERS = frozenset({"people", COUNT_OF_COUNTRIES})  # groups that make no story topical
_DISPLACED = re.compile(r"\bdisplace(?:d|ment)\b|\btheir homes\b|\bhomeless\b", re.I)
# A place's people counted: "10,000 residents", "4,000 frightened villagers".
_LOCALS = re.compile(rf"\s+(?:[\w-]+\s+)?{LOCALS}\b", re.I)
_LOSSES = frozenset({"killed", "wounded", "captured"})  # statuses of losses in battle
_ESTIMATED = re.compile(
    r"\bestimat(?:e|es|ed|ing)\b(?:\s+(?:that|in\s+\w+\s+that))?|\bput\s+(?:the|its|their)"
    r"\s+(?:figure|number|total|tally)(?:\s+of\s+(?:[\w’'-]+\s+){0,3}?[\w’'-]+)?\s+at\b",
    re.I,
)
_ESTIMATE_REACH = 100  # characters before a figure where "estimates that" governs it


@dataclass(frozen=True)
class Reading:
    """One number mention and what the extractor made of it."""

    sentence: Sentence
    mention: NumberMention
    features: dict[str, float]  # what the scope model sees (``scope.features``)
    claim: Claim | None
    origins: tuple[origin.Candidate, ...] = ()  # the claim's possible countries, described
    evidence: Evidence = Evidence()  # what the models said of the claim (its confidence's input)


def extract_claims(text: str, published: FuzzyDate | None = None) -> list[Claim]:
    """All people-count claims in an article's text, in text order."""
    readings = read_mentions(text, published, claims_only=True)
    return [r.claim for r in readings if r.claim is not None]


# A text that takes extraction down its main paths (a qualified count of a nationality, a
# named speaker, a date, a host country, an attribution), so that `warm_up` loads what they use.
_WARM_UP_TEXT = (
    "On 3 March 2022, Defence Minister Ola Nordmann said some 300 Norwegians had volunteered "
    "to fight in Ukraine. More than 2,000 Syrian refugees have fled to Turkey, officials believe."
)


def warm_up() -> None:
    """Load what extraction loads on first use (lexicons, models, compiled patterns) in this
    process: workers forked from it then share them, where each worker would load its own copy
    at every run, a fixed cost that a run of a few new articles feels."""
    extract_claims(_WARM_UP_TEXT)


def read_mentions(
    text: str,
    published: FuzzyDate | None = None,
    scope_model: bool = True,
    origin_model: bool = True,
    claims_only: bool = False,
) -> list[Reading]:
    """Every number mention of an article, in text order, with the claim it makes if any.

    The rules read each mention; the scope model then takes a mention the rules pass over when
    it is confident the mention counts people, and drops a rule's claim when it is confident
    the mention does not; the origin model chooses each claim's country among the document's.
    Training turns a model off to learn from what the extractor does without it.
    ``claims_only``: leave out the mentions no verdict of the scope model could make a claim
    (a year, a sum of money, a count of things), without describing them for it: the same
    claims, for less work.
    """
    article = text
    text = without_markup(article)  # read without links and tags, quoted with them
    sentences = split_sentences(text)
    doc = _Document(text, sentences, SpeakerResolver(text), published)
    readings: list[Reading] = []
    for index, sentence in enumerate(sentences):
        mentions = find_numbers(sentence.text)
        if not mentions:
            continue  # most sentences hold no number
        context = Context.of([s.text for s in sentences[max(0, index - _CONTEXT) : index]])
        for mention in mentions:
            distance = index - doc.last_index
            earlier = doc.by_figure.get(mention.value) if mention.value is not None else None
            same_figure = (earlier[0], index - earlier[1]) if earlier else None
            found = rules.read(sentence.text, mention, doc.last, distance, context, same_figure)
            unruled = None
            if found is None and claims_only and scope_model:
                unruled = rules.read_unruled(
                    sentence.text, mention, doc.last, distance, context, topical=doc.topical
                )
                if unruled is None:
                    continue
            named = scope.features(
                sentence.text,
                mention,
                found.rule if found else None,
                found.group if found else None,
                bool(found and found.country),
                context,
                headline=index == 0,
            )
            chance = scope.probability(named)
            verdict = scope.verdict(chance, ruled=found is not None) if scope_model else None
            if verdict is True and found is None:
                found = unruled or rules.read_unruled(
                    sentence.text, mention, doc.last, distance, context, topical=doc.topical
                )
            elif verdict is False:
                found = None
            claim: Claim | None = None
            origins: tuple[origin.Candidate, ...] = ()
            evidence = Evidence()
            if found is not None and _home_losses(doc, sentence.text, found):
                found = None
            if found is not None:
                claim, origins, margin = _claim(doc, index, sentence, found, origin_model)
                evidence = Evidence(chance, margin)
                claim = replace(claim, confidence=confidence(claim, evidence))
                shares = _each_country(doc, sentence, claim)
                if claim.population_group != COUNT_OF_COUNTRIES:
                    doc.claims.extend(shares or [claim])
                    doc.last, doc.last_index = doc.claims[-1], index
                    if claim.value is not None:
                        doc.by_figure[claim.value] = (doc.last, index)
                if shares:  # the text gave each its country: no origin was chosen among others
                    readings += [Reading(sentence, mention, named, s, (), evidence) for s in shares]
                    continue
            readings.append(Reading(sentence, mention, named, claim, origins, evidence))
    return readings if text == article else _quoting(article, readings)


def _quoting(article: str, readings: list[Reading]) -> list[Reading]:
    """The readings with their sentences as the article has them, markup and all (the text
    read had it blanked out: the offsets are the same)."""
    quoted: dict[int, Sentence] = {}
    restored = []
    for reading in readings:
        s = reading.sentence
        sentence = quoted.setdefault(s.start, Sentence(article[s.start : s.end], s.start, s.end))
        claim = reading.claim and replace(reading.claim, sentence=sentence.text)
        restored.append(replace(reading, sentence=sentence, claim=claim))
    return restored


def _each_country(doc: _Document, sentence: Sentence, claim: Claim) -> list[Claim]:
    """One claim per country when the figure holds for each of several ("about 100 men from
    each country"); [] otherwise. They share the mention's offsets (`rows.claim_rows`)."""
    if claim.population_group == COUNT_OF_COUNTRIES:
        return []
    codes = origin.shared_by(doc.countries, sentence, claim.start, claim.end)
    return [replace(claim, country=code, countries=(code,)) for code in codes]


def _qualifier(sentence: str, mention: NumberMention) -> str:
    """The figure's qualifier; an exact one said as an estimate is approximate ("the CIA
    estimates that 2,000", "put the figure at 10,000"), as "an estimated 2,000" is."""
    before = sentence[max(0, mention.start - _ESTIMATE_REACH) : mention.start]
    if mention.qualifier == "exact" and _ESTIMATED.search(before):
        return "approximately"
    return mention.qualifier


def _home_losses(doc: _Document, sentence: str, found: rules.Found) -> bool:
    """Troops of the country the document is about, killed, wounded or captured: an army's
    losses in its own war ("40 Ukrainian soldiers were killed" in a story on Ukraine), not
    troops sent abroad, which are in scope."""
    if found.group != "troops" or found.country is None:
        return False
    if found.country != doc.countries.main:
        return False
    return status_of(sentence, found.mention.start, found.mention.end) in _LOSSES


def _claim(
    doc: _Document, index: int, sentence: Sentence, found: rules.Found, origin_model: bool
) -> tuple[Claim, tuple[origin.Candidate, ...], float | None]:
    mention = found.mention
    attribution, outlet = choose(doc.attributions(index), mention.start)
    outlet = outlet or interviewing_outlet(sentence.text)
    quoted = inside_quotes(sentence.text, mention.start)
    if attribution is None and quoted:
        attribution = _neighbour_attribution(doc, index)
    elif attribution is not None and is_first_person(attribution.speaker):
        # "I believe ..." inside a quote: the speaker is whoever the sentence or a neighbour
        # says is quoted ("Mr Smith said: 'I believe my two sons ...'").
        attribution = _quoted_person(doc, index) or attribution
    speaker = None
    if attribution is not None:
        last_person = None  # whom a pronoun means, looked for only for a pronoun
        if attribution.speaker.lower() in ("he", "she"):  # a person this sentence names first
            last_person = person_named_in(sentence.text[: attribution.verb_start])
        if last_person is None and is_pronoun(attribution.speaker):
            last_person = doc.last_person(index)
        speaker = doc.resolver.resolve(attribution.speaker, sentence.start, last_person)
    as_of = doc.as_of(index)
    source = "text" if as_of else ("published" if doc.published else "unknown")
    country, countries = found.country, found.countries
    # "the 21 migrants": the people an earlier claim counted, read once for country and status.
    named_before = _named_before(doc, sentence.text, found)
    if named_before is not None and named_before.country is not None and not countries:
        # "Three Britons were killed ... The three men had travelled in May": the figure said
        # again with "the" is the group counted before, and they are from where they were.
        country, countries = named_before.country, named_before.countries
    elif found.group == "refugees" and not countries and doc.countries.fled:
        country, countries = doc.countries.fled, (doc.countries.fled,)
    elif (
        found.group == "refugees"
        and not countries
        and (_DISPLACED.search(sentence.text) or _LOCALS.match(sentence.text, mention.end))
    ):
        # A sentence on displacement speaks of the people of the country at war, the one the
        # document names most ("10 million displaced ..., 3 million refugees have left"), and so
        # does flight of a place's people ("as 10,000 residents fled").
        main = doc.countries.main
        country, countries = main, ((main,) if main else ())
    elif found.group in rules.SENT_GROUPS and not countries:
        sender = doc.countries.sender(sentence.text[mention.end :])
        country, countries = sender, ((sender,) if sender else ())
    origins: tuple[origin.Candidate, ...] = ()
    margin = None
    if found.group != COUNT_OF_COUNTRIES and not countries:  # the model fills in the origin
        origins = tuple(
            origin.candidates(
                doc.countries,
                index,
                sentence.start + mention.start,
                sentence.start + mention.end,
                found.group,
                found.population,
            )
        )
        if origin_model:
            country, margin = origin.choose(list(origins))
            countries = (country,) if country else ()
    claim = Claim(
        value=mention.value,
        low=mention.low,
        high=mention.high,
        qualifier=_qualifier(sentence.text, mention),
        population=found.population,
        population_group=found.group,
        country=country,
        countries=countries,
        speaker=speaker,
        speaker_key=key_of(speaker),
        origin=outlet,
        direct_quote=quoted and speaker is not None,
        sentence=sentence.text,
        sentence_start=sentence.start,
        sentence_end=sentence.end,
        start=sentence.start + mention.start,
        end=sentence.start + mention.end,
        as_of=as_of or doc.published,
        as_of_source=source,
        rule=found.rule,
        status=_status(doc, index, sentence, found, named_before),
    )
    return claim, origins, margin


def _status(
    doc: _Document,
    index: int,
    sentence: Sentence,
    found: rules.Found,
    named_before: Claim | None,
) -> str:
    """The count's own status; an item of an enumeration without one takes its whole's
    ("five were killed: three Britons, one Dane and one Pole"), a definite count the status of
    the claim it means (``named_before``)."""
    mention_end = found.mention.end
    status = status_of(sentence.text, found.mention.start, mention_end)
    home = found.country
    if status == "total" and home is not None and returns_home(sentence.text, mention_end, home):
        return "returned"  # "300 Syrians crossed back into Syria"
    if (
        status == "total"
        and home is not None
        and found.group == "refugees"
        and leaves_a_host(sentence.text, mention_end, home)
    ):
        return "returned"  # "1.5 million Afghans have left Iran"
    if (
        status in ("returned", "total")
        and found.group == "refugees"
        and returned_by_others(sentence.text, mention_end)
    ):
        return "detained"  # "41 asylum seekers were returned": deported
    if status != "total" or doc.last is None:
        return status
    if named_before is not None:  # "the 21 migrants": the ones an earlier claim counted
        return named_before.status
    included = rules.is_part(sentence.text, found.mention.start) and doc.last_index == index
    if found.rule == "subgroup" or included:  # "1,171 killed, including 1,119 jihadists"
        return doc.last.status
    if found.rule == "compared":  # "5,300 removals, down from 8,000": the same kind of count
        return doc.last.status
    mention = found.mention
    if doc.last_index == index and shares_status(
        sentence.text, doc.last.end - sentence.start, mention.start, mention.end
    ):
        return doc.last.status
    return status


def _named_before(doc: _Document, sentence: str, found: rules.Found) -> Claim | None:
    """The earlier claim of the same people and figure a definite count refers back to ("21
    migrants were detained ... The 21 migrants are from Honduras"), if any."""
    mention = found.mention
    if mention.value is None or mention.value < 2:
        return None
    if not rules.is_definite(sentence, mention.start):
        return None
    same = [c for c in doc.claims if c.value == mention.value and c.population_group == found.group]
    return same[-1] if same else None


def _quoted_person(doc: _Document, index: int) -> Attribution | None:
    """Who a first-person quote in sentence ``index`` is by: another speaker the sentence
    names, else a neighbour's (``_neighbour_attribution``)."""
    others = [
        a for a in doc.attributions(index) if a.outlet is None and not is_first_person(a.speaker)
    ]
    if others:
        return others[0]
    neighbour = _neighbour_attribution(doc, index)
    return neighbour if neighbour and not is_first_person(neighbour.speaker) else None


def _neighbour_attribution(doc: _Document, index: int) -> Attribution | None:
    """A quote's speaker named in the next sentence, or in a previous one ending with a colon."""
    if index + 1 < len(doc.sentences):
        following = doc.attributions(index + 1)
        if following:
            return following[0]
    if index > 0 and doc.sentences[index - 1].text.rstrip().endswith(":"):
        previous = doc.attributions(index - 1)
        if previous:
            return previous[-1]
    return None
