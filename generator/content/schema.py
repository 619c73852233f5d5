"""The content schema: one record class per kind of YAML record an editor writes.

Every field carries an attribute docstring; they become the field descriptions of
the JSON Schema and are checked against the content guide (docs/pages/content.md).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from .provenance import shown_parts

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Ids are lowercase ASCII words joined by single hyphens: safe as file names and URLs."""

_INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]"
)
"""Characters a reader cannot see, that reorder text, or that no XML, JSON or PDF file may hold (lone surrogates, U+FFFE, U+FFFF)."""


def _refuse_invisible(value: str) -> str:
    """Refuse control, zero-width and bidirectional-override characters: they hide or reorder what readers see."""
    match = _INVISIBLE.search(value)
    if match:
        char = match.group()
        name = unicodedata.name(char, "not a character" if unicodedata.category(char) in {"Cs", "Cn"} else "control character")
        raise ValueError(f"invisible character U+{ord(char):04X} ({name}) at position {match.start() + 1}; delete it")
    return value


RESERVED_IDS = frozenset({"index", "con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})
"""Ids that would clash with an index page or a device name on Windows."""


BOTTOM_LINE_WORDS = 35
"""Most words the one-sentence bottom line may have: it is what a phone's first screen opens with."""


def _refuse_long_bottom_line(value: str) -> str:
    """Refuse a bottom line longer than one short sentence."""
    words = len(value.split())
    if words > BOTTOM_LINE_WORDS:
        raise ValueError(f"{words} words; the bottom line is one sentence of at most {BOTTOM_LINE_WORDS} words (details go in bluf)")
    return value


def _refuse_reserved(value: str) -> str:
    """Refuse ids that cannot be page names."""
    if value in RESERVED_IDS:
        raise ValueError(f"'{value}' is reserved (index pages, Windows device names); choose another id")
    return value


Id = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=64), AfterValidator(_refuse_reserved)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000), AfterValidator(_refuse_invisible)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), AfterValidator(_refuse_invisible)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(?:-[A-Z]{2})?$")]

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_partial_date(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD, and only calendar dates that exist."""
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError("expected a date as YYYY-MM-DD (or YYYY-MM, or YYYY when only the year is known)")
    year, month, day = (int(part) if part else None for part in match.groups())
    try:
        _check_year(dt.date(year or 0, month or 1, day or 1))
    except ValueError as exc:
        raise ValueError(f"{value} is not a calendar date ({exc})") from None
    return value


def _check_year(value: dt.date) -> dt.date:
    """Refuse years outside 1–9998: year 0 does not exist, and the timeline needs a day after the last."""
    if not 1 <= value.year <= 9998:
        raise ValueError(f"year {value.year} is out of range 1–9998")
    return value


Date = Annotated[dt.date, AfterValidator(_check_year)]
"""A full date, YYYY-MM-DD, in years 1 to 9998."""


PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
"""A date known to the day, the month or only the year: 2025-08-18, 2025-08, 2014."""


class Record(BaseModel):
    """Base of every content record: unknown keys are errors, docstrings document fields (in the JSON Schemas: field_docs.py)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def shown(self, place: str) -> list[tuple[str, str]]:
        """The record's plain-text fields declared Shown in `place`, with a value: (field name, text), in declaration order."""
        return [(name, str(getattr(self, name))) for name in shown_fields(type(self), place) if getattr(self, name)]


@dataclass(frozen=True)
class Shown:
    """Where a plain-text field of a record appears besides the data downloads (which carry every field).

    Declared on the field (`role: Annotated[ShortText | None, Shown(FACTS, LINE)]`), so a new field
    is shown by its declaration and a catalogue label `<noun>.<field>`, with no template change."""

    places: tuple[str, ...]

    def __init__(self, *places: str) -> None:
        object.__setattr__(self, "places", places)


FACTS = "facts"
"""The facts list of the record's own page (an actor's profile)."""

LINE = "line"
"""The record's one-line summary after its kind, on the printed register and the list of actors."""


def shown_fields(model: type[BaseModel], place: str) -> list[str]:
    """The fields of a record class declared Shown in `place`, in declaration order."""
    return [name for name, info in model.model_fields.items() if any(isinstance(m, Shown) and place in m.places for m in info.metadata)]


class Confidence(StrEnum):
    """The analyst's confidence in a judgement (ICD 203): low, moderate or high."""

    low = "low"
    moderate = "moderate"
    high = "high"


class Likelihood(StrEnum):
    """The ICD 203 words for how likely a judged outcome is, from least to most likely."""

    almost_no_chance = "almost_no_chance"
    very_unlikely = "very_unlikely"
    unlikely = "unlikely"
    roughly_even_chance = "roughly_even_chance"
    likely = "likely"
    very_likely = "very_likely"
    almost_certain = "almost_certain"


class Strength(StrEnum):
    """How strong the evidence for a stance is, from who reports it and how many sources back it."""

    weak = "weak"
    medium = "medium"
    strong = "strong"


class EventStatus(StrEnum):
    """Whether an event has happened, is scheduled, or is only expected."""

    happened = "happened"
    planned = "planned"
    expected = "expected"


class FigureBound(StrEnum):
    """How the source bounds a number: "more than 100,000" is a lower bound, "up to 1.4 million" an upper one."""

    more_than = "more_than"
    at_least = "at_least"
    up_to = "up_to"
    at_most = "at_most"
    less_than = "less_than"


class EventOutcome(StrEnum):
    """What became of a planned or expected event once its date has passed."""

    happened = "happened"
    postponed = "postponed"
    cancelled = "cancelled"
    not_reported = "not_reported"


class Position(StrEnum):
    """Where an actor stands on a question at stake."""

    supports = "supports"
    conditional = "conditional"
    opposes = "opposes"
    undecided = "undecided"
    proposes = "proposes"


class ActorKind(StrEnum):
    """What sort of actor a record describes."""

    person = "person"
    state = "state"
    organisation = "organisation"
    coalition = "coalition"
    group = "group"


class ReporterKind(StrEnum):
    """Who the source says a stance comes from."""

    actor = "actor"
    spokesperson = "spokesperson"
    official = "official"
    anonymous_sources = "anonymous_sources"
    other_actor = "other_actor"
    outlet = "outlet"


class EventKind(StrEnum):
    """What sort of thing happened; meetings, calls and joint statements link actors."""

    meeting = "meeting"
    call = "call"
    statement = "statement"
    interview = "interview"
    military = "military"
    other = "other"


class FigureKind(StrEnum):
    """How a key number is read: a share of a whole, a count, or another amount."""

    share = "share"
    count = "count"  # type: ignore[assignment]  # shadows str.count, harmlessly
    amount = "amount"


StanceRef = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=129)]
"""A reference to the stances of one actor on one question: `actor-id/question-id`."""


