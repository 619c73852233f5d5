"""What every page view shares: the site-wide context, the totals, the chart views and the template helpers (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import Enum
from typing import Any, TypeAlias

from markupsafe import Markup

from ...content.record_kinds import LIST_KINDS
from ...content.schema import Citation, Figure, ReportedBy, ReporterKind, Stance, StanceKey, Strength
from ...i18n import Catalogue
from ...model import evidence
from ...model.briefing import BriefingModel, Reason
from ...model.scales import CHANGE_MARKS, CONFIDENCE_SCALE, EVIDENCE_MARKS, LIKELIHOOD_SCALE, POSITION_SCALE, ScaleStep
from ..charts import ChartSpec
from ..charts.svg import LARGE_WIDTH, SMALL_WIDTH, SMALL_WIDTH_WIDE, figure_svg, key_icon
from ..charts.timeline import marker_symbol
from . import evidence_views as views
from .environment import script_json
from .evidence_views import Step, labelled

Counts: TypeAlias = Mapping[str, int]
"""The totals the pages quote, by name: one per list kind of record (`actors`, `stances`…) and a few derived ones."""


@dataclass(frozen=True)
class ChartView:
    """A chart as a page shows it: its spec (texts and table), its static drawings, its figure serialised for Plotly."""

    spec: ChartSpec
    json: Markup
    large: Markup
    """The chart drawn as SVG for screens from 45em and for print (charts.svg.LARGE_WIDTH wide)."""
    small: Markup
    """The chart drawn as SVG for phones (narrower, so its labels keep their size)."""
    key: list[tuple[Markup, str]]
    """The key under the chart: each entry's icon (drawn as the chart draws it) and what it means."""


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
    chart: str | None = None
    """The chart the section prints (a name of charts.CHARTS); the section is left out when the facts give no such chart."""


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
    """The totals the home and matrix pages quote: every record kind's, then those of the matrix and the citations."""
    records = model.content.records
    return {kind.name: len(records[kind.name]) for kind in LIST_KINDS} | {
        "matrix_actors": len(model.matrix_actors),
        "actors_without_stance": len(records["actors"]) - len(model.matrix_actors),
        "citations": len(model.content.citations()),
    }


def chart_views(charts: dict[str, ChartSpec], catalogue: Catalogue) -> dict[str, ChartView]:
    """Each chart spec with its static drawings and its figure serialised for the page, in the order the charts were made."""
    return {name: _chart_view(spec, catalogue) for name, spec in charts.items()}


def _chart_view(spec: ChartSpec, catalogue: Catalogue) -> ChartView:
    """One chart's view: the figure as JSON for Plotly, and drawn at the two widths pages show it at."""
    figure = spec["figure"]
    small = SMALL_WIDTH_WIDE if spec["wide"] else SMALL_WIDTH
    data = script_json(figure)
    drawn = (str(data), str(catalogue.locale), spec["id"], small)
    if drawn not in _DRAWN:
        if len(_DRAWN) > MAX_DRAWN:
            _DRAWN.clear()
        _DRAWN[drawn] = (
            Markup(figure_svg(figure, LARGE_WIDTH, catalogue.locale, f"{spec['id']}-large")),
            Markup(figure_svg(figure, small, catalogue.locale, f"{spec['id']}-small")),
        )
    large, small_svg = _DRAWN[drawn]
    key = [(Markup(key_icon(entry["symbol"], entry["colour"])), entry["label"]) for entry in spec.get("key", [])]
    return ChartView(spec=spec, json=data, large=large, small=small_svg, key=key)


_DRAWN: dict[tuple[str, str, str, int], tuple[Markup, Markup]] = {}
"""Each figure's drawings, by the figure's JSON, locale, id and phone width: the preview draws only a chart whose figure changed."""

MAX_DRAWN = 64
"""Past this many drawings kept, the process starts afresh (a long preview session changes its charts many times)."""


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
    return text  # `reported.note` is the curator's own wording: it stays in the YAML and the data downloads


