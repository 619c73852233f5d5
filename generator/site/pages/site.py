"""Stage 4: render every page of the registry, and derive the navigation, the printed contents
and the home page's contents from it (pure, no I/O)."""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2

from ...i18n import Catalogue
from ...model.briefing import BriefingModel
from ..charts import ChartSpec
from ..exports import downloads
from ..search_index import SEARCH_INDEX, search_index_json
from .common import ChartView, ContentsEntry, Counts, PrintSection, Site, TocEntry, chart_views, count_totals, template_globals, view_fields
from .evidence_views import watch_items
from .memo import RenderMemo
from .registry import KINDS, PAGES, PageKind
from .routes import PrintRoutes, WebRoutes, page_path, print_section_id, stance_anchors
from .search import SearchEntry, page_entries

NAV_MAX_ENTRIES = 50
"""Past this many actors (or questions), the navigation lists only their index page, which lists
them all: a sidebar of more is no help to find one, and every page of the section would carry it
(at 10x, 100 questions listed made a quarter of MkDocs's time and a third of the site's bytes).
The pages left out keep their Previous/Next links (see `SitePlan.unlisted`)."""


@dataclass(frozen=True)
class Page:
    """One generated Markdown page: where it goes in the docs folder, its title and text."""

    path: str
    title: str
    markdown: str


@dataclass(frozen=True)
class SitePlan:
    """Every page to write, the navigation and the site's name."""

    site_name: str
    pages: list[Page]
    nav: list[Any] = field(default_factory=list)
    downloads: dict[str, str] = field(default_factory=dict)
    """Data files to publish beside the pages, by their path in the site."""
    language: str = "en"
    """The interface language of the site (the briefing's `language`)."""
    theme_words: dict[str, str] = field(default_factory=dict)
    """Words our theme overrides print, by their name in `config.extra` (Material's own come from `language`)."""
    unlisted: dict[str, str] = field(default_factory=dict)
    """Pages the navigation leaves out (past NAV_MAX_ENTRIES), in reading order, each with its section's index page."""
    rendered: list[str] = field(default_factory=list)
    """The pages this plan rendered through their templates; the others' text came from the memo (the same bytes)."""


def plan_site(
    model: BriefingModel, env: jinja2.Environment, charts: dict[str, ChartSpec], pdf_name: str | None = None, memo: RenderMemo | None = None
) -> SitePlan:
    """Render every page of the registry, with its charts, and the navigation; link the PDF when there is one.

    With a `memo` (the preview's), a page whose reads have not changed since the memo kept it is not rendered again.
    """
    catalogue = Catalogue(model.content.briefing.language)
    counts = count_totals(model)
    views = chart_views(charts, catalogue)
    site = Site(
        model=model,
        catalogue=catalogue,
        charts=views,
        counts=counts,
        anchors=stance_anchors(model.stances),
        contents=_contents(catalogue, counts),
        print_sections=_print_sections(views),
        print_toc=_print_toc(model, catalogue, views),
        pdf_href=pdf_name,
    )
    shared = template_globals(site)
    if memo is not None:
        memo.begin(model, shared, site.anchors)
    # The print page exists to be printed: a build without a PDF skips its rendering (a quarter of the pages stage).
    kinds = [kind for kind in PAGES if pdf_name or not kind.print_page]
    pages = [_render(env, shared, site, kind, record, memo) for kind in kinds for record in _records(kind, model)]
    search = [entry for kind in PAGES for record in _records(kind, model) for entry in _search_entries(site, kind, record)]
    # MkDocs themes print the site name and navigation titles without escaping them.
    title = html.escape(model.content.briefing.title)
    return SitePlan(
        site_name=title,
        pages=pages,
        nav=_nav(model, catalogue),
        downloads=downloads(model) | {SEARCH_INDEX: search_index_json(search, catalogue.language)},
        language=catalogue.language,
        theme_words={name: catalogue.text(f"theme.{name}") for name in ("made_with", "to_dark", "to_light", "permalink", "description")},
        unlisted=_unlisted(model, catalogue),
        rendered=list(memo.rendered) if memo is not None else [page.path for page in pages],
    )


def _records(kind: PageKind, model: BriefingModel) -> Sequence[Any]:
    """The records that each get a page of this kind; a single None for a kind with one page."""
    return kind.records(model) if kind.records else [None]


def _title(kind: PageKind, record: Any, catalogue: Catalogue) -> str:
    """A page's title: the record's for a per-record kind, the catalogue's otherwise."""
    return kind.record_title(record) if kind.record_title else catalogue.text(kind.title)


