"""The charts of a briefing, by name, in the order they are made: one row per chart module."""

from __future__ import annotations

from collections.abc import Callable

from ...model.briefing import BriefingModel
from .alignment import alignment_matrix
from .kit import ChartSpec
from .network import network_chart
from .timeline import timeline_chart

CHARTS: dict[str, Callable[[BriefingModel], ChartSpec | None]] = {
    "alignment": alignment_matrix,
    "timeline": timeline_chart,
    "network": network_chart,
}
"""Each chart's name and the function that computes its spec (None when the facts give it no data).

A chart is kept only when it answers a reader's question better than a table: the stance
heatmap repeated the stance matrix, the mentions bar chart counted names rather than
answering a question, and the key-figures bar chart put shares and counts on one axis
(the figures are cards). "Where do the actors split?" is drawn as HTML (split.py)."""


def build_charts(model: BriefingModel) -> dict[str, ChartSpec]:
    """Compute every chart the facts support, by name; a chart with no data is left out."""
    specs = {name: make(model) for name, make in CHARTS.items()}
    return {name: spec for name, spec in specs.items() if spec is not None}
