"""Positions per question: one bar per question, split into the positions taken on it (pure)."""

from __future__ import annotations

from ...content.schema import Topic
from ...model.briefing import BriefingModel
from ...model.scales import POSITION_SCALE, ScaleStep
from .figure import Bar, Trace
from .kit import (
    CHART_MAX_QUESTIONS,
    ChartSpec,
    Table,
    base_axis,
    base_layout,
    columns,
    counted,
    esc,
    limit_note,
    make_spec,
    words,
    wrap,
)
from .svg import contrast

Tally = dict[str, dict[str, list[str]]]
"""For each question id, the actors taking each position on it, by position value."""


def positions_chart(model: BriefingModel) -> ChartSpec | None:
    """How many positions the sources report on each question, the questions with the most first, stacked by position."""
    tally = _tally(model)
    if not tally:
        return None
    shown = list(tally)[:CHART_MAX_QUESTIONS]
    steps = [step for step in POSITION_SCALE if any(tally[t].get(step.value) for t in shown)]
    most = max(_total(tally[t]) for t in shown)
    w = words(model)
    layout = base_layout(
        height=90 + 40 * len(shown),
        barmode="stack",
        uniformtext={"mode": "hide", "minsize": 13},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis=base_axis(
            type="linear", range=[0, most], tickvals=_count_ticks(most), ticktext=[str(n) for n in _count_ticks(most)], showgrid=True
        ),
        yaxis=base_axis(type="category", autorange="reversed", tickvals=shown, ticktext=[wrap(model.topics[t].title, 30) for t in shown]),
    )
    data: list[Trace] = [_bar(model, step, shown, tally) for step in steps]
    scale = ", ".join(f"{step.symbol} {w.text(step.label_key)}" for step in steps)
    return make_spec(
        model,
        chart_id="chart-positions",
        title=positions_title(model, tally),
        caption=w.text("chart.positions.caption", scale=scale) + limit_note(model, len(shown), len(tally), "questions"),
        alt=_alt(model, tally),
        figure={"data": data, "layout": layout},
        table=Table(
            columns=[*columns(model, "question"), *(w.text(step.label_key) for step in steps), *columns(model, "positions")],
            rows=[_row(model.topics[t], steps, tally[t]) for t in tally],
        ),
        citations=[c for t in tally for s in model.stances_by_topic[t] for c in s.evidence],
    )


def positions_title(model: BriefingModel, tally: Tally) -> str:
    """The chart's answer: the question with the most positions, how many, and the commonest position on it."""
    w = words(model)
    if not tally:
        return w.text("chart.positions.title")
    question, sides = next(iter(tally.items()))  # the tally is ordered by positions, most first
    step = max(POSITION_SCALE, key=lambda s: len(sides.get(s.value, [])))
    most = len(sides.get(step.value, []))
    total = _total(sides)
    key = "chart.positions.title_all" if most == total else "chart.positions.title_most"
    return w.text(key, question=model.topics[question].title, n=w.number(total), most=w.number(most), position=w.text(step.label_key))


def _tally(model: BriefingModel) -> Tally:
    """The actors on each side of every question with a position, the questions with the most positions first (then content order)."""
    tally: Tally = {}
    for topic in model.topics.values():
        if model.stances_by_topic.get(topic.id):
            tally[topic.id] = model.sides(topic.id)  # the one count the questions pages and the PDF use
    order = list(model.topics)
    return dict(sorted(tally.items(), key=lambda item: (-_total(item[1]), order.index(item[0]))))


def _total(sides: dict[str, list[str]]) -> int:
    """How many positions a question has."""
    return sum(len(actors) for actors in sides.values())


def _count_ticks(most: int) -> list[int]:
    """Whole-number ticks from 0 to the longest bar, at most about eight of them."""
    step = next(m * 10**p for p in range(6) for m in (1, 2, 5) if m * 10**p >= most / 8)
    return list(range(0, most + 1, max(step, 1)))


def _bar(model: BriefingModel, step: ScaleStep, shown: list[str], tally: Tally) -> Bar:
    """One position's segment of every question's bar, marked with the position's symbol and count."""
    w = words(model)
    counts = [len(tally[t].get(step.value, [])) for t in shown]
    return {
        "type": "bar",
        "orientation": "h",
        "name": esc(w.text(step.label_key)),
        "x": [float(n) for n in counts],
        "y": shown,
        "marker": {"color": step.colour, "line": {"width": 0}},
        "text": [f"{esc(step.symbol)} {n}" if n else "" for n in counts],
        "textposition": "inside",
        "insidetextanchor": "middle",
        "textangle": 0,
        "textfont": {"color": contrast(step.colour)},
        "hovertext": [_hover(model, step, t, tally) for t in shown],
        "hoverinfo": "text",
    }


def _hover(model: BriefingModel, step: ScaleStep, topic: str, tally: Tally) -> str:
    """Hover text of a segment: the question, the position and who takes it."""
    actors = tally[topic].get(step.value, [])
    names = ", ".join(model.actors[a].name for a in dict.fromkeys(actors))
    line = words(model).text("chart.positions.hover", position=words(model).text(step.label_key), count=len(actors), names=names)
    return f"<b>{wrap(model.topics[topic].title, 60)}</b><br>{wrap(line, 60)}"


def _row(topic: Topic, steps: list[ScaleStep], sides: dict[str, list[str]]) -> list[str]:
    """A question as a row of the table: its title, the count of each position, the total."""
    return [topic.title, *(str(len(sides.get(step.value, []))) for step in steps), str(_total(sides))]


def _alt(model: BriefingModel, tally: Tally) -> str:
    """Describe the chart in words: how many positions on how many questions, and the question with the most."""
    first = next(iter(tally))
    total = sum(_total(sides) for sides in tally.values())
    return words(model).text(
        "chart.positions.alt",
        positions=counted(model, total, "position"),
        questions=counted(model, len(tally), "question"),
        question=model.topics[first].title,
        most=counted(model, _total(tally[first]), "position"),
    )
