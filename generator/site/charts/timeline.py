"""The timeline chart: one labelled row per event, background in its own panel, what is ahead drawn outlined (pure)."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from typing import Literal

from ...content.schema import Event
from ...model import evidence
from ...model.briefing import BriefingModel
from ...model.scales import (
    EVENT_KIND_COLOURS,
    EVENT_MARKERS,
    OUTLINE,
)
from .figure import Annotation, Axis, Layout, Scatter, Shape, Symbol, Trace
from .kit import (
    CHART_MAX_EVENTS,
    ChartSpec,
    KeyEntry,
    Table,
    base_axis,
    base_layout,
    citation_text,
    columns,
    counted,
    esc,
    event_date,
    make_spec,
    shorten,
    words,
    wrap,
)

LABEL_WIDTH = 30
"""Characters per line of an event's label beside its row; two lines at most, the rest ellipsised."""

ROW_HEIGHT = 36
"""Pixels per event row: room for a two-line label, so neighbouring labels never touch, on screen or paper."""

AHEAD_LINE = "rgba(128, 128, 128, 0.9)"
"""The dashed line at the start of what lies ahead: grey that reads on light and dark pages and on paper."""


def timeline_chart(model: BriefingModel) -> ChartSpec | None:
    """One row per dated event, labelled with its title; background years sit in their own narrow panel, what lies ahead
    of the as-of date behind a dashed line in an "Ahead" band, and events still ahead are drawn outlined."""
    every = [e for e in model.events if e.date]
    if not every:
        return None
    dated = every[-CHART_MAX_EVENTS:]  # in date order: the latest, and whatever lies ahead
    background = [e for e in dated if model.is_background(e)]
    covered = [e for e in dated if not model.is_background(e)]
    rows = {e.id: n for n, e in enumerate(background + covered)}
    split = 0.2 if background and covered else (1.0 if background else 0.0)
    w = words(model)
    data: list[Trace] = []
    annotations: list[Annotation] = []
    axes: Layout = {}
    shapes: list[Shape] = []
    if background:
        data.append(_timeline_trace(model, background, rows, "x", [e.id for e in background]))
        axes["xaxis"] = base_axis(type="category", domain=[0, max(split - 0.04, 0.1)], anchor="y") | _year_ticks(background)
        # With two panels, each title leans away from the other (Plotly does not move overlapping titles apart).
        end = max(split - 0.04, 0.1)
        title = w.text("chart.timeline.background_panel")
        annotations.append(_panel_title(title, end, "right") if covered else _panel_title(title, end / 2, "center"))
    if covered:
        xaxis = "x2" if background else "x"
        data += _month_ranges(covered, rows, xaxis)
        data.append(_timeline_trace(model, covered, rows, xaxis, [_instant(e) for e in covered]))
        axes["xaxis2" if background else "xaxis"] = _covered_axis(model, covered, split)
        annotations.append(_panel_title(_period_title(model), split + 0.04 if background else 0.5, "left" if background else "center"))
        ahead = _ahead_band(model, covered, xaxis)
        if ahead:
            shapes += ahead
            annotations.append(_ahead_label(w.text("chart.timeline.ahead"), ahead[0], xaxis))
    axes["yaxis"] = base_axis(
        tickvals=list(range(len(rows))),
        ticktext=[event_label(model.event_title(e)) for e in background + covered],
        range=[len(rows) - 0.5, -0.5],
        showgrid=True,
    )
    layout = (
        base_layout(
            height=110 + ROW_HEIGHT * len(rows), annotations=annotations, shapes=shapes, margin={"l": 10, "r": 10, "t": 40, "b": 10}
        )
        | axes
    )
    return make_spec(
        model,
        chart_id="chart-timeline",
        title=timeline_title(model, model.content.events),
        caption=_caption(model, background, covered, bool(shapes)) + _limit_note(model, len(dated), len(every)),
        alt=_timeline_alt(model, background, covered),
        figure={"data": data, "layout": layout},
        table=Table(columns=columns(model, "date", "event", "kind", "actors", "source"), rows=[_event_row(model, e) for e in model.events]),
        citations=[c for e in model.events for c in e.citations],
        wide=True,
        key=_key(model, dated, bool(shapes)),
    )


