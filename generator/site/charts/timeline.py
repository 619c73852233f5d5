"""The timeline chart: events by kind, background in its own panel (pure)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ...content.schema import Event
from ...model.briefing import BriefingModel
from ...model.scales import (
    EVENT_KIND_COLOURS,
    OUTLINE,
)
from .figure import Annotation, Axis, Layout, Scatter, Shape, Trace
from .kit import (
    ChartSpec,
    Table,
    base_axis,
    base_layout,
    citation_text,
    columns,
    counted,
    esc,
    event_date,
    make_spec,
    words,
    wrap,
)


def timeline_chart(model: BriefingModel) -> ChartSpec | None:
    """Events by kind on a date axis; background years sit in their own narrow panel, planned events in an "ahead" band."""
    dated = [e for e in model.events if e.date]
    if not dated:
        return None
    background = [e for e in dated if model.is_background(e)]
    covered = [e for e in dated if not model.is_background(e)]
    kinds = [k for k in EVENT_KIND_COLOURS if any(e.kind.value == k for e in dated)]
    split = 0.2 if background and covered else (1.0 if background else 0.0)
    w = words(model)
    data: list[Trace] = []
    annotations: list[Annotation] = []
    axes: Layout = {}
    shapes: list[Shape] = []
    if background:
        data.append(_timeline_trace(model, background, kinds, "x", [e.id for e in background]))
        axes["xaxis"] = base_axis(type="category", domain=[0, max(split - 0.04, 0.1)], anchor="y") | _year_ticks(background)
        annotations.append(_panel_title(w.text("chart.timeline.background_panel"), max(split - 0.04, 0.1) / 2))
    if covered:
        xaxis = "x2" if background else "x"
        data += _month_ranges(covered, kinds, xaxis)
        data.append(_timeline_trace(model, covered, kinds, xaxis, [_instant(e) for e in covered]))
        if background:
            axes["xaxis2"] = _covered_axis(model, covered, split)
        else:
            axes["xaxis"] = _covered_axis(model, covered, split)
        annotations.append(_panel_title(_period_title(model), (split + 1) / 2))
        ahead = _ahead_band(model, covered, xaxis)
        if ahead:
            shapes.append(ahead)
            annotations.append(_ahead_label(w.text("chart.timeline.ahead"), ahead, xaxis))
    axes["yaxis"] = base_axis(
        tickvals=list(range(len(kinds))),
        ticktext=[esc(w.text(f"event_kind.{k}").capitalize()) for k in kinds],
        range=[len(kinds) - 0.5, -0.5],
    )
    layout = (
        base_layout(height=150 + 55 * len(kinds), annotations=annotations, shapes=shapes, margin={"l": 10, "r": 10, "t": 40, "b": 10})
        | axes
    )
    return make_spec(
        model,
        chart_id="chart-timeline",
        title=w.text("chart.timeline.title"),
        caption=w.text("chart.timeline.caption"),
        alt=_timeline_alt(model, background, covered),
        figure={"data": data, "layout": layout},
        table=Table(columns=columns(model, "date", "event", "kind", "actors", "source"), rows=[_event_row(model, e) for e in model.events]),
        citations=[c for e in model.events for c in e.citations],
        wide=True,
    )


def _year_ticks(background: list[Event]) -> Axis:
    """Label the background panel by year only, once per year, so that labels never run into each other."""
    labels, last = [], ""
    for event in background:
        year = (event.date or "")[:4]
        labels.append(year if year != last else "")
        last = year
    return {"tickvals": [e.id for e in background], "ticktext": labels, "tickangle": 0}


def _month_ranges(events: list[Event], kinds: list[str], xaxis: str) -> list[Scatter]:
    """A bar across the month for each event dated only to its month, in the row of its kind."""
    bars: list[Scatter] = []
    for event, lane in zip(events, _lane_positions(events, kinds), strict=True):
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
                    "y": [lane, lane],
                    "line": {"width": 9, "color": EVENT_KIND_COLOURS[event.kind.value]},
                    "opacity": 0.45,
                    "hoverinfo": "skip",
                    "showlegend": False,
                }
            )
    return bars


def _ahead_band(model: BriefingModel, covered: list[Event], xaxis: str) -> Shape | None:
    """A shaded band from the as-of date to the last planned or expected event; None when nothing lies ahead."""
    as_of = model.content.briefing.as_of
    last = max(_day_end(e) for e in covered)
    if last <= as_of + dt.timedelta(days=1):
        return None
    return {
        "type": "rect",
        "xref": xaxis,
        "yref": "paper",
        "x0": f"{(as_of + dt.timedelta(days=1)).isoformat()} 00:00",
        "x1": f"{last.isoformat()} 00:00",
        "y0": 0,
        "y1": 1,
        "fillcolor": "rgba(128, 128, 128, 0.14)",
        "line": {"width": 0},
        "layer": "below",
    }


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


def _timeline_trace(model: BriefingModel, events: list[Event], kinds: list[str], xaxis: str, x: list[str]) -> Scatter:
    """One panel's events as points, in the row of their kind, spread apart when they share a day."""
    return {
        "type": "scatter",
        "mode": "markers",
        "xaxis": xaxis,
        "yaxis": "y",
        "x": x,
        "y": _lane_positions(events, kinds),
        "marker": {
            "size": 13,
            "opacity": 1,
            "color": [EVENT_KIND_COLOURS[e.kind.value] for e in events],
            "line": {"width": 1, "color": OUTLINE},
        },
        "hovertext": [_event_hover(model, e) for e in events],
        "hoverinfo": "text",
        "cliponaxis": False,
    }


def _lane_positions(events: list[Event], kinds: list[str]) -> list[float]:
    """Place each event in its kind's row, fanned out around the row when several share a day and kind."""
    groups = Counter((e.kind.value, e.date or "") for e in events)
    seen: Counter[tuple[str, str]] = Counter()
    positions = []
    for event in events:
        key = (event.kind.value, event.date or "")
        n, k = groups[key], seen[key]
        seen[key] += 1
        positions.append(round(kinds.index(event.kind.value) + (k - (n - 1) / 2) * min(0.25, 0.6 / n), 4))
    return positions


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
        nticks=8,
        tickformatstops=[
            {"dtickrange": [None, _DAY_MS * 6], "value": "%a<br>%-d %b"},
            {"dtickrange": [_DAY_MS * 6, _DAY_MS * 27], "value": "%-d %b"},
            {"dtickrange": [_DAY_MS * 27, _DAY_MS * 360], "value": "%b<br>%Y"},
            {"dtickrange": [_DAY_MS * 360, None], "value": "%Y"},
        ],
        showgrid=True,
    )


def _panel_title(text: str, x: float) -> Annotation:
    """A title over one panel of the timeline."""
    return {
        "text": esc(text),
        "x": round(x, 4),
        "xref": "paper",
        "xanchor": "center",
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
    when = event_date(model, event.date)
    when += (f" · {event.time}" if event.time else "") + (f" (UTC{event.utc_offset})" if event.utc_offset else "")
    lines = [f"<b>{wrap(model.event_title(event), 60)}</b>", esc(when + (f" · {event.place}" if event.place else ""))]
    if event.actors:
        lines.append(wrap(w.text("chart.timeline.with", names=", ".join(model.actors[a].name for a in event.actors)), 60))
    lines.append(esc(citation_text(model, event.citations[0])))
    return "<br>".join(lines)


def _event_row(model: BriefingModel, event: Event) -> list[str]:
    """An event as a row of the timeline's table."""
    w = words(model)
    when = event_date(model, event.date) + (f" {event.time}" if event.time else "")
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
