"""Stage 5: run MkDocs on the planned pages and swap the new site in atomically.

The site is built into a temporary folder beside the output folder and replaces it
only when MkDocs and the post-build checks succeed, so a failed build keeps the last
good site.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .csp import add_csp
from .errors import OutputError, SiteBuildError
from .mkdocs_plugin import BriefingPages
from .pages import SitePlan


def check_output_dir(site_dir: Path, protected: list[Path]) -> None:
    """Refuse an output folder whose replacement would destroy work: the project or one of its sources."""
    target = site_dir.resolve()
    for folder in (path.resolve() for path in protected):
        if target == folder or target.is_relative_to(folder) or folder.is_relative_to(target):
            raise OutputError(f"refusing to build into {site_dir}: it is, holds or sits inside {folder}; choose a folder such as site/")
    for marker in (".git", "content", "templates", "generator", "mkdocs.yml"):
        if (target / marker).exists():
            raise OutputError(f"refusing to build into {site_dir}: it contains {marker}, so it is not a built site")


def build_site(
    plan: SitePlan,
    config_file: Path,
    site_dir: Path,
    check: Callable[[Path], None],
    strict: bool = True,
    finish: Callable[[Path], None] | None = None,
) -> None:
    """Build the site into a temporary folder, finish it (the PDF), check it, then swap it in place of `site_dir`."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _scratch(site_dir.parent, f".{site_dir.name}.new-") as new_site:
        _run_mkdocs(config_file, plan, {"site_dir": str(new_site), "strict": strict})
        add_csp(new_site)
        if finish is not None:
            finish(new_site)
        check(new_site)
        _swap(new_site, site_dir)


def _run_mkdocs(config_file: Path, plan: SitePlan, overrides: dict[str, Any]) -> None:
    """Run a real MkDocs build; turn its failures and strict-mode warnings into SiteBuildError."""
    warnings = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        config = load_config(config_file=str(config_file), **overrides)
        config.plugins["briefing"] = BriefingPages(lambda: plan)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, SystemExit) as exc:
        detail = "\n".join(warnings.messages) or str(exc)
        raise SiteBuildError(f"MkDocs build failed:\n{detail}") from None
    finally:
        logger.removeHandler(warnings)


class _WarningCounter(logging.Handler):
    """Keep MkDocs's warnings so a strict-mode failure can say what they were."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _swap(new_site: Path, site_dir: Path) -> None:
    """Replace the old site by the new one with two renames, then delete the old one."""
    old = None
    if site_dir.exists():
        old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        site_dir.rename(old)
    new_site.rename(site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _scratch(parent: Path, prefix: str) -> Iterator[Path]:
    """A temporary folder beside the output, removed afterwards whatever happens."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
