"""Stage 4: turn the briefing model into Markdown pages and a navigation (pure, no I/O).

Templates hold layout only; everything computed is computed here and handed over.
Every content string reaches a template as text: `{{ x }}` HTML-escapes it, and the
`md` filter also escapes Markdown, so what an editor typed is shown, never run.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup

from . import evidence
from .charts import CHARTS_JS, PLOTLY_JS, ChartSpec
from .exports import DOWNLOADS, EVENT_COLUMNS, EXPORT_VERSION, STANCE_COLUMNS, actor_json_ld, downloads, report_json_ld
from .markdown_text import render_markdown
from .model import (
    CONFIDENCE_SCALE,
    KIND_TITLES,
    POSITION_SCALE,
    BriefingModel,
    all_citations,
    format_date,
    format_number,
    step,
)
from .schema import Citation, ReporterKind, Stance

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


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


def markdown_text(value: object) -> Markup:
    """Escape a content string for a Markdown context: HTML specials and Markdown syntax."""
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(text.replace("\n", " "))


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


def script_json(value: object) -> Markup:
    """Serialise data for a `<script type="application/json">` block that no content can close or break out of."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def make_environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    """A Jinja2 environment that escapes by default and fails on undefined names."""
    env = jinja2.Environment(
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_text
    env.filters["markdown"] = render_markdown
    env.filters["date"] = format_date
    return env


WIDE_PAGE = {"hide": ["navigation", "toc"]}
"""Front matter that gives a page the full width (Material-specific, like everything in `hide`)."""

PRINT_ONLY = {"hide": ["navigation", "toc"], "search": {"exclude": True}}
"""Front matter of the print page: full width and left out of the search index (Material-specific)."""


def plan_site(model: BriefingModel, env: jinja2.Environment, charts: dict[str, ChartSpec], pdf_name: str | None = None) -> SitePlan:
    """Render every page of the briefing, with its charts, and the navigation; link the PDF when there is one."""
    briefing = model.content.briefing
    shared = _shared_context(model)
    views = _chart_views(charts)
    timeline = _timeline(model)
    sources = _source_entries(model)
    pages = [
        _render(
            env,
            shared,
            "index.md",
            "Home",
            "home.md.j2",
            pdf_href=pdf_name,
            charts=_placed(views, "figures"),
            json_ld=script_json(report_json_ld(model)),
        ),
        _render(env, shared, "matrix.md", "Stance matrix", "matrix.md.j2", meta=WIDE_PAGE, charts=_placed(views, "heatmap", "alignment")),
        _render(env, shared, "questions/index.md", "Questions at stake", "questions.md.j2", tallies=_tallies(model)),
        *(
            _render(env, shared, f"questions/{t.id}.md", t.title, "question.md.j2", topic=t, groups=_position_groups(model, t.id))
            for t in model.topics.values()
        ),
        _render(env, shared, "actors/index.md", "Actors", "actors.md.j2", actor_sections=_actor_sections(model)),
        *(
            _render(
                env,
                shared,
                f"actors/{a.id}.md",
                a.name,
                "actor.md.j2",
                actor=a,
                mentions=_mentions(model, a.id),
                json_ld=script_json(actor_json_ld(model, a)),
            )
            for a in model.actors.values()
        ),
        _render(env, shared, "timeline.md", "Timeline", "timeline.md.j2", charts=_placed(views, "timeline"), **timeline),
        _render(env, shared, "charts.md", "Charts", "charts.md.j2", meta=WIDE_PAGE, charts=views),
        _render(env, shared, "sources.md", "Sources", "sources.md.j2", source_entries=sources),
        _render(env, shared, "method.md", "Method", "method.md.j2"),
        _render(env, shared, "data.md", "Data downloads", "data.md.j2", **_data_context()),
        _render_print(env, shared, model, timeline, sources, views),
    ]
    # MkDocs themes print the site name and navigation titles without escaping them.
    return SitePlan(site_name=html.escape(briefing.title), pages=pages, nav=_nav(model, pages), downloads=downloads(model))


def _data_context() -> dict[str, Any]:
    """The download files and their documented columns, for the data page."""
    return {
        "files": DOWNLOADS,
        "version": EXPORT_VERSION,
        "stance_columns": STANCE_COLUMNS,
        "event_columns": EVENT_COLUMNS,
    }


def counts(model: BriefingModel) -> dict[str, int]:
    """The totals the home and matrix pages quote."""
    content = model.content
    return {
        "sources": len(content.sources),
        "actors": len(content.actors),
        "matrix_actors": len(model.matrix_actors),
        "actors_without_stance": len(content.actors) - len(model.matrix_actors),
        "topics": len(content.topics),
        "stances": len(content.stances),
        "events": len(content.events),
        "figures": len(content.figures),
        "citations": len(all_citations(content)),
    }


def reporter_text(model: BriefingModel, stance: Stance) -> str:
    """Say who the source attributes a stance to, in one phrase."""
    reported = stance.reported_by
    name = model.actors[reported.actor].name if reported.actor else ""
    phrases = {
        ReporterKind.actor: f"Stated by {name or model.actors[stance.actor].name}",
        ReporterKind.spokesperson: f"Via a spokesperson{': ' + name if name else ''}",
        ReporterKind.official: f"According to an official{': ' + name if name else ''}",
        ReporterKind.anonymous_sources: "According to anonymous sources",
        ReporterKind.other_actor: f"As reported by {name or 'another party'}",
        ReporterKind.outlet: "The outlet's own account",
    }
    text = phrases[reported.kind]
    return f"{text} ({reported.note})" if reported.note else text


def _tallies(model: BriefingModel) -> dict[str, list[dict[str, Any]]]:
    """Count the positions on each question, in scale order."""
    result: dict[str, list[dict[str, Any]]] = {}
    for topic in model.topics:
        stances = model.stances_by_topic.get(topic, [])
        result[topic] = [
            {"step": s, "count": n} for s in POSITION_SCALE if (n := sum(1 for stance in stances if stance.position.value == s.value))
        ]
    return result


def _position_groups(model: BriefingModel, topic: str) -> list[dict[str, Any]]:
    """Group the stances on a question by position, in scale order."""
    stances = model.stances_by_topic.get(topic, [])
    groups = [{"step": s, "stances": [x for x in stances if x.position.value == s.value]} for s in POSITION_SCALE]
    return [group for group in groups if group["stances"]]


def _actor_sections(model: BriefingModel) -> list[dict[str, Any]]:
    """Group the actors by kind for the index, in the documented kind order."""
    sections = [{"title": title, "actors": [a for a in model.actors.values() if a.kind == kind]} for kind, title in KIND_TITLES.items()]
    return [section for section in sections if section["actors"]]


def _mentions(model: BriefingModel, actor: str) -> list[dict[str, Any]]:
    """An actor's mention count in each source."""
    return [{"source": model.sources[s], "count": n} for s, n in model.mentions.get(actor, {}).items()]


