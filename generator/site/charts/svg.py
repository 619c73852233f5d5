"""Draw a chart's Plotly figure as static SVG at build time (pure): the chart a reader sees first.

Pages show this drawing at first paint, without a line of JavaScript; plotly.js loads only when
a reader reaches for the chart (pointer, touch or keyboard focus) and then redraws it with hover
labels. The print page shows the drawing too, so the PDF needs no script to run.

The renderer reads the subset of Plotly's figure format declared in `figure.py` (heatmaps,
scatter markers, lines and text, stacked horizontal bars, on category, date and linear axes,
paper annotations and rectangles) and refuses anything else with `UnsupportedFigureError`, a
build error that names the property, so a chart that grows a feature cannot silently print
without it. Text sizes are estimated from character classes (no font files are
read); labels take their colour from the page, so one drawing serves light and dark schemes.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import itertools
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from types import UnionType
from typing import Any, Literal, Union, cast, get_args, get_origin, get_type_hints, is_typeddict

from babel import Locale
from babel.dates import format_datetime

from ...errors import ChartError
from .figure import TRACE_TYPES, Figure, Layout

LARGE_WIDTH = 760
"""Width of the drawing for screens from 45em and for print (CSS pixels); wider screens show it at this size."""

SMALL_WIDTH = 360
"""Width of the drawing for phones."""

SMALL_WIDTH_WIDE = 480
"""Width of a wide chart's drawing for phones, which scroll it sideways (the 30rem of .bf-chart-wide)."""

LINE_HEIGHT = 1.25
"""Line height of multi-line labels, in font sizes."""

TICK_GAP = 6
"""Pixels between an axis and its tick labels."""

COLORBAR = {"gap": 12, "thickness": 22}
"""Where a heatmap's colour bar sits right of the plot, and how wide it is (pixels)."""

_DAY_MS = 86_400_000
_DATE_STEPS = (
    [(_DAY_MS * n, "day", n) for n in (1, 2, 3, 7, 14)]
    + [(_DAY_MS * 30 * n, "month", n) for n in (1, 2, 3, 6)]
    + [(_DAY_MS * 365 * n, "year", n) for n in (1, 2, 5, 10, 20, 50, 100)]
)
"""Tick spacings of a date axis, shortest first (as Plotly chooses them): days, months, years."""

_STRFTIME_TO_CLDR = {"%a": "EEE", "%A": "EEEE", "%-d": "d", "%d": "dd", "%b": "MMM", "%B": "MMMM", "%Y": "y", "%m": "MM"}


BAR_GAP = 0.2
"""Plotly's default gap between the bars of neighbouring categories, as a share of their spacing."""


BAR_TEXT_PAD = 3
"""Pixels Plotly keeps between a bar's inside text and its ends."""


class UnsupportedFigureError(ChartError):
    """A figure uses a Plotly feature the static renderer does not draw."""


@dataclass(frozen=True)
class Box:
    """The plot area in pixels: left, top, right, bottom."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        """Width in pixels."""
        return self.right - self.left

    @property
    def height(self) -> float:
        """Height in pixels."""
        return self.bottom - self.top


@dataclass
class Axis:
    """One axis: how its values map to pixels and which ticks it labels."""

    name: str
    """Plotly's name: xaxis, xaxis2, yaxis."""
    spec: dict[str, Any]
    kind: str
    """category, date or linear."""
    categories: list[Any]
    lo: float
    hi: float
    font: float = 13.0
    """Font size of the tick labels."""
    start: float = 0.0
    """Pixel at lo."""
    end: float = 1.0
    """Pixel at hi."""

    @property
    def horizontal(self) -> bool:
        """True for an x axis."""
        return self.name.startswith("x")

    @property
    def visible(self) -> bool:
        """False when the figure hides the axis."""
        return bool(self.spec.get("visible", True))

    def value(self, raw: Any) -> float:
        """A data value in the axis's own units: a category's index, a date's milliseconds, a number."""
        if self.kind == "category":
            return float(self.categories.index(raw))
        if self.kind == "date":
            return _date_ms(raw)
        return float(raw)

    def px(self, raw: Any) -> float:
        """Where a data value sits, in pixels."""
        return self.px_of(self.value(raw))

    def ticks(self, locale: Locale) -> list[tuple[float, str]]:
        """The labelled ticks: pixel and text (Plotly's markup: <br> breaks a line); on a level horizontal axis,
        a label that would touch the one before it is left out."""
        ticks = self._all_ticks(locale)
        if not self.horizontal or self.angle():
            return ticks
        kept: list[tuple[float, str]] = []
        for at, text in ticks:
            if not kept or abs(at - kept[-1][0]) >= (_text_width(text, self.font) + _text_width(kept[-1][1], self.font)) / 2 + 4:
                kept.append((at, text))
        return kept

    def _all_ticks(self, locale: Locale) -> list[tuple[float, str]]:
        """Every tick the axis asks for."""
        if not self.visible:
            return []
        if "tickvals" in self.spec:
            texts = self.spec.get("ticktext") or [str(v) for v in self.spec["tickvals"]]
            return [(self.px(v), t) for v, t in zip(self.spec["tickvals"], texts, strict=True) if self._inside(self.value(v))]
        if self.kind == "category":
            return [(self.px(c), html.escape(str(c), quote=False)) for c in self.categories]
        if self.kind == "date":
            return [(self.px_of(ms), label) for ms, label in _date_ticks(self, locale)]
        return [(self.px_of(v), _n(v)) for v in _nice_ticks(self.lo, self.hi, int(self.spec.get("nticks", 6)))]

    def angle(self) -> float:
        """The tick labels' rotation: the figure's, turned steeper when categories sit too close for it."""
        angle = float(self.spec.get("tickangle", 0) or 0)
        if not angle or self.kind != "category":
            return angle
        spacing = abs(self.px_of(1) - self.px_of(0))
        return next((a for a in (angle, -60.0) if spacing * math.sin(math.radians(abs(a))) >= self.font * LINE_HEIGHT), -90.0)

    def px_of(self, value: float) -> float:
        """Where a value in axis units sits, in pixels."""
        return self.start + (value - self.lo) / (self.hi - self.lo) * (self.end - self.start)

    def _inside(self, value: float) -> bool:
        """True when a value lies within the axis range."""
        return min(self.lo, self.hi) <= value <= max(self.lo, self.hi)