class BasedOn(Record):
    """The records a judgement or takeaway rests on; at least one is required."""

    stances: list[StanceRef] = []
    """Stances as `actor-id/question-id` (every stance of that actor on that question)."""
    events: list[Id] = []
    """Ids of events in events.yaml."""
    figures: list[Id] = []
    """Ids of figures in figures.yaml."""
    context: list[Id] = []
    """Ids of context facts in this file's `context` list."""


class KeyJudgement(Record):
    """One analytic judgement of the briefing, with the analyst's confidence and its basis."""

    text: Text
    """The judgement, one or two sentences in the site's language."""
    confidence: Confidence
    """The analyst's confidence in the judgement (ICD 203): low, moderate or high."""
    likelihood: Likelihood | None = None
    """Optional ICD 203 likelihood word for the judged outcome (almost_no_chance … almost_certain)."""
    confidence_reason: ShortText | None = None
    """Why the confidence is above the ceiling its basis allows (see the Method page); shown to readers."""
    based_on: BasedOn
    """The stances, events, figures and context facts the judgement rests on."""
    hedge_checked: bool = False
    """True once a person has checked that the text keeps the hedges and conditions of what it rests on."""


class Takeaway(Record):
    """One takeaway of the bottom line, with its basis."""

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400), AfterValidator(_refuse_invisible)]
    """One or two sentences (at most 400 characters; Markdown allowed)."""
    based_on: BasedOn
    """The stances, events, figures and context facts the takeaway rests on."""
    hedge_checked: bool = False
    """True once a person has checked that the text keeps the hedges and conditions of what it rests on."""