def _timeline(model: BriefingModel) -> dict[str, Any]:
    """Split the events into the period covered and the background before it."""
    covers = model.content.briefing.covers
    return {
        "covered_title": f"{format_date(covers.start)} to {format_date(covers.end)}",
        "covered": [e for e in model.events if not model.is_background(e)],
        "background": [e for e in model.events if model.is_background(e)],
    }


def _source_entries(model: BriefingModel) -> list[dict[str, Any]]:
    """Each source with the paragraphs to publish: the cited ones, or all when the briefing says so."""
    full = model.content.briefing.publish_full_text
    return [
        {
            "source": source,
            "total": len(model.paragraphs[source.id]),
            "shown": [p for p in model.paragraphs[source.id] if full or p.number in model.cited.get(source.id, set())],
        }
        for source in model.sources.values()
    ]


MATRIX_LIMITS = {"full": (None, 30), "compact": (15, 10), "print": (25, 12)}
"""Most rows (actors) and columns (questions) of each stance matrix; None means all. Past them the
matrix keeps the most active actors and questions, so its size grows with the actors, not their square."""


def _matrix_view(model: BriefingModel, max_actors: int | None, max_topics: int) -> dict[str, Any]:
    """The rows, columns and caption of one stance matrix."""
    actors = _busiest(model.matrix_actors, lambda a: len(model.stances_by_actor[a.id]), max_actors)
    topics = _busiest(list(model.topics.values()), lambda t: len(model.stances_by_topic.get(t.id, [])), max_topics)
    caption = f"Positions of {len(actors)} actors on {len(topics)} questions at stake"
    if len(actors) < len(model.matrix_actors) or len(topics) < len(model.topics):
        caption += (
            f" (the most active of {len(model.matrix_actors)} actors and {len(model.topics)} questions;"
            " every position is on its question's page)"
        )
    return {"actors": actors, "topics": topics, "caption": caption}


