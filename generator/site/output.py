"""Stage 5: run MkDocs on the planned pages and swap the new site in atomically.

The site is built into a temporary folder beside the output folder and replaces it
only when MkDocs and the post-build checks succeed, so a failed build keeps the last
good site. The swap is one atomic exchange of the two folders (Linux renameat2
RENAME_EXCHANGE, macOS renamex_np RENAME_SWAP), so the site never stops existing.
Every build holds a shared lock on the folder that holds the site; a build that finds no
other build running first deletes the scratch folders that killed builds left behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..errors import OutputError, SiteBuildError
from .csp import add_csp
from .mkdocs_plugin import BriefingPages
from .pages import SitePlan
from .search_index import use_briefing_search


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
    with _build_lock(site_dir), _scratch(site_dir.parent, f".{site_dir.name}.new-") as new_site:
        _run_mkdocs(config_file, plan, {"site_dir": str(new_site), "strict": strict})
        add_csp(new_site)
        if finish is not None:
            finish(new_site)
        check(new_site)
        _swap(new_site, site_dir)  # the scratch folder now holds the old site, deleted on the way out


def _run_mkdocs(config_file: Path, plan: SitePlan, overrides: dict[str, Any]) -> None:
    """Run a real MkDocs build; turn its failures and strict-mode warnings into SiteBuildError."""
    warnings = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        config = load_config(config_file=str(config_file), **overrides)
        config.plugins["briefing"] = BriefingPages(lambda: plan)
        use_briefing_search(config)
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
    """Put the new site where `site_dir` is in one atomic exchange, so a reader never finds no site.

    The old site ends up at `new_site`'s path. Without an exchange call (not Linux or macOS, or a
    file system that refuses it) the old two-rename swap is used, with its instant of no site.
    """
    for _ in range(3):
        if site_dir.exists() or site_dir.is_symlink():
            if _exchange(new_site, site_dir):
                return
            _swap_by_renames(new_site, site_dir)
            return
        try:
            new_site.rename(site_dir)  # a first build: nothing to exchange with
            return
        except OSError as exc:
            if exc.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
            # another build put its site there meanwhile: exchange with it instead
    raise OutputError(f"could not put the new site in place of {site_dir}: another build keeps replacing it")


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically; return False when the system or file system offers no exchange call."""
    libc = ctypes.CDLL(None, use_errno=True)
    a, b = os.fsencode(first), os.fsencode(second)
    if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
        at_fdcwd, rename_exchange = -100, 2
        result = libc.renameat2(at_fdcwd, a, at_fdcwd, b, rename_exchange)
    elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
        rename_swap = 2
        result = libc.renamex_np(a, b, rename_swap)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _swap_by_renames(new_site: Path, site_dir: Path) -> None:
    """Replace the old site by the new one with two renames, where no atomic exchange exists; the old one is deleted."""
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    if old.exists():
        shutil.rmtree(old)
    site_dir.rename(old)
    new_site.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _build_lock(site_dir: Path) -> Iterator[None]:
    """Hold a shared lock on the site's parent folder while building; alone, first delete what killed builds left.

    The kernel drops a killed process's lock, so a scratch folder nobody holds a lock for is
    debris. The lock is taken on the folder itself (flock works on directories), so no lock
    file is left beside the site.
    """
    fd = os.open(site_dir.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            _clear_debris(site_dir)
        except BlockingIOError:
            pass  # another build is running, and its scratch folder is alive: leave them all
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)


def _clear_debris(site_dir: Path) -> None:
    """Delete the scratch folders of builds that died (SIGKILL, power cut) before cleaning up."""
    for pattern in (f".{site_dir.name}.new-*", f".{site_dir.name}.old-*"):
        for path in site_dir.parent.glob(pattern):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _scratch(parent: Path, prefix: str) -> Iterator[Path]:
    """A temporary folder beside the output, removed afterwards whatever happens."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)