def event_label(title: str) -> str:
    """An event's label on the chart: its title in at most two short lines, ellipsised when longer (Plotly markup)."""
    lines = textwrap.wrap(title, LABEL_WIDTH) or [title]
    if len(lines) > 2:
        rest = " ".join(lines[1:])  # cut at a word when there is one to cut at
        second = textwrap.shorten(rest, LABEL_WIDTH, placeholder="…") if " " in rest[:LABEL_WIDTH] else shorten(rest, LABEL_WIDTH)
        lines = [lines[0], second]
    return "<br>".join(esc(line) for line in lines)


def marker_symbol(event: Event) -> Symbol:
    """How an event is drawn: filled once it took place, outlined while it is planned or expected."""
    return "circle" if event.took_place else EVENT_MARKERS[event.status.value]  # type: ignore[return-value]


def _caption(model: BriefingModel, background: list[Event], covered: list[Event], band: bool) -> str:
    """What the chart draws, sentence by sentence: only what this briefing's timeline holds."""
    w = words(model)
    parts = [w.text("chart.timeline.caption")]
    if background and covered:
        parts.append(w.text("chart.timeline.caption_background"))
    if any(e.date and len(e.date) == 7 for e in covered):
        parts.append(w.text("chart.timeline.caption_month"))
    if any(not e.took_place for e in background + covered):
        parts.append(w.text("chart.timeline.caption_open"))
    if band:
        parts.append(w.text("chart.timeline.caption_ahead"))
    return " ".join(parts)


def _limit_note(model: BriefingModel, shown: int, total: int) -> str:
    """Say that the chart draws only the latest events, when it does."""
    return " " + words(model).text("chart.timeline.limit_note", shown=shown, total=total) if shown < total else ""


def _key(model: BriefingModel, dated: list[Event], band: bool) -> list[KeyEntry]:
    """The key under the chart: each marker shape drawn and what it means, each kind's colour, the Ahead band."""
    w = words(model)
    shapes = dict.fromkeys(("happened" if e.took_place else e.status.value) for e in dated)
    entries = [KeyEntry(symbol=EVENT_MARKERS[s], colour="", label=w.text(f"chart.timeline.key_{s}")) for s in EVENT_MARKERS if s in shapes]
    kinds = [k for k in EVENT_KIND_COLOURS if any(e.kind.value == k for e in dated)]
    entries += [KeyEntry(symbol="circle", colour=EVENT_KIND_COLOURS[k], label=w.text(f"event_kind.{k}").capitalize()) for k in kinds]
    if band:
        as_of = w.date(model.content.briefing.as_of)
        entries.append(KeyEntry(symbol="ahead", colour=AHEAD_LINE, label=w.text("chart.timeline.key_ahead", date=as_of)))
    return entries


def timeline_title(model: BriefingModel, events: list[Event]) -> str:
    """The chart's answer: how much of the timeline is still ahead (planned or expected), counted from the events."""
    ahead = sum(1 for e in events if e.status.value != "happened")
    key = "chart.timeline.title_ahead" if ahead else "chart.timeline.title_past"
    return words(model).count(key, ahead, total=len(events))


def _year_ticks(background: list[Event]) -> Axis:
    """Label the background panel by year only, once per year, so that labels never run into each other."""
    labels, last = [], ""
    for event in background:
        year = (event.date or "")[:4]
        labels.append(year if year != last else "")
        last = year
    return {"tickvals": [e.id for e in background], "ticktext": labels, "tickangle": 0}