def _render(env: jinja2.Environment, shared: dict[str, Any], site: Site, kind: PageKind, record: Any, memo: RenderMemo | None) -> Page:
    """Render one page of a kind (or take it from the memo): its view, with links bound to its location, through its template."""
    path = page_path(kind.name, record.id if record is not None else "")
    title = _title(kind, record, site.catalogue)
    routes = functools.partial(PrintRoutes if kind.print_page else WebRoutes, path)
    template, view = f"pages/{kind.template}", view_fields(kind.view(site, record))
    if memo is None:
        body = env.get_template(template).render(shared | {"link": routes(site.anchors), "page_title": title} | view)
    else:
        body = memo.render(env, template, path, title, view, routes)
    # MkDocs would take the title from the first heading, unescaped, and themes print it raw.
    front_matter = {"title": html.escape(title)} | kind.meta | _briefing_line(site, kind)
    header = "".join(f"{key}: {json.dumps(value)}\n" for key, value in front_matter.items())
    return Page(path=path, title=title, markdown=f"---\n{header}---\n\n{body}")


def _search_entries(site: Site, kind: PageKind, record: Any) -> list[SearchEntry]:
    """What the search finds on one page (the print page, built or not, is left out)."""
    path = page_path(kind.name, record.id if record is not None else "")
    return page_entries(site, kind, record, path, _title(kind, record, site.catalogue))


def _briefing_line(site: Site, kind: PageKind) -> dict[str, str]:
    """Front matter that has an inner page show the as-of date and the handling line (escaped: themes print meta raw)."""
    if kind.name == "home" or kind.print_page:
        return {}
    briefing = site.model.content.briefing
    line = site.catalogue.text("page.briefing_line", date=site.catalogue.date(briefing.as_of), handling=briefing.handling)
    return {"briefing_line": html.escape(line)}


def _contents(catalogue: Catalogue, counts: Counts) -> list[ContentsEntry]:
    """The home page's list of what the briefing holds: every page kind with a contents line."""
    totals = dict(counts)
    return [ContentsEntry(k.name, catalogue.text(k.title), catalogue.text(k.contents, **totals)) for k in PAGES if k.contents]


def _print_sections(charts: dict[str, ChartView]) -> list[PrintSection]:
    """The print page's sections in reading order, leaving out a chart's section when the facts give no such chart."""
    return [section for kind in PAGES for section in kind.printed if section.chart is None or section.chart in charts]


BRIEF_TEMPLATE = "brief.html.j2"
"""The print section that holds the bottom line, the key judgements and what to watch."""


def _brief_parts(model: BriefingModel, catalogue: Catalogue, brief_id: str) -> list[TocEntry]:
    """The brief's own headings in the contents: a reader looks for the judgements and what to watch by name."""
    parts = [TocEntry(2, f"{brief_id}-judgements", catalogue.text("home.judgements"))]
    if watch_items(model):
        parts.append(TocEntry(2, f"{brief_id}-watch", catalogue.text("home.watch")))
    return parts


def _print_toc(model: BriefingModel, catalogue: Catalogue, charts: dict[str, ChartView]) -> list[TocEntry]:
    """The contents of the printed briefing: its sections, then the records of a section's per-record kind."""
    entries: list[TocEntry] = []
    for section in _print_sections(charts):
        entries.append(TocEntry(1, section.id, catalogue.text(section.title)))
        if section.template == BRIEF_TEMPLATE:
            entries += _brief_parts(model, catalogue, section.id)
        if section.children:
            child = KINDS[section.children]
            entries += [TocEntry(2, print_section_id(child.name, r.id), _title(child, r, catalogue)) for r in _records(child, model)]
    return entries


def _nav(model: BriefingModel, catalogue: Catalogue) -> list[Any]:
    """The navigation: top-level pages, each with the per-record pages that sit under it as a section."""
    nav: list[Any] = []
    for kind in (k for k in PAGES if k.nav == "top"):
        title, path = catalogue.text(kind.title), page_path(kind.name)
        children = [k for k in PAGES if k.nav == kind.name]
        entries = [entry for child in children for entry in _nav_entries(child, model, catalogue)]
        nav.append({title: [path, *entries]} if children else {title: path})
    return nav


def _nav_entries(kind: PageKind, model: BriefingModel, catalogue: Catalogue) -> list[Any]:
    """The navigation entries of a per-record kind's pages, grouped when the kind groups them; none past NAV_MAX_ENTRIES."""
    records = _records(kind, model)
    if len(records) > NAV_MAX_ENTRIES:
        return []

    def entry(record: Any) -> dict[str, str]:
        return {html.escape(_title(kind, record, catalogue)): page_path(kind.name, record.id)}

    if kind.nav_groups:
        return [{html.escape(title): [entry(r) for r in members]} for title, members in kind.nav_groups(model, catalogue)]
    return [entry(r) for r in records]


def _unlisted(model: BriefingModel, catalogue: Catalogue) -> dict[str, str]:
    """The per-record pages the navigation leaves out, in the order it would list them, each with its section's index page."""
    unlisted: dict[str, str] = {}
    for kind in PAGES:
        if kind.nav in (None, "top") or len(_records(kind, model)) <= NAV_MAX_ENTRIES:
            continue
        groups = kind.nav_groups(model, catalogue) if kind.nav_groups else [("", list(_records(kind, model)))]
        for _, members in groups:
            unlisted |= {page_path(kind.name, record.id): page_path(str(kind.nav)) for record in members}
    return unlisted
