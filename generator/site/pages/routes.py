"""Every URL and anchor of the site and of the print page, in one scheme.

A link names a page kind of the registry (`matrix`, `actor` …), a record id for the
per-record kinds, and an anchor. `WebRoutes` turns that into a relative link from the page
being rendered; `PrintRoutes` into an anchor inside the one print page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from ...content.schema import Citation, Stance, StanceKey
from ...model.briefing import Paragraph
from .registry import PAGES

PLOTLY_JS = "assets/plotly.min.js"
"""Where the site serves plotly.js, copied from the installed plotly package at build time."""
CHARTS_JS = "charts.js"
"""The loader that draws every chart of a page (templates/static/charts.js)."""

PATHS = {kind.name: kind.path for kind in PAGES}
"""The Markdown file of each page kind in the docs folder (from the registry); `{id}` is the record's id."""

PRINT_SECTIONS = {"home": "cover", "question": "question-{id}", "actor": "actor-{id}"}
"""The id of a page kind's section on the print page, where it differs from the kind's name."""

PRINT_STANCES = {"question": "q-{id}-{anchor}", "actor": "a-{id}-{anchor}"}
"""The id of a stance on the print page, where every question and actor shares one page."""


def page_path(kind: str, record: str = "") -> str:
    """The docs-folder path of a page: page_path('actor', 'x') -> actors/x.md."""
    return PATHS[kind].format(id=record)


def print_section_id(kind: str, record: str = "") -> str:
    """The id of a page kind's section (or a record's section) on the print page."""
    return PRINT_SECTIONS.get(kind, kind).format(id=record)


def page_url(path: str) -> str:
    """The directory URL MkDocs gives a Markdown page: actors/x.md -> actors/x/."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_link(from_path: str, to_path: str, anchor: str = "") -> str:
    """A link from one page to another (and an anchor), relative so it works under any sub-path."""
    start, target = page_url(from_path) or ".", page_url(to_path) or "."
    href = posixpath.relpath(target, start)
    href = "./" if href == "." else href + "/"
    return f"{href}#{anchor}" if anchor else href


def asset_link(from_path: str, asset: str) -> str:
    """A link from a page to a static file of the site, relative so it works under any sub-path."""
    return posixpath.relpath(asset, page_url(from_path) or ".")


def paragraph_anchor(source: str, number: int) -> str:
    """The anchor of a source's paragraph on the sources page (and the print page)."""
    return f"{source}-p{number}"


def slugify(text: str) -> str:
    """Make an anchor-safe slug of free text."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "option"


def stance_anchors(stances: list[Stance]) -> dict[StanceKey, tuple[str, str]]:
    """Give every stance unique anchors: the topic (actor page) or actor (question page), the option, a counter."""
    used: set[tuple[str, str]] = set()
    anchors: dict[StanceKey, tuple[str, str]] = {}
    for stance in stances:
        option = f"--{slugify(stance.option)}" if stance.option else ""
        pair = (stance.topic + option, stance.actor + option)
        n = 1
        while (stance.actor, pair[0]) in used or (stance.topic, pair[1]) in used:
            n += 1
            pair = (f"{stance.topic}{option}--{n}", f"{stance.actor}{option}--{n}")
        used |= {(stance.actor, pair[0]), (stance.topic, pair[1])}
        anchors[stance.key] = pair
    return anchors


@dataclass(frozen=True)
class WebRoutes:
    """Links from one page of the site, relative to it."""

    here: str
    """The docs-folder path of the page being rendered."""
    anchors: dict[StanceKey, tuple[str, str]]
    """Each stance's anchors on its actor and question pages."""

    def to(self, kind: str, record: str = "", anchor: str = "") -> str:
        """A link to a page kind (a record's page for per-record kinds), optionally to an anchor on it."""
        return relative_link(self.here, page_path(kind, record), anchor)

    def actor(self, actor: str, anchor: str = "") -> str:
        """A link to an actor's page."""
        return self.to("actor", actor, anchor)

    def question(self, topic: str, anchor: str = "") -> str:
        """A link to a question's page."""
        return self.to("question", topic, anchor)

    def stance_id(self, stance: Stance, on: str) -> str:
        """The id a stance carries on its actor page (on='actor') or its question page (on='question')."""
        on_actor, on_question = self.anchors[stance.key]
        return on_actor if on == "actor" else on_question

    def stance(self, stance: Stance) -> str:
        """A link to a stance on its question's page."""
        return self.question(stance.topic, self.stance_id(stance, "question"))

    def source(self, source: str) -> str:
        """A link to a source on the sources page."""
        return self.to("sources", anchor=source)

    def event(self, event: str) -> str:
        """A link to an event on the timeline."""
        return self.to("timeline", anchor=event)

    def paragraph_id(self, paragraph: Paragraph) -> str:
        """The id of a source paragraph."""
        return paragraph_anchor(paragraph.source, paragraph.number)

    def cite(self, citation: Citation) -> str:
        """A link to the paragraph a citation cites."""
        return self.to("sources", anchor=paragraph_anchor(citation.source, citation.paragraph))

    def asset(self, asset: str) -> str:
        """A link to a static file of the site."""
        return asset_link(self.here, asset)

    @property
    def chart_loader(self) -> str:
        """The chart loader (charts.js), linked from this page."""
        return self.asset(CHARTS_JS)

    @property
    def plotly(self) -> str:
        """plotly.js, which the chart loader fetches when a reader reaches for a chart."""
        return self.asset(PLOTLY_JS)


@dataclass(frozen=True)
class PrintRoutes(WebRoutes):
    """Links inside the print page, where every section of the briefing is one part of one page."""

    def to(self, kind: str, record: str = "", anchor: str = "") -> str:
        """An anchor on the print page: the stance, the anchor, or the kind's section."""
        if anchor and kind in PRINT_STANCES:
            return "#" + PRINT_STANCES[kind].format(id=record, anchor=anchor)
        return f"#{anchor or print_section_id(kind, record)}"

    def section_id(self, kind: str, record: str = "") -> str:
        """The id of a page kind's section (or a record's section) on the print page."""
        return print_section_id(kind, record)

    def stance_id(self, stance: Stance, on: str) -> str:
        """The id a stance carries in its actor's (on='actor') or its question's (on='question') section."""
        record = stance.actor if on == "actor" else stance.topic
        return PRINT_STANCES[on].format(id=record, anchor=super().stance_id(stance, on))

    def stance(self, stance: Stance) -> str:
        """A link to a stance in its question's section."""
        return "#" + self.stance_id(stance, "question")