def _month_ranges(events: list[Event], rows: dict[str, int], xaxis: str) -> list[Scatter]:
    """A bar across the month for each event dated only to its month, in the event's row."""
    bars: list[Scatter] = []
    for event in events:
        if event.date and len(event.date) == 7:
            start = dt.date.fromisoformat(event.date + "-01")
            end = (start + dt.timedelta(days=32)).replace(day=1)
            bars.append(
                {
                    "type": "scatter",
                    "mode": "lines",
                    "xaxis": xaxis,
                    "yaxis": "y",
                    "x": [start.isoformat(), end.isoformat()],
                    "y": [rows[event.id], rows[event.id]],
                    "line": {"width": 9, "color": EVENT_KIND_COLOURS[event.kind.value]},
                    "opacity": 0.45,
                    "hoverinfo": "skip",
                    "showlegend": False,
                }
            )
    return bars


def _ahead_band(model: BriefingModel, covered: list[Event], xaxis: str) -> list[Shape]:
    """A shaded band from the as-of date to the last planned or expected event, behind a dashed line where it starts;
    nothing when nothing lies ahead."""
    as_of = model.content.briefing.as_of
    last = max(_day_end(e) for e in covered)
    if last <= as_of + dt.timedelta(days=1):
        return []
    start = f"{(as_of + dt.timedelta(days=1)).isoformat()} 00:00"
    band: Shape = {
        "type": "rect",
        "xref": xaxis,
        "yref": "paper",
        "x0": start,
        "x1": f"{last.isoformat()} 00:00",
        "y0": 0,
        "y1": 1,
        "fillcolor": "rgba(128, 128, 128, 0.14)",
        "line": {"width": 0},
        "layer": "below",
    }
    line: Shape = {
        "type": "line",
        "xref": xaxis,
        "yref": "paper",
        "x0": start,
        "x1": start,
        "y0": 0,
        "y1": 1,
        "line": {"width": 1.5, "color": AHEAD_LINE, "dash": "dash"},
        "layer": "below",
    }
    return [band, line]


def _ahead_label(text: str, band: Shape, xaxis: str) -> Annotation:
    """The word Ahead (in the briefing's language) at the top of the band."""
    return {
        "text": esc(text),
        "showarrow": False,
        "x": band["x0"],
        "xref": xaxis,
        "xanchor": "left",
        "y": 1,
        "yref": "paper",
        "yanchor": "top",
    }


def _day_end(event: Event) -> dt.date:
    """The day after the last day an event may fall on (the month's end for a month-only date)."""
    parts = (event.date or "").split("-")
    if len(parts) == 3:
        return dt.date.fromisoformat(event.date or "") + dt.timedelta(days=1)
    start = dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, 1)
    return (start + dt.timedelta(days=32)).replace(day=1) if len(parts) == 2 else dt.date(start.year + 1, 1, 1)


_DAY_MS = 86_400_000


def _timeline_trace(model: BriefingModel, events: list[Event], rows: dict[str, int], xaxis: str, x: list[str]) -> Scatter:
    """One panel's events as points in their rows, coloured by kind: filled once they took place, outlined while ahead."""
    symbols = [marker_symbol(e) for e in events]
    return {
        "type": "scatter",
        "mode": "markers",
        "xaxis": xaxis,
        "yaxis": "y",
        "x": x,
        "y": [rows[e.id] for e in events],
        "marker": {
            "size": 13,
            "opacity": 1,
            "color": [EVENT_KIND_COLOURS[e.kind.value] for e in events],
            "symbol": symbols,
            "line": {"width": [1.0 if s == "circle" else 2.5 for s in symbols], "color": OUTLINE},
        },
        "hovertext": [_event_hover(model, e) for e in events],
        "hoverinfo": "text",
        "cliponaxis": False,
    }


def _instant(event: Event) -> str:
    """Where an event sits on the date axis: its time if known, otherwise midday; a month-only date mid-month."""
    date = event.date or ""
    day = {4: f"{date}-07-01", 7: f"{date}-15"}.get(len(date), date)  # the middle of a year or a month
    return f"{day} {event.time or '12:00'}"


