"""Stage 4: chart specs computed from the briefing model (pure, no I/O).

A spec is a plain, JSON-ready dict: fixed ids, the texts around the chart, a Plotly
figure (data + layout) and the table of the numbers behind it. Plotly renders labels
and hover text as a subset of HTML, so every content string is HTML-escaped before
it goes into a figure; the table holds plain text that the template escapes.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import textwrap
from collections import Counter
from collections.abc import Callable
from typing import Any, TypedDict

from .model import LINKING_EVENTS, POSITION_SCALE, BriefingModel, format_date, format_number, step
from .schema import Citation, Event, Figure, FigureKind, Source, Stance

PLOTLY_JS = "assets/plotly.min.js"
"""Where the site serves plotly.js, copied from the installed plotly package at build time."""
CHARTS_JS = "charts.js"
"""The loader that draws every chart of a page (templates/static/charts.js)."""

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
"""The Okabe–Ito colour-blind-safe palette (grey for the neutral), for series that are not positions."""

_SIDE = {"supports": 1, "conditional": 1, "proposes": 1, "undecided": 0, "opposes": -1}
"""Which side of a question a position is on; positions on the same side half agree."""
_KIND_COLOURS = {"meeting": "#0072B2", "call": "#56B4E9", "statement": "#CC79A7", "interview": "#E69F00", "military": "#D55E00"}
_NEUTRAL = "#999999"
_CELL_BACKGROUND = "rgba(128, 128, 128, 0.08)"
"""A faint backdrop that marks the empty cells of a heatmap, on light and dark pages alike."""
_FONT = "-apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif"
"""Material's system font stack (the site loads no web fonts)."""


class Table(TypedDict):
    """The numbers behind a chart, as text, for the "Show data" table."""

    columns: list[str]
    rows: list[list[str]]


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
    figure: dict[str, Any]
    table: Table


def build_charts(model: BriefingModel) -> dict[str, ChartSpec]:
    """Compute every chart the facts support, by name; a chart with no data is left out."""
    makers: dict[str, Callable[[BriefingModel], ChartSpec | None]] = {
        "heatmap": stance_heatmap,
        "alignment": alignment_matrix,
        "timeline": timeline_chart,
        "network": network_chart,
        "mentions": mentions_chart,
        "figures": key_figures_chart,
    }
    specs = {name: make(model) for name, make in makers.items()}
    return {name: spec for name, spec in specs.items() if spec is not None}


# Agreement between actors ---------------------------------------------------------


def question_agreement(mine: list[Stance], theirs: list[Stance]) -> float:
    """Score two actors' stances on one question: 1 same position, 0.5 same side, 0 otherwise."""
    return max(_pair_agreement(a, b) for a in mine for b in theirs)


def _pair_agreement(a: Stance, b: Stance) -> float:
    """Score two stances; different named options (Moscow, Geneva) never agree."""
    if a.option and b.option and a.option != b.option:
        return 0.0
    if a.position == b.position:
        return 1.0
    side = _SIDE[a.position.value]
    return 0.5 if side and side == _SIDE[b.position.value] else 0.0


def shared_scores(model: BriefingModel, a: str, b: str) -> dict[str, float]:
    """Each question both actors took a position on, with how far they agree on it."""
    mine = {s.topic for s in model.stances_by_actor.get(a, [])}
    both = [s.topic for s in model.stances_by_actor.get(b, []) if s.topic in mine]
    return {t: question_agreement(model.cell(a, t), model.cell(b, t)) for t in dict.fromkeys(both)}


def actor_distance(model: BriefingModel, a: str, b: str) -> float:
    """How far apart two actors stand, 0 to 1; a question only one of them spoke on counts as half apart."""
    topics_a = {s.topic for s in model.stances_by_actor.get(a, [])}
    topics_b = {s.topic for s in model.stances_by_actor.get(b, [])}
    union = topics_a | topics_b
    if not union:
        return 1.0
    scores = shared_scores(model, a, b)
    return (sum(1 - score for score in scores.values()) + 0.5 * (len(union) - len(scores))) / len(union)


def charted_actors(model: BriefingModel) -> list[str]:
    """The actors the heatmap and alignment charts show: all with a position, or the most active ones."""
    ids = [actor.id for actor in model.matrix_actors]
    if len(ids) <= CHART_MAX_ACTORS:
        return ids
    busiest = sorted(ids, key=lambda a: -len(model.stances_by_actor[a]))[:CHART_MAX_ACTORS]
    keep = set(busiest)
    return [a for a in ids if a in keep]


