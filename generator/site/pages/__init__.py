"""Stage 4: the pages of the site, one module per page kind, declared once in `registry.py` (pure, no I/O).

`site.py` renders the registry's pages and derives the navigation and contents from it;
`routes.py` holds every URL and anchor; `environment.py` the Jinja2 environment; each
page kind's module (`matrix.py`, `actors.py` …) builds the typed view its template draws.
"""

from __future__ import annotations

from .environment import make_environment, markdown_text, script_json
from .routes import CHARTS_JS, PLOTLY_JS, relative_link
from .site import Page, SitePlan, plan_site

__all__ = ["CHARTS_JS", "PLOTLY_JS", "Page", "SitePlan", "make_environment", "markdown_text", "plan_site", "relative_link", "script_json"]
