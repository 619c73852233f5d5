"""The key figures chart: shares as part-of-whole bars, counts as bars (pure)."""

from __future__ import annotations

from typing import Any

from ..model import BriefingModel, format_date, format_number
from ..scales import (
    BLUE,
    REST_OF_WHOLE,
    SKY,
)
from ..schema import Figure, FigureKind
from .kit import (
    ChartSpec,
    Table,
    base_axis,
    base_layout,
    citation_text,
    esc,
    make_spec,
    wrap,
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
        axes |= {"xaxis": base_axis(range=[0, 100], ticksuffix=" %", showgrid=True, anchor="y"), "yaxis": _figure_axis(shares, top, "x")}
    if counts:
        x, y = ("x2", "y2") if shares else ("x", "y")
        data.append(_count_trace(model, counts, x, y))
        top_value = max(f.value for f in counts)
        axes[_axis_name(x)] = base_axis(range=[0, top_value * 1.3], showgrid=True, anchor=y, rangemode="tozero")
        axes[_axis_name(y)] = _figure_axis(counts, bottom, x)
    charted = shares + counts
    height = 90 + 48 * len(charted) + (40 if shares and counts else 0)
    return make_spec(
        model,
        chart_id="chart-key-figures",
        title="Key figures",
        caption="Shares as a part of the whole and counts as bars; other amounts stay as numbers. Each figure is valid on "
        "its own date, given in the data.",
        alt="Bar chart of " + "; ".join(f"{f.label}: {_figure_value(f)}" for f in charted) + ".",
        figure={"data": data, "layout": base_layout(height=height, barmode="stack", bargap=0.35, **axes)},
        table=Table(columns=["Figure", "Value", "As of", "Source"], rows=[_figure_row(model, f) for f in charted]),
        citations=[c for f in charted for c in f.citations],
    )


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
        "marker": {"color": BLUE},
        "text": [esc(_figure_value(f)) for f in shares],
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
        "marker": {"color": REST_OF_WHOLE},
        "hovertext": [esc(f"Rest of the whole: {format_number(100 - f.value)} %") for f in shares],
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
        "marker": {"color": SKY},
        "text": [esc(_figure_value(f)) for f in counts],
        "textposition": "outside",
        "hovertext": [_figure_hover(model, f) for f in counts],
        "hoverinfo": "text",
        "cliponaxis": False,
    }


def _figure_axis(figures: list[Figure], domain: list[float], anchor: str) -> dict[str, Any]:
    """A category axis of figure labels over one band of the chart."""
    return base_axis(
        autorange="reversed",
        domain=domain,
        anchor=anchor,
        tickvals=[f.id for f in figures],
        ticktext=[wrap(f.label, 30) for f in figures],
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
            f"<b>{wrap(figure.label, 60)}</b>",
            esc(f"{_figure_value(figure)}, as of {format_date(figure.as_of)}"),
            wrap(figure.measures, 60),
            esc(citation_text(model, figure.citations[0])),
        ]
    )


def _figure_row(model: BriefingModel, figure: Figure) -> list[str]:
    """A figure as a row of the key figures' table."""
    return [figure.label, _figure_value(figure), format_date(figure.as_of), "; ".join(citation_text(model, c) for c in figure.citations)]