class ContextFact(Record):
    """A fact from outside the stored sources, with its own reference; not verified against a stored text."""

    id: Id
    """Unique id, cited from `based_on.context` and used as the fact's anchor."""
    text: Text
    """The fact, in one or two sentences in the site's language."""
    reference: ShortText
    """Where the fact comes from (outlet, title, date), as a reader would look it up."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    """Link to the reference, if it is online."""


class Period(Record):
    """The days a briefing covers; events before `start` are background."""

    start: Date
    """First day covered (YYYY-MM-DD)."""
    end: Date
    """Last day covered (YYYY-MM-DD)."""


class Briefing(Record):
    """The briefing as a whole: `briefing.yaml`."""

    title: ShortText
    """Title shown on every page and on the PDF cover."""
    subtitle: ShortText | None = None
    """One line under the title."""
    as_of: Date
    """The date the briefing's facts are current to (YYYY-MM-DD)."""
    language: LanguageCode = "en"
    """Language of the site's own text (quotes keep their original language)."""
    authors: list[ShortText] = Field(min_length=1)
    """Authors or the desk that signs the briefing."""
    bottom_line: Annotated[ShortText, AfterValidator(_refuse_long_bottom_line)] | None = None
    """The bottom line in one sentence (at most 35 words), shown above the takeaways, first on a phone's screen."""
    bluf: list[Takeaway] = Field(min_length=1, max_length=5)
    """Bottom line up front: 1–5 takeaways, each one or two sentences with its basis."""
    key_judgements: list[KeyJudgement] = Field(min_length=1)
    """The briefing's analytic judgements, each with the analyst's confidence and its basis."""
    context: list[ContextFact] = []
    """Facts from outside the stored sources, each with its own reference (not verified against a stored text)."""
    handling: ShortText
    """Handling or caveat line printed on every page (e.g. who may read it, its limits)."""
    covers: Period
    """The period the briefing covers; earlier events are listed as background."""
    publish_full_text: bool = False
    """Publish each source's whole text instead of the cited paragraphs only (copyright!)."""


class Source(Record):
    """One source text: a record in `sources.yaml` and its text file."""

    id: Id
    """Unique id, used by citations (lowercase words joined by hyphens)."""
    outlet: ShortText
    """Who published it (news agency, paper, broadcaster)."""
    title: ShortText
    """The source's headline, or a descriptive title the curator gave it."""
    title_assigned: bool = False
    """True when the title was written by the curator because the source has none."""
    author: ShortText | None = None
    """Who wrote it, as the source names them (several separated by semicolons)."""
    published: PartialDate
    """Publication date: YYYY-MM-DD, or YYYY-MM or YYYY when the exact day is unknown."""
    published_inferred: bool = False
    """True when the date is inferred from the text rather than printed on it."""
    published_note: Text | None = None
    """How an inferred publication date was worked out."""
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    """Where the source can be read, if it is online."""
    language: LanguageCode
    """Language of the text, as a code (fr, en, de…)."""
    text_file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_./-]+\.txt$")]
    """Path of the full text, relative to the content folder; paragraphs are separated by blank lines."""
    captions: list[Annotated[int, Field(ge=1)]] = []
    """Numbers of the paragraphs that are photo or map captions, not body text."""
    headings: list[Annotated[int, Field(ge=1)]] = []
    """Numbers of the paragraphs that are sub-headings inside the text."""