def order_by_agreement(model: BriefingModel) -> list[str]:
    """Order the charted actors by average-linkage clustering, so actors who agree sit together."""
    ids = charted_actors(model)
    clusters: dict[int, list[str]] = {n: [a] for n, a in enumerate(ids)}
    distance = {(i, j): actor_distance(model, ids[i], ids[j]) for i in clusters for j in clusters if i < j}
    while len(clusters) > 1:
        # Ties go to the pair earliest in content order, so the order is stable.
        (i, j), _ = min(distance.items(), key=lambda item: (round(item[1], 9), item[0]))
        size_i, size_j = len(clusters[i]), len(clusters[j])
        clusters[i] += clusters.pop(j)
        for k in clusters:
            if k != i:
                d_ik, d_jk = distance.pop(_key(i, k)), distance.pop(_key(j, k))
                distance[_key(i, k)] = (size_i * d_ik + size_j * d_jk) / (size_i + size_j)
        del distance[(i, j)]
    return next(iter(clusters.values()), [])


def _key(i: int, j: int) -> tuple[int, int]:
    """The distance table's key for two clusters."""
    return (i, j) if i < j else (j, i)


# The charts ---------------------------------------------------------------------


def charted_topics(model: BriefingModel) -> list[str]:
    """The questions the heatmap shows: all, or the ones with the most positions, in content order."""
    ids = list(model.topics)
    if len(ids) <= CHART_MAX_QUESTIONS:
        return ids
    keep = set(sorted(ids, key=lambda t: -len(model.stances_by_topic.get(t, [])))[:CHART_MAX_QUESTIONS])
    return [t for t in ids if t in keep]


def _limit_note(shown: int, total: int, what: str) -> str:
    """Say that a chart shows only part of the briefing, when it does."""
    return f" It shows the {shown} {what} with the most positions, of {total}." if shown < total else ""


def stance_heatmap(model: BriefingModel) -> ChartSpec | None:
    """Actors × questions coloured by position, rows ordered so that actors who agree sit together."""
    actors, topics = order_by_agreement(model), charted_topics(model)
    if not actors:
        return None
    stances = [s for a in actors for t in topics for s in model.cell(a, t)]
    layout = _layout(
        height=200 + 30 * len(actors),
        margin=_COLORBAR_MARGIN,
        plot_bgcolor=_CELL_BACKGROUND,
        xaxis=_axis(side="top", tickangle=-35, tickvals=topics, ticktext=[_esc(_short(model.topics[t].title, 30)) for t in topics]),
        yaxis=_axis(autorange="reversed", tickvals=actors, ticktext=[_esc(model.actors[a].name) for a in actors]),
    )
    return _spec(
        model,
        chart_id="chart-stance-heatmap",
        title="Stance heatmap",
        caption="Each cell is one actor's position on one question at stake; rows are ordered so that actors who agree sit "
        "together. A cell with several positions is coloured by the first and shows the symbol of each."
        + _limit_note(len(actors), len(model.matrix_actors), "actors")
        + _limit_note(len(topics), len(model.topics), "questions"),
        alt=_heatmap_alt(model, actors, stances),
        figure={"data": [_heatmap_trace(model, actors, topics)], "layout": layout},
        table=Table(columns=["Actor", "Question", "Position", "Summary"], rows=[_stance_row(model, s) for s in stances]),
        citations=[c for s in stances for c in s.evidence],
        wide=True,
    )


def alignment_matrix(model: BriefingModel) -> ChartSpec | None:
    """Pairwise agreement between actors over the questions both took a position on."""
    order = order_by_agreement(model)
    shared = {(a, b): shared_scores(model, a, b) for a in order for b in order if a != b}
    actors = [a for a in order if any(shared[(a, b)] for b in order if b != a)]
    if len(actors) < 2:
        return None
    pairs = {(a, b): shared[(a, b)] for n, a in enumerate(actors) for b in actors[n + 1 :] if shared[(a, b)]}
    names = [_esc(model.actors[a].name) for a in actors]
    layout = _layout(
        height=180 + 30 * len(actors),
        margin=_COLORBAR_MARGIN,
        plot_bgcolor=_CELL_BACKGROUND,
        xaxis=_axis(side="top", tickangle=-35, tickvals=actors, ticktext=names),
        yaxis=_axis(autorange="reversed", tickvals=actors, ticktext=names),
    )
    rows = [[model.actors[a].name, model.actors[b].name, str(len(scores)), _percent(_mean(scores))] for (a, b), scores in pairs.items()]
    return _spec(
        model,
        chart_id="chart-alignment",
        title="Alignment between actors",
        caption="How far two actors agree on the questions both took a position on: the same position counts fully, the same "
        "side (supports, conditional or proposes) half, anything else not at all. The number in a cell is how many "
        "questions they share; a blank cell means none." + _limit_note(len(order), len(model.matrix_actors), "actors"),
        alt=_alignment_alt(actors, pairs),
        figure={"data": [_alignment_trace(model, actors, shared)], "layout": layout},
        table=Table(columns=["Actor", "Actor", "Shared questions", "Agreement"], rows=rows),
        citations=[c for a in actors for s in model.stances_by_actor.get(a, []) for c in s.evidence],
        wide=True,
    )


