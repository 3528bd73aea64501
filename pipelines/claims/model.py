"""The claim: one figure about a group of people, as a sentence of an article states it."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from pipelines.dates import FuzzyDate, to_columns

QUALIFIERS = (
    "exact",
    "approximately",
    "nearly",
    "at_least",
    "more_than",
    "at_most",
    "less_than",
    "up_to",
)


# The population group of a count of countries ("volunteers from 52 countries"): kept as a claim,
# never compared with counts of people (the views' series_reports leaves it out).
COUNT_OF_COUNTRIES = "countries"


@dataclass(frozen=True)
class Claim:
    """A numeric claim about people found in an article's text.

    Offsets index the article text the extractor was given: ``text[start:end]`` is the number as
    written ("some 3,000", "between 1,000 and 1,500"), ``text[sentence_start:sentence_end]`` is
    ``sentence``. ``value`` is None for a range or when only a bound is known; ``low``/``high``
    are the honest bounds the wording implies (eval/ANNOTATING.md).
    """

    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    population: str  # lowercase plural noun as written: "volunteers", "foreign nationals"
    population_group: str  # series key grouping synonyms: "foreign_volunteers", "refugees"
    country: str | None  # ISO 3166-1 alpha-2 of the people's origin; None for totals and mixes
    countries: tuple[str, ...]  # every origin named for a mixed group; (country,) for one
    speaker: str | None  # as named in the text: "Dmytro Kuleba", "the Ukrainian embassy in Oslo"
    speaker_key: str | None  # normalized speaker: one key for the same official spelled three ways
    origin: str | None  # outlet cited as the origin of the figure ("European Pravda")
    direct_quote: bool  # the figure sits inside quotation marks attributed to the speaker
    sentence: str
    sentence_start: int
    sentence_end: int
    start: int
    end: int
    as_of: FuzzyDate | None  # the date the figure refers to; None when nothing is known
    as_of_source: str  # "text" (the sentence dates it), "published" (publication date), "unknown"
    rule: str  # the rule that produced the claim, for debugging and review
    status: str = "total"  # what the count is of: total, killed, wounded, captured, ... (status.py)
    confidence: float | None = field(default=None)

    def to_columns(self) -> dict[str, object]:
        """The claim's fields as columns of `claims` (sql/tables/06_claims.sql), the as-of date
        in its three; the row adds the ids, the mention as written and the extractor version."""
        columns: dict[str, object] = {f.name: getattr(self, f.name) for f in fields(self)}
        columns["countries"] = list(self.countries)
        del columns["as_of"]
        columns.update(to_columns(self.as_of, "as_of"))
        return columns

    @property
    def mention(self) -> str:
        """Not stored: the caller slices its own text; kept for symmetry in tests."""
        return self.sentence[self.start - self.sentence_start : self.end - self.sentence_start]