class Actor(Record):
    """A person, state, organisation, coalition or group: a record in `actors.yaml`."""

    id: Id
    """Unique id, also the actor page's file name."""
    name: ShortText
    """Display name in the site's language."""
    kind: ActorKind
    """person, state, organisation, coalition or group."""
    role: Annotated[ShortText | None, Shown(FACTS, LINE)] = None
    """Office or function as of the briefing (e.g. President of the United States)."""
    affiliation: list[Id] = []
    """Ids of the actors this one belongs to or speaks for (a person's state, a state's alliance)."""
    description: Text
    """Two or three sentences on who this is and why it matters here (Markdown allowed)."""
    aliases: list[ShortText] = []
    """Names as they appear in the sources, used to count mentions ("M. Trump", "Kiev")."""
    wikidata: Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")] | None = None
    """Wikidata item id (Q…), when known."""
    was: list[Id] = []
    """Earlier ids of this record, so editions recorded before a rename still match it."""


class Topic(Record):
    """A question at stake: a record in `topics.yaml`."""

    id: Id
    """Unique id, also the question page's file name."""
    title: ShortText
    """Short title of the question."""
    question: Text
    """One line: the proposition being decided; "supports" means backing it."""
    was: list[Id] = []
    """Earlier ids of this record, so editions recorded before a rename still match it."""


class ReportedBy(Record):
    """Who the source says a stance comes from."""

    kind: ReporterKind
    """actor, spokesperson, official, anonymous_sources, other_actor or outlet."""
    actor: Id | None = None
    """Id of the spokesperson or other actor who reported it, if it is an actor."""
    note: ShortText | None = None
    """How the source describes who said it (e.g. "three sources close to the matter")."""


class Citation(Record):
    """A pointer to one paragraph of a source, with the words that support the fact."""

    source: Id
    """Id of the cited source."""
    paragraph: Annotated[int, Field(ge=1)]
    """Number of the cited paragraph (1 is the first block of text in the file)."""
    quote: Text
    """Words copied verbatim from that paragraph, in the source's language."""
    translation: Text | None = None
    """English translation of the quote; required when the source is not in the site's language."""
    reported_by: ReportedBy | None = None
    """Who this citation attributes the fact to, when it differs from the record's `reported_by`."""
    date: PartialDate | None = None
    """When the cited words were said, if the source says; a citation with its own `reported_by` is otherwise undated."""

    @property
    def quote_parts(self) -> list[str]:
        """The quote split at its marked omissions (`[…]`), which the pages show as a distinct mark."""
        return shown_parts(self.quote)


class Stance(Record):
    """An actor's position on a question: a record in `stances.yaml`."""

    actor: Id
    """Id of the actor taking the position."""
    topic: Id
    """Id of the question at stake."""
    position: Position
    """supports, conditional, opposes, undecided or proposes."""
    option: ShortText | None = None
    """The option put forward or rejected, when the question has several (e.g. a venue)."""
    summary: Text
    """One sentence stating the position in the site's language."""
    evidence: list[Citation] = Field(min_length=1)
    """One or more citations that show the position."""
    reported_by: ReportedBy
    """Who the source attributes the position to (a citation may name its own)."""
    joint_with: list[Id] = []
    """Other actors who hold this position jointly (one statement or one account for all)."""
    date: PartialDate | None = None
    """When the position was expressed, if the source says (YYYY-MM-DD, YYYY-MM or YYYY)."""
    strength: Strength | None = None
    """Curated evidence strength: may lower the derived one; raising it needs `strength_reason`."""
    strength_reason: ShortText | None = None
    """Why the curated strength differs from the derived one; shown to readers."""
    hedge_checked: bool = False
    """True once a person has checked that the summary keeps the hedge or condition of its cited passage."""

    @property
    def key(self) -> StanceKey:
        """What tells this stance apart from every other (validation refuses two with one key)."""
        return (self.actor, self.topic, self.option, self.reported_by.kind.value, self.reported_by.actor)


StanceKey = tuple[str, str, str | None, str, str | None]
"""A stance's identity: actor, question, option, and who reported it (kind and actor)."""


class DerivedDate(Record):
    """How a date was worked out from relative words in the source."""

    from_text: ShortText
    """The words in the source the date is derived from ("lundi", "trois jours après")."""
    note: ShortText | None = None
    """The reasoning, e.g. "the Monday before publication"."""


