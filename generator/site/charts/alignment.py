"""The alignment matrix: how far each pair of actors agrees (pure)."""

from __future__ import annotations

from ...content.schema import Strength
from ...model.briefing import BriefingModel
from ...model.scales import (
    BLUE,
    NEUTRAL,
    VERMILION,
)
from .agreement import order_by_agreement, shared_scores, shared_strengths, weighted_mean
from .figure import Heatmap
from .kit import (
    CELL_BACKGROUND,
    COLORBAR_MARGIN,
    ChartSpec,
    Table,
    base_axis,
    base_layout,
    columns,
    counted,
    esc,
    limit_note,
    make_spec,
    percent,
    words,
)


def alignment_matrix(model: BriefingModel) -> ChartSpec | None:
    """Pairwise agreement between actors over the questions both took a position on."""
    order = order_by_agreement(model)
    shared = {(a, b): shared_scores(model, a, b) for a in order for b in order if a != b}
    actors = [a for a in order if any(shared[(a, b)] for b in order if b != a)]
    if len(actors) < 2:
        return None
    pairs = {(a, b): shared[(a, b)] for n, a in enumerate(actors) for b in actors[n + 1 :] if shared[(a, b)]}
    strengths = {pair: shared_strengths(model, *pair) for pair in shared}
    names = [esc(model.actors[a].name) for a in actors]
    layout = base_layout(
        height=180 + 30 * len(actors),
        margin=COLORBAR_MARGIN,
        plot_bgcolor=CELL_BACKGROUND,
        xaxis=base_axis(side="top", tickangle=-35, tickvals=actors, ticktext=names),
        yaxis=base_axis(autorange="reversed", tickvals=actors, ticktext=names),
    )
    rows = [
        [
            model.actors[a].name,
            model.actors[b].name,
            str(len(scores)),
            _evidence_words(model, strengths[(a, b)]),
            score_text(model, scores, strengths[(a, b)]),
        ]
        for (a, b), scores in pairs.items()
    ]
    return make_spec(
        model,
        chart_id="chart-alignment",
        title=alignment_title(model, pairs, strengths),
        caption=words(model).text("chart.alignment.caption")
        + _thin_note(model, pairs)
        + limit_note(model, len(order), len(model.matrix_actors), "actors"),
        alt=_alignment_alt(model, actors, pairs),
        figure={"data": [_alignment_trace(model, actors, shared, strengths)], "layout": layout},
        table=Table(columns=columns(model, "actor", "actor", "shared_questions", "weakest_evidence", "agreement"), rows=rows),
        citations=[c for a in actors for s in model.stances_by_actor.get(a, []) for c in s.evidence],
        wide=True,
    )


_VERDICTS = {1.0: "agree", 0.5: "same_side", 0.0: "differ"}
"""The catalogue keys (chart.alignment.*) of an agreement score on one question."""


def alignment_title(
    model: BriefingModel, pairs: dict[tuple[str, str], dict[str, float]], strengths: dict[tuple[str, str], dict[str, Strength]]
) -> str:
    """The chart's answer: the pair that shares the most questions and on how many of them it agrees, or that the data is thin."""
    w = words(model)
    if _thin(pairs):
        return w.text("chart.alignment.title_thin", single=sum(1 for s in pairs.values() if len(s) == 1), total=len(pairs))
    (a, b), scores = max(pairs.items(), key=lambda item: (len(item[1]), weighted_mean(item[1], strengths[item[0]])))
    agree = sum(1 for score in scores.values() if score > 0)
    names = {"a": model.actors[a].name, "b": model.actors[b].name}
    return w.count("chart.alignment.title_pair", len(scores), agree=agree, **names)


def _thin(pairs: dict[tuple[str, str], dict[str, float]]) -> bool:
    """True when most pairs' scores rest on a single question: too little to read agreement from."""
    return not pairs or sum(1 for s in pairs.values() if len(s) == 1) * 2 > len(pairs)


