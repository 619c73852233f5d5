"""Stage 4: chart specs computed from the briefing model (pure, no I/O), one module per chart.

`registry.py` lists the charts in the order they are made (the one list, which tests read);
`figure.py` types the Plotly figures to what `svg.py` draws; `kit.py` holds what charts share;
`agreement.py` the maths that orders actors by how far they agree.
"""

from __future__ import annotations

from .agreement import order_by_agreement, question_agreement
from .kit import ChartSpec, Table
from .network import meeting_links
from .registry import CHARTS, build_charts, chart_id
from .split import Camp, Split, splits

__all__ = [
    "CHARTS",
    "Camp",
    "ChartSpec",
    "Split",
    "Table",
    "build_charts",
    "chart_id",
    "meeting_links",
    "order_by_agreement",
    "question_agreement",
    "splits",
]