def timeline_chart(model: BriefingModel) -> ChartSpec | None:
    """Events by kind on a date axis; background years sit in their own narrow panel."""
    if not model.events:
        return None
    background = [e for e in model.events if model.is_background(e)]
    covered = [e for e in model.events if not model.is_background(e)]
    kinds = [k for k in _KIND_ORDER if any(e.kind.value == k for e in model.events)]
    split = 0.2 if background and covered else (1.0 if background else 0.0)
    data, annotations, axes = [], [], {}
    if background:
        data.append(_timeline_trace(model, background, kinds, "x", [_short_date(e.date or "") for e in background]))
        axes["xaxis"] = _axis(type="category", domain=[0, max(split - 0.04, 0.1)], anchor="y")
        annotations.append(_panel_title("Background (not to scale)", max(split - 0.04, 0.1) / 2))
    if covered:
        data.append(_timeline_trace(model, covered, kinds, "x2" if background else "x", [_instant(e) for e in covered]))
        axes["xaxis2" if background else "xaxis"] = _covered_axis(model, covered, split)
        annotations.append(_panel_title(_period_title(model), (split + 1) / 2))
    axes["yaxis"] = _axis(tickvals=list(range(len(kinds))), ticktext=[k.capitalize() for k in kinds], range=[len(kinds) - 0.5, -0.5])
    layout = _layout(height=150 + 55 * len(kinds), annotations=annotations, margin={"l": 10, "r": 10, "t": 40, "b": 10}, **axes)
    return _spec(
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


def network_chart(model: BriefingModel) -> ChartSpec | None:
    """Actors linked by the meetings, calls and joint statements they took part in, on a circle."""
    links = meeting_links(model)
    if not links:
        return None
    nodes = _circle_order(model, links)
    points = _circle(len(nodes))
    where = dict(zip(nodes, points, strict=True))
    degree = Counter(a for pair in links for a in pair)
    data = [*_edge_traces(links, where), _edge_midpoints(model, links, where), _node_trace(model, nodes, points, degree)]
    axis = _axis(visible=False, range=[-1.45, 1.45])
    layout = _layout(height=520, xaxis=axis, yaxis=axis | {"scaleanchor": "x"})
    events = {e.id: e for e in model.events}
    return _spec(
        model,
        chart_id="chart-network",
        title="Who met whom",
        caption="Actors are linked when they took part in the same meeting, call or joint statement; a thicker line means "
        "more such events. Point at the middle of a line to see the events.",
        alt=_network_alt(model, nodes, links, degree),
        figure={"data": data, "layout": layout},
        table=Table(
            columns=["Actor", "Actor", "Events"],
            rows=[[model.actors[a].name, model.actors[b].name, "; ".join(events[e].title for e in ids)] for (a, b), ids in links.items()],
        ),
        citations=[c for ids in links.values() for e in ids for c in events[e].citations],
    )


def mentions_chart(model: BriefingModel) -> ChartSpec | None:
    """How often each actor is named in the sources, stacked by source when there are several."""
    totals = {a: sum(model.mentions.get(a, {}).values()) for a in model.actors}
    actors = sorted((a for a in model.actors if totals[a]), key=lambda a: -totals[a])[:CHART_MAX_ACTORS]
    if not actors:
        return None
    sources = list(model.sources.values())
    layout = _layout(
        height=110 + 24 * len(actors),
        barmode="stack",
        showlegend=len(sources) > 1,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
        xaxis=_axis(title={"text": "Mentions"}, showgrid=True, rangemode="tozero"),
        yaxis=_axis(autorange="reversed", tickvals=actors, ticktext=[_esc(model.actors[a].name) for a in actors]),
    )
    top = ", ".join(f"{model.actors[a].name} ({totals[a]})" for a in actors[:3])
    return _spec(
        model,
        chart_id="chart-mentions",
        title="Mentions in the sources",
        caption="How often each actor's name or one of its aliases occurs in the sources, as whole words. Actors never named "
        f"are left out{f'; the {CHART_MAX_ACTORS} most named are shown' if len(actors) == CHART_MAX_ACTORS else ''}.",
        alt=f"Bar chart of mentions of {_count(len(actors), 'actor')} in {_count(len(sources), 'source')}; the most mentioned: {top}.",
        figure={"data": [_mention_trace(model, actors, source, n) for n, source in enumerate(sources)], "layout": layout},
        table=_mention_table(model, actors, sources),
        citations=[],
        all_sources=True,
    )


def key_figures_chart(model: BriefingModel) -> ChartSpec | None:
    """Shares as part-of-whole bars and counts as bars, each with its unit, as-of date and source."""
    shares = [f for f in model.figures if f.kind == FigureKind.share and f.unit.strip() == "%" and 0 <= f.value <= 100]
    counts = [f for f in model.figures if f.kind == FigureKind.count]
    if not shares and not counts:
        return None
    top, bottom = _row_domains(len(shares), len(counts))
    data: list[dict[str, Any]] = []
    axes: dict[str, Any] = {}
    if shares:
        data += _share_traces(model, shares)
        axes |= {"xaxis": _axis(range=[0, 100], ticksuffix=" %", showgrid=True, anchor="y"), "yaxis": _figure_axis(shares, top, "x")}
    if counts:
        x, y = ("x2", "y2") if shares else ("x", "y")
        data.append(_count_trace(model, counts, x, y))
        top_value = max(f.value for f in counts)
        axes[_axis_name(x)] = _axis(range=[0, top_value * 1.3], showgrid=True, anchor=y, rangemode="tozero")
        axes[_axis_name(y)] = _figure_axis(counts, bottom, x)
    charted = shares + counts
    height = 90 + 48 * len(charted) + (40 if shares and counts else 0)
    return _spec(
        model,
        chart_id="chart-key-figures",
        title="Key figures",
        caption="Shares as a part of the whole and counts as bars; other amounts stay as numbers. Each figure is valid on "
        "its own date, given in the data.",
        alt="Bar chart of " + "; ".join(f"{f.label}: {_figure_value(f)}" for f in charted) + ".",
        figure={"data": data, "layout": _layout(height=height, barmode="stack", bargap=0.35, **axes)},
        table=Table(columns=["Figure", "Value", "As of", "Source"], rows=[_figure_row(model, f) for f in charted]),
        citations=[c for f in charted for c in f.citations],
    )


# Heatmap helpers --------------------------------------------------------------


def position_score(stance: Stance) -> int:
    """The heatmap's colour value of a stance: 0 for the last step of the position scale (opposes) up to 4 (supports)."""
    return len(POSITION_SCALE) - 1 - next(n for n, s in enumerate(POSITION_SCALE) if s.value == stance.position.value)


def _heatmap_trace(model: BriefingModel, actors: list[str], topics: list[str]) -> dict[str, Any]:
    """The heatmap's cells: a colour per position score, the symbols as text, the evidence as hover text."""
    cells = [[model.cell(a, t) for t in topics] for a in actors]
    return {
        "type": "heatmap",
        "x": topics,
        "y": actors,
        "z": [[position_score(cell[0]) if cell else None for cell in row] for row in cells],
        "text": [[" ".join(step(POSITION_SCALE, s.position).symbol for s in cell) for cell in row] for row in cells],
        "texttemplate": "%{text}",
        "hovertext": [[_stance_hover(model, a, t) for t in topics] for a in actors],
        "hoverinfo": "text",
        "zmin": -0.5,
        "zmax": len(POSITION_SCALE) - 0.5,
        "colorscale": _stepped_colourscale([s.colour for s in reversed(POSITION_SCALE)]),
        "colorbar": {"tickvals": list(range(len(POSITION_SCALE))), "ticktext": [f"{s.symbol} {s.label}" for s in reversed(POSITION_SCALE)]},
        "xgap": 2,
        "ygap": 2,
    }


def _stepped_colourscale(colours: list[str]) -> list[list[Any]]:
    """A colour scale of flat bands, one per colour, for whole-number values."""
    scale: list[list[Any]] = []
    for n, colour in enumerate(colours):
        scale += [[round(n / len(colours), 6), colour], [round((n + 1) / len(colours), 6), colour]]
    return scale


def _stance_hover(model: BriefingModel, actor: str, topic: str) -> str:
    """Hover text of a heatmap cell: who, which question, then each position with its summary and quote."""
    head = f"<b>{_esc(model.actors[actor].name)}</b> · {_esc(model.topics[topic].title)}"
    stances = model.cell(actor, topic)
    if not stances:
        return head + "<br>No position reported"
    return "<br>".join([head, *(_stance_lines(model, s) for s in stances)])


def _stance_lines(model: BriefingModel, stance: Stance) -> str:
    """One stance in hover text: position, summary, the first quote and its translation."""
    citation = stance.evidence[0]
    lines = [f"<b>{_esc(_position_label(stance))}</b>: {_lines(stance.summary, 60)}", f"<i>“{_lines(citation.quote, 60)}”</i>"]
    if citation.translation:
        lines.append(f"Translation: “{_lines(citation.translation, 60)}”")
    return "<br>".join(lines)


def _position_label(stance: Stance) -> str:
    """A position's label, with its option."""
    label = step(POSITION_SCALE, stance.position).label
    return f"{label} ({stance.option})" if stance.option else label


def _stance_row(model: BriefingModel, stance: Stance) -> list[str]:
    """A stance as a row of the heatmap's table."""
    return [model.actors[stance.actor].name, model.topics[stance.topic].title, _position_label(stance), stance.summary]


def _heatmap_alt(model: BriefingModel, actors: list[str], stances: list[Stance]) -> str:
    """Describe the heatmap in words: its size and how many of each position it shows."""
    tally = Counter(s.position.value for s in stances)
    parts = ", ".join(f"{tally[s.value]} {s.label.lower()}" for s in POSITION_SCALE if tally[s.value])
    size = f"{_count(len(stances), 'position')} taken by {_count(len(actors), 'actor')} on {_count(len(model.topics), 'question')}"
    return f"Heatmap of {size}: {parts}."


# Alignment helpers --------------------------------------------------------------


def _alignment_trace(model: BriefingModel, actors: list[str], shared: dict[tuple[str, str], dict[str, float]]) -> dict[str, Any]:
    """The alignment cells: mean agreement as colour, the number of shared questions as text."""

    def scores(a: str, b: str) -> dict[str, float]:
        return shared[(a, b)] if a != b else {}

    return {
        "type": "heatmap",
        "x": actors,
        "y": actors,
        "z": [[_mean(scores(a, b)) if scores(a, b) else None for b in actors] for a in actors],
        "text": [[str(len(scores(a, b))) if scores(a, b) else "" for b in actors] for a in actors],
        "texttemplate": "%{text}",
        "hovertext": [[_alignment_hover(model, a, b, scores(a, b)) if a != b else "" for b in actors] for a in actors],
        "hoverinfo": "text",
        "zmin": 0,
        "zmax": 1,
        "colorscale": [[0, "#D55E00"], [0.5, _NEUTRAL], [1, "#0072B2"]],
        "colorbar": {"tickvals": [0, 0.5, 1], "ticktext": ["0 %: differ", "50 %", "100 %: agree"]},
        "xgap": 2,
        "ygap": 2,
    }


def _alignment_alt(actors: list[str], pairs: dict[tuple[str, str], dict[str, float]]) -> str:
    """Describe the alignment matrix in words."""
    agree = sum(1 for scores in pairs.values() if _mean(scores) == 1)
    differ = sum(1 for scores in pairs.values() if _mean(scores) == 0)
    return (
        f"Matrix of agreement between {_count(len(actors), 'actor')}, {_count(len(pairs), 'pair')} of whom share at least one "
        f"question; {_count(agree, 'pair')} agree on every shared question and {differ} disagree on every one."
    )


def _alignment_hover(model: BriefingModel, a: str, b: str, scores: dict[str, float]) -> str:
    """Hover text of an alignment cell: the pair, the agreement, then each shared question."""
    head = f"<b>{_esc(model.actors[a].name)}</b> and <b>{_esc(model.actors[b].name)}</b>"
    if not scores:
        return head + "<br>No question in common"
    verdicts = {1.0: "agree", 0.5: "same side", 0.0: "differ"}
    lines = [f"{_esc(model.topics[t].title)}: {verdicts[score]}" for t, score in scores.items()]
    return "<br>".join([f"{head}: {_percent(_mean(scores))} over {_count(len(scores), 'shared question')}", *lines])


def _mean(scores: dict[str, float]) -> float:
    """The mean agreement over shared questions, rounded for stable output."""
    return round(sum(scores.values()) / len(scores), 4)


def _percent(value: float) -> str:
    """Write a 0–1 share as a whole percentage."""
    return f"{round(value * 100)} %"


# Mentions helpers ---------------------------------------------------------------


def _mention_trace(model: BriefingModel, actors: list[str], source: Source, n: int) -> dict[str, Any]:
    """One source's mention counts as horizontal bars."""
    label = f"{source.outlet}, {format_date(source.published)}"
    counts = [model.mentions[a].get(source.id, 0) for a in actors]
    return {
        "type": "bar",
        "orientation": "h",
        "name": _esc(label),
        "x": counts,
        "y": actors,
        "marker": {"color": OKABE_ITO[n % len(OKABE_ITO)]},
        "hovertext": [_esc(f"{model.actors[a].name}: {c} in {label}") for a, c in zip(actors, counts, strict=True)],
        "hoverinfo": "text",
    }


def _mention_table(model: BriefingModel, actors: list[str], sources: list[Source]) -> Table:
    """The mention counts per actor and source, with a total when there are several sources."""
    several = len(sources) > 1
    columns = ["Actor", *(f"{s.outlet}, {format_date(s.published)}" for s in sources), *(["Total"] if several else [])]
    rows = []
    for actor in actors:
        counts = [model.mentions[actor].get(s.id, 0) for s in sources]
        rows.append([model.actors[actor].name, *map(str, counts), *([str(sum(counts))] if several else [])])
    return Table(columns=columns, rows=rows)


# Timeline helpers ---------------------------------------------------------------

_DAY_MS = 86_400_000
_KIND_ORDER = ("meeting", "call", "statement", "interview", "military", "other")


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
            "color": [_KIND_COLOURS.get(e.kind.value, _NEUTRAL) for e in events],
            "line": {"width": 1, "color": "#ffffff"},
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
    return _axis(
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
        "text": _esc(text),
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
    lines = [f"<b>{_lines(event.title, 60)}</b>", _esc(when + (f" · {event.place}" if event.place else ""))]
    if event.actors:
        lines.append(_lines("With: " + ", ".join(model.actors[a].name for a in event.actors), 60))
    lines.append(_esc(_citation_text(model, event.citations[0])))
    return "<br>".join(lines)


def _event_row(model: BriefingModel, event: Event) -> list[str]:
    """An event as a row of the timeline's table."""
    when = format_date(event.date) + (f" {event.time}" if event.time else "")
    names = ", ".join(model.actors[a].name for a in event.actors)
    return [when, event.title, event.kind.value, names, "; ".join(_citation_text(model, c) for c in event.citations)]


def _timeline_alt(model: BriefingModel, background: list[Event], covered: list[Event]) -> str:
    """Describe the timeline in words."""
    busiest = Counter(e.date for e in covered).most_common(1)
    text = f"Timeline of {_count(len(covered), 'event')} in the period covered and {_count(len(background), 'background event')}"
    if busiest:
        text += f"; the busiest day is {format_date(busiest[0][0])}, with {_count(busiest[0][1], 'event')}"
    return text + "."


# Network helpers ----------------------------------------------------------------


def meeting_links(model: BriefingModel) -> dict[tuple[str, str], list[str]]:
    """Each pair of actors who took part in the same meeting, call or statement, with those events' ids."""
    order = {a: n for n, a in enumerate(model.actors)}
    links: dict[tuple[str, str], list[str]] = {}
    for event in model.events:
        if event.kind.value in LINKING_EVENTS:
            actors = sorted(dict.fromkeys(event.actors), key=order.__getitem__)
            for n, a in enumerate(actors):
                for b in actors[n + 1 :]:
                    links.setdefault((a, b), []).append(event.id)
    return dict(sorted(links.items(), key=lambda item: (order[item[0][0]], order[item[0][1]])))


def _network_alt(model: BriefingModel, nodes: list[str], links: dict[tuple[str, str], list[str]], degree: Counter[str]) -> str:
    """Describe the network in words: its size and the most linked actor."""
    busiest = max(nodes, key=lambda a: (degree[a], -nodes.index(a)))
    events = len({e for ids in links.values() for e in ids})
    return (
        f"Network of {_count(len(nodes), 'actor')} with {_count(len(links), 'link')} from {_count(events, 'event')}; "
        f"the most linked is {model.actors[busiest].name}, with {_count(degree[busiest], 'link')}."
    )


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


def _edge_traces(links: dict[tuple[str, str], list[str]], where: dict[str, tuple[float, float]]) -> list[dict[str, Any]]:
    """The links as lines, one trace per line width (the number of events)."""
    traces = []
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
                "line": {"width": 1 + 1.5 * weight, "color": _NEUTRAL},
            }
        )
    return traces


