"""The typed parts of a chart's figure: exactly the subset of Plotly's format that `svg.py` draws.

A chart module builds its figure from these types, so mypy refuses a property the static
renderer cannot draw before a build ever runs; `svg.py` reads its list of known properties
from the same types, so the two cannot drift apart. To draw something new, declare it here
and teach `svg.py` to draw it.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict


class Font(TypedDict, total=False):
    """The figure's font."""

    family: str
    size: int


class Margin(TypedDict, total=False):
    """Room around the plot area, in pixels."""

    l: int  # noqa: E741 (Plotly's name)
    r: int
    t: int
    b: int


class Line(TypedDict, total=False):
    """A line's or an outline's width (one, or one per marker), colour and dash."""

    width: float | list[float]
    color: str
    dash: Literal["dash"]


Symbol = Literal["circle", "diamond", "circle-open", "diamond-open"]
"""A marker's shape; an open one is its outline only, in the marker's colour."""


class Marker(TypedDict, total=False):
    """The points of a scatter trace or the bars of a bar trace."""

    size: int | list[int]
    color: str | list[str]
    opacity: float
    line: Line
    symbol: Symbol | list[Symbol]


class ColorBar(TypedDict, total=False):
    """A heatmap's colour bar: labelled values."""

    tickvals: list[float]
    ticktext: list[str]


class Heatmap(TypedDict, total=False):
    """Coloured cells on two category axes."""

    type: Literal["heatmap"]
    x: list[Any]
    y: list[Any]
    z: list[list[float | None]]
    text: list[list[str]]
    texttemplate: str
    hovertext: list[list[str]]
    hoverinfo: str
    zmin: float
    zmax: float
    colorscale: list[list[Any]]
    colorbar: ColorBar
    xgap: int
    ygap: int


class Scatter(TypedDict, total=False):
    """Markers, lines and texts at points."""

    type: Literal["scatter"]
    mode: str
    """markers, lines, text, or several joined by +."""
    x: list[Any]
    y: list[Any]
    xaxis: str
    yaxis: str
    marker: Marker
    line: Line
    text: list[str]
    textposition: str | list[str]
    hovertext: list[str]
    hoverinfo: str
    cliponaxis: bool
    opacity: float
    showlegend: bool


class TextFont(TypedDict, total=False):
    """The colour of a trace's text."""

    color: str


class Bar(TypedDict, total=False):
    """Horizontal bars, one per category of the y axis; several traces stack (layout.barmode "stack")."""

    type: Literal["bar"]
    orientation: Literal["h"]
    name: str
    x: list[float]
    y: list[Any]
    marker: Marker
    text: list[str]
    textposition: Literal["inside"]
    insidetextanchor: Literal["middle"]
    textangle: Literal[0]
    textfont: TextFont
    hovertext: list[str]
    hoverinfo: str


Trace = Heatmap | Scatter | Bar
"""One trace of a figure."""


class TickFormatStop(TypedDict):
    """How a date axis writes its ticks for a range of tick spacings (milliseconds; None is open)."""

    dtickrange: list[int | None]
    value: str


class Axis(TypedDict, total=False):
    """A category, date or linear axis."""

    automargin: bool
    fixedrange: bool
    showgrid: bool
    zeroline: bool
    showline: bool
    """A line along the axis; charts leave it out (False), which Plotly must be told, as a line colour would draw one."""
    ticks: Literal[""]
    """No tick marks; Plotly draws them on heatmaps unless told."""
    side: Literal["top", "bottom"]
    tickangle: float
    tickvals: list[Any]
    ticktext: list[str]
    autorange: Literal["reversed"]
    type: Literal["category", "date", "linear"]
    domain: list[float]
    anchor: str
    range: list[Any]
    nticks: int
    tickformatstops: list[TickFormatStop]
    visible: bool
    scaleanchor: str


class Annotation(TypedDict, total=False):
    """A text placed in paper or data coordinates."""

    text: str
    x: Any
    xref: str
    xanchor: Literal["left", "center", "right"]
    y: Any
    yref: str
    yanchor: Literal["top", "bottom"]
    yshift: int
    showarrow: bool


class Shape(TypedDict, total=False):
    """A rectangle or a straight line in paper or data coordinates."""

    type: Literal["rect", "line"]
    xref: str
    yref: str
    x0: Any
    x1: Any
    y0: Any
    y1: Any
    fillcolor: str
    line: Line
    layer: Literal["below", "above"]


class HoverLabel(TypedDict, total=False):
    """How hover labels align their lines."""

    align: Literal["left"]


class UniformText(TypedDict):
    """Bar texts at one size, hidden where they do not fit (as the static drawing leaves them out)."""

    mode: Literal["hide"]
    minsize: int


class Layout(TypedDict, total=False):
    """The figure's layout: size, font, margins, axes, texts and rectangles."""

    height: int
    autosize: bool
    font: Font
    paper_bgcolor: str
    plot_bgcolor: str
    margin: Margin
    showlegend: bool
    hoverlabel: HoverLabel
    dragmode: bool
    barmode: Literal["stack"]
    uniformtext: UniformText
    annotations: list[Annotation]
    shapes: list[Shape]
    xaxis: Axis
    xaxis2: Axis
    yaxis: Axis


class Figure(TypedDict):
    """A whole figure: traces and layout, and Plotly's words for the briefing's language."""

    data: list[Trace]
    layout: Layout
    locale: NotRequired[dict[str, Any]]


def keys(part: type[Any]) -> frozenset[str]:
    """The property names a figure part may carry."""
    return frozenset(part.__required_keys__ | part.__optional_keys__)


TRACE_TYPES: dict[str, type[Any]] = {"heatmap": Heatmap, "scatter": Scatter, "bar": Bar}
"""Each trace type the renderer draws, by Plotly's name."""
