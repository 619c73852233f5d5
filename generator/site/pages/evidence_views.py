"""Views of the evidence every page shares (pure): strength chips, one entry per position of an actor on a
question (pooled evidence, or conflicting reports), the basis of takeaways and judgements, and what to watch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...content.schema import BasedOn, Citation, ContextFact, Event, KeyJudgement, Stance, Strength, Takeaway
from ...i18n import Catalogue
from ...model import evidence
from ...model.briefing import BriefingModel
from ...model.scales import CONFIDENCE_SCALE, LIKELIHOOD_SCALE, POSITION_SCALE, ScaleStep


@dataclass(frozen=True)
class Step:
    """A step of a scale with its words in the briefing's language, for the templates."""

    value: str
    symbol: str
    colour: str
    label: str
    meaning: str


def labelled(scale: tuple[ScaleStep, ...], catalogue: Catalogue) -> tuple[Step, ...]:
    """A scale's steps with their label and meaning in the catalogue's language."""
    return tuple(Step(s.value, s.symbol, s.colour, catalogue.text(s.label_key), catalogue.text(s.meaning_key)) for s in scale)


@dataclass(frozen=True)
class StrengthWords:
    """An evidence strength with its words in the briefing's language."""

    value: Strength
    symbol: str
    label: str
    meaning: str


@dataclass(frozen=True)
class AttributionWords:
    """An attribution class with its words in the briefing's language."""

    value: str
    style: str
    base: Strength
    label: str
    meaning: str


def strength_words(words: Catalogue, value: Strength) -> StrengthWords:
    """A strength's step with its words: Strong evidence, ■■■, what it means."""
    s = evidence.strength_step(value)
    return StrengthWords(s.value, s.symbol, words.text(f"strength.{s.value.value}"), words.text(f"strength_meaning.{s.value.value}"))


def attribution_words(words: Catalogue, a: evidence.AttributionStep) -> AttributionWords:
    """An attribution class with its words: On the record, what it means."""
    return AttributionWords(a.value, a.style, a.base, words.text(f"attribution.{a.value}"), words.text(f"attribution_meaning.{a.value}"))


def _words(model: BriefingModel) -> Catalogue:
    """The interface words of the briefing's language."""
    return Catalogue(model.content.briefing.language)


@dataclass(frozen=True)
class Chip:
    """An evidence strength as readers see it: the step, the attribution class that sets its style, and why."""

    strength: StrengthWords
    attribution: AttributionWords
    sources: int
    """How many independent sources (outlets) back it."""
    reason: str | None
    """The desk's written reason when the strength differs from the derived one."""
    raised: bool


@dataclass(frozen=True)
class Piece:
    """One piece of evidence of an entry, with the attribution it carries."""

    citation: Citation
    stance: Stance
    attribution: AttributionWords
    reporter: Any
    """The piece's ReportedBy: its own, or its stance's."""


@dataclass(frozen=True)
class Entry:
    """One actor's position on one question (and option): the stances that report it, pooled; or a conflict."""

    actor: str
    topic: str
    option: str | None
    positions: list[Step]
    """One step, or several when the reports conflict (in scale order)."""
    stances: list[Stance]
    chip: Chip
    pieces: list[Piece]
    joint_with: list[str]
    hedge: str | None = None
    """The hedge or condition marker of the first cited passage that has one: the entry is shown "hedged"."""

    @property
    def conflicting(self) -> bool:
        """True when the reports give different positions."""
        return len(self.positions) > 1


@dataclass(frozen=True)
class BasisItem:
    """One record a takeaway or judgement rests on, with what readers need to weigh it."""

    kind: str
    """stance, event, figure or context."""
    label: str
    record: Any
    chip: Chip | None = None


@dataclass(frozen=True)
class TakeawayView:
    """A takeaway of the bottom line and its basis."""

    takeaway: Takeaway
    basis: list[BasisItem]


@dataclass(frozen=True)
class JudgementView:
    """A key judgement: the analyst's confidence, its likelihood word, and its basis."""

    judgement: KeyJudgement
    confidence: Step
    likelihood: Step | None
    basis: list[BasisItem]


@dataclass(frozen=True)
class WatchItem:
    """A planned or expected event still ahead: when, what (hedged), and its status."""

    event: Event
    when: str
    title: str
    status: str


def chip(model: BriefingModel, assessment: evidence.Assessment) -> Chip:
    """The chip of an assessment, in the briefing's language."""
    words = _words(model)
    return Chip(
        strength_words(words, assessment.shown),
        attribution_words(words, assessment.attribution),
        assessment.independent_sources,
        assessment.reason,
        assessment.raised,
    )


def cell_entries(model: BriefingModel, actor: str, topic: str) -> list[Entry]:
    """The entries of one matrix cell: one per option, pooling agreeing stances and marking conflicting ones."""
    by_option: dict[str | None, list[Stance]] = {}
    for stance in model.cell(actor, topic):
        by_option.setdefault(stance.option, []).append(stance)
    return [_entry(model, actor, topic, option, stances) for option, stances in by_option.items()]


