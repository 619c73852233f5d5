"""The shared kit of every chart: the spec types, layout and axis defaults, escaping and text helpers.

A spec is a plain, JSON-ready dict: fixed ids, the texts around the chart, a Plotly
figure (data + layout) and the table of the numbers behind it. Plotly renders labels
and hover text as a subset of HTML, so every content string is HTML-escaped before
it goes into a figure; the table holds plain text that the template escapes.
"""

from __future__ import annotations

import html
import textwrap
from typing import NotRequired, TypedDict, Unpack

from ...content.schema import Citation
from ...i18n import Catalogue
from ...model.briefing import BriefingModel
from .figure import Axis, Figure, Layout, Margin

CELL_BACKGROUND = "rgba(128, 128, 128, 0.08)"
"""A faint backdrop that marks the empty cells of a heatmap, on light and dark pages alike."""


FONT = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"
"""Material's system font stack (the site loads no web fonts)."""


class Table(TypedDict):
    """The numbers behind a chart, as text, for the "Show data" table."""

    columns: list[str]
    rows: list[list[str]]


class KeyEntry(TypedDict):
    """One entry of the key under a chart: a marker as the chart draws it (or the Ahead band), and what it means."""

    symbol: str
    """A marker symbol of figure.Symbol, or "ahead" for the band of what lies ahead."""
    colour: str
    """The marker's colour; "" draws it in the text colour (a shape whose meaning is not its colour)."""
    label: str


class ChartSpec(TypedDict):
    """One chart: ids and texts for the page, the Plotly figure, the data table."""

    id: str
    title: str
    caption: str
    alt: str
    sources: list[str]
    as_of: str
    wide: bool
    """True when the chart needs a minimum width; narrower screens scroll it sideways."""
    figure: Figure
    table: Table
    key: NotRequired[list[KeyEntry]]
    """What each marker shape and colour means, shown under the chart on screen and paper; left out when the caption says it."""


CHART_MAX_ACTORS = 60
"""Most actors a heatmap, alignment or mentions chart shows (the most active or most named); more would be unreadable."""


CHART_MAX_EVENTS = 40
"""Most events the timeline draws, one labelled row each (the latest, so what lies ahead is always there); the table holds all."""


CHART_MAX_QUESTIONS = 40
"""Most questions the heatmap shows (those with the most positions)."""


COLORBAR_MARGIN: Margin = {"l": 10, "r": 120, "t": 10, "b": 10}
"""Room on the right for a colour bar's labels, which Plotly does not count when it sizes the margins."""


def make_spec(
    model: BriefingModel,
    *,
    chart_id: str,
    title: str,
    caption: str,
    alt: str,
    figure: Figure,
    table: Table,
    citations: list[Citation],
    all_sources: bool = False,
    wide: bool = False,
    key: list[KeyEntry] | None = None,
) -> ChartSpec:
    """Assemble a chart spec, naming the sources its data comes from and the briefing's as-of date."""
    cited = set(model.sources) if all_sources else {c.source for c in citations}
    w = words(model)
    sources = [f"{s.outlet}, {w.date(s.published)}" for s in model.sources.values() if s.id in cited]
    as_of = w.date(model.content.briefing.as_of)
    if w.primary != "en":  # Plotly's own words and date axes follow the briefing's language
        figure = Figure(data=figure["data"], layout=figure["layout"], locale=w.plotly_locale())
    spec = ChartSpec(
        id=chart_id, title=title, caption=caption, alt=alt, sources=sources, as_of=as_of, wide=wide, figure=figure, table=table
    )
    if key:
        spec["key"] = key
    return spec


def words(model: BriefingModel) -> Catalogue:
    """The interface words, dates and numbers of the briefing's language."""
    return Catalogue(model.content.briefing.language)


def base_layout(**parts: Unpack[Layout]) -> Layout:
    """A layout with the site's font, a transparent background and no chart title (the page gives one); `height` is required."""
    base: Layout = {
        "height": 0,
        "autosize": True,
        "font": {"family": FONT, "size": 13},
        "paper_bgcolor": "rgba(0, 0, 0, 0)",
        "plot_bgcolor": "rgba(0, 0, 0, 0)",
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "showlegend": False,
        "hoverlabel": {"align": "left"},
        "dragmode": False,
    }
    return base | parts


def base_axis(**settings: Unpack[Axis]) -> Axis:
    """An axis that grows its margin to fit its labels and does not zoom, with no line or tick marks (as drawn statically)."""
    base: Axis = {"automargin": True, "fixedrange": True, "showgrid": False, "zeroline": False, "showline": False, "ticks": ""}
    return base | settings


def counted(model: BriefingModel, n: int, noun: str) -> str:
    """Say how many of a thing there are, in the briefing's language: 1 event, 2 events."""
    return words(model).count(f"count.{noun}", n)


def columns(model: BriefingModel, *names: str) -> list[str]:
    """The headers of a chart's data table, in the briefing's language."""
    return [words(model).text(f"chart.column.{name}") for name in names]


def citation_text(model: BriefingModel, citation: Citation) -> str:
    """A citation in words: outlet, date, paragraph."""
    source = model.sources[citation.source]
    w = words(model)
    return w.text("chart.citation", outlet=source.outlet, date=w.date(source.published), paragraph=citation.paragraph)


def esc(text: str) -> str:
    """Escape content text for Plotly, which reads tags and entities in labels (quotes need no escaping)."""
    return html.escape(text, quote=False)


def shorten(text: str, width: int) -> str:
    """Shorten text to at most `width` characters, ending with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def wrap(text: str, width: int) -> str:
    """Escape text and break it into lines of about `width` characters for Plotly."""
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width)) or esc(text)


def percent(value: float) -> str:
    """Write a 0–1 share as a whole percentage."""
    return f"{round(value * 100)} %"


def limit_note(model: BriefingModel, shown: int, total: int, what: str) -> str:
    """Say that a chart shows only part of the briefing, when it does (what: 'actors' or 'questions')."""
    w = words(model)
    return w.text("chart.limit_note", shown=shown, what=w.text(f"chart.limit_{what}"), total=total) if shown < total else ""


def event_date(model: BriefingModel, date: str | None) -> str:
    """An event's date in the briefing's language, or the word for undated."""
    return words(model).date(date) if date else words(model).text("timeline.undated")