def _edge_midpoints(model: BriefingModel, links: dict[tuple[str, str], list[str]], where: dict[str, tuple[float, float]]) -> dict[str, Any]:
    """Small points in the middle of each link whose hover text names the events."""
    events = {e.id: e for e in model.events}
    hover = [
        "<br>".join(
            [
                f"<b>{_esc(model.actors[a].name)} – {_esc(model.actors[b].name)}</b>",
                *(_esc(f"{events[e].kind.value}, {format_date(events[e].date)}: ") + _lines(events[e].title, 60) for e in ids),
            ]
        )
        for (a, b), ids in links.items()
    ]
    return {
        "type": "scatter",
        "mode": "markers",
        "x": [round((where[a][0] + where[b][0]) / 2, 4) for a, b in links],
        "y": [round((where[a][1] + where[b][1]) / 2, 4) for a, b in links],
        "marker": {"size": 9, "symbol": "diamond", "color": _NEUTRAL},
        "hovertext": hover,
        "hoverinfo": "text",
    }


def _node_trace(model: BriefingModel, nodes: list[str], points: list[tuple[float, float]], degree: Counter[str]) -> dict[str, Any]:
    """The actors as labelled points, sized by how many others they are linked to."""
    return {
        "type": "scatter",
        "mode": "markers+text",
        "x": [p[0] for p in points],
        "y": [p[1] for p in points],
        "text": [_lines(model.actors[a].name, 18) for a in nodes],
        "textposition": [_label_position(p) for p in points],
        "marker": {
            "size": [12 + 3 * min(degree[a], 6) for a in nodes],
            "color": "#0072B2",
            "opacity": 1,
            "line": {"width": 1, "color": "#ffffff"},
        },
        "hovertext": [f"<b>{_esc(model.actors[a].name)}</b><br>Linked to {_count(degree[a], 'actor')}" for a in nodes],
        "hoverinfo": "text",
        "cliponaxis": False,
    }