class Event(Record):
    """A dated entry on the timeline: a record in `events.yaml`."""

    id: Id
    """Unique id, also the event's anchor on the timeline."""
    date: PartialDate | None = None
    """When it happened or is due (YYYY-MM-DD, YYYY-MM or YYYY); leave out only with `when`."""
    when: ShortText | None = None
    """When, in words, for an undated or approximate time ("recently", "in the coming days"), in the site's language."""
    date_to: PartialDate | None = None
    """The last day of a range the source gives ("between 1 and 5 March": date 1 March, date_to 5 March)."""
    week: bool = False
    """True when the source gives only a week ("next week"): `date` is the week's Monday, shown as "week of …"."""
    approximate: bool = False
    """True when the date is only approximate (shown as "about")."""
    status: EventStatus = EventStatus.happened
    """happened, planned (scheduled: a vote, a deadline) or expected (announced, not fixed)."""
    outcome: EventOutcome | None = None
    """What became of a planned or expected event once its date passed: happened, postponed, cancelled or not_reported."""
    derived: DerivedDate | None = None
    """Set when the date is derived from relative words rather than printed."""
    time: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] | None = None
    """Local time as HH:MM, if the source gives one."""
    utc_offset: Annotated[str, StringConstraints(pattern=r"^[+-](0\d|1[0-4]):[0-5]\d$")] | None = None
    """Offset of that local time from UTC, as +HH:MM."""
    place: ShortText | None = None
    """Where it happened."""
    kind: EventKind
    """meeting, call, statement, interview, military or other."""
    actors: list[Id] = []
    """Ids of the actors taking part."""
    subjects: list[Id] = []
    """Ids of actors the event is about who did not take part (not linked as having met)."""
    reported_by: ReportedBy | None = None
    """Who the source says reports the event; left out, the outlet's own account."""
    title: ShortText
    """What happened, in one line."""
    description: Text | None = None
    """More detail, if needed (Markdown allowed)."""
    citations: list[Citation] = Field(min_length=1)
    """One or more citations for the event."""
    hedge_checked: bool = False
    """True once a person has checked that the title keeps the hedge or condition of its cited passages."""
    was: list[Id] = []
    """Earlier ids of this record, so editions recorded before a rename still match it."""

    @property
    def took_place(self) -> bool:
        """True only when the event happened: planned and expected events count once their outcome says so."""
        return self.status is EventStatus.happened or self.outcome is EventOutcome.happened


class Figure(Record):
    """A key number: a record in `figures.yaml`."""

    id: Id
    """Unique id, also the figure's anchor."""
    label: ShortText
    """What the number is, in a few words."""
    kind: FigureKind
    """share (of a whole), count or amount."""
    value: Annotated[float, Field(allow_inf_nan=False)]
    """The number itself (finite)."""
    unit: ShortText
    """Unit of the number (%, countries, km²…)."""
    approximate: bool = False
    """True when the source gives it as an approximation ("près de", "une trentaine")."""
    bound: FigureBound | None = None
    """When the source gives only a bound: more_than, at_least, up_to, at_most or less_than ("more than 100,000")."""
    value_to: Annotated[float, Field(allow_inf_nan=False)] | None = None
    """The other end of a range ("from 60 to 65": value 60, value_to 65), or the value it changed to with `change: true`."""
    change: bool = False
    """True when value → value_to is a change from one value to another, not a range of uncertainty."""
    as_written: ShortText | None = None
    """The number as the text writes it ("one eightieth"), shown next to the computed value."""
    measures: Text
    """What exactly it measures."""
    as_of: PartialDate
    """The date the number is valid for."""
    items: list[ShortText] = []
    """The things counted, when the source names them."""
    claimed_by: Id | None = None
    """Id of the actor whose claim the number is, when it is one side's claim rather than established."""
    citations: list[Citation] = Field(min_length=1)
    """One or more citations for the number."""
    was: list[Id] = []
    """Earlier ids of this record, so editions recorded before a rename still match it."""
