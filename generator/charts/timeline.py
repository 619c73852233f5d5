"""The timeline chart: events by kind, background in its own panel (pure)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from ..model import BriefingModel, format_date
from ..scales import (
    EVENT_KIND_COLOURS,
    OUTLINE,
)
from ..schema import Event
from .kit import (
    ChartSpec,
    Table,
    base_axis,
    base_layout,
    citation_text,
    counted,
    esc,
    make_spec,
    wrap,
)


def timeline_chart(model: BriefingModel) -> ChartSpec | None:
    """Events by kind on a date axis; background years sit in their own narrow panel."""
    if not model.events:
        return None
    background = [e for e in model.events if model.is_background(e)]
    covered = [e for e in model.events if not model.is_background(e)]
    kinds = [k for k in EVENT_KIND_COLOURS if any(e.kind.value == k for e in model.events)]
    split = 0.2 if background and covered else (1.0 if background else 0.0)
    data, annotations, axes = [], [], {}
    if background:
        data.append(_timeline_trace(model, background, kinds, "x", [_short_date(e.date or "") for e in background]))
        axes["xaxis"] = base_axis(type="category", domain=[0, max(split - 0.04, 0.1)], anchor="y")
        annotations.append(_panel_title("Background (not to scale)", max(split - 0.04, 0.1) / 2))
    if covered:
        data.append(_timeline_trace(model, covered, kinds, "x2" if background else "x", [_instant(e) for e in covered]))
        axes["xaxis2" if background else "xaxis"] = _covered_axis(model, covered, split)
        annotations.append(_panel_title(_period_title(model), (split + 1) / 2))
    axes["yaxis"] = base_axis(tickvals=list(range(len(kinds))), ticktext=[k.capitalize() for k in kinds], range=[len(kinds) - 0.5, -0.5])
    layout = base_layout(height=150 + 55 * len(kinds), annotations=annotations, margin={"l": 10, "r": 10, "t": 40, "b": 10}, **axes)
    return make_spec(
        model,
        chart_id="chart-timeline",
        title="Timeline of events",
        caption="Each point is an event, in the row of its kind. Background events before the period covered are on the "
        "left, in order but not to scale; the period covered is on the right, one column per day.",
        alt=_timeline_alt(model, background, covered),
        figure={"data": data, "layout": layout},
        table=Table(columns=["Date", "Event", "Kind", "Actors", "Source"], rows=[_event_row(model, e) for e in model.events]),
        citations=[c for e in model.events for c in e.citations],
        wide=True,
    )


_DAY_MS = 86_400_000


def _timeline_trace(model: BriefingModel, events: list[Event], kinds: list[str], xaxis: str, x: list[str]) -> dict[str, Any]:
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
    """Where an event sits on the date axis: its time if known, otherwise midday; partial dates at their start."""
    parts = (event.date or "").split("-")
    day = "-".join(parts + ["01"] * (3 - len(parts)))
    return f"{day} {event.time or '12:00'}"


def _covered_axis(model: BriefingModel, covered: list[Event], split: float) -> dict[str, Any]:
    """The date axis of the period covered: whole days, from the first to the last day with anything on it."""
    days = sorted(
        [
            model.content.briefing.covers.start.isoformat(),
            model.content.briefing.covers.end.isoformat(),
            *(_instant(e)[:10] for e in covered),
        ]
    )
    # Labels sit under the middle of each day, grid lines mark midnight.
    return base_axis(
        type="date",
        domain=[split + 0.04 if split else 0, 1],
        anchor="y",
        range=[f"{days[0]} 00:00", f"{_next_day(days[-1])} 00:00"],
        tick0=f"{days[0]} 12:00",
        dtick=_DAY_MS,
        tickformat="%a<br>%-d %b",
        ticks="",
        minor={"tick0": f"{days[0]} 00:00", "dtick": _DAY_MS, "showgrid": True},
    )


def _short_date(date: str) -> str:
    """A compact two-line axis label for a full or partial date: 24 Feb<br>2022, Aug<br>2025, 2014."""
    parts = date.split("-")
    if len(parts) == 1:
        return date
    month = dt.date(int(parts[0]), int(parts[1]), 1).strftime("%b")
    return f"{int(parts[2])} {month}<br>{parts[0]}" if len(parts) == 3 else f"{month}<br>{parts[0]}"


def _next_day(day: str) -> str:
    """The ISO date after an ISO date."""
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()


def _panel_title(text: str, x: float) -> dict[str, Any]:
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
    covers = model.content.briefing.covers
    return f"Period covered: {format_date(covers.start)} to {format_date(covers.end)}"


def _event_hover(model: BriefingModel, event: Event) -> str:
    """Hover text of an event: title, when and where, who, and the first citation."""
    when = format_date(event.date) + (f" · {event.time}" if event.time else "") + (f" (UTC{event.utc_offset})" if event.utc_offset else "")
    lines = [f"<b>{wrap(event.title, 60)}</b>", esc(when + (f" · {event.place}" if event.place else ""))]
    if event.actors:
        lines.append(wrap("With: " + ", ".join(model.actors[a].name for a in event.actors), 60))
    lines.append(esc(citation_text(model, event.citations[0])))
    return "<br>".join(lines)


def _event_row(model: BriefingModel, event: Event) -> list[str]:
    """An event as a row of the timeline's table."""
    when = format_date(event.date) + (f" {event.time}" if event.time else "")
    names = ", ".join(model.actors[a].name for a in event.actors)
    return [when, event.title, event.kind.value, names, "; ".join(citation_text(model, c) for c in event.citations)]


def _timeline_alt(model: BriefingModel, background: list[Event], covered: list[Event]) -> str:
    """Describe the timeline in words."""
    busiest = Counter(e.date for e in covered).most_common(1)
    text = f"Timeline of {counted(len(covered), 'event')} in the period covered and {counted(len(background), 'background event')}"
    if busiest:
        text += f"; the busiest day is {format_date(busiest[0][0])}, with {counted(busiest[0][1], 'event')}"
    return text + "."