def _label_position(point: tuple[float, float]) -> str:
    """Put a node's label outside the circle."""
    x, y = point
    if y > 0.5:
        return "top center"
    if y < -0.5:
        return "bottom center"
    return "middle right" if x > 0 else "middle left"


# Key figure helpers -------------------------------------------------------------


def _share_traces(model: BriefingModel, shares: list[Figure]) -> list[dict[str, Any]]:
    """Each share as a filled part and the rest of the whole, stacked to 100 %."""
    ids = [f.id for f in shares]
    part = {
        "type": "bar",
        "orientation": "h",
        "x": [f.value for f in shares],
        "y": ids,
        "xaxis": "x",
        "yaxis": "y",
        "marker": {"color": "#0072B2"},
        "text": [_esc(_figure_value(f)) for f in shares],
        "textposition": "inside",
        "insidetextanchor": "start",
        "hovertext": [_figure_hover(model, f) for f in shares],
        "hoverinfo": "text",
    }
    rest = {
        "type": "bar",
        "orientation": "h",
        "x": [round(100 - f.value, 6) for f in shares],
        "y": ids,
        "xaxis": "x",
        "yaxis": "y",
        "marker": {"color": "rgba(153, 153, 153, 0.35)"},
        "hovertext": [_esc(f"Rest of the whole: {format_number(100 - f.value)} %") for f in shares],
        "hoverinfo": "text",
    }
    return [part, rest]