def _busiest(items: list[Any], weight: Callable[[Any], int], limit: int | None) -> list[Any]:
    """Keep the `limit` heaviest items, in their original order (all of them when there is no limit)."""
    if limit is None or len(items) <= limit:
        return items
    keep = {id(item) for item in sorted(items, key=lambda item: -weight(item))[:limit]}
    return [item for item in items if id(item) in keep]


def _chart_views(charts: dict[str, ChartSpec]) -> dict[str, dict[str, Any]]:
    """Each chart spec with its figure serialised for the page, in the order the charts were made."""
    return {name: {**spec, "json": script_json(spec["figure"])} for name, spec in charts.items()}


def _placed(views: dict[str, dict[str, Any]], *names: str) -> dict[str, dict[str, Any]]:
    """The charts a page shows, among those the facts support."""
    return {name: views[name] for name in names if name in views}


NAV_MAX_ENTRIES = 100
"""Past this many actors (or questions), the navigation lists only their index page: every page
renders the whole navigation, so listing them all would make a build grow with their square."""


def _nav(model: BriefingModel, pages: list[Page]) -> list[Any]:
    """The navigation: top-level pages, with questions and actors (by kind) as sections."""
    titles = {page.path: page.title for page in pages}
    by_kind: dict[Any, list[Any]] = {kind: [] for kind in KIND_TITLES}
    for actor in model.actors.values():
        by_kind[actor.kind].append({html.escape(actor.name): f"actors/{actor.id}.md"})
    actor_sections = [{KIND_TITLES[kind]: entries} for kind, entries in by_kind.items() if entries]
    if len(model.actors) > NAV_MAX_ENTRIES:
        actor_sections = []
    topic_entries = [{html.escape(titles[f"questions/{t}.md"]): f"questions/{t}.md"} for t in model.topics]
    if len(topic_entries) > NAV_MAX_ENTRIES:
        topic_entries = []
    return [
        {"Home": "index.md"},
        {"Stance matrix": "matrix.md"},
        {"Questions at stake": ["questions/index.md", *topic_entries]},
        {"Actors": ["actors/index.md", *actor_sections]},
        {"Timeline": "timeline.md"},
        {"Charts": "charts.md"},
        {"Sources": "sources.md"},
        {"Method": "method.md"},
        {"Data downloads": "data.md"},
    ]


def _render(
    env: jinja2.Environment,
    shared: dict[str, Any],
    path: str,
    title: str,
    template: str,
    meta: dict[str, Any] | None = None,
    links: dict[str, Any] | None = None,
    **extra: Any,
) -> Page:
    """Render one page template with the shared context and links bound to this page's location."""
    context = shared | (links or _page_links(shared["model"], path)) | {"page_title": title} | extra
    body = env.get_template(f"pages/{template}").render(context)
    # MkDocs would take the title from the first heading, unescaped, and themes print it raw.
    front_matter = {"title": html.escape(title)} | (meta or {})
    header = "".join(f"{key}: {json.dumps(value)}\n" for key, value in front_matter.items())
    return Page(path=path, title=title, markdown=f"---\n{header}---\n\n{body}")