def _covered_axis(model: BriefingModel, covered: list[Event], split: float) -> Axis:
    """The date axis of the period covered: from its first day to the last day with anything on it, ticks chosen for the span."""
    start = min(model.content.briefing.covers.start, *(dt.date.fromisoformat(_instant(e)[:10]) for e in covered))
    end = max(model.content.briefing.covers.end + dt.timedelta(days=1), *(_day_end(e) for e in covered))
    # Plotly picks the tick spacing from the span and the width (days, weeks, months or years);
    # the formats below only say how each spacing is written.
    return base_axis(
        type="date",
        domain=[split + 0.04 if split else 0, 1],
        anchor="y",
        range=[f"{start.isoformat()} 00:00", f"{end.isoformat()} 00:00"],
        nticks=max(2, min(8, (end - start).days + 1)),  # a tick a day at most: Plotly would label half days with the day twice
        tickformatstops=[
            {"dtickrange": [None, _DAY_MS * 6], "value": "%a<br>%-d %b"},
            {"dtickrange": [_DAY_MS * 6, _DAY_MS * 27], "value": "%-d %b"},
            {"dtickrange": [_DAY_MS * 27, _DAY_MS * 360], "value": "%b<br>%Y"},
            {"dtickrange": [_DAY_MS * 360, None], "value": "%Y"},
        ],
        showgrid=True,
    )


def _panel_title(text: str, x: float, anchor: Literal["left", "center", "right"]) -> Annotation:
    """A title over one panel of the timeline."""
    return {
        "text": esc(text),
        "x": round(x, 4),
        "xref": "paper",
        "xanchor": anchor,
        "y": 1.0,
        "yref": "paper",
        "yanchor": "bottom",
        "yshift": 8,
        "showarrow": False,
    }


def _period_title(model: BriefingModel) -> str:
    """The period covered, for the panel title."""
    covers, w = model.content.briefing.covers, words(model)
    return w.text("chart.timeline.period_panel", start=w.date(covers.start), end=w.date(covers.end))


def _event_hover(model: BriefingModel, event: Event) -> str:
    """Hover text of an event: title, when and where, who, and the first citation."""
    w = words(model)
    when = _when(model, event)
    when += (f" · {event.time}" if event.time else "") + (f" (UTC{event.utc_offset})" if event.utc_offset else "")
    kind = w.text(f"event_kind.{event.kind.value}").capitalize()
    status = "" if event.took_place else " · " + w.text(f"event_status.{event.status.value}")
    lines = [f"<b>{wrap(model.event_title(event), 60)}</b>", esc(when + (f" · {event.place}" if event.place else "")), esc(kind + status)]
    if event.actors:
        lines.append(wrap(w.text("chart.timeline.with", names=", ".join(model.actors[a].name for a in event.actors)), 60))
    lines.append(esc(citation_text(model, event.citations[0])))
    return "<br>".join(lines)


def _when(model: BriefingModel, event: Event) -> str:
    """When an event falls, as the timeline list writes it: "about" an approximate date, a week, a range; undated in words."""
    return evidence.event_date(event, words(model)) or event_date(model, None)


def _event_row(model: BriefingModel, event: Event) -> list[str]:
    """An event as a row of the timeline's table."""
    w = words(model)
    when = _when(model, event) + (f" {event.time}" if event.time else "")
    names = ", ".join(model.actors[a].name for a in event.actors)
    return [
        when,
        model.event_title(event),
        w.text(f"event_kind.{event.kind.value}"),
        names,
        "; ".join(citation_text(model, c) for c in event.citations),
    ]


def _timeline_alt(model: BriefingModel, background: list[Event], covered: list[Event]) -> str:
    """Describe the timeline in words."""
    w = words(model)
    busiest = Counter(e.date for e in covered).most_common(1)
    text = w.text(
        "chart.timeline.alt", covered=counted(model, len(covered), "event"), background=counted(model, len(background), "background_event")
    )
    if busiest:
        text += w.text("chart.timeline.alt_busiest", date=event_date(model, busiest[0][0]), events=counted(model, busiest[0][1], "event"))
    return text + "."
