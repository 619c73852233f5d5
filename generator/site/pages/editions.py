"""What changed, shown to readers: the "Since <date>" block (home page and PDF), the matrix's change marks,
each actor's trajectory on a question, and the Editions page (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ...content.schema import Actor, Event, Source, Topic
from ...i18n import Catalogue
from ...model.briefing import BriefingModel
from ...model.changes import Changes, FigureChange, PositionChange, StrengthChange, Trajectory
from ...model.scales import CHANGE_MARKS
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


def since_view(model: BriefingModel, changes: Changes, limit: int | None = None) -> SinceView:
    """A change list, at most `limit` items long."""
    items = change_items(model, changes)
    shown = items if limit is None else items[:limit]
    as_of = model.content.briefing.as_of
    recorded = [e.edition.edition for e in model.history.entries if e.edition.as_of == as_of]
    anchor = f"edition-{recorded[0]}" if recorded else ""
    return SinceView(changes.first, changes.since, changes.since_date, shown, len(items) - len(shown), anchor)


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
