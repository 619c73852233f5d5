"""The charts of a briefing, by name, in the order they are made: one row per chart module."""

from __future__ import annotations

from collections.abc import Callable

from ..model import BriefingModel
from .alignment import alignment_matrix
from .heatmap import stance_heatmap
from .key_figures import key_figures_chart
from .kit import ChartSpec
from .mentions import mentions_chart
from .network import network_chart
from .timeline import timeline_chart

CHARTS: dict[str, Callable[[BriefingModel], ChartSpec | None]] = {
    "heatmap": stance_heatmap,
    "alignment": alignment_matrix,
    "timeline": timeline_chart,
    "network": network_chart,
    "mentions": mentions_chart,
    "figures": key_figures_chart,
}
"""Each chart's name and the function that computes its spec (None when the facts give it no data)."""


def build_charts(model: BriefingModel) -> dict[str, ChartSpec]:
    """Compute every chart the facts support, by name; a chart with no data is left out."""
    specs = {name: make(model) for name, make in CHARTS.items()}
    return {name: spec for name, spec in specs.items() if spec is not None}
