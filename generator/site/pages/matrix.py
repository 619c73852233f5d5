"""The stance matrix page: actors × questions, the legend, and the alignment chart."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ...content.schema import Actor, Topic
from .common import ChartView, Site
from .editions import Mark, cell_marks, mark_legend

MATRIX_LIMITS = {"full": (None, 30), "compact": (15, 10), "print": (25, 12)}
"""Most rows (actors) and columns (questions) of each stance matrix; None means all. Past them the
matrix keeps the most active actors and questions, so its size grows with the actors, not their square."""

_Item = TypeVar("_Item", Actor, Topic)


@dataclass(frozen=True)
class MatrixTable:
    """The rows, columns and caption of one stance matrix table."""

    actors: list[Actor]
    topics: list[Topic]
    caption: str
    marks: dict[tuple[str, str, str], Mark]
    """The change mark of each new, shifted or withdrawn position since the last edition."""


@dataclass(frozen=True)
class MatrixView:
    """The full matrix and the charts beside it."""

    matrix: MatrixTable
    compact: bool
    charts: dict[str, ChartView]
    mark_legend: list[Mark]


def matrix_view(site: Site, record: Any = None) -> MatrixView:
    """The stance matrix page's view."""
    matrix = matrix_table(site, "full")
    legend = mark_legend(matrix.marks, site.model.history.since.since_date, site.catalogue)
    return MatrixView(matrix=matrix, compact=False, charts=site.placed("alignment"), mark_legend=legend)


def matrix_table(site: Site, size: str) -> MatrixTable:
    """The rows, columns and caption of one stance matrix of a size in MATRIX_LIMITS."""
    model, words = site.model, site.catalogue
    max_actors, max_topics = MATRIX_LIMITS[size]
    actors = _busiest(model.matrix_actors, lambda a: len(model.stances_by_actor[a.id]), max_actors)
    topics = _busiest(list(model.topics.values()), lambda t: len(model.stances_by_topic.get(t.id, [])), max_topics)
    caption = words.text("matrix.caption", actors=len(actors), topics=len(topics))
    if len(actors) < len(model.matrix_actors) or len(topics) < len(model.topics):
        caption += words.text("matrix.caption_limited", all_actors=len(model.matrix_actors), all_topics=len(model.topics))
    return MatrixTable(actors=actors, topics=topics, caption=caption, marks=cell_marks(model, words))


def _busiest(items: list[_Item], weight: Callable[[_Item], int], limit: int | None) -> list[_Item]:
    """Keep the `limit` heaviest items, in their original order (all of them when there is no limit)."""
    if limit is None or len(items) <= limit:
        return items
    keep = {item.id for item in sorted(items, key=lambda item: -weight(item))[:limit]}
    return [item for item in items if item.id in keep]
