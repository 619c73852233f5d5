"""The bridge into MkDocs: generated pages enter the build as in-memory files, with their navigation."""

from __future__ import annotations

import functools
import html
import sysconfig
from collections.abc import Callable
from pathlib import Path

import jinja2
import material  # type: ignore[import-untyped]
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from ..compat import GeneratedHtml, configure_theme_environments
from ..disk_cache import remembered
from .pages import SitePlan
from .pages.routes import PLOTLY_JS
from .search_index import theme_language
from .template_cache import compiled_templates

PLOTLY_BUNDLE = Path(__file__).with_name("vendor") / "plotly.js-cartesian-dist-min" / "plotly-cartesian.min.js"
"""plotly.js's cartesian partial bundle (bar, heatmap, scatter…), a third of the full bundle; see vendor/README.md."""


def plotly_js_path() -> str:
    """Where the vendored plotly.js bundle is (served from the site, never a CDN)."""
    return str(PLOTLY_BUNDLE)


class BriefingPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Add the briefing's pages to a MkDocs build; `make_plan` is called once per build."""

    def __init__(self, make_plan: Callable[[], SitePlan]) -> None:
        super().__init__()
        self.make_plan = make_plan
        self.plan: SitePlan | None = None

    @event_priority(100)  # before Material's search, which takes its language from the theme's
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Plan the pages and give MkDocs their navigation and the site's name."""
        self.plan = self.make_plan()
        config.nav = self.plan.nav
        config.site_name = self.plan.site_name
        config.theme["language"] = theme_language(self.plan.language)  # Material's own words follow the briefing
        _translate_theme(config, self.plan.theme_words)
        config.markdown_extensions.append(GeneratedHtml())  # an instance: Python-Markdown takes those as well as names
        configure_theme_environments(config.theme, _share_compiled_templates)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add every planned page as a virtual Markdown file, and plotly.js for the chart pages."""
        assert self.plan is not None
        for page in self.plan.pages:
            file = self.generated_file(config, page.path, page.markdown)
            if page.path in self.plan.unlisted:
                file.inclusion = InclusionLevel.NOT_IN_NAV  # left out on purpose: MkDocs need not say so
            files.append(file)
        files.append(File.generated(config, PLOTLY_JS, abs_src_path=plotly_js_path()))
        for path, text in self.plan.downloads.items():
            files.append(self.generated_file(config, path, text))
        # Branch-based GitHub Pages would run Jekyll, which hides folders starting with "_".
        files.append(File.generated(config, ".nojekyll", content="", inclusion=InclusionLevel.INCLUDED))
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Give each page the navigation leaves out Previous/Next links as if it were listed.

        Its section is not made its parent: Material would then open a phone's menu on that
        section, which lists nothing but its title.
        """
        assert self.plan is not None
        titles = {page.path: page.title for page in self.plan.pages}
        sections: dict[str, list[MkDocsPage]] = {}
        for path, index in self.plan.unlisted.items():
            sections.setdefault(index, []).append(_page(files, path))
        for index, pages in sections.items():
            first = _page(files, index)
            for before, page, after in zip([first, *pages[:-1]], pages, [*pages[1:], first.next_page], strict=True):
                page.previous_page, page.next_page = before, after
                page.title = html.escape(titles[page.file.src_uri])  # as the navigation's titles are; a preview may not read the page
        return nav

    def generated_file(self, config: MkDocsConfig, path: str, content: str) -> File:
        """An in-memory file of the site: a generated page or download (the preview marks which changed)."""
        return File.generated(config, path, content=content)


def _share_compiled_templates(env: jinja2.Environment) -> None:
    """Keep a theme environment's compiled templates between builds, and list the installed theme's files once.

    MkDocs makes a new environment for every build, and Material's search makes three more to
    translate its words; each would compile the templates again and list the 14,000 files of the
    installed theme to find its 43 static ones.
    """
    assert isinstance(env.loader, jinja2.FileSystemLoader)
    env.loader = _ThemeLoader(env.loader.searchpath)
    env.bytecode_cache = compiled_templates()


class _ThemeLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, listing the folders of installed packages once per process (they do not change while it runs)."""

    def list_templates(self) -> list[str]:
        """Every template name of every folder, as FileSystemLoader lists them."""
        names: set[str] = set()
        for folder in self.searchpath:
            names.update(_installed_listing(folder) if _installed(folder) else jinja2.FileSystemLoader(folder).list_templates())
        return sorted(names)


@functools.cache
def _installed_listing(folder: str) -> tuple[str, ...]:
    """The template names of an installed theme's folder, kept between runs for the same versions of MkDocs and Material."""
    key = repr((str(Path(folder).resolve()), mkdocs.__version__, material.__version__)).encode()
    return remembered("theme-files", key, lambda: tuple(jinja2.FileSystemLoader(folder).list_templates()))


def _installed(folder: str) -> bool:
    """Whether a folder belongs to an installed package (a theme), not to the project (its overrides)."""
    return Path(folder).resolve().is_relative_to(Path(sysconfig.get_paths()["purelib"]).resolve())


def _page(files: Files, path: str) -> MkDocsPage:
    """The MkDocs page of a generated file."""
    file = files.get_file_from_path(path)
    assert file is not None and file.page is not None, path
    return file.page


def _translate_theme(config: MkDocsConfig, words: dict[str, str]) -> None:
    """Put the words mkdocs.yml and our overrides would show in English into the briefing's language."""
    config.extra.update(words)
    config.site_description = words["description"]
    for palette in config.theme.get("palette") or []:
        toggle = palette.get("toggle") or {}
        if "name" in toggle:
            toggle["name"] = words["to_light" if palette.get("scheme") == "slate" else "to_dark"]
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = words["permalink"]
