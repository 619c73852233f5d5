"""Stage 4: chart specs computed from the briefing model (pure, no I/O), one module per chart.

`registry.py` lists the charts in the order they are made; `kit.py` holds what they share;
`agreement.py` the maths that orders actors by how far they agree.
"""

from __future__ import annotations

from .agreement import order_by_agreement, question_agreement
from .kit import ChartSpec, Table
from .network import meeting_links
from .registry import CHARTS, build_charts
from .split import Camp, Split, splits

__all__ = [
    "CHARTS",
    "Camp",
    "ChartSpec",
    "Split",
    "Table",
    "build_charts",
    "meeting_links",
    "order_by_agreement",
    "question_agreement",
    "splits",
]
