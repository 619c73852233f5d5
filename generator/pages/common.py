"""What every page view shares: the site-wide context, the totals, the chart views and the template helpers (pure)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum
from typing import Any

from markupsafe import Markup

from .. import evidence
from ..charts import ChartSpec
from ..i18n import Catalogue
from ..model import BriefingModel, Reason, all_citations
from ..scales import CONFIDENCE_SCALE, LIKELIHOOD_SCALE, POSITION_SCALE, ScaleStep
from ..schema import Citation, ReportedBy, ReporterKind, Stance, StanceKey
from . import evidence_views as views
from .environment import script_json


@dataclass(frozen=True)
class Counts:
    """The totals the pages quote."""

    sources: int
    actors: int
    matrix_actors: int
    actors_without_stance: int
    topics: int
    stances: int
    events: int
    figures: int
    citations: int


@dataclass(frozen=True)
class ChartView:
    """A chart as a page shows it: its spec (texts and table), and its figure serialised for the page."""

    spec: ChartSpec
    json: Markup


@dataclass(frozen=True)
class ContentsEntry:
    """One line of the home page's list of what the briefing holds."""

    kind: str
    title: str
    blurb: str


@dataclass(frozen=True)
class TocEntry:
    """One line of the printed contents: a section (level 1) or a question or actor in it (level 2)."""

    level: int
    id: str
    title: str


@dataclass(frozen=True)
class PrintSection:
    """A part of the print page: its id, its title's catalogue key and the template that draws it."""

    id: str
    title: str
    """Catalogue key of the section's title."""
    template: str
    """The section's template, under templates/print/."""
    children: str | None = None
    """A per-record page kind whose records the printed contents list under this section."""
    needs_charts: bool = False
    """True when the section is left out of a briefing with no charts."""


@dataclass(frozen=True)
class Site:
    """Everything a view builder may read: the model, the charts and what the registry derives."""

    model: BriefingModel
    catalogue: Catalogue
    charts: dict[str, ChartView]
    counts: Counts
    anchors: dict[StanceKey, tuple[str, str]]
    contents: list[ContentsEntry]
    """The home page's list of what the briefing holds, from the registry."""
    print_sections: list[PrintSection]
    """The print page's sections, in reading order, from the registry."""
    print_toc: list[TocEntry]
    """The printed contents, from the registry."""
    pdf_href: str | None

    def placed(self, *names: str) -> dict[str, ChartView]:
        """The charts a page shows, among those the facts support."""
        return {name: self.charts[name] for name in names if name in self.charts}


def count_totals(model: BriefingModel) -> Counts:
    """The totals the home and matrix pages quote."""
    content = model.content
    return Counts(
        sources=len(content.sources),
        actors=len(content.actors),
        matrix_actors=len(model.matrix_actors),
        actors_without_stance=len(content.actors) - len(model.matrix_actors),
        topics=len(content.topics),
        stances=len(content.stances),
        events=len(content.events),
        figures=len(content.figures),
        citations=len(all_citations(content)),
    )


def chart_views(charts: dict[str, ChartSpec]) -> dict[str, ChartView]:
    """Each chart spec with its figure serialised for the page, in the order the charts were made."""
    return {name: ChartView(spec=spec, json=script_json(spec["figure"])) for name, spec in charts.items()}


@dataclass(frozen=True)
class Step:
    """A step of a scale with its words in the briefing's language, for the templates."""

    value: str
    symbol: str
    colour: str
    label: str
    meaning: str


def reporter_text(model: BriefingModel, catalogue: Catalogue, stance: Stance) -> str:
    """Say who the source attributes a stance to, in one phrase."""
    return reporter_phrase(model, catalogue, stance.reported_by, stance.actor)


