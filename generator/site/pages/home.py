"""The home page: cover, bottom line, key judgements, the matrix at a glance and the contents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..exports import report_json_ld
from .common import ContentsEntry, Site
from .editions import HOME_SINCE_LIMIT, Mark, SinceView, mark_legend, since_title, since_view
from .environment import script_json
from .matrix import MatrixTable, matrix_table


@dataclass(frozen=True)
class HomeView:
    """What the home page shows besides the briefing itself."""

    pdf_href: str | None
    matrix: MatrixTable
    compact: bool
    contents: list[ContentsEntry]
    json_ld: Markup
    since: SinceView
    since_title: str
    mark_legend: list[Mark]


def home_view(site: Site, record: Any = None) -> HomeView:
    """The home page's view: what changed, the PDF link, the compact matrix and the contents."""
    matrix = matrix_table(site, "compact")
    since = site.model.history.since
    return HomeView(
        pdf_href=site.pdf_href,
        matrix=matrix,
        compact=True,
        contents=site.contents,
        json_ld=script_json(report_json_ld(site.model)),
        since=since_view(site.model, since, HOME_SINCE_LIMIT, travel=True),
        since_title=since_title(since, site.catalogue),
        mark_legend=mark_legend(matrix.marks, since.since_date, site.catalogue),
    )
