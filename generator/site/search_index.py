"""The site's search index in Material's format, written from the briefing instead of from the built HTML.

Material's search plugin parses every page's HTML after it is rendered (a quarter of a 10x build)
and writes `search/search_index.json` at the end of the build; in a build that renders only the
changed pages, it would index only those. Here the index is one more generated file of the plan,
written from the same data as the pages (`pages/search.py`), so it is whole whatever was rendered,
and it changes only when what it holds changes.

Material shows its search box only when a plugin named `material/search` is enabled
(`partials/header.html`), and its search worker reads the index's `config` (lunr languages,
separator, pipeline, field boosts) and `docs` (`location`, `title`, `text`, as HTML).
`BriefingSearch` takes the place of Material's plugin under that name, with its settings, and does
nothing at build time; `index_settings` asks Material's own translations (`search.config.*`) what
its plugin would write for the briefing's language. This module is the one place that knows.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import material  # type: ignore[import-untyped]
from material.plugins.search.config import SearchConfig  # type: ignore[import-untyped]
from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]
from mkdocs.config.defaults import MkDocsConfig

if TYPE_CHECKING:
    from .pages.search import SearchEntry  # only named: pages/site.py imports this module while the pages load

SEARCH_INDEX = "search/search_index.json"
"""Where Material's search worker fetches the index from, in the site."""

MATERIAL_SEARCH = "material/search"
"""The name Material's templates look its search plugin up by."""

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
"""Material's templates, whose language partials hold its search settings per language."""

FIELD_BOOSTS = {"title": {"boost": 1e3}, "text": {"boost": 1e0}, "tags": {"boost": 1e6}}
"""How much a match in each field counts: Material's plugin's defaults (a title match ranks first)."""


def search_index_json(entries: list[SearchEntry], language: str) -> str:
    """The index as Material's worker reads it: its settings for the language, and every entry as HTML-escaped text."""
    docs = [{"location": e.location, "title": _html(e.title), "text": _html(e.text)} for e in entries]
    return json.dumps({"config": index_settings(language), "docs": docs}, separators=(",", ":"), ensure_ascii=False)


def _html(text: str) -> str:
    """Text as the worker shows it: as HTML, so content's `<` and `&` are escaped (Material's parser does the same)."""
    return html.escape(text, quote=False)


@functools.cache
def index_settings(language: str) -> dict[str, Any]:
    """Material's search settings for a briefing language (lunr language, separator, pipeline), as its plugin computes them."""
    words = _material_words(theme_language(language))
    return {
        "lang": [words("search.config.lang")],
        "separator": words("search.config.separator"),
        "pipeline": [step for step in re.split(r"\s*,\s*", words("search.config.pipeline")) if step],
        "fields": FIELD_BOOSTS,
    }


def _material_words(code: str) -> Callable[[str], str]:
    """Material's `t(key)` for one of its interface languages (English where the language has no word)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(MATERIAL_TEMPLATES), autoescape=False)
    module = env.get_template("partials/language.html", globals={"config": {"theme": {"language": code}}}).module
    return lambda key: str(module.t(key))  # type: ignore[attr-defined]


def theme_language(language: str) -> str:
    """Material's interface language for the briefing's: the language itself, its primary subtag, or English."""
    languages = MATERIAL_TEMPLATES / "partials" / "languages"
    for code in (language, language.split("-")[0].lower()):
        if (languages / f"{code}.html").is_file():
            return code
    return "en"


class BriefingSearch(SearchPlugin):  # type: ignore[misc]
    """Material's search plugin with nothing to do at build time: the plan writes the index (SEARCH_INDEX)."""

    def on_config(self, config: MkDocsConfig) -> None:
        """Keep the settings as they are: the index's follow the briefing's language (index_settings)."""

    def on_page_context(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Any) -> None:
        """Leave the page's HTML unparsed."""

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Leave the plan's index in place."""


def use_briefing_search(config: MkDocsConfig) -> None:
    """Put BriefingSearch in Material's search plugin's place, with its settings; Material's own stays, disabled."""
    stock = config.plugins.get(MATERIAL_SEARCH)
    if stock is None or isinstance(stock, BriefingSearch) or not stock.config.enabled:
        return  # a site without search (or already switched) keeps what it has
    ours = BriefingSearch()
    ours.config = stock.config
    # Plugins cannot be unregistered from MkDocs's events: the stock one stays registered, and every
    # event it has work in returns at once when it is disabled.
    idle = SearchConfig()
    idle.load_dict({"enabled": False})
    stock.config = idle
    config.plugins[MATERIAL_SEARCH] = ours
