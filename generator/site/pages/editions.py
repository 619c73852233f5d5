"""What changed, shown to readers: the "Since <date>" block (home page and PDF), the matrix's change marks,
each actor's trajectory on a question, and the Editions page (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ...content.schema import Actor, Event, Source, Topic
from ...i18n import Catalogue
from ...model.briefing import BriefingModel
from ...model.changes import Changes, FigureChange, PositionChange, StrengthChange, Trajectory
from ...model.scales import CHANGE_MARKS, EVIDENCE_MARKS
from ..exports import takeaways
from ..feed import edition_title
from .common import Site

HOME_SINCE_LIMIT = 8
"""Most changes the home page's first screen lists; the rest are one click away on the Editions page."""


@dataclass(frozen=True)
class Mark:
    """How a changed matrix cell is marked: a symbol, a style and the words for its title and screen readers."""

    kind: str
    """new, towards, away, sideways or withdrawn."""
    symbol: str
    text: str
    short: str = ""
    """The words beside the symbol in the full matrix: "was Supports", "new"."""


MARK_SYMBOLS = {s.value: s.symbol for s in CHANGE_MARKS}
"""The symbol of each kind of change mark."""

TRAVEL_MARKS = {s.value: s for s in (*CHANGE_MARKS, *EVIDENCE_MARKS)}
"""Every mark of the direction of travel, in the order its key lists them: position changes, then evidence."""


@dataclass(frozen=True)
class TravelMark:
    """One change of an actor's position or of its evidence on one question, as a mark with its words."""

    kind: str
    """new, towards, away, sideways or withdrawn (the position), stronger or weaker (its evidence)."""
    symbol: str
    words: str
    """What the mark means, for screen readers and the key: "away from the proposition"."""
    topic: str
    topic_title: str
    linked: bool
    """True when the question is in today's briefing, so the mark can link to it."""
    detail: str
    """From what to what: "Supports → Conditional", "medium → strong"."""


@dataclass(frozen=True)
class TravelRow:
    """An actor whose position or evidence moved since the earlier edition, with a mark per question."""

    actor: str
    name: str
    linked: bool
    marks: list[TravelMark]


@dataclass(frozen=True)
class ChangeItem:
    """One line of a change list: what kind of change, and the change itself."""

    kind: str
    """position, evidence, event, removed-event, figure, source, removed-source, actor, removed-actor, topic or removed-topic."""
    change: PositionChange | StrengthChange | Event | FigureChange | Source | Actor | Topic
    linked: bool
    """True when the record is in today's briefing, so the item can link to it."""


@dataclass(frozen=True)
class SinceView:
    """The change list since the latest earlier edition, cut to a length for the home page."""

    first: bool
    since: str | None
    """The earlier edition's id."""
    since_date: dt.date | None
    items: list[ChangeItem]
    more: int
    """How many changes are left out of `items`."""
    more_anchor: str
    """The anchor of the full list on the Editions page ("" when today's content is not recorded yet)."""
    travel: list[TravelRow] = field(default_factory=list)
    """The direction of travel per actor (the home page's), whose position and evidence changes `items` then leaves out."""
    travel_key: list[Mark] = field(default_factory=list)
    """One key entry per kind of mark `travel` shows, in a fixed order."""
    total: int = 0
    """How many changes there are in all, listed or not."""


@dataclass(frozen=True)
class EditionRow:
    """One recorded edition on the Editions page."""

    id: str
    anchor: str
    as_of: dt.date
    sequence: int
    title: str
    json_href: str
    takeaways: list[str]
    changes: SinceView


@dataclass(frozen=True)
class EditionsView:
    """Every recorded edition, newest first, and whether today's content is recorded yet."""

    editions: list[EditionRow]
    unrecorded: dt.date | None
    """The current as-of date when no edition records it yet."""


def change_items(model: BriefingModel, changes: Changes) -> list[ChangeItem]:
    """Every change as a list item, positions first (they matter most), in the order of the diff."""
    events = {e.id for e in model.events}
    figures = {f.id for f in model.figures}
    return [
        *(ChangeItem("position", c, c.kind != "withdrawn" and c.topic in model.topics) for c in changes.positions),
        *(ChangeItem("evidence", c, c.topic in model.topics) for c in changes.evidence),
        *(ChangeItem("figure", c, c.id in figures) for c in changes.figures),
        *(ChangeItem("event", e, e.id in events) for e in changes.events),
        *(ChangeItem("removed-event", e, False) for e in changes.removed_events),
        *(ChangeItem("source", s, s.id in model.sources) for s in changes.sources),
        *(ChangeItem("removed-source", s, False) for s in changes.removed_sources),
        *(ChangeItem("actor", a, a.id in model.actors) for a in changes.actors),
        *(ChangeItem("removed-actor", a, False) for a in changes.removed_actors),
        *(ChangeItem("topic", t, t.id in model.topics) for t in changes.topics),
        *(ChangeItem("removed-topic", t, False) for t in changes.removed_topics),
    ]


def since_view(model: BriefingModel, changes: Changes, limit: int | None = None, travel: bool = False) -> SinceView:
    """A change list, at most `limit` items long; with `travel`, position and evidence changes become one row per actor."""
    items = change_items(model, changes)
    rows = travel_rows(model, changes, Catalogue(model.content.briefing.language)) if travel else []
    if rows:
        items = [item for item in items if item.kind not in ("position", "evidence")]
    shown = items if limit is None else items[:limit]
    as_of = model.content.briefing.as_of
    recorded = [e.edition.edition for e in model.history.entries if e.edition.as_of == as_of]
    anchor = f"edition-{recorded[0]}" if recorded else ""
    key = _travel_key(rows, Catalogue(model.content.briefing.language))
    return SinceView(changes.first, changes.since, changes.since_date, shown, len(items) - len(shown), anchor, rows, key, changes.count)