def _count_trace(model: BriefingModel, counts: list[Figure], x: str, y: str) -> dict[str, Any]:
    """The counts as bars, each labelled with its value and unit."""
    return {
        "type": "bar",
        "orientation": "h",
        "x": [f.value for f in counts],
        "y": [f.id for f in counts],
        "xaxis": x,
        "yaxis": y,
        "marker": {"color": "#56B4E9"},
        "text": [_esc(_figure_value(f)) for f in counts],
        "textposition": "outside",
        "hovertext": [_figure_hover(model, f) for f in counts],
        "hoverinfo": "text",
        "cliponaxis": False,
    }


def _figure_axis(figures: list[Figure], domain: list[float], anchor: str) -> dict[str, Any]:
    """A category axis of figure labels over one band of the chart."""
    return _axis(
        autorange="reversed",
        domain=domain,
        anchor=anchor,
        tickvals=[f.id for f in figures],
        ticktext=[_lines(f.label, 30) for f in figures],
    )


def _row_domains(shares: int, counts: int) -> tuple[list[float], list[float]]:
    """Split the height between the share bars (top) and the count bars (bottom), by number of rows."""
    if not shares or not counts:
        return [0.0, 1.0], [0.0, 1.0]
    cut = round(counts / (shares + counts), 4)
    return [min(cut + 0.12, 0.9), 1.0], [0.0, cut]


