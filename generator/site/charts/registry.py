"""The charts of a briefing, by name, in the order they are made: one row per chart module."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ...model.briefing import BriefingModel
from .alignment import alignment_matrix
from .kit import ChartSpec
from .network import network_chart
from .positions import positions_chart
from .svg import UnsupportedFigureError, check_supported
from .timeline import timeline_chart

CHARTS: dict[str, Callable[[BriefingModel], ChartSpec | None]] = {
    "positions": positions_chart,
    "alignment": alignment_matrix,
    "timeline": timeline_chart,
    "network": network_chart,
}
"""Each chart's name and the function that computes its spec (None when the facts give it no data).

The one list of charts: the charts page shows them in this order, and the tests read it. A
chart's id is `chart-<name>`; its figure is built from the types in `figure.py`, which are
what `svg.py` can draw. Adding a chart is a module here, a row, and its words in the catalogues.

A chart is kept only when it answers a reader's question better than a table: the stance
heatmap repeated the stance matrix, the mentions bar chart counted names rather than
answering a question, and the key-figures bar chart put shares and counts on one axis
(the figures are cards). "Where do the actors split?" is drawn as HTML (split.py)."""


def build_charts(model: BriefingModel) -> dict[str, ChartSpec]:
    """Compute every chart the facts support, by name; a chart with no data is left out.

    Raises UnsupportedFigureError (a ChartError: a message, not a traceback) naming the chart and
    the property when a figure holds something the static renderer cannot draw."""
    specs = {name: make(model) for name, make in CHARTS.items()}
    kept = {name: spec for name, spec in specs.items() if spec is not None}
    for name, spec in kept.items():
        try:
            _check_once(spec["figure"])
        except UnsupportedFigureError as exc:
            raise UnsupportedFigureError(f"chart {name!r}: {exc}") from None
    return kept


def _check_once(figure: Any) -> None:
    """Check a figure, unless this process has checked the very same one (the preview rebuilds the same charts)."""
    try:
        key = json.dumps(figure)
    except (TypeError, ValueError):
        check_supported(figure)
        return
    if key not in _CHECKED:
        check_supported(figure)
        if len(_CHECKED) > MAX_CHECKED:
            _CHECKED.clear()
        _CHECKED.add(key)


_CHECKED: set[str] = set()
"""The figures (as JSON) this process found drawable."""

MAX_CHECKED = 64
"""Past this many figures kept, the process starts afresh."""


def chart_id(name: str) -> str:
    """The element id of a chart on a page, from its name in the registry."""
    return f"chart-{name}"