def figure_svg(figure: Figure, width: int, locale: Locale, prefix: str) -> str:
    """Draw a figure as an SVG `width` pixels wide (the figure's layout gives the height); `prefix` keeps ids unique on a page."""
    check_supported(figure)
    raw = cast(dict[str, Any], figure)
    layout, traces = raw["layout"], raw["data"]
    font = float(layout.get("font", {}).get("size", 12))
    height = int(layout["height"])
    axes = _axes(layout, traces)
    box = Box(0, 0, float(width), float(height))
    for _ in range(2):  # labels rotate when the first guess leaves too little room between them, which changes the margins
        _place_axes(axes, box)
        box = _plot_box(layout, traces, axes, width, height, font, locale)
    _place_axes(axes, box)
    _keep_scale(axes, box)
    parts = [_rect(box, layout.get("plot_bgcolor"))]
    parts += [_shape(s, axes, box) for s in layout.get("shapes", []) if s.get("layer") == "below"]
    ticks = {name: axis.ticks(locale) for name, axis in axes.items()}  # once, for the grid lines and the labels
    parts += _grids(axes, ticks, box)
    parts += _bars([t for t in traces if t["type"] == "bar"], axes, font)
    for trace in traces:
        if trace["type"] == "heatmap":
            parts += _heatmap(trace, axes, box, font, prefix)
        elif trace["type"] == "scatter":
            parts += _scatter(trace, axes, font)
    parts += [_shape(s, axes, box) for s in layout.get("shapes", []) if s.get("layer") != "below"]
    parts += _axis_lines(axes, box)
    parts += _tick_labels(axes, ticks, box, font)
    parts += _annotations(layout.get("annotations", []), axes, box, font, width)
    family = html.escape(layout.get("font", {}).get("family", "sans-serif"))
    return (
        f'<svg class="bf-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' font-family="{family}" font-size="{_n(font)}" aria-hidden="true" focusable="false">' + "".join(p for p in parts if p) + "</svg>"
    )


def check_supported(figure: Figure | dict[str, Any]) -> None:
    """Raise UnsupportedFigureError naming every figure property the static renderer does not draw (see figure.py)."""
    raw = cast(dict[str, Any], figure)
    problems = _unknown(raw.get("layout", {}), Layout, "layout")
    for n, trace in enumerate(raw.get("data", [])):
        kind = trace.get("type", "scatter")
        if kind not in TRACE_TYPES:
            problems.append(f"data[{n}].type = {kind!r}")
        else:
            problems += _unknown(trace, TRACE_TYPES[kind], f"data[{n}]")
    if problems:
        raise UnsupportedFigureError(
            "the static renderer does not draw " + ", ".join(problems) + ": declare the property in generator/site/charts/figure.py"
            " and draw it in generator/site/charts/svg.py, or leave it out of the chart"
        )


def _unknown(value: Any, hint: Any, where: str) -> list[str]:
    """The parts of a figure outside what its declared type allows: unknown keys, and values outside a Literal."""
    if is_typeddict(hint):
        if not isinstance(value, dict):
            return []
        allowed = _fields(hint)
        problems = [f"{where}.{key}" for key in value if key not in allowed]
        return problems + [p for key, item in value.items() if key in allowed for p in _unknown(item, allowed[key], f"{where}.{key}")]
    if get_origin(hint) is list and isinstance(value, list):
        (item_hint,) = get_args(hint)
        return [p for n, item in enumerate(value) for p in _unknown(item, item_hint, f"{where}[{n}]")]
    if get_origin(hint) is Literal and value not in get_args(hint):
        return [f"{where} = {value!r}"]
    if get_origin(hint) in (Union, UnionType):  # one value, or one per point: either arm may hold it
        arms = [_unknown(value, arm, where) for arm in get_args(hint)]
        return [] if any(not problems for problems in arms) else arms[0]
    return []