def _thin_note(model: BriefingModel, pairs: dict[tuple[str, str], dict[str, float]]) -> str:
    """A caption sentence saying the chart rests on too little, when it does."""
    return " " + words(model).text("chart.alignment.thin_note") if _thin(pairs) else ""


def _verdict(model: BriefingModel, score: float) -> str:
    """The words for an agreement score on one question: agree, same side, differ."""
    return words(model).text(f"chart.alignment.{_VERDICTS[score]}")


def _strength_word(model: BriefingModel, strength: Strength) -> str:
    """An evidence strength in the briefing's language: weak, medium, strong."""
    return words(model).text(f"strength_word.{strength.value}")


def score_text(model: BriefingModel, scores: dict[str, float], strengths: dict[str, Strength]) -> str:
    """An agreement score for readers: a percentage over several questions, words when it rests on one."""
    if len(scores) == 1:
        (score,) = scores.values()
        return words(model).text("chart.alignment.one_question", verdict=_verdict(model, score))
    return percent(weighted_mean(scores, strengths))


def _evidence_words(model: BriefingModel, strengths: dict[str, Strength]) -> str:
    """The weakest evidence a pair's score rests on."""
    return _strength_word(model, min(strengths.values(), key=list(Strength).index)) if strengths else ""


def _alignment_trace(
    model: BriefingModel,
    actors: list[str],
    shared: dict[tuple[str, str], dict[str, float]],
    strengths: dict[tuple[str, str], dict[str, Strength]],
) -> Heatmap:
    """The alignment cells: weighted agreement as colour, the number of questions it rests on as text."""

    def scores(a: str, b: str) -> dict[str, float]:
        return shared[(a, b)] if a != b else {}

    return {
        "type": "heatmap",
        "x": actors,
        "y": actors,
        "z": [[weighted_mean(scores(a, b), strengths[(a, b)]) if scores(a, b) else None for b in actors] for a in actors],
        "text": [[str(len(scores(a, b))) if scores(a, b) else "" for b in actors] for a in actors],
        "texttemplate": "%{text}",
        "hovertext": [[_alignment_hover(model, a, b, scores(a, b), strengths[(a, b)]) if a != b else "" for b in actors] for a in actors],
        "hoverinfo": "text",
        "zmin": 0,
        "zmax": 1,
        "colorscale": [[0, VERMILION], [0.5, NEUTRAL], [1, BLUE]],
        "colorbar": {
            "tickvals": [0, 0.5, 1],
            "ticktext": [
                esc(words(model).text("chart.alignment.scale_differ")),
                "50 %",
                esc(words(model).text("chart.alignment.scale_agree")),
            ],
        },
        "xgap": 2,
        "ygap": 2,
    }


def _alignment_alt(model: BriefingModel, actors: list[str], pairs: dict[tuple[str, str], dict[str, float]]) -> str:
    """Describe the alignment matrix in words."""
    agree = sum(1 for scores in pairs.values() if min(scores.values()) == 1)
    differ = sum(1 for scores in pairs.values() if max(scores.values()) == 0)
    return words(model).text(
        "chart.alignment.alt",
        actors=counted(model, len(actors), "actor"),
        pairs=len(pairs),
        agree=agree,
        differ=differ,
    )


def _alignment_hover(model: BriefingModel, a: str, b: str, scores: dict[str, float], strengths: dict[str, Strength]) -> str:
    """Hover text of an alignment cell: the pair, the agreement, then each shared question with its evidence."""
    w = words(model)
    head = w.text("chart.alignment.pair", a=esc(model.actors[a].name), b=esc(model.actors[b].name))
    if not scores:
        return head + "<br>" + esc(w.text("chart.alignment.none_in_common"))
    lines = [
        esc(
            w.text(
                "chart.alignment.hover_line",
                question=model.topics[t].title,
                verdict=_verdict(model, score),
                strength=_strength_word(model, strengths[t]),
            )
        )
        for t, score in scores.items()
    ]
    summary = w.text(
        "chart.alignment.summary",
        pair=head,
        percent=esc(score_text(model, scores, strengths)),
        shared=counted(model, len(scores), "shared_question"),
    )
    return "<br>".join([summary, *lines])
