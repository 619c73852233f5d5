"""What the site's search finds, from the briefing itself (pure): page titles, actor names and aliases,
question titles, summaries and quotes, each where a reader lands on it.

The theme's search would otherwise parse every built page's HTML (a quarter of a build at 10x the
seed) and index every word of it: tables, badges, scales, the same quote on four pages. This index
holds what a reader types in, once, at the stance it belongs to. `search_index.py` writes it in
the theme's format.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ...content.schema import Citation, Stance
from ...model.briefing import BriefingModel
from .common import Site
from .evidence_views import actor_entries
from .registry import PageKind
from .routes import WebRoutes, page_url


@dataclass(frozen=True)
class SearchEntry:
    """One thing the search finds: where it is, its title and its words (plain text, escaped by the index writer)."""

    location: str
    """Its address from the site's root: `actors/x/`, or a part of a page, `actors/x/#topic`."""
    title: str
    text: str


def page_entries(site: Site, kind: PageKind, record: Any, path: str, title: str) -> list[SearchEntry]:
    """A page's entry (its title and what it is about), then one per part a reader looks for on it; none for the print page."""
    if kind.print_page:
        return []
    url = page_url(path)
    title = site.model.content.briefing.title if kind.name == "home" else title  # what a reader knows the briefing by
    about = _ABOUT.get(kind.name, _nothing)(site.model, record)
    parts = _PARTS.get(kind.name, _no_parts)(site, record, WebRoutes(path, site.anchors))
    return [SearchEntry(url, title, _words(about)), *(SearchEntry(url + anchor, part, _words(words)) for anchor, part, words in parts)]


def _nothing(model: BriefingModel, record: Any) -> list[str]:
    """No words beyond a page's title."""
    return []


def _home_about(model: BriefingModel, record: None) -> list[str]:
    """The home page: the briefing's subtitle, bottom line, takeaways and judgements."""
    briefing = model.content.briefing
    summaries = [*(takeaway.text for takeaway in briefing.bluf), *(judgement.text for judgement in briefing.key_judgements)]
    return [briefing.subtitle or "", briefing.bottom_line or "", *summaries]


def _actor_about(model: BriefingModel, actor: Any) -> list[str]:
    """An actor's page: the other names it goes by, its role and its description."""
    return [*actor.aliases, actor.role or "", actor.description]


def _question_about(model: BriefingModel, topic: Any) -> list[str]:
    """A question's page: the proposition the positions are taken on."""
    return [topic.question]


_ABOUT: dict[str, Callable[[BriefingModel, Any], list[str]]] = {"home": _home_about, "actor": _actor_about, "question": _question_about}
"""The words of a page's own entry, by page kind (the title is always there)."""

Part = tuple[str, str, list[str]]
"""A part of a page: its anchor (`#id`), its title and its words."""


def _no_parts(site: Site, record: Any, link: WebRoutes) -> list[Part]:
    """A page whose title is all the search needs."""
    return []


def _stance_parts(site: Site, actor: Any, link: WebRoutes) -> list[Part]:
    """An actor's positions, one per question (and option) as the page heads them, with their summaries and quotes."""
    model = site.model
    parts = []
    for entry in actor_entries(model, actor.id):
        title = model.topics[entry.topic].title + (f": {entry.option}" if entry.option else "")
        parts.append((f"#{link.stance_id(entry.stances[0], 'actor')}", title, list(_stance_words(model, entry.stances))))
    return parts


def _stance_words(model: BriefingModel, stances: list[Stance]) -> Iterator[str]:
    """The summaries of an entry's stances, then each quote (and its translation, in the site's language)."""
    yield from (stance.summary for stance in stances)
    for stance in stances:
        for citation in stance.evidence:
            yield from _quote_words(model, citation)


def _quote_words(model: BriefingModel, citation: Citation) -> Iterator[str]:
    """A quote as the page shows it (its omissions marked), and its translation when the page shows one."""
    yield " […] ".join(citation.quote_parts)
    yield model.translation(citation) or ""


def _event_parts(site: Site, record: None, link: WebRoutes) -> list[Part]:
    """The timeline's events, by their titles and descriptions."""
    model = site.model
    return [(f"#{event.id}", model.event_title(event), [event.description or ""]) for event in model.content.events]


def _source_parts(site: Site, record: None, link: WebRoutes) -> list[Part]:
    """The sources, by their titles, outlets and authors."""
    return [(f"#{source.id}", source.title, [source.outlet, source.author or ""]) for source in site.model.sources.values()]


_PARTS: dict[str, Callable[[Site, Any, WebRoutes], list[Part]]] = {
    "actor": _stance_parts,
    "timeline": _event_parts,
    "sources": _source_parts,
}
"""The parts of a page the search finds on their own, by page kind."""

_MARKUP = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`]+")
"""Markdown a field may hold (links, emphasis, code): the search wants the words, not the marks."""


def _words(texts: list[str]) -> str:
    """Texts as one line of plain words: Markdown marks dropped, white space collapsed."""
    return " ".join(" ".join(_MARKUP.sub(lambda m: m.group(1) or "", text).split()) for text in texts if text)
