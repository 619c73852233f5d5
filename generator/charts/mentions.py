"""Mentions in the sources: how often each actor is named, stacked by source (pure)."""

from __future__ import annotations

from typing import Any

from ..model import BriefingModel, format_date
from ..scales import (
    OKABE_ITO,
)
from ..schema import Source
from .kit import (
    CHART_MAX_ACTORS,
    ChartSpec,
    Table,
    base_axis,
    base_layout,
    counted,
    esc,
    make_spec,
)


def mentions_chart(model: BriefingModel) -> ChartSpec | None:
    """How often each actor is named in the sources, stacked by source when there are several."""
    totals = {a: sum(model.mentions.get(a, {}).values()) for a in model.actors}
    actors = sorted((a for a in model.actors if totals[a]), key=lambda a: -totals[a])[:CHART_MAX_ACTORS]
    if not actors:
        return None
    sources = list(model.sources.values())
    layout = base_layout(
        height=110 + 24 * len(actors),
        barmode="stack",
        showlegend=len(sources) > 1,
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom"},
        xaxis=base_axis(title={"text": "Mentions"}, showgrid=True, rangemode="tozero"),
        yaxis=base_axis(autorange="reversed", tickvals=actors, ticktext=[esc(model.actors[a].name) for a in actors]),
    )
    top = ", ".join(f"{model.actors[a].name} ({totals[a]})" for a in actors[:3])
    return make_spec(
        model,
        chart_id="chart-mentions",
        title="Mentions in the sources",
        caption="How often each actor's name or one of its aliases occurs in the sources, as whole words. Actors never named "
        f"are left out{f'; the {CHART_MAX_ACTORS} most named are shown' if len(actors) == CHART_MAX_ACTORS else ''}.",
        alt=f"Bar chart of mentions of {counted(len(actors), 'actor')} in {counted(len(sources), 'source')}; the most mentioned: {top}.",
        figure={"data": [_mention_trace(model, actors, source, n) for n, source in enumerate(sources)], "layout": layout},
        table=_mention_table(model, actors, sources),
        citations=[],
        all_sources=True,
    )


def _mention_trace(model: BriefingModel, actors: list[str], source: Source, n: int) -> dict[str, Any]:
    """One source's mention counts as horizontal bars."""
    label = f"{source.outlet}, {format_date(source.published)}"
    counts = [model.mentions[a].get(source.id, 0) for a in actors]
    return {
        "type": "bar",
        "orientation": "h",
        "name": esc(label),
        "x": counts,
        "y": actors,
        "marker": {"color": OKABE_ITO[n % len(OKABE_ITO)]},
        "hovertext": [esc(f"{model.actors[a].name}: {c} in {label}") for a, c in zip(actors, counts, strict=True)],
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