@functools.cache
def _fields(part: type[Any]) -> dict[str, Any]:
    """A figure part's properties and their types."""
    return get_type_hints(part)


# Axes


def _axes(layout: dict[str, Any], traces: list[dict[str, Any]]) -> dict[str, Axis]:
    """Every axis of the figure, with its kind and range in its own units."""
    axes = {}
    for name in sorted(k for k in layout if re.fullmatch(r"[xy]axis\d*", k)):
        spec = layout[name]
        values = [v for t in traces if _axis_of(t, name) for v in _flat(t.get(name[0], [])) if v is not None]
        kind = spec.get("type") or _guess_kind(spec, values, traces, name)
        categories = list(spec["tickvals"]) if kind == "category" and "tickvals" in spec else list(dict.fromkeys(values))
        lo, hi = _range(spec, kind, values, categories)
        axes[name] = Axis(name, spec, kind, categories, lo, hi, float(layout.get("font", {}).get("size", 12)))
    return axes


def _axis_of(trace: dict[str, Any], name: str) -> bool:
    """True when a trace is drawn against the named axis."""
    short = name[0] + name[5:]  # xaxis2 -> x2
    return bool(trace.get(name[0] + "axis", name[0]) == short)


def _flat(values: Any) -> list[Any]:
    """A trace's coordinates as a flat list."""
    return list(values) if isinstance(values, list) else []


def _guess_kind(spec: dict[str, Any], values: list[Any], traces: list[dict[str, Any]], name: str) -> str:
    """An axis's kind as Plotly infers it: categories for text values and heatmap labels, numbers otherwise."""
    if any(t["type"] == "heatmap" and _axis_of(t, name) for t in traces) or any(isinstance(v, str) for v in values):
        return "category"
    if any(isinstance(v, str) for v in spec.get("tickvals", [])):
        return "category"
    return "linear"


def _range(spec: dict[str, Any], kind: str, values: list[Any], categories: list[Any]) -> tuple[float, float]:
    """The axis's range in its own units, from the figure or from the data."""
    if "range" in spec:
        lo, hi = (_date_ms(v) if kind == "date" else float(v) for v in spec["range"])
    elif kind == "category":
        lo, hi = -0.5, len(categories) - 0.5
    else:
        numbers = [_date_ms(v) if kind == "date" else float(v) for v in values] or [0.0, 1.0]
        pad = (max(numbers) - min(numbers)) * 0.05 or 1.0
        lo, hi = min(numbers) - pad, max(numbers) + pad
    return (hi, lo) if spec.get("autorange") == "reversed" else (lo, hi)


def _plot_box(
    layout: dict[str, Any], traces: list[dict[str, Any]], axes: dict[str, Axis], width: int, height: int, font: float, locale: Locale
) -> Box:
    """The plot area: the figure less its margins, grown to fit the tick labels (Plotly's automargin) and a colour bar.

    The axes must be placed (on a first guess of the area) so that labels know their spacing."""
    margin = {"l": 80, "r": 80, "t": 100, "b": 80} | layout.get("margin", {})
    left, right, top, bottom = float(margin["l"]), float(margin["r"]), float(margin["t"]), float(margin["b"])
    for axis in axes.values():
        labels = [text for _, text in axis.ticks(locale)]
        if not labels:
            continue
        if axis.horizontal:
            extent = max(_label_height(t, font, axis.angle()) for t in labels) + TICK_GAP
            if axis.spec.get("side") == "top":
                top += extent
            else:
                bottom = max(bottom, float(margin["b"]) + extent)
        else:
            left += max(_text_width(t, font) for t in labels) + TICK_GAP
    if any(t["type"] == "heatmap" and "colorbar" in t for t in traces):
        right = max(right, COLORBAR["gap"] + COLORBAR["thickness"] + 2 * TICK_GAP + _colorbar_label_width(traces, font))
    return Box(left, top, width - right, height - bottom)


def _colorbar_label_width(traces: list[dict[str, Any]], font: float) -> float:
    """The widest label of the figure's colour bars."""
    texts = [t for trace in traces for t in trace.get("colorbar", {}).get("ticktext", [])]
    return max((_text_width(t, font) for t in texts), default=0.0)


def _place_axes(axes: dict[str, Axis], box: Box) -> None:
    """Give each axis its pixel extent from its domain within the plot area."""
    for axis in axes.values():
        d0, d1 = axis.spec.get("domain", [0, 1])
        if axis.horizontal:
            axis.start, axis.end = box.left + d0 * box.width, box.left + d1 * box.width
        else:
            axis.start, axis.end = box.bottom - d0 * box.height, box.bottom - d1 * box.height