def _entry(model: BriefingModel, actor: str, topic: str, option: str | None, stances: list[Stance]) -> Entry:
    """Pool the stances of one actor on one question and option."""
    outlets = {source.id: source.outlet for source in model.sources.values()}
    values = {stance.position.value for stance in stances}
    positions = [s for s in labelled(POSITION_SCALE, _words(model)) if s.value in values]
    if len(positions) == 1:
        assessment = evidence.assess_pooled(stances, outlets)
    else:  # conflicting reports: show the weakest, since the reports undercut each other
        weakest_last = [x.value for x in evidence.STRENGTH_SCALE]
        assessment = max((model.strength(s) for s in stances), key=lambda a: weakest_last.index(a.shown))
    words = _words(model)
    pieces = [
        Piece(
            c, s, attribution_words(words, evidence.attribution_of((c.reported_by or s.reported_by).kind)), c.reported_by or s.reported_by
        )
        for s in stances
        for c in s.evidence
    ]
    joint = list(dict.fromkeys(a for s in stances for a in s.joint_with))
    hedge = next((marker for stance in stances if (marker := model.hedge(stance))), None)
    return Entry(actor, topic, option, positions, stances, chip(model, assessment), pieces, joint, hedge)


def topic_entries(model: BriefingModel, topic: str) -> list[Entry]:
    """Every entry on one question, in the order of its stances (position, then actor)."""
    seen: dict[str, None] = {}
    for stance in model.stances_by_topic.get(topic, []):
        seen.setdefault(stance.actor)
    return [entry for actor in seen for entry in cell_entries(model, actor, topic)]


def actor_entries(model: BriefingModel, actor: str) -> list[Entry]:
    """Every entry of one actor, in question order."""
    topics = dict.fromkeys(stance.topic for stance in model.stances_by_actor.get(actor, []))
    return [entry for topic in topics for entry in cell_entries(model, actor, topic)]


def basis_items(model: BriefingModel, basis: BasedOn) -> list[BasisItem]:
    """The records a basis names, in the order stances, events, figures, context."""
    items: list[BasisItem] = []
    words = _words(model)
    said: set[str] = set()
    topics = [ref.split("/", 1)[1] for ref in basis.stances]
    for ref in sorted(basis.stances, key=lambda ref: topics.index(ref.split("/", 1)[1])):  # a question's stances together
        actor, topic = ref.split("/", 1)
        for entry in cell_entries(model, actor, topic):
            # A question is named once per basis; the stances on it that follow name only their actor.
            question = "" if topic in said else model.topics[topic].title + words.text("punct.colon")
            said.add(topic)
            label = question + model.actors[actor].name + (f" ({entry.option})" if entry.option else "")
            items.append(BasisItem("stance", label, entry.stances[0], entry.chip))
    events = {event.id: event for event in model.content.events}
    items += [BasisItem("event", model.event_title(events[e]), events[e]) for e in basis.events]
    figures = {figure.id: figure for figure in model.figures}
    items += [BasisItem("figure", figures[f].label, figures[f]) for f in basis.figures]
    facts: dict[str, ContextFact] = {fact.id: fact for fact in model.content.briefing.context}
    return items + [BasisItem("context", facts[c].text, facts[c]) for c in basis.context]


def takeaway_views(model: BriefingModel) -> list[TakeawayView]:
    """The bottom line, each takeaway with its basis."""
    return [TakeawayView(t, basis_items(model, t.based_on)) for t in model.content.briefing.bluf]


def judgement_views(model: BriefingModel) -> list[JudgementView]:
    """The key judgements, each with its confidence, likelihood and basis."""
    words = _words(model)
    confidences = {s.value: s for s in labelled(CONFIDENCE_SCALE, words)}
    likelihoods = {s.value: s for s in labelled(LIKELIHOOD_SCALE, words)}
    return [
        JudgementView(
            j,
            confidences[j.confidence.value],
            likelihoods[j.likelihood.value] if j.likelihood else None,
            basis_items(model, j.based_on),
        )
        for j in model.content.briefing.key_judgements
    ]


def event_when(words: Catalogue, event: Event) -> str:
    """When an event happened or is due, in words: its date (about …), its words for when, or both."""
    if event.date is None:
        return event.when or ""
    date = event_date(words, event) + (f", {event.time}" if event.time else "")
    return f"{date} ({event.when})" if event.when else date


def event_date(words: Catalogue, event: Event) -> str:
    """An event's date as the source gives it: a day, a month, a week, a range, or about one of them."""
    return evidence.event_date(event, words)  # the timeline chart writes it the same way


def watch_items(model: BriefingModel) -> list[WatchItem]:
    """What to watch: planned and expected events still ahead, soonest first, undated last."""
    words = _words(model)
    return [WatchItem(e, event_when(words, e), model.event_title(e), e.status.value) for e in model.watch]
