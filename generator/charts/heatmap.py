"""The stance heatmap: actors × questions, coloured by position (pure)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..model import BriefingModel
from ..scales import (
    POSITION_SCALE,
    step,
)
from ..schema import Stance
from .agreement import order_by_agreement
from .kit import (
    CELL_BACKGROUND,
    CHART_MAX_QUESTIONS,
    COLORBAR_MARGIN,
    ChartSpec,
    Table,
    base_axis,
    base_layout,
    counted,
    esc,
    limit_note,
    make_spec,
    shorten,
    wrap,
)


def stance_heatmap(model: BriefingModel) -> ChartSpec | None:
    """Actors × questions coloured by position, rows ordered so that actors who agree sit together."""
    actors, topics = order_by_agreement(model), charted_topics(model)
    if not actors:
        return None
    stances = [s for a in actors for t in topics for s in model.cell(a, t)]
    layout = base_layout(
        height=200 + 30 * len(actors),
        margin=COLORBAR_MARGIN,
        plot_bgcolor=CELL_BACKGROUND,
        xaxis=base_axis(side="top", tickangle=-35, tickvals=topics, ticktext=[esc(shorten(model.topics[t].title, 30)) for t in topics]),
        yaxis=base_axis(autorange="reversed", tickvals=actors, ticktext=[esc(model.actors[a].name) for a in actors]),
    )
    return make_spec(
        model,
        chart_id="chart-stance-heatmap",
        title="Stance heatmap",
        caption="Each cell is one actor's position on one question at stake; rows are ordered so that actors who agree sit "
        "together. A cell with several positions is coloured by the first and shows the symbol of each."
        + limit_note(len(actors), len(model.matrix_actors), "actors")
        + limit_note(len(topics), len(model.topics), "questions"),
        alt=_heatmap_alt(model, actors, stances),
        figure={"data": [_heatmap_trace(model, actors, topics)], "layout": layout},
        table=Table(columns=["Actor", "Question", "Position", "Summary"], rows=[_stance_row(model, s) for s in stances]),
        citations=[c for s in stances for c in s.evidence],
        wide=True,
    )


def charted_topics(model: BriefingModel) -> list[str]:
    """The questions the heatmap shows: all, or the ones with the most positions, in content order."""
    ids = list(model.topics)
    if len(ids) <= CHART_MAX_QUESTIONS:
        return ids
    keep = set(sorted(ids, key=lambda t: -len(model.stances_by_topic.get(t, [])))[:CHART_MAX_QUESTIONS])
    return [t for t in ids if t in keep]


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
    head = f"<b>{esc(model.actors[actor].name)}</b> · {esc(model.topics[topic].title)}"
    stances = model.cell(actor, topic)
    if not stances:
        return head + "<br>No position reported"
    return "<br>".join([head, *(_stance_lines(model, s) for s in stances)])


def _stance_lines(model: BriefingModel, stance: Stance) -> str:
    """One stance in hover text: position, summary, the first quote and its translation."""
    citation = stance.evidence[0]
    lines = [f"<b>{esc(position_label(stance))}</b>: {wrap(stance.summary, 60)}", f"<i>“{wrap(citation.quote, 60)}”</i>"]
    if citation.translation:
        lines.append(f"Translation: “{wrap(citation.translation, 60)}”")
    return "<br>".join(lines)


def position_label(stance: Stance) -> str:
    """A position's label, with its option."""
    label = step(POSITION_SCALE, stance.position).label
    return f"{label} ({stance.option})" if stance.option else label


def _stance_row(model: BriefingModel, stance: Stance) -> list[str]:
    """A stance as a row of the heatmap's table."""
    return [model.actors[stance.actor].name, model.topics[stance.topic].title, position_label(stance), stance.summary]


def _heatmap_alt(model: BriefingModel, actors: list[str], stances: list[Stance]) -> str:
    """Describe the heatmap in words: its size and how many of each position it shows."""
    tally = Counter(s.position.value for s in stances)
    parts = ", ".join(f"{tally[s.value]} {s.label.lower()}" for s in POSITION_SCALE if tally[s.value])
    size = f"{counted(len(stances), 'position')} taken by {counted(len(actors), 'actor')} on {counted(len(model.topics), 'question')}"
    return f"Heatmap of {size}: {parts}."
