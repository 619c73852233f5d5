"""Where a project's parts live: content, templates, MkDocs configuration and output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
    def templates_dir(self) -> Path:
        """The Jinja2 templates of the pages."""
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        """Static files copied into every site (styles): MkDocs's docs_dir."""
        return self.templates_dir / "static"

    @property
    def config_file(self) -> Path:
        """The MkDocs configuration: theme and Markdown settings."""
        return self.root / "mkdocs.yml"

    @property
    def protected(self) -> list[Path]:
        """Folders a build must never replace or write into."""
        return [self.content_dir, self.templates_dir, self.root / "generator", self.root / ".git"]
