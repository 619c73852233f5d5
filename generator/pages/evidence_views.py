"""Views of the evidence every page shares (pure): strength chips, one entry per position of an actor on a
question (pooled evidence, or conflicting reports), the basis of takeaways and judgements, and what to watch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import evidence
from ..i18n import Catalogue
from ..model import BriefingModel
from ..scales import CONFIDENCE_SCALE, LIKELIHOOD_SCALE, POSITION_SCALE, ScaleStep, step
from ..schema import BasedOn, Citation, ContextFact, Event, KeyJudgement, Stance, Takeaway


@dataclass(frozen=True)
class Chip:
    """An evidence strength as readers see it: the step, the attribution class that sets its style, and why."""

    strength: evidence.StrengthStep
    attribution: evidence.AttributionStep
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
    attribution: evidence.AttributionStep
    reporter: Any
    """The piece's ReportedBy: its own, or its stance's."""


@dataclass(frozen=True)
class Entry:
    """One actor's position on one question (and option): the stances that report it, pooled; or a conflict."""

    actor: str
    topic: str
    option: str | None
    positions: list[ScaleStep]
    """One step, or several when the reports conflict (in scale order)."""
    stances: list[Stance]
    chip: Chip
    pieces: list[Piece]
    joint_with: list[str]

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
    confidence: ScaleStep
    likelihood: ScaleStep | None
    basis: list[BasisItem]


@dataclass(frozen=True)
class WatchItem:
    """A planned or expected event still ahead: when, what (hedged), and its status."""

    event: Event
    when: str
    title: str
    status: str


def chip(assessment: evidence.Assessment) -> Chip:
    """The chip of an assessment."""
    return Chip(
        evidence.strength_step(assessment.shown),
        assessment.attribution,
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
    positions = [s for s in POSITION_SCALE if s.value in values]
    if len(positions) == 1:
        assessment = evidence.assess_pooled(stances, outlets)
    else:  # conflicting reports: show the weakest, since the reports undercut each other
        weakest_last = [x.value for x in evidence.STRENGTH_SCALE]
        assessment = max((model.strength(s) for s in stances), key=lambda a: weakest_last.index(a.shown))
    pieces = [
        Piece(c, s, evidence.attribution_of((c.reported_by or s.reported_by).kind), c.reported_by or s.reported_by)
        for s in stances
        for c in s.evidence
    ]
    joint = list(dict.fromkeys(a for s in stances for a in s.joint_with))
    return Entry(actor, topic, option, positions, stances, chip(assessment), pieces, joint)


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
    for ref in basis.stances:
        actor, topic = ref.split("/", 1)
        for entry in cell_entries(model, actor, topic):
            colon = Catalogue(model.content.briefing.language).text("punct.colon")
            label = f"{model.actors[actor].name}{colon}{model.topics[topic].title}" + (f" ({entry.option})" if entry.option else "")
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
    return [
        JudgementView(
            j,
            step(CONFIDENCE_SCALE, j.confidence),
            step(LIKELIHOOD_SCALE, j.likelihood) if j.likelihood else None,
            basis_items(model, j.based_on),
        )
        for j in model.content.briefing.key_judgements
    ]


def event_when(event: Event, catalogue: Catalogue) -> str:
    """When an event happened or is due, in words: its date (about …), its words for when, or both."""
    if event.date is None:
        return event.when or ""
    date = catalogue.date(event.date)
    date = (catalogue.text("event.about", date=date) if event.approximate else date) + (f", {event.time}" if event.time else "")
    return f"{date} ({event.when})" if event.when else date


def watch_items(model: BriefingModel) -> list[WatchItem]:
    """What to watch: planned and expected events still ahead, soonest first, undated last."""
    catalogue = Catalogue(model.content.briefing.language)
    return [WatchItem(e, event_when(e, catalogue), model.event_title(e), e.status.value) for e in model.watch]
