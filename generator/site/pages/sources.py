"""The sources page: each source's facts and the paragraphs published (the cited ones, or all)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...content.schema import Source
from ...model.briefing import BriefingModel, Paragraph
from ...model.publishing import published
from .common import Site


@dataclass(frozen=True)
class SourceEntry:
    """A source with its number of paragraphs and the ones to publish."""

    source: Source
    total: int
    shown: list[Paragraph]
    excerpted: bool = False
    """True when only the cited passages are shown: the cited paragraphs were most of the text."""


@dataclass(frozen=True)
class SourcesView:
    """Every source with its published paragraphs."""

    source_entries: list[SourceEntry]


def sources_view(site: Site, record: Any = None) -> SourcesView:
    """The sources page's view."""
    return SourcesView(source_entries=source_entries(site.model))


def source_entries(model: BriefingModel) -> list[SourceEntry]:
    """Each source with the paragraphs to publish: the cited ones, or all when the briefing says so."""
    entries = []
    for source in model.sources.values():
        result = published(model, source.id)
        entries.append(SourceEntry(source, len(model.paragraphs[source.id]), result.paragraphs, result.excerpted))
    return entries
