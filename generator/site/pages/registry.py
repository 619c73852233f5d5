"""The page registry: one row per page kind. The navigation, the printed contents and the home
page's contents list are all derived from it, so a new page is one row here plus one template.

Page modules build views and never import routes; `routes.py` reads the paths from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...i18n import Catalogue
from ...model.briefing import BriefingModel
from .actors import actor_sections, actor_view, actors_view
from .charts import charts_view
from .common import PrintSection, Site
from .data import data_view
from .editions import editions_view
from .home import home_view
from .matrix import matrix_view
from .print import print_view
from .questions import question_view, questions_view
from .sources import sources_view
from .timeline import timeline_view

WIDE_PAGE = {"hide": ["navigation", "toc"]}
"""Front matter that gives a page the full width (Material-specific, like everything in `hide`)."""

HOME_PAGE = {"hide": ["navigation", "toc"]}
"""Front matter of the home page: no table of contents, so the bottom line has the width of two columns."""

PRINT_ONLY = {"hide": ["navigation", "toc"], "search": {"exclude": True}}
"""Front matter of the print page: full width and left out of the search index (Material-specific)."""


@dataclass(frozen=True)
class NoView:
    """The view of a page that needs nothing beyond what every page gets."""


def no_view(site: Site, record: Any = None) -> NoView:
    """The view of a page whose template holds all it shows."""
    return NoView()


@dataclass(frozen=True)
class PageKind:
    """One kind of page: what it is called, how it is drawn, and where it appears."""

    name: str
    """The kind's key, used in links: `link.to('matrix')`."""
    path: str
    """The page's Markdown file in the docs folder; `{id}` stands for the record's id in a per-record kind."""
    template: str
    """The page template, under templates/pages/."""
    view: Callable[[Site, Any], object] = no_view
    """Builds the page's view record from the site (and the record, for per-record kinds)."""
    title: str = ""
    """Catalogue key of the page's title; per-record kinds take the record's title instead."""
    nav: str | None = "top"
    """'top' for a top-level entry, the name of the kind it sits under, or None to stay out of the navigation."""
    contents: str | None = None
    """Catalogue key of the page's line in the home page's contents list; None leaves it out."""
    printed: tuple[PrintSection, ...] = ()
    """The sections this page kind contributes to the print page, in reading order."""
    records: Callable[[BriefingModel], Sequence[Any]] | None = None
    """For a per-record kind: the records that each get a page (their `id` names the page)."""
    record_title: Callable[[Any], str] | None = None
    """For a per-record kind: the page title of a record."""
    nav_groups: Callable[[BriefingModel, Catalogue], list[tuple[str, list[Any]]]] | None = None
    """For a per-record kind: groups its records under titles in the navigation."""
    meta: dict[str, Any] = field(default_factory=dict)
    """Front matter for MkDocs and the theme."""
    print_page: bool = False
    """True for the print page, whose links point inside itself."""


PAGES: tuple[PageKind, ...] = (
    PageKind(
        "home",
        "index.md",
        "home.md.j2",
        home_view,
        title="page.home",
        meta=HOME_PAGE,
        printed=(
            PrintSection("brief", "print.brief", "brief.html.j2"),
            PrintSection("since", "print.since", "since.html.j2"),
        ),
    ),
    PageKind(
        "matrix",
        "matrix.md",
        "matrix.md.j2",
        matrix_view,
        title="page.matrix",
        contents="contents.matrix",
        meta=WIDE_PAGE,
        # The key figures follow the matrix on paper: they flow into whatever room the matrix, kept whole
        # on one page, leaves, so no page of the brief is left half empty.
        printed=(PrintSection("matrix", "print.matrix", "matrix.html.j2"), PrintSection("figures", "print.figures", "figures.html.j2")),
    ),
    PageKind(
        "questions",
        "questions/index.md",
        "questions.md.j2",
        questions_view,
        title="page.questions",
        contents="contents.questions",
        printed=(
            PrintSection("questions", "print.questions", "questions.html.j2", children="question"),
            PrintSection("split", "chart.split.title", "split.html.j2"),
            PrintSection("alignment", "chart.alignment.title", "chart.html.j2", chart="alignment"),
        ),
    ),
    PageKind(
        "question",
        "questions/{id}.md",
        "question.md.j2",
        question_view,
        nav="questions",
        records=lambda model: list(model.topics.values()),
        record_title=lambda topic: topic.title,
    ),
    PageKind(
        "actors",
        "actors/index.md",
        "actors.md.j2",
        actors_view,
        title="page.actors",
        contents="contents.actors",
        printed=(PrintSection("actors", "print.actors", "actors.html.j2"), PrintSection("register", "print.register", "register.html.j2")),
    ),
    PageKind(
        "actor",
        "actors/{id}.md",
        "actor.md.j2",
        actor_view,
        nav="actors",
        records=lambda model: list(model.actors.values()),
        record_title=lambda actor: actor.name,
        nav_groups=lambda model, words: [(section.title, section.actors) for section in actor_sections(model, words)],
    ),
    PageKind(
        "timeline",
        "timeline.md",
        "timeline.md.j2",
        timeline_view,
        title="page.timeline",
        contents="contents.timeline",
        printed=(
            PrintSection("timeline", "print.timeline", "timeline.html.j2"),
            PrintSection("network", "chart.network.title", "chart.html.j2", chart="network"),
        ),
    ),
    PageKind(
        "charts",
        "charts.md",
        "charts.md.j2",
        charts_view,
        title="page.charts",
        contents="contents.charts",
        meta=WIDE_PAGE,
    ),
    PageKind(
        "sources",
        "sources.md",
        "sources.md.j2",
        sources_view,
        title="page.sources",
        contents="contents.sources",
        printed=(PrintSection("sources", "print.sources", "sources.html.j2"),),
    ),
    PageKind(
        "method",
        "method.md",
        "method.md.j2",
        title="page.method",
        contents="contents.method",
        printed=(PrintSection("method", "print.method", "method.html.j2"),),
    ),
    PageKind("data", "data.md", "data.md.j2", data_view, title="page.data", contents="contents.data"),
    PageKind("editions", "editions.md", "editions.md.j2", editions_view, title="page.editions", contents="contents.editions"),
    PageKind("print", "print.md", "print.md.j2", print_view, title="page.print", nav=None, meta=PRINT_ONLY, print_page=True),
)
"""Every page kind, in navigation and reading order."""

KINDS: dict[str, PageKind] = {kind.name: kind for kind in PAGES}
"""Each page kind by name."""
