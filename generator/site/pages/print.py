"""The print page: the whole briefing on one page, in reading order, for the PDF.

Its sections come from the registry, and each section template draws the same partials
as the web pages, so a fact is marked up once for screen and paper.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ...content.schema import LINE, Actor, Event, Stance
from ...i18n import Catalogue
from ...model.briefing import Relation
from ...model.changes import Trajectory
from ..charts import Split, splits
from .actors import named_only
from .common import ChartView, PrintSection, Site, TocEntry, reason_text
from .editions import Mark, SinceView, mark_legend, since_title, since_view, trajectories
from .evidence_views import Entry
from .matrix import MatrixTable, matrix_table
from .questions import PositionGroup, position_groups
from .sources import SourceEntry, source_entries
from .timeline import split_periods


@dataclass(frozen=True)
class PrintView:
    """Everything the printed briefing shows, section by section."""

    sections: list[PrintSection]
    toc: list[TocEntry]
    matrix: MatrixTable
    compact: bool
    question_groups: dict[str, list[PositionGroup]]
    covered_title: str
    covers_title: str
    covered: list[Event]
    background: list[Event]
    charts: dict[str, ChartView]
    source_entries: list[SourceEntry]
    since: SinceView
    since_title: str
    mark_legend: list[Mark]
    question_trajectories: dict[str, list[Trajectory]]
    """Only the actors whose position changed: the printed briefing has no room for the unchanged."""
    position_holders: list[Actor]
    """Actors with at least one position: Annex B, one compact card each."""
    others: list[Actor]
    """Every other actor the sources name, those only named or cited last: one row each of Annex C."""
    named_only: set[str]
    """Actors the sources only name or cite (outlets, think tanks), by id."""
    actor_lines: dict[str, str]
    """Each actor's kind and role in one line, by id."""
    relations: dict[str, list[str]]
    """Each actor's ties to other actors, as sentences, by id."""
    splits: list[Split]
    """Where the actors split, question by question, drawn as HTML; the other charts print as their build-time drawings."""
    printed_with: dict[tuple[str, str, str | None], PrintedBefore]
    """Annex A's entries whose stances an earlier entry already prints (a joint position), by (question, actor, option): that entry."""


def print_view(site: Site, record: Any = None) -> PrintView:
    """The print page's view: every section's data, with links inside the page."""
    model = site.model
    periods = split_periods(site)
    matrix = matrix_table(site, "print")
    since = model.history.since
    named = named_only(model)
    groups = {topic: position_groups(model, topic) for topic in model.topics}
    return PrintView(
        sections=site.print_sections,
        toc=site.print_toc,
        matrix=matrix,
        compact=False,
        question_groups=groups,
        covered_title=periods.covered_title,
        covers_title=periods.covers_title,
        covered=periods.covered,
        background=periods.background,
        charts=site.charts,
        source_entries=source_entries(model),
        since=since_view(model, since),
        since_title=since_title(since, site.catalogue),
        mark_legend=mark_legend(matrix.marks, since.since_date, site.catalogue),
        question_trajectories={topic: [t for t in trajectories(model, topic) if t.moved] for topic in model.topics},
        position_holders=list(model.matrix_actors),
        others=sorted((a for a in model.actors.values() if not model.stances_by_actor.get(a.id)), key=lambda a: a.id in named),
        named_only=named,
        actor_lines={actor.id: actor_line(site.catalogue, actor) for actor in model.actors.values()},
        relations={actor: _sentences(site.catalogue, relations) for actor, relations in model.related.items()},
        splits=splits(model),
        printed_with=_printed_before(groups),
    )


@dataclass(frozen=True)
class PrintedBefore:
    """An Annex A entry some of whose stances an earlier entry prints (a joint position)."""

    first: Entry
    """The entry that prints the joint position."""
    rest: Entry | None
    """The entry with only its stances not printed before, or None when all were."""


def _printed_before(groups: dict[str, list[PositionGroup]]) -> dict[tuple[str, str, str | None], PrintedBefore]:
    """The entries of Annex A that repeat a stance an earlier entry prints: paper prints each position once."""
    first: dict[tuple[object, ...], Entry] = {}
    repeats: dict[tuple[str, str, str | None], PrintedBefore] = {}
    for topic, topic_groups in groups.items():
        for entry in (e for group in topic_groups for e in group.entries):
            keys = [_said(stance) for stance in entry.stances]
            earlier = [first[key] for key in keys if key in first]
            if earlier:
                repeats[(topic, entry.actor, entry.option)] = PrintedBefore(earlier[0], _without(entry, set(keys) & set(first)))
            for key in keys:
                first.setdefault(key, entry)
    return repeats


def _without(entry: Entry, printed: set[tuple[object, ...]]) -> Entry | None:
    """The entry without the stances (and their evidence) already printed; None when nothing is left."""
    stances = [stance for stance in entry.stances if _said(stance) not in printed]
    if not stances:
        return None
    pieces = [piece for piece in entry.pieces if _said(piece.stance) not in printed]
    return dataclasses.replace(entry, stances=stances, pieces=pieces)


def _said(stance: Stance) -> tuple[object, ...]:
    """What a stance says and where: the same for each holder of a joint position (the model gives each its own copy)."""
    return (stance.topic, stance.option, stance.summary, tuple((c.source, c.paragraph, c.quote) for c in stance.evidence))


def actor_line(catalogue: Catalogue, actor: Actor) -> str:
    """An actor's kind and the fields it shows on a line, in one line: "Person · President of France"."""
    kind = catalogue.text(f"actor_kind.{actor.kind.value}")
    return " · ".join([kind[:1].upper() + kind[1:], *(text for _, text in actor.shown(LINE))])


def _sentences(catalogue: Catalogue, relations: list[Relation]) -> list[str]:
    """Every sentence that ties an actor to the others, once each, in order."""
    return [reason_text(catalogue, reason) for reason in dict.fromkeys(r for relation in relations for r in relation.reasons)]