def travel_rows(model: BriefingModel, changes: Changes, words: Catalogue) -> list[TravelRow]:
    """Each actor whose position or evidence changed, in the briefing's actor order (actors no longer in it last),
    with a mark per question: the direction of a position's move, or whether its evidence grew stronger or weaker."""
    marks: dict[str, list[TravelMark]] = {}
    names: dict[str, str] = {}
    for change in changes.positions:
        kind = change.direction if change.kind == "shifted" and change.direction else change.kind
        detail = " → ".join(_label(words, p) for p in (change.old, change.new) if p)
        marks.setdefault(change.actor, []).append(_travel_mark(model, words, kind, change.topic, change.topic_title, detail))
        names[change.actor] = change.actor_name
    for evidence in changes.evidence:
        kind = "stronger" if evidence.stronger else "weaker"
        detail = words.text(f"strength_word.{evidence.old}") + " → " + words.text(f"strength_word.{evidence.new}")
        marks.setdefault(evidence.actor, []).append(_travel_mark(model, words, kind, evidence.topic, evidence.topic_title, detail))
        names[evidence.actor] = evidence.actor_name
    order = {actor: n for n, actor in enumerate(model.actors)}
    actors = sorted(marks, key=lambda a: (order.get(a, len(order)), names[a]))
    return [TravelRow(a, names[a], a in model.actors, marks[a]) for a in actors]


def _travel_mark(model: BriefingModel, words: Catalogue, kind: str, topic: str, title: str, detail: str) -> TravelMark:
    """One mark of an actor's row."""
    step = TRAVEL_MARKS[kind]
    return TravelMark(kind, step.symbol, words.text(step.label_key), topic, title, topic in model.topics, detail)


def _travel_key(rows: list[TravelRow], words: Catalogue) -> list[Mark]:
    """The key over the rows: each kind of mark they show and its words, in a fixed order."""
    shown = {mark.kind for row in rows for mark in row.marks}
    return [Mark(kind, step.symbol, words.text(step.label_key)) for kind, step in TRAVEL_MARKS.items() if kind in shown]


def since_title(changes: Changes, words: Catalogue) -> str:
    """The heading of the change list: Since 6 March 2024, or First edition."""
    return words.text("editions.since", date=words.date(changes.since_date)) if changes.since_date else words.text("editions.first")


def cell_marks(model: BriefingModel, words: Catalogue) -> dict[tuple[str, str, str], Mark]:
    """The change mark of each new, shifted or withdrawn position, by actor, question and option."""
    since = model.history.since
    if since.first or since.since_date is None:
        return {}
    when = words.date(since.since_date)
    marks: dict[tuple[str, str, str], Mark] = {}
    for change in since.positions:
        kind = change.direction if change.kind == "shifted" and change.direction else change.kind
        old = _label(words, change.old)
        if kind == "new":
            text, short = words.text("editions.mark_new", date=when), words.text("change_mark.new")
        elif kind == "withdrawn":
            text, short = (
                words.text("editions.mark_withdrawn", position=old, date=when),
                words.text("editions.short_withdrawn", position=old),
            )
        else:
            direction = words.text(f"change_mark.{kind}")
            text = words.text("editions.mark_shifted", position=old, date=when, direction=direction)
            short = words.text("editions.short_was", position=old)
        marks[(change.actor, change.topic, change.option)] = Mark(kind, MARK_SYMBOLS[kind], text, short)
    return marks


def _label(words: Catalogue, position: str | None) -> str:
    """A position's label on the scale (Conditional), or nothing."""
    return words.text(f"position.{position}") if position else ""


def mark_legend(marks: dict[tuple[str, str, str], Mark], since_date: dt.date | None, words: Catalogue) -> list[Mark]:
    """One legend entry per kind of mark the matrix shows, in a fixed order."""
    if not marks or since_date is None:
        return []
    when = words.date(since_date)
    shown = {mark.kind for mark in marks.values()}
    return [Mark(kind, MARK_SYMBOLS[kind], words.text(f"editions.legend_{kind}", date=when)) for kind in MARK_SYMBOLS if kind in shown]


def trajectories(model: BriefingModel, topic: str) -> list[Trajectory]:
    """Each actor's positions on a question across the editions, in actor order (withdrawn actors last)."""
    order = {actor: n for n, actor in enumerate(model.actors)}
    rows = model.history.trajectories.get(topic, [])
    return sorted(rows, key=lambda t: (order.get(t.actor, len(order)), t.option))


def editions_view(site: Site, record: Any = None) -> EditionsView:
    """The Editions page: every edition with its changes, permalink and JSON snapshot."""
    model = site.model
    rows = [
        EditionRow(
            id=entry.edition.edition,
            anchor=f"edition-{entry.edition.edition}",
            as_of=entry.edition.as_of,
            sequence=entry.edition.sequence,
            title=edition_title(site.catalogue, entry.edition.as_of, entry.edition.sequence),
            json_href=f"{entry.edition.edition}.json",
            takeaways=takeaways(entry.edition.briefing),
            changes=since_view(model, entry.changes),
        )
        for entry in model.history.entries
    ]
    as_of = model.content.briefing.as_of
    recorded = any(entry.edition.as_of == as_of for entry in model.history.entries)
    return EditionsView(editions=rows, unrecorded=None if recorded else as_of)