def reporter_phrase(model: BriefingModel, catalogue: Catalogue, reported: ReportedBy, actor: str) -> str:
    """Say who the source attributes a fact about `actor` to, in one phrase."""
    name = model.actors[reported.actor].name if reported.actor else ""
    kind = reported.kind
    if kind == ReporterKind.actor:
        text = catalogue.text("reporter.actor", name=name or model.actors[actor].name)
    elif kind in (ReporterKind.spokesperson, ReporterKind.official):
        text = catalogue.text(f"reporter.{kind.value}_named", name=name) if name else catalogue.text(f"reporter.{kind.value}")
    elif kind == ReporterKind.other_actor:
        text = catalogue.text("reporter.other_actor", name=name) if name else catalogue.text("reporter.other_actor_unnamed")
    else:
        text = catalogue.text(f"reporter.{kind.value}")
    return f"{text} ({reported.note})" if reported.note else text


def reason_text(catalogue: Catalogue, reason: Reason) -> str:
    """Why two actors are related, as a sentence in the catalogue's language."""
    key, values = reason
    return catalogue.text(key, **dict(values))


def labelled(scale: tuple[ScaleStep, ...], catalogue: Catalogue) -> tuple[Step, ...]:
    """A scale's steps with their label and meaning in the catalogue's language."""
    return tuple(Step(s.value, s.symbol, s.colour, catalogue.text(s.label_key), catalogue.text(s.meaning_key)) for s in scale)


def template_globals(site: Site) -> dict[str, Any]:
    """What every template gets: the model, the briefing, the totals, the scales and the helpers that read them."""
    model, catalogue = site.model, site.catalogue
    positions = {s.value: s for s in labelled(POSITION_SCALE, catalogue)}
    confidences = {s.value: s for s in labelled(CONFIDENCE_SCALE, catalogue)}
    likelihoods = {s.value: s for s in labelled(LIKELIHOOD_SCALE, catalogue)}

    def paragraph_kind(citation: Citation) -> str:
        return model.paragraphs[citation.source][citation.paragraph - 1].kind

    def key(value: Enum | ScaleStep | str) -> str:
        return value if isinstance(value, str) else str(value.value)

    def position(value: Enum | ScaleStep | str) -> Step:
        return positions[key(value)]

    def confidence(value: Enum | ScaleStep | str) -> Step:
        return confidences[key(value)]

    return {
        "model": model,
        "briefing": model.content.briefing,
        "counts": site.counts,
        "catalogue": catalogue,
        "t": catalogue.markup,
        "count": catalogue.count,
        "paragraph_kind": paragraph_kind,
        "reporter_text": lambda stance: reporter_text(model, catalogue, stance),
        "colon": Markup(catalogue.text("punct.colon")),
        "reason_text": lambda reason: reason_text(catalogue, reason),
        "number": catalogue.number,
        "source_language": next(iter(model.sources.values())).language if model.sources else "und",
        "position": position,
        "confidence": confidence,
        "position_scale": tuple(positions.values()),
        "confidence_scale": tuple(confidences.values()),
        "likelihood": lambda value: likelihoods[key(value)],
        "label": lambda scale_step: catalogue.text(scale_step.label_key),
        "meaning": lambda scale_step: catalogue.text(scale_step.meaning_key),
        "strength": evidence.strength_step,
        "strength_scale": evidence.STRENGTH_SCALE,
        "attribution_scale": evidence.ATTRIBUTION_SCALE,
        "cell_entries": lambda actor, topic: views.cell_entries(model, actor, topic),
        "actor_entries": lambda actor: views.actor_entries(model, actor),
        "takeaways": views.takeaway_views(model),
        "judgements": views.judgement_views(model),
        "watch": views.watch_items(model),
        "event_when": lambda event: views.event_when(event, catalogue),
        "reporter_phrase": lambda reporter, actor: reporter_phrase(model, catalogue, reporter, actor),
        "charts": {},
    }


def view_fields(view: object) -> dict[str, Any]:
    """A view record's fields as template variables (shallow: nested records stay records)."""
    return {f.name: getattr(view, f.name) for f in fields(view)}  # type: ignore[arg-type]
