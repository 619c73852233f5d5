"""The bridge into MkDocs: generated pages enter the build as in-memory files, with their navigation."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .pages import SitePlan


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
        """Add every planned page as a virtual Markdown file."""
        assert self.plan is not None
        for page in self.plan.pages:
            files.append(File.generated(config, page.path, content=page.markdown))
        return files
