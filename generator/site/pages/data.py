"""The data downloads page: the files published beside the site and their documented columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..exports import DOWNLOADS, EVENT_COLUMNS, EXPORT_VERSION, STANCE_COLUMNS
from .common import Site


@dataclass(frozen=True)
class DataView:
    """The download files, the export version and the CSV columns."""

    files: dict[str, str]
    version: str
    stance_columns: dict[str, str]
    event_columns: dict[str, str]


def data_view(site: Site, record: Any = None) -> DataView:
    """The data page's view."""
    words = site.catalogue
    return DataView(
        files=DOWNLOADS,
        version=EXPORT_VERSION,
        stance_columns={name: words.text(f"stance_columns.{name}") for name in STANCE_COLUMNS},
        event_columns={name: words.text(f"event_columns.{name}") for name in EVENT_COLUMNS},
    )
