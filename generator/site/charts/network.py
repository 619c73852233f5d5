"""Who met whom: actors on a circle, linked by shared meetings, calls and statements (pure)."""

from __future__ import annotations

import math
from collections import Counter

from ...model.briefing import LINKING_EVENTS, BriefingModel
from ...model.scales import (
    BLUE,
    NEUTRAL,
    OUTLINE,
)
from .figure import Scatter, Trace
from .kit import (
    ChartSpec,
    Table,
    base_axis,
    base_layout,
    columns,
    counted,
    esc,
    event_date,
    make_spec,
    words,
    wrap,
)


def network_chart(model: BriefingModel) -> ChartSpec | None:
    """Actors linked by the meetings, calls and joint statements they took part in, on a circle."""
    links = meeting_links(model)
    if not links:
        return None
    nodes = _circle_order(model, links)
    points = _circle(len(nodes))
    where = dict(zip(nodes, points, strict=True))
    degree = Counter(a for pair in links for a in pair)
    data: list[Trace] = [*_edge_traces(links, where), _edge_midpoints(model, links, where), _node_trace(model, nodes, points, degree)]
    # The labels sit outside the circle, so the axes leave a label's width on each side of it.
    layout = base_layout(
        height=520, xaxis=base_axis(visible=False, range=[-2.1, 2.1]), yaxis=base_axis(visible=False, range=[-1.5, 1.5], scaleanchor="x")
    )
    events = {e.id: e for e in model.events}
    return make_spec(
        model,
        chart_id="chart-network",
        title=network_title(model, degree),
        caption=words(model).text("chart.network.caption"),
        alt=_network_alt(model, nodes, links, degree),
        figure={"data": data, "layout": layout},
        table=Table(
            columns=columns(model, "actor", "actor", "events"),
            rows=[
                [model.actors[a].name, model.actors[b].name, "; ".join(model.event_title(events[e]) for e in ids)]
                for (a, b), ids in links.items()
            ],
        ),
        citations=[c for ids in links.values() for e in ids for c in events[e].citations],
        wide=True,
    )


def meeting_links(model: BriefingModel) -> dict[tuple[str, str], list[str]]:
    """Each pair of actors who took part in the same meeting, call or statement, with those events' ids."""
    order = {a: n for n, a in enumerate(model.actors)}
    links: dict[tuple[str, str], list[str]] = {}
    for event in model.events:
        if event.kind.value in LINKING_EVENTS and event.took_place:  # a meeting that has not taken place links no one
            actors = sorted(dict.fromkeys(event.actors), key=order.__getitem__)
            for n, a in enumerate(actors):
                for b in actors[n + 1 :]:
                    links.setdefault((a, b), []).append(event.id)
    return dict(sorted(links.items(), key=lambda item: (order[item[0][0]], order[item[0][1]])))


def _network_alt(model: BriefingModel, nodes: list[str], links: dict[tuple[str, str], list[str]], degree: Counter[str]) -> str:
    """Describe the network in words: its size and the most linked actor."""
    busiest = max(nodes, key=lambda a: (degree[a], -nodes.index(a)))
    events = len({e for ids in links.values() for e in ids})
    return words(model).text(
        "chart.network.alt",
        actors=counted(model, len(nodes), "actor"),
        links=counted(model, len(links), "link"),
        events=counted(model, events, "event"),
        name=model.actors[busiest].name,
        degree=counted(model, degree[busiest], "link"),
    )


def network_title(model: BriefingModel, degree: Counter[str]) -> str:
    """The chart's answer: who is linked to the most other actors, and to how many."""
    if not degree:
        return words(model).text("chart.network.title")
    order = {a: n for n, a in enumerate(model.actors)}
    busiest = min(degree, key=lambda a: (-degree[a], order[a]))
    return words(model).count("chart.network.title_busiest", degree[busiest], name=model.actors[busiest].name)