def reason_text(catalogue: Catalogue, reason: Reason) -> str:
    """Why two actors are related, as a sentence in the catalogue's language."""
    key, values = reason
    return catalogue.text(key, **dict(values))


def figure_value(catalogue: Catalogue, figure: Figure) -> str:
    """A figure's number as the source bounds it, in words: more than 100,000; 60 to 65; from 60 to 65."""
    value = catalogue.number(figure.value)
    if figure.value_to is not None:
        key = "figure.change" if figure.change else "figure.range"
        return catalogue.text(key, low=value, high=catalogue.number(figure.value_to))
    if figure.bound is not None:
        return catalogue.text(f"figure.bound.{figure.bound.value}", value=value)
    return value


def template_globals(site: Site) -> dict[str, Any]:
    """What every template gets: the model, the briefing, the totals, the scales and the helpers that read them."""
    model, catalogue = site.model, site.catalogue
    positions = {s.value: s for s in labelled(POSITION_SCALE, catalogue)}
    confidences = {s.value: s for s in labelled(CONFIDENCE_SCALE, catalogue)}
    likelihoods = {s.value: s for s in labelled(LIKELIHOOD_SCALE, catalogue)}

    def paragraph_kind(citation: Citation) -> str:
        return model.paragraphs[citation.source][citation.paragraph - 1].kind

    def key(value: Enum | ScaleStep | Step | str) -> str:
        return value if isinstance(value, str) else str(value.value)

    def position(value: Enum | ScaleStep | Step | str) -> Step:
        return positions[key(value)]

    def confidence(value: Enum | ScaleStep | Step | str) -> Step:
        return confidences[key(value)]

    def label(step: Any) -> str:
        # Steps already in words carry their label; bare scale steps name their catalogue key.
        return str(step.label) if hasattr(step, "label") else catalogue.text(step.label_key)

    def meaning(step: Any) -> str:
        return str(step.meaning) if hasattr(step, "meaning") else catalogue.text(step.meaning_key)

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
        "figure_value": lambda figure: figure_value(catalogue, figure),
        "source_language": next(iter(model.sources.values())).language if model.sources else "und",
        "position": position,
        "confidence": confidence,
        "position_scale": tuple(positions.values()),
        "confidence_scale": tuple(confidences.values()),
        "change_marks": {s.value: s for s in labelled(CHANGE_MARKS, catalogue)},
        "evidence_marks": {s.value: s for s in labelled(EVIDENCE_MARKS, catalogue)},
        "strength": lambda value: views.strength_words(catalogue, value),
        "strength_scale": tuple(views.strength_words(catalogue, Strength(s.value)) for s in evidence.STRENGTH_SCALE),
        "attribution_scale": tuple(views.attribution_words(catalogue, a) for a in evidence.ATTRIBUTION_SCALE),
        "likelihood_scale": labelled(LIKELIHOOD_SCALE, catalogue),
        "likelihood": lambda value: likelihoods[key(value)],
        "label": label,
        "meaning": meaning,
        "cell_entries": lambda actor, topic: views.cell_entries(model, actor, topic),
        "actor_entries": lambda actor: views.actor_entries(model, actor),
        "takeaways": views.takeaway_views(model),
        "judgements": views.judgement_views(model),
        "watch": views.watch_items(model),
        "event_when": lambda event: views.event_when(catalogue, event),
        "event_date": lambda event: views.event_date(catalogue, event),
        "event_icon": lambda event: Markup(key_icon(marker_symbol(event), "")),
        "reporter_phrase": lambda reporter, actor: reporter_phrase(model, catalogue, reporter, actor),
        "charts": {},
    }


def view_fields(view: object) -> dict[str, Any]:
    """A view record's fields as template variables (shallow: nested records stay records)."""
    return {f.name: getattr(view, f.name) for f in fields(view)}  # type: ignore[arg-type]