def _render_print(
    env: jinja2.Environment,
    shared: dict[str, Any],
    model: BriefingModel,
    timeline: dict[str, Any],
    sources: list[dict[str, Any]],
    charts: dict[str, dict[str, Any]],
) -> Page:
    """Render the whole briefing as one page, in reading order, with links inside the page."""
    groups = {topic: _position_groups(model, topic) for topic in model.topics}
    extra = {"question_groups": groups, "source_entries": sources, "toc": _print_toc(model, bool(charts)), "charts": charts} | timeline
    return _render(env, shared, "print.md", "Printable briefing", "print.md.j2", meta=PRINT_ONLY, links=_print_links(), **extra)


def _print_toc(model: BriefingModel, with_charts: bool) -> list[dict[str, Any]]:
    """The contents of the printed briefing: sections, then each question and actor."""
    entries = [
        {"level": 1, "id": "bluf", "title": "Bottom line up front"},
        {"level": 1, "id": "figures", "title": "Key figures"},
        {"level": 1, "id": "matrix", "title": "Stance matrix"},
        {"level": 1, "id": "questions", "title": "Questions at stake"},
        *({"level": 2, "id": f"question-{t.id}", "title": t.title} for t in model.topics.values()),
        {"level": 1, "id": "actors", "title": "Actor profiles"},
        *({"level": 2, "id": f"actor-{a.id}", "title": a.name} for a in model.actors.values()),
        {"level": 1, "id": "timeline", "title": "Timeline"},
        *([{"level": 1, "id": "charts", "title": "Charts"}] if with_charts else []),
        {"level": 1, "id": "sources", "title": "Sources"},
        {"level": 1, "id": "method", "title": "Method"},
    ]
    return entries


def _print_links() -> dict[str, Any]:
    """Link helpers for the print page: every link points to a section of the same page."""

    def link(to: str, anchor: str = "") -> str:
        stem = to[: -len(".md")]
        if stem.startswith("actors/") and stem != "actors/index":
            return f"#a-{stem[7:]}-{anchor}" if anchor else f"#actor-{stem[7:]}"
        if stem.startswith("questions/") and stem != "questions/index":
            return f"#q-{stem[10:]}-{anchor}" if anchor else f"#question-{stem[10:]}"
        if anchor:
            return f"#{anchor}"
        return {"index": "#cover", "actors/index": "#actors", "questions/index": "#questions"}.get(stem, f"#{stem}")

    def cite_link(citation: Citation) -> str:
        return f"#{citation.source}-p{citation.paragraph}"

    scripts = [asset_link("print.md", PLOTLY_JS), asset_link("print.md", CHARTS_JS)]
    return {"link": link, "cite_link": cite_link, "chart_scripts": scripts}


def _page_links(model: BriefingModel, path: str) -> dict[str, Any]:
    """Link helpers relative to the page being rendered."""

    def link(to: str, anchor: str = "") -> str:
        return relative_link(path, to, anchor)

    def cite_link(citation: Citation) -> str:
        return link("sources.md", f"{citation.source}-p{citation.paragraph}")

    return {
        "link": link,
        "cite_link": cite_link,
        "asset": lambda asset: asset_link(path, asset),
        "chart_scripts": [asset_link(path, PLOTLY_JS), asset_link(path, CHARTS_JS)],
    }


def _shared_context(model: BriefingModel) -> dict[str, Any]:
    """What every template gets, computed once: the model, totals and scale look-ups."""
    return {
        "model": model,
        "counts": counts(model),
        "paragraph_kind": lambda citation: model.paragraphs[citation.source][citation.paragraph - 1].kind,
        "reporter_text": lambda stance: reporter_text(model, stance),
        "number": format_number,
        "matrices": {name: _matrix_view(model, *limits) for name, limits in MATRIX_LIMITS.items()},
        "source_language": next(iter(model.sources.values())).language if model.sources else "und",
        "briefing": model.content.briefing,
        "position": lambda value: step(POSITION_SCALE, value),
        "confidence": lambda value: step(CONFIDENCE_SCALE, value),
        "position_scale": POSITION_SCALE,
        "confidence_scale": CONFIDENCE_SCALE,
        "strength": evidence.strength_step,
        "strength_scale": evidence.STRENGTH_SCALE,
        "attribution_scale": evidence.ATTRIBUTION_SCALE,
        "kind_titles": KIND_TITLES,
        "stance_anchor": model.anchor,
        "charts": {},
    }