def _axis_name(ref: str) -> str:
    """The layout key of an axis reference: x2 -> xaxis2."""
    return f"{ref[0]}axis{ref[1:]}"


def _figure_value(figure: Figure) -> str:
    """A figure's value and unit as read aloud: ≈30 countries, 20 %."""
    return f"{'≈' if figure.approximate else ''}{format_number(figure.value)} {figure.unit}"


def _figure_hover(model: BriefingModel, figure: Figure) -> str:
    """Hover text of a figure: label, value, as-of date, what it measures and its source."""
    return "<br>".join(
        [
            f"<b>{_lines(figure.label, 60)}</b>",
            _esc(f"{_figure_value(figure)}, as of {format_date(figure.as_of)}"),
            _lines(figure.measures, 60),
            _esc(_citation_text(model, figure.citations[0])),
        ]
    )


def _figure_row(model: BriefingModel, figure: Figure) -> list[str]:
    """A figure as a row of the key figures' table."""
    return [figure.label, _figure_value(figure), format_date(figure.as_of), "; ".join(_citation_text(model, c) for c in figure.citations)]


# Shared helpers -----------------------------------------------------------------


def _spec(
    model: BriefingModel,
    *,
    chart_id: str,
    title: str,
    caption: str,
    alt: str,
    figure: dict[str, Any],
    table: Table,
    citations: list[Citation],
    all_sources: bool = False,
    wide: bool = False,
) -> ChartSpec:
    """Assemble a chart spec, naming the sources its data comes from and the briefing's as-of date."""
    cited = set(model.sources) if all_sources else {c.source for c in citations}
    sources = [f"{s.outlet}, {format_date(s.published)}" for s in model.sources.values() if s.id in cited]
    as_of = format_date(model.content.briefing.as_of)
    return ChartSpec(
        id=chart_id, title=title, caption=caption, alt=alt, sources=sources, as_of=as_of, wide=wide, figure=figure, table=table
    )