def _circle_order(model: BriefingModel, links: dict[tuple[str, str], list[str]]) -> list[str]:
    """Order the linked actors for the circle: breadth first from the most linked, so neighbours sit close."""
    order = {a: n for n, a in enumerate(model.actors)}
    neighbours: dict[str, list[str]] = {}
    for a, b in links:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    ranked = sorted(neighbours, key=lambda a: (-len(neighbours[a]), order[a]))
    placed: list[str] = []
    for root in ranked:
        queue = [] if root in placed else [root]
        while queue:
            actor = queue.pop(0)
            if actor not in placed:
                placed.append(actor)
                queue += sorted((n for n in neighbours[actor] if n not in placed), key=order.__getitem__)
    return placed


def _circle(n: int) -> list[tuple[float, float]]:
    """Place n points on the unit circle, clockwise from the top."""
    angles = [math.pi / 2 - 2 * math.pi * k / n for k in range(n)]
    return [(round(math.cos(a), 4) + 0.0, round(math.sin(a), 4) + 0.0) for a in angles]


def _edge_traces(links: dict[tuple[str, str], list[str]], where: dict[str, tuple[float, float]]) -> list[Scatter]:
    """The links as lines, one trace per line width (the number of events)."""
    traces: list[Scatter] = []
    for weight in sorted({len(ids) for ids in links.values()}):
        x: list[float | None] = []
        y: list[float | None] = []
        for (a, b), ids in links.items():
            if len(ids) == weight:
                x += [where[a][0], where[b][0], None]
                y += [where[a][1], where[b][1], None]
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "x": x,
                "y": y,
                "hoverinfo": "skip",
                "line": {"width": 1 + 1.5 * weight, "color": NEUTRAL},
            }
        )
    return traces


def _edge_midpoints(model: BriefingModel, links: dict[tuple[str, str], list[str]], where: dict[str, tuple[float, float]]) -> Scatter:
    """Small points in the middle of each link whose hover text names the events."""
    events = {e.id: e for e in model.events}
    hover = [
        "<br>".join(
            [
                f"<b>{esc(model.actors[a].name)} – {esc(model.actors[b].name)}</b>",
                *(
                    esc(f"{words(model).text('event_kind.' + events[e].kind.value)}, {event_date(model, events[e].date)}: ")
                    + wrap(model.event_title(events[e]), 60)
                    for e in ids
                ),
            ]
        )
        for (a, b), ids in links.items()
    ]
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [round((where[a][0] + where[b][0]) / 2, 4) for a, b in links],
        "y": [round((where[a][1] + where[b][1]) / 2, 4) for a, b in links],
        "marker": {"size": 9, "symbol": "diamond", "color": NEUTRAL},
        "hovertext": hover,
        "hoverinfo": "text",
    }


def _node_trace(model: BriefingModel, nodes: list[str], points: list[tuple[float, float]], degree: Counter[str]) -> Scatter:
    """The actors as labelled points, sized by how many others they are linked to."""
    return {
        "type": "scatter",
        "mode": "markers+text",
        "x": [p[0] for p in points],
        "y": [p[1] for p in points],
        "text": [wrap(model.actors[a].name, 18) for a in nodes],
        "textposition": [_label_position(p) for p in points],
        "marker": {
            "size": [12 + 3 * min(degree[a], 6) for a in nodes],
            "color": BLUE,
            "opacity": 1,
            "line": {"width": 1, "color": OUTLINE},
        },
        "hovertext": [
            f"<b>{esc(model.actors[a].name)}</b><br>"
            + esc(words(model).text("chart.network.linked_to", actors=counted(model, degree[a], "actor")))
            for a in nodes
        ],
        "hoverinfo": "text",
        "cliponaxis": False,
    }


def _label_position(point: tuple[float, float]) -> str:
    """Put a node's label outside the circle, away from the lines: only the top and bottom nodes get centred labels."""
    x, y = point
    side = "center" if abs(x) < 0.2 else ("right" if x > 0 else "left")
    if abs(y) < 0.45:
        return f"middle {side if side != 'center' else 'right'}"
    return f"{'top' if y > 0 else 'bottom'} {side}"
