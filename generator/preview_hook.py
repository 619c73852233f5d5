"""MkDocs hook for `make serve`: re-plans the pages from the content at every rebuild.

Loaded by MkDocs from its file path, so it imports the package absolutely; the CLI
sets BRIEFING_ROOT and BRIEFING_CONTENT before starting the server.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from generator.build import plan
from generator.errors import ContentError
from generator.mkdocs_plugin import BriefingPages
from generator.pages import SitePlan
from generator.project import Project

log = logging.getLogger("mkdocs.briefing")
_project = Project.at(Path(os.environ.get("BRIEFING_ROOT", ".")), content=os.environ.get("BRIEFING_CONTENT", "content"))


def _make_plan() -> SitePlan:
    """Plan the pages, or stop this rebuild with the content errors (the last good preview stays)."""
    try:
        return plan(_project)[1]
    except ContentError as exc:
        raise SystemExit(f"{exc}\nFix the content and save: the preview rebuilds by itself.") from None


_plugin = BriefingPages(_make_plan)
on_config = _plugin.on_config
on_files = _plugin.on_files
