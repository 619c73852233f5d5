"""Stage 5: run MkDocs on the planned pages and swap the new site in atomically.

The site is built into a temporary folder beside the output folder and replaces it
only when MkDocs and the post-build checks succeed, so a failed build keeps the last
good site. When a previous build's manifest still describes the site folder, MkDocs renders
only the pages whose Markdown changed and the others are linked from the previous site; each
page gets its Content-Security-Policy and has its links scanned in memory, before MkDocs writes it.
The swap is one atomic exchange of the two folders (Linux renameat2
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.pages import Page as MkDocsPage

from ..errors import OutputError, SiteBuildError
from .checks import PageScan, check_scans, scan_page
from .csp import add_csp, with_csp
from .incremental import (
    ChangeAwarePages,
    Manifest,
    TitlesChanged,
    digest,
    forget_manifest,
    load_manifest,
    quiet_dirty_warning,
    save_manifest,
    site_files,
)
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


@dataclass
class SiteOutcome:
    """What a site build wrote: how many pages MkDocs rendered, and whether it rebuilt everything."""

    pages_rendered: int
    full: bool


def build_site(
    plan: SitePlan,
    config_file: Path,
    site_dir: Path,
    key: str,
    strict: bool = True,
    finish: Callable[[Path], None] | None = None,
    full: bool = False,
) -> SiteOutcome:
    """Build the site into a temporary folder, finish it (the PDF), check it, then swap it in place of `site_dir`.

    When the previous build's manifest matches `key` (what every page shows) and the site folder,
    only the pages whose Markdown changed are rendered; the others are hard links to the previous
    site's files, made after MkDocs has written into the empty scratch folder (MkDocs truncates a
    file to rewrite it, which through a link would change the previous site). `full` ignores the manifest.
    """
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(site_dir), _scratch(site_dir.parent, f".{site_dir.name}.new-") as new_site:
        previous = None if full else load_manifest(site_dir, key)
        try:
            assembled = _assemble(plan, config_file, site_dir, new_site, previous, strict)
        except (_StalePrevious, TitlesChanged):  # the previous site changed under this build, or a page's title did: build it all
            shutil.rmtree(new_site)
            new_site.mkdir()
            assembled = _assemble(plan, config_file, site_dir, new_site, None, strict)
        if finish is not None:
            finish(new_site)
        files = site_files(new_site)
        scans = {page: scan for page, scan in assembled.scans.items() if page in files}
        check_scans(set(files), scans)
        forget_manifest(site_dir)  # between the swap and the new manifest, no manifest describes the wrong site
        _swap(new_site, site_dir)  # the scratch folder now holds the old site, deleted on the way out
        with contextlib.suppress(OSError):  # without a manifest, the next build is a full one
            save_manifest(site_dir, Manifest(key, assembled.sources, scans, files, assembled.titles))
    return SiteOutcome(pages_rendered=assembled.rendered, full=previous is None)


@dataclass
class _Assembled:
    """A site in its scratch folder: what its generated files were made from, each page's scan, how many pages were rendered."""

    sources: dict[str, str]
    scans: dict[str, PageScan]
    rendered: int
    titles: dict[str, str | None]


class _StalePrevious(Exception):
    """A file the manifest promised is not in the previous site (or its scan is not in the manifest)."""


def _assemble(plan: SitePlan, config_file: Path, site_dir: Path, new_site: Path, previous: Manifest | None, strict: bool) -> _Assembled:
    """Run MkDocs into the empty `new_site` (only on changed files when there is a previous build), then link the unchanged ones."""
    pages = ChangeAwarePages(plan, previous.sources if previous else {}, digest, previous.titles if previous else {})
    secured = _SecuredPages()
    overrides = {"site_dir": str(new_site), "strict": strict}
    _run_mkdocs(config_file, {"briefing": pages, "briefing-secured": secured}, overrides, dirty=previous is not None)
    scans = secured.scans
    unseen = [page for page in _html_files(new_site) if page not in scans]
    add_csp(new_site, unseen)  # written by MkDocs without passing a page or template event (none today)
    scans.update((page, scan_page((new_site / page).read_text(encoding="utf-8"))) for page in unseen)
    if previous is not None:
        kept = [file.dest_uri for file in pages.generated if not file.changed]
        _link_unchanged(site_dir, new_site, kept)
        try:
            scans.update((page, previous.scans[page]) for page in kept if page.endswith(".html"))
        except KeyError:
            raise _StalePrevious from None
    sources = {file.src_uri: pages.made_from[file.src_uri] for file in pages.generated}
    rendered = pages.changed_pages if previous else len(plan.pages)
    return _Assembled(sources=sources, scans=scans, rendered=rendered, titles=pages.titles)


def _html_files(site: Path) -> list[str]:
    """The HTML files of a folder, by their path in it."""
    return [path for path in site_files(site) if path.endswith(".html")]


def _link_unchanged(site_dir: Path, new_site: Path, paths: list[str]) -> None:
    """Hard-link the previous site's unchanged files into the new one (a copy where links are refused)."""
    folders: set[Path] = set()
    for path in paths:
        source, target = site_dir / path, new_site / path
        if target.parent not in folders:  # one mkdir per folder, not per file
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        try:
            os.link(source, target, follow_symlinks=False)
        except FileNotFoundError:
            raise _StalePrevious from None
        except OSError:
            shutil.copy2(source, target)


class _SecuredPages(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Give every page MkDocs writes its Content-Security-Policy, and scan its links, before it is written."""

    def __init__(self) -> None:
        super().__init__()
        self.scans: dict[str, PageScan] = {}

    @event_priority(-100)  # last: the policy hashes the inline scripts of the page as it will be written
    def on_post_page(self, output: str, page: MkDocsPage, config: MkDocsConfig) -> str:
        """Add the policy to a page and note its links and ids."""
        return self._secure(page.file.dest_uri, output)

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """Add the policy to a theme page (404.html) and note its links and ids."""
        return self._secure(template_name, output_content) if template_name.endswith(".html") else output_content

    def _secure(self, path: str, html: str) -> str:
        """The page with its policy, scanned."""
        html = with_csp(html)
        self.scans[path] = scan_page(html)
        return html


def _run_mkdocs(config_file: Path, plugins: dict[str, BasePlugin], overrides: dict[str, Any], dirty: bool) -> None:  # type: ignore[type-arg]
    """Run a real MkDocs build; turn its failures and strict-mode warnings into SiteBuildError."""
    warnings = _WarningCounter()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        config = load_config(config_file=str(config_file), **overrides)
        for name, plugin in plugins.items():
            config.plugins[name] = plugin
        use_briefing_search(config)
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            with quiet_dirty_warning():
                mkdocs_build(config, dirty=dirty)
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
