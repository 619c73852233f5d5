"""Where a project's parts live: content, templates, MkDocs configuration and output.

A project folder holds its content. The site's look (`mkdocs.yml` and `templates/`) is the
project's own when it has a `mkdocs.yml`, as this repository does; otherwise it is the one
installed with the tool, so a desk that installs the `briefing` command (pip or pipx) keeps
only its content, and its editions, in a repository of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
"""The installed `generator` package."""

INSTALLED_LAYOUT = PACKAGE_DIR / "layout"
"""Where an installed tool keeps its `mkdocs.yml`, `templates/` and `schemas/` (pyproject.toml copies them into the wheel)."""


def tool_file(name: str) -> Path:
    """One of the tool's own project files: from the installed package, else from the repository it runs from."""
    installed = INSTALLED_LAYOUT / name
    return installed if installed.exists() else PACKAGE_DIR.parent / name


@dataclass(frozen=True)
class Project:
    """The folders and files one briefing project is made of."""

    root: Path
    content_dir: Path
    site_dir: Path

    @classmethod
    def at(cls, root: Path, content: str = "content", site: str = "site") -> Project:
        """Describe the project in `root`, with content and output folders relative to it."""
        root = root.resolve()
        return cls(root=root, content_dir=(root / content).resolve(), site_dir=(root / site).resolve())

    @property
    def layout_dir(self) -> Path:
        """The folder holding `mkdocs.yml` and `templates/`: the project's when it has a mkdocs.yml, else the tool's."""
        return self.root if (self.root / "mkdocs.yml").is_file() else tool_file("mkdocs.yml").parent

    @property
    def templates_dir(self) -> Path:
        """The Jinja2 templates of the pages."""
        return self.layout_dir / "templates"

    @property
    def static_dir(self) -> Path:
        """Static files copied into every site (styles): MkDocs's docs_dir."""
        return self.templates_dir / "static"

    @property
    def config_file(self) -> Path:
        """The MkDocs configuration: theme and Markdown settings."""
        return self.layout_dir / "mkdocs.yml"

    @property
    def protected(self) -> list[Path]:
        """Folders a build must never replace or write into."""
        return [self.content_dir, self.templates_dir, self.root / "generator", self.root / ".git"]
