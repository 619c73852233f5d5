"""The charts page: every chart the facts support, each with its data table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..charts import Split, splits
from .common import ChartView, Site


@dataclass(frozen=True)
class ChartsView:
    """Where the actors split, then every chart, in the order they were made."""

    charts: dict[str, ChartView]
    splits: list[Split]


def charts_view(site: Site, record: Any = None) -> ChartsView:
    """The charts page's view."""
    return ChartsView(charts=site.charts, splits=splits(site.model))
