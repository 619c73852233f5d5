"""The print page: the whole briefing on one page, in reading order, for the PDF.

Its sections come from the registry, and each section template draws the same partials
as the web pages, so a fact is marked up once for screen and paper.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..schema import Event
from .common import ChartView, PrintSection, Site, TocEntry
from .matrix import MATRIX_LIMITS, MatrixTable, matrix_table
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
    covered: list[Event]
    background: list[Event]
    charts: dict[str, ChartView]
    source_entries: list[SourceEntry]


def print_view(site: Site, record: Any = None) -> PrintView:
    """The print page's view: every section's data, with links inside the page."""
    model = site.model
    periods = split_periods(model)
    return PrintView(
        sections=site.print_sections,
        toc=site.print_toc,
        matrix=matrix_table(model, *MATRIX_LIMITS["print"]),
        compact=False,
        question_groups={topic: position_groups(model, topic) for topic in model.topics},
        covered_title=periods.covered_title,
        covered=periods.covered,
        background=periods.background,
        charts=site.charts,
        source_entries=source_entries(model),
    )