CHART_MAX_ACTORS = 60
"""Most actors a heatmap, alignment or mentions chart shows (the most active or most named); more would be unreadable."""

CHART_MAX_QUESTIONS = 40
"""Most questions the heatmap shows (those with the most positions)."""

_COLORBAR_MARGIN = {"l": 10, "r": 120, "t": 10, "b": 10}
"""Room on the right for a colour bar's labels, which Plotly does not count when it sizes the margins."""


def _layout(height: int, **parts: Any) -> dict[str, Any]:
    """A layout with the site's font, a transparent background and no chart title (the page gives one)."""
    base = {
        "height": height,
        "autosize": True,
        "font": {"family": _FONT, "size": 13},
        "paper_bgcolor": "rgba(0, 0, 0, 0)",
        "plot_bgcolor": "rgba(0, 0, 0, 0)",
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "showlegend": False,
        "hoverlabel": {"align": "left"},
        "dragmode": False,
    }
    return base | parts


def _axis(**settings: Any) -> dict[str, Any]:
    """An axis that grows its margin to fit its labels and does not zoom."""
    return {"automargin": True, "fixedrange": True, "showgrid": False, "zeroline": False} | settings


def _count(n: int, noun: str) -> str:
    """Say how many of a thing there are: 1 event, 2 events."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _citation_text(model: BriefingModel, citation: Citation) -> str:
    """A citation in words: outlet, date, paragraph."""
    source = model.sources[citation.source]
    return f"{source.outlet}, {format_date(source.published)}, ¶{citation.paragraph}"


def _esc(text: str) -> str:
    """Escape content text for Plotly, which reads tags and entities in labels (quotes need no escaping)."""
    return html.escape(text, quote=False)


def _short(text: str, width: int) -> str:
    """Shorten text to at most `width` characters, ending with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _lines(text: str, width: int) -> str:
    """Escape text and break it into lines of about `width` characters for Plotly."""
    return "<br>".join(_esc(line) for line in textwrap.wrap(text, width)) or _esc(text)
