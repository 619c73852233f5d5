"""The bridge into MkDocs: generated pages enter the build as in-memory files, with their navigation."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files as package_files

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from .pages import SitePlan
from .pages.routes import PLOTLY_JS


def plotly_js_path() -> str:
    """Where the installed plotly package keeps its plotly.js bundle (served from the site, never a CDN)."""
    return str(package_files("plotly") / "package_data" / "plotly.min.js")


class BriefingPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Add the briefing's pages to a MkDocs build; `make_plan` is called once per build."""

    def __init__(self, make_plan: Callable[[], SitePlan]) -> None:
        super().__init__()
        self.make_plan = make_plan
        self.plan: SitePlan | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Plan the pages and give MkDocs their navigation and the site's name."""
        self.plan = self.make_plan()
        config.nav = self.plan.nav
        config.site_name = self.plan.site_name
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add every planned page as a virtual Markdown file, and plotly.js for the chart pages."""
        assert self.plan is not None
        for page in self.plan.pages:
            files.append(File.generated(config, page.path, content=page.markdown))
        files.append(File.generated(config, PLOTLY_JS, abs_src_path=plotly_js_path()))
        for path, text in self.plan.downloads.items():
            files.append(File.generated(config, path, content=text))
        # Branch-based GitHub Pages would run Jekyll, which hides folders starting with "_".
        files.append(File.generated(config, ".nojekyll", content="", inclusion=InclusionLevel.INCLUDED))
        return files