def _keep_scale(axes: dict[str, Axis], box: Box) -> None:
    """Make one unit as long on a y axis as on the x axis it is anchored to, widening the roomier axis's range."""
    for axis in axes.values():
        anchor = axis.spec.get("scaleanchor")
        if not anchor:
            continue
        other = axes[anchor[0] + "axis" + anchor[1:]]
        mine = abs(axis.end - axis.start) / abs(axis.hi - axis.lo)
        theirs = abs(other.end - other.start) / abs(other.hi - other.lo)
        wider, scale = (axis, theirs) if mine > theirs else (other, mine)
        middle, half = (wider.lo + wider.hi) / 2, abs(wider.end - wider.start) / scale / 2
        sign = 1 if wider.hi > wider.lo else -1
        wider.lo, wider.hi = middle - sign * half, middle + sign * half


def _date_ms(value: Any) -> float:
    """A Plotly date string (2025-08-15 or 2025-08-15 12:00) in milliseconds since 1970."""
    text = str(value).strip()
    moment = dt.datetime.fromisoformat(text if len(text) > 7 else text + "-01")
    return (moment - dt.datetime(1970, 1, 1)).total_seconds() * 1000


def _from_ms(ms: float) -> dt.datetime:
    """Milliseconds since 1970 as a date and time."""
    return dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=ms)


def _date_ticks(axis: Axis, locale: Locale) -> list[tuple[float, str]]:
    """Ticks of a date axis: the shortest spacing of days, months or years that gives at most `nticks` ticks whose labels do not touch."""
    first, last = sorted((axis.lo, axis.hi))
    length = abs(axis.end - axis.start)
    font = axis.font
    for size, unit, step in _DATE_STEPS:
        if (last - first) / size > axis.spec.get("nticks", 8):
            continue
        pattern = _tick_format(axis.spec.get("tickformatstops", []), size)
        ticks = [(ms, _format_date(ms, pattern, locale)) for ms in _date_steps(first, last, unit, step)]
        room = size / (last - first) * length
        if len(ticks) < 2 or all(_text_width(label, font) + 8 <= room for _, label in ticks):
            return ticks
    return []


def _date_steps(first: float, last: float, unit: str, step: int) -> Iterator[float]:
    """Tick positions from the first whole day, month or year in the range, `step` units apart."""
    moment = _from_ms(first)
    day = dt.datetime(moment.year, moment.month, moment.day)
    if unit == "day":
        current = day if day >= moment else day + dt.timedelta(days=1)
    elif unit == "month":
        current = dt.datetime(day.year, day.month, 1)
        while current < moment or (current.month - 1) % step:
            current = _add_months(current, 1)
    else:
        current = dt.datetime(day.year, 1, 1)
        while current < moment or current.year % step:
            current = current.replace(year=current.year + 1)
    while (ms := (current - dt.datetime(1970, 1, 1)).total_seconds() * 1000) < last:  # none at the range's very end, as Plotly
        yield ms
        current = current + dt.timedelta(days=step) if unit == "day" else _add_months(current, step if unit == "month" else 12 * step)


