"""The home page: cover, bottom line, key judgements, key figures, the matrix at a glance and the contents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..exports import report_json_ld
from .common import ContentsEntry, Site
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


def home_view(site: Site, record: Any = None) -> HomeView:
    """The home page's view: the PDF link, the compact matrix and the contents."""
    return HomeView(
        pdf_href=site.pdf_href,
        matrix=matrix_table(site, "compact"),
        compact=True,
        contents=site.contents,
        json_ld=script_json(report_json_ld(site.model)),
    )