def _add_months(moment: dt.datetime, months: int) -> dt.datetime:
    """The first of the month `months` later."""
    index = moment.month - 1 + months
    return dt.datetime(moment.year + index // 12, index % 12 + 1, 1)


def _tick_format(stops: list[dict[str, Any]], size: float) -> str:
    """The figure's date format for a tick spacing (Plotly's tickformatstops), or day and month."""
    for stop in stops:
        low, high = stop["dtickrange"]
        if (low is None or size >= low) and (high is None or size < high):
            return str(stop["value"])
    return "%-d %b"


def _format_date(ms: float, pattern: str, locale: Locale) -> str:
    """Write a tick's date with a strftime-style pattern, in the briefing's language (Babel)."""
    moment = _from_ms(ms)
    pieces = re.split(r"(%-?[a-zA-Z]|<br>)", pattern)
    out = []
    for piece in pieces:
        if piece in _STRFTIME_TO_CLDR:
            out.append(html.escape(format_datetime(moment, _STRFTIME_TO_CLDR[piece], locale=locale), quote=False))
        else:
            out.append(piece)
    return "".join(out)


def _nice_ticks(lo: float, hi: float, count: int) -> list[float]:
    """Round tick values for a linear axis."""
    first, last = sorted((lo, hi))
    raw = (last - first) / max(count, 1)
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    return [n * step for n in range(math.ceil(first / step), math.floor(last / step) + 1)]


# Drawing


def _rect(box: Box, colour: str | None) -> str:
    """The plot area's background."""
    if not colour:
        return ""
    return f'<rect x="{_n(box.left)}" y="{_n(box.top)}" width="{_n(box.width)}" height="{_n(box.height)}"{_fill(colour)}/>'


def _shape(shape: dict[str, Any], axes: dict[str, Axis], box: Box) -> str:
    """A rectangle or a line (dashed when it says so) in data or paper coordinates."""
    x0, x1 = _coordinate(shape["x0"], shape["xref"], axes, box, True), _coordinate(shape["x1"], shape["xref"], axes, box, True)
    y0, y1 = _coordinate(shape["y0"], shape["yref"], axes, box, False), _coordinate(shape["y1"], shape["yref"], axes, box, False)
    if shape.get("type") == "line":
        line = shape.get("line", {})
        width = float(line.get("width", 2))
        dash = f' stroke-dasharray="{_n(3 * width)},{_n(3 * width)}"' if line.get("dash") == "dash" else ""
        ends = f'x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" y2="{_n(y1)}"'
        return f'<line {ends} stroke="{html.escape(line.get("color", "#444"))}" stroke-width="{_n(width)}"{dash}/>'
    size = f'width="{_n(abs(x1 - x0))}" height="{_n(abs(y1 - y0))}"'
    return f'<rect x="{_n(min(x0, x1))}" y="{_n(min(y0, y1))}" {size}{_fill(shape.get("fillcolor", "none"))}/>'


def _coordinate(value: Any, ref: str, axes: dict[str, Axis], box: Box, horizontal: bool) -> float:
    """A shape's or annotation's coordinate in pixels: paper (0 to 1 across the plot area) or an axis's data."""
    if ref == "paper":
        return box.left + float(value) * box.width if horizontal else box.bottom - float(value) * box.height
    return axes[ref[0] + "axis" + ref[1:]].px(value)


def _grids(axes: dict[str, Axis], ticks: dict[str, list[tuple[float, str]]], box: Box) -> list[str]:
    """Grid lines at the ticks of axes that ask for them."""
    lines = []
    for name, axis in axes.items():
        if not axis.spec.get("showgrid"):
            continue
        for at, _ in ticks[name]:
            if axis.horizontal:
                lines.append(f'<line class="bf-svg-grid" x1="{_n(at)}" x2="{_n(at)}" y1="{_n(box.top)}" y2="{_n(box.bottom)}"/>')
            else:
                lines.append(f'<line class="bf-svg-grid" x1="{_n(box.left)}" x2="{_n(box.right)}" y1="{_n(at)}" y2="{_n(at)}"/>')
    return lines


def _axis_lines(axes: dict[str, Axis], box: Box) -> list[str]:
    """A line along each axis that asks for one (showline), on the side its labels are on."""
    lines = []
    for axis in axes.values():
        if not axis.spec.get("showline") or not axis.visible:
            continue
        if axis.horizontal:
            y = box.top if axis.spec.get("side") == "top" else box.bottom
            lines.append(f'<line class="bf-svg-axis" x1="{_n(axis.start)}" x2="{_n(axis.end)}" y1="{_n(y)}" y2="{_n(y)}"/>')
        else:
            lines.append(f'<line class="bf-svg-axis" x1="{_n(box.left)}" x2="{_n(box.left)}" y1="{_n(axis.start)}" y2="{_n(axis.end)}"/>')
    return lines


def _tick_labels(axes: dict[str, Axis], ticks: dict[str, list[tuple[float, str]]], box: Box, font: float) -> list[str]:
    """Every axis's tick labels, outside the plot area."""
    out = []
    for name, axis in axes.items():
        angle = axis.angle()
        for at, text in ticks[name]:
            if not axis.horizontal:
                out.append(_text(text, box.left - TICK_GAP, at, font, anchor="end", middle=True))
            elif axis.spec.get("side") == "top":
                out.append(_text(text, at, box.top - TICK_GAP, font, anchor="start" if angle else "middle", angle=angle, above=True))
            else:
                out.append(_text(text, at, box.bottom + TICK_GAP + font * 0.9, font, anchor="middle"))
    return out


def _annotations(notes: list[dict[str, Any]], axes: dict[str, Axis], box: Box, font: float, width: int) -> list[str]:
    """Texts placed in paper or data coordinates, anchored as Plotly anchors them, kept inside the figure;
    one that would overlap an earlier one moves up a line (two panel titles on a phone)."""
    placed: list[tuple[float, float, float]] = []
    out = []
    for note in notes:
        lines = _lines(note["text"])
        wide = _text_width(note["text"], font)
        x = _coordinate(note["x"], note.get("xref", "paper"), axes, box, True)
        y = _coordinate(note["y"], note.get("yref", "paper"), axes, box, False) - float(note.get("yshift", 0))
        anchor = {"left": "start", "right": "end"}.get(note.get("xanchor", "center"), "middle")
        if note.get("yanchor") == "top":
            x, y = x + (3 if anchor == "start" else 0), y + font * 0.95
        else:
            y -= (len(lines) - 1) * font * LINE_HEIGHT + font * 0.25
        left = x - {"start": 0.0, "end": wide}.get(anchor, wide / 2)
        shift = 2 - left if left < 2 else min(0.0, width - 2 - (left + wide))
        left, x = left + shift, x + shift
        while any(abs(y - other_y) < font and left < right and left + wide > other_left for other_left, right, other_y in placed):
            y -= font * LINE_HEIGHT
        placed.append((left, left + wide, y))
        out.append(_text(note["text"], x, y, font, anchor=anchor))
    return out


def _heatmap(trace: dict[str, Any], axes: dict[str, Axis], box: Box, font: float, prefix: str) -> list[str]:
    """Coloured cells with their numbers, and the colour bar."""
    x_axis, y_axis = axes["xaxis"], axes["yaxis"]
    zmin, zmax = float(trace.get("zmin", 0)), float(trace.get("zmax", 1))
    scale = trace["colorscale"]
    gap_x, gap_y = float(trace.get("xgap", 0)) / 2, float(trace.get("ygap", 0)) / 2
    cell_w = abs(x_axis.px_of(1) - x_axis.px_of(0))
    cell_h = abs(y_axis.px_of(1) - y_axis.px_of(0))
    texts = trace.get("text") or []
    out = []
    for row, y in enumerate(trace["y"]):
        for column, x in enumerate(trace["x"]):
            z = trace["z"][row][column]
            if z is None:
                continue
            colour = _interpolate(scale, (float(z) - zmin) / ((zmax - zmin) or 1))
            cx, cy = x_axis.px(x), y_axis.px(y)
            out.append(
                f'<rect x="{_n(cx - cell_w / 2 + gap_x)}" y="{_n(cy - cell_h / 2 + gap_y)}" width="{_n(cell_w - 2 * gap_x)}"'
                f' height="{_n(cell_h - 2 * gap_y)}" fill="{colour}"/>'
            )
            label = texts[row][column] if row < len(texts) and column < len(texts[row]) else ""
            if label and _text_width(label, font * 0.9) + 2 <= cell_w - 2 * gap_x:  # a number that does not fit is left to the table
                out.append(_text(label, cx, cy, font * 0.9, anchor="middle", middle=True, fill=contrast(colour)))
    if "colorbar" in trace:
        out += _colorbar(trace, box, font, prefix)
    return out


def _colorbar(trace: dict[str, Any], box: Box, font: float, prefix: str) -> list[str]:
    """A vertical colour bar right of the plot, its labels beside it."""
    gradient = f"{prefix}-scale"
    zmin, zmax = float(trace.get("zmin", 0)), float(trace.get("zmax", 1))
    stops = "".join(f'<stop offset="{_n(float(at) * 100)}%" stop-color="{c}"/>' for at, c in trace["colorscale"])
    left = box.right + COLORBAR["gap"]
    bar = (
        f'<defs><linearGradient id="{gradient}" x1="0" y1="1" x2="0" y2="0">{stops}</linearGradient></defs>'
        f'<rect x="{_n(left)}" y="{_n(box.top)}" width="{COLORBAR["thickness"]}" height="{_n(box.height)}" fill="url(#{gradient})"/>'
    )
    bar_spec = trace["colorbar"]
    labels = [
        _text(
            text,
            left + COLORBAR["thickness"] + TICK_GAP,
            box.bottom - (float(v) - zmin) / ((zmax - zmin) or 1) * box.height,
            font,
            anchor="start",
            middle=True,
        )
        for v, text in zip(bar_spec.get("tickvals", []), bar_spec.get("ticktext", []), strict=True)
    ]
    return [bar, *labels]


def _bars(traces: list[dict[str, Any]], axes: dict[str, Axis], font: float) -> list[str]:
    """Horizontal bars, each trace stacked after the ones before it in every category (barmode "stack"),
    with their text inside, left out where it would not fit (as layout.uniformtext "hide" makes Plotly do)."""
    x_axis, y_axis = axes["xaxis"], axes["yaxis"]
    thickness = abs(y_axis.px_of(1) - y_axis.px_of(0)) * (1 - BAR_GAP)
    ends: dict[Any, float] = {}
    out = []
    for trace in traces:
        colours = _per_point(trace.get("marker", {}).get("color", "#444"), len(trace["y"]))
        texts = trace.get("text") or [""] * len(trace["y"])
        for value, category, colour, text in zip(trace["x"], trace["y"], colours, texts, strict=True):
            start = ends.get(category, 0.0)
            ends[category] = end = start + float(value)
            left, right = sorted((x_axis.px_of(start), x_axis.px_of(end)))
            middle = y_axis.px(category)
            if right - left > 0:
                out.append(
                    f'<rect x="{_n(left)}" y="{_n(middle - thickness / 2)}" width="{_n(right - left)}" height="{_n(thickness)}"'
                    f"{_fill(str(colour))}/>"
                )
            if text and _text_width(text, font) + 2 * BAR_TEXT_PAD <= right - left:
                fill = trace.get("textfont", {}).get("color") or contrast(str(colour))
                out.append(_text(text, (left + right) / 2, middle, font, anchor="middle", middle=True, fill=fill))
    return out


def _scatter(trace: dict[str, Any], axes: dict[str, Axis], font: float) -> list[str]:
    """A scatter trace: its lines, then its markers, then their text."""
    x_axis = axes["xaxis" + trace.get("xaxis", "x")[1:]]
    y_axis = axes["yaxis" + trace.get("yaxis", "y")[1:]]
    mode = trace.get("mode", "markers")
    points = [None if x is None or y is None else (x_axis.px(x), y_axis.px(y)) for x, y in zip(trace["x"], trace["y"], strict=True)]
    out = []
    opacity = f' opacity="{_n(float(trace["opacity"]))}"' if "opacity" in trace else ""
    if "lines" in mode:
        line = trace.get("line", {})
        for run in _runs(points):
            path = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
            stroke = f'stroke="{line.get("color", "#444")}" stroke-width="{_n(float(line.get("width", 2)))}"'
            out.append(f'<polyline points="{path}" fill="none" {stroke}{opacity}/>')
    points_style = trace.get("marker", {})
    sizes = _per_point(points_style.get("size", 6), len(points))
    if "markers" in mode:
        colours = _per_point(points_style.get("color", "#444"), len(points))
        symbols = _per_point(points_style.get("symbol", "circle"), len(points))
        outline = points_style.get("line", {})
        widths = _per_point(outline.get("width", 0), len(points))
        alpha = f' fill-opacity="{_n(float(points_style["opacity"]))}"' if points_style.get("opacity", 1) != 1 else ""
        for point, size, colour, symbol, width in zip(points, sizes, colours, symbols, widths, strict=True):
            if point:
                stroke = _outline(str(symbol), str(colour), outline, float(width))
                out.append(marker(point, float(size), str(colour), str(symbol), stroke + alpha))
    if "text" in mode:
        positions = _per_point(trace.get("textposition", "middle center"), len(points))
        for point, size, text, position in zip(points, sizes, trace.get("text", []), positions, strict=True):
            if point and text:
                out.append(_point_label(text, point, float(size) / 2, str(position), font))
    return out


def _runs(points: Sequence[tuple[float, float] | None]) -> Iterator[list[tuple[float, float]]]:
    """The unbroken stretches of a line (Plotly breaks a line at a None)."""
    run: list[tuple[float, float]] = []
    for point in [*points, None]:
        if point is None:
            if len(run) > 1:
                yield run
            run = []
        else:
            run.append(point)


def _per_point(value: Any, count: int) -> list[Any]:
    """A marker property for each point: a list as it is, one value repeated."""
    return list(value) if isinstance(value, list) else [value] * count


def _outline(symbol: str, colour: str, outline: dict[str, Any], width: float) -> str:
    """A marker's stroke: an open symbol's is its own colour, at least a pixel wide (as Plotly draws it); a filled one's, the outline's."""
    if symbol.endswith("-open"):
        return f' stroke="{colour}" stroke-width="{_n(width or 1)}"'
    return f' stroke="{outline["color"]}" stroke-width="{_n(width)}"' if width else ""


def marker(point: tuple[float, float], size: float, colour: str, symbol: str, extra: str = "") -> str:
    """A circle or a diamond `size` pixels across, filled, or outlined only when its symbol is open (circle-open)."""
    x, y = point
    r = size / 2
    fill = "none" if symbol.endswith("-open") else colour
    if symbol.startswith("diamond"):
        corners = f"{_n(x)},{_n(y - r)} {_n(x + r)},{_n(y)} {_n(x)},{_n(y + r)} {_n(x - r)},{_n(y)}"
        return f'<polygon points="{corners}" fill="{fill}"{extra}/>'
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{fill}"{extra}/>'


KEY_ICON = 16
"""Size of a key entry's icon, in CSS pixels: the chart's 13-pixel marker with room for its outline."""


def key_icon(symbol: str, colour: str) -> str:
    """A key entry's icon as inline SVG: the marker as the chart draws it, or the Ahead band behind its dashed line;
    no colour draws it in the text colour, for a shape whose meaning is not its colour."""
    c = KEY_ICON / 2
    paint = html.escape(colour or "currentColor")
    if symbol == "ahead":
        body = (
            f'<rect x="{_n(c)}" y="0" width="{_n(c)}" height="{KEY_ICON}" fill="rgb(128,128,128)" fill-opacity="0.3"/>'
            f'<line x1="{_n(c)}" y1="0" x2="{_n(c)}" y2="{KEY_ICON}" stroke="{paint}" stroke-width="1.5" stroke-dasharray="3,2"/>'
        )
    else:
        stroke = f' stroke="{paint}" stroke-width="2.5"' if symbol.endswith("-open") else ""
        body = marker((c, c), 12 if symbol.endswith("-open") else 13, paint, symbol, stroke)
    return (
        f'<svg class="bf-key-icon" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {KEY_ICON} {KEY_ICON}" width="{KEY_ICON}"'
        f' height="{KEY_ICON}" aria-hidden="true" focusable="false">{body}</svg>'
    )


def _point_label(text: str, point: tuple[float, float], radius: float, position: str, font: float) -> str:
    """A marker's text, placed beside it as Plotly's textposition says (top center, bottom left…)."""
    vertical, _, horizontal = position.partition(" ")
    x, y = point
    lines = len(_lines(text))
    anchor = {"left": "end", "right": "start"}.get(horizontal, "middle")
    dx = {"left": -radius - 2, "right": radius + 2}.get(horizontal, 0.0)
    if vertical == "top":
        baseline = y - radius - 3 - (lines - 1) * font * LINE_HEIGHT - font * 0.2
    elif vertical == "bottom":
        baseline = y + radius + 3 + font * 0.8
    else:
        return _text(text, x + dx, y, font, anchor=anchor, middle=True)
    return _text(text, x + dx, baseline, font, anchor=anchor)


def _text(
    markup: str,
    x: float,
    y: float,
    font: float,
    *,
    anchor: str,
    middle: bool = False,
    angle: float = 0.0,
    above: bool = False,
    fill: str | None = None,
) -> str:
    """A label from Plotly's text markup (escaped text, <br>, <b>): one tspan a line; y is the first baseline unless `middle` centres it."""
    lines = _lines(markup)
    step = font * LINE_HEIGHT
    if middle:
        y += font * 0.35 - (len(lines) - 1) * step / 2
    if above:  # lines stack upwards from the axis
        y -= (len(lines) - 1) * step
    size = f' font-size="{_n(font)}"' if fill else ""
    colour = f' fill="{fill}"' if fill else ' class="bf-svg-text"'
    spans = "".join(f'<tspan x="0" dy="{_n(step) if n else 0}">{line}</tspan>' for n, line in enumerate(lines))
    turn = f" rotate({_n(angle)})" if angle else ""
    return f'<text transform="translate({_n(x)} {_n(y)}){turn}" text-anchor="{anchor}"{colour}{size}>{spans}</text>'


def _lines(markup: str) -> list[str]:
    """Plotly markup as lines of SVG-safe text: <br> splits, <b> becomes plain, entities are kept escaped."""
    return [_plain(part) for part in re.split(r"<br\s*/?>", markup)]


def _plain(markup: str) -> str:
    """One line of Plotly markup as escaped text for SVG (tags dropped, the content's own text escaped again)."""
    return html.escape(html.unescape(re.sub(r"<[^>]*>", "", markup)), quote=False)


def _label_height(markup: str, font: float, angle: float) -> float:
    """How far a tick label reaches from its axis, rotated by `angle` degrees."""
    lines = _lines(markup)
    tall = font * (1 + (len(lines) - 1) * LINE_HEIGHT)
    if not angle:
        return tall
    wide = max(_text_width(line, font) for line in lines)
    radians = math.radians(abs(angle))
    return wide * math.sin(radians) + tall * math.cos(radians)


def _text_width(markup: str, font: float) -> float:
    """An estimate of a label's widest line in pixels, from character classes of a sans-serif font."""
    return max(sum(_char_width(c) for c in html.unescape(line)) * font for line in _lines(markup))


def _char_width(char: str) -> float:
    """A character's advance in font sizes (close to Helvetica and DejaVu Sans, erring wide)."""
    if char in "iljtfrI.,:;'!|() ":
        return 0.34
    if char in "mwMW@%":
        return 0.92
    if char.isupper() or char.isdigit():
        return 0.72 if char.isupper() else 0.64
    return 0.61


# Colours and numbers


def _fill(colour: str) -> str:
    """SVG fill attributes for a Plotly colour, rgba's alpha as fill-opacity."""
    match = re.fullmatch(r"rgba\(\s*(\d+),\s*(\d+),\s*(\d+),\s*([\d.]+)\s*\)", colour)
    if match:
        r, g, b, a = match.groups()
        return f' fill="rgb({r},{g},{b})" fill-opacity="{a}"'
    return f' fill="{html.escape(colour)}"'


def _rgb(colour: str) -> tuple[int, int, int]:
    """A #rrggbb colour's channels."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _interpolate(scale: list[list[Any]], at: float) -> str:
    """The colour at a point (0 to 1) of a Plotly colour scale, mixed linearly between its stops."""
    at = min(max(at, 0.0), 1.0)
    for (p0, c0), (p1, c1) in itertools.pairwise(scale):
        if p0 <= at <= p1:
            share = (at - p0) / ((p1 - p0) or 1)
            channels = [round(a + (b - a) * share) for a, b in zip(_rgb(c0), _rgb(c1), strict=True)]
            return "#" + "".join(f"{c:02x}" for c in channels)
    return str(scale[-1][1])


def contrast(colour: str) -> str:
    """White or near-black text, whichever reads better on a cell of this colour (as Plotly picks)."""
    r, g, b = (c / 255 for c in _rgb(colour))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 0.6 else "#222222"


def _n(value: float) -> str:
    """A coordinate with at most one decimal, for compact and stable output."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
