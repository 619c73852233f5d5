"""Build only what changed: files that tell MkDocs's dirty mode whether their text changed, and what the last build was made of.

The preview and `make build` share the change-aware files. A build's manifest records what every
page was made from, so the next build re-renders only pages whose Markdown changed and keeps the
rest; anything every page shows (navigation, site name, language, theme, settings, versions)
is summed into one layout key, and a different key means a full build. The manifest lives
beside the site folder, never inside it (it is not published), and is trusted only while the
site folder holds exactly the files, sizes and modification times it lists: a site edited by
hand, a deleted file or a missing or unreadable manifest all mean a full build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import material  # type: ignore[import-untyped]
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..disk_cache import code_fingerprint
from .checks import PageScan
from .mkdocs_plugin import BriefingPages
from .pages import SitePlan

MANIFEST_VERSION = 1
"""Bumped when the manifest's shape changes, so an older one is ignored (one full build)."""

ENVIRONMENT = ("SITE_URL", "REPO_URL", "SOURCE_DATE_EPOCH")
"""Environment variables mkdocs.yml or the build read that change what every page (or the PDF) holds."""


class ChangeAwareFile(File):
    """An in-memory file that tells MkDocs's dirty mode whether its text changed since the last build."""

    changed = True

    def is_modified(self) -> bool:
        """Rebuild the file only when its text changed."""
        return self.changed


class TitlesChanged(Exception):
    """A page's title (its first heading) changed: its neighbours' Previous/Next links show it, so every page is rebuilt."""


class ChangeAwarePages(BriefingPages):  # type: ignore[no-untyped-call]
    """The briefing's pages, each marked changed or not against what the last build was made from.

    `built` maps a file's path to what it was made from last time, as `fingerprint` gives it
    (the text itself for the preview, a digest for a build's manifest); `titles` maps each page
    to the title the last build found in it. MkDocs reads no unchanged page in a dirty build, so
    a page the navigation gives no title would have none: it gets its title from the last build.
    """

    def __init__(
        self,
        site_plan: SitePlan,
        built: Mapping[str, str],
        fingerprint: Callable[[str], str] = str,
        titles: Mapping[str, str | None] | None = None,
    ) -> None:
        super().__init__(lambda: site_plan)
        self.built, self.fingerprint, self.previous_titles = built, fingerprint, titles or {}
        self.changed_pages = 0
        self.generated: list[ChangeAwareFile] = []
        self.made_from: dict[str, str] = {}
        """Each generated file's fingerprint, by its path: what the next build compares with."""
        self.titles: dict[str, str | None] = {}
        """Each page's title in this build, by its path: what the next build gives the pages it does not read."""

    def generated_file(self, config: MkDocsConfig, path: str, content: str) -> File:
        """A file MkDocs rewrites only if its text differs from what the last build wrote."""
        file = ChangeAwareFile.generated(config, path, content=content)
        assert isinstance(file, ChangeAwareFile)
        self.made_from[path] = self.fingerprint(content)
        file.changed = self.built.get(path) != self.made_from[path]
        self.changed_pages += file.changed and path.endswith(".md")
        self.generated.append(file)
        return file

    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Give the pages MkDocs did not read their last titles; refuse a dirty build when a page's title changed."""
        kept = any(not file.changed for file in self.generated)
        for file in files.documentation_pages():
            page = file.page
            assert page is not None
            if page.markdown is None and file.src_uri in self.previous_titles:
                page.title = self.previous_titles[file.src_uri]
            self.titles[file.src_uri] = page.title
            if kept and self.previous_titles.get(file.src_uri, page.title) != page.title:
                raise TitlesChanged(file.src_uri)
        return env


def layout(site_plan: SitePlan) -> tuple[str, str, str, list[Any], list[tuple[str, str]]]:
    """What every page shows around its content: site name, language and interface words, navigation, Previous/Next."""
    words = repr(sorted(site_plan.theme_words.items()))
    return (site_plan.site_name, site_plan.language, words, site_plan.nav, list(site_plan.unlisted.items()))


def digest(text: str) -> str:
    """A short fingerprint of a file's text."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def layout_key(site_plan: SitePlan, config_file: Path, theme_dirs: Iterable[Path], extra: str = "") -> str:
    """One digest of everything a page's HTML depends on besides its own Markdown: a change means a full build."""
    hasher = hashlib.sha256()
    parts = (
        MANIFEST_VERSION,
        layout(site_plan),
        mkdocs.__version__,
        material.__version__,
        code_fingerprint(),
        {name: os.environ.get(name) for name in ENVIRONMENT},
        extra,
    )
    hasher.update(repr(parts).encode())
    hasher.update(config_file.read_bytes())
    for folder in theme_dirs:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            hasher.update(f"\0{path.relative_to(folder).as_posix()}\0".encode())
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


@dataclass
class Manifest:
    """What a built site was made from: its layout key, each generated file's digest, each page's links and ids, each file's stat."""

    key: str
    sources: dict[str, str] = field(default_factory=dict)
    scans: dict[str, PageScan] = field(default_factory=dict)
    files: dict[str, list[int]] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)


def manifest_path(site_dir: Path) -> Path:
    """Where the manifest of a site folder is kept: beside it, hidden, so it is never published with the site."""
    return site_dir.with_name(f".{site_dir.name}-manifest.json")  # not ".site.*": those are scratch folders


def site_files(site_dir: Path) -> dict[str, list[int]]:
    """Every file of a site folder with its size and modification time, by its path in the site."""
    files: dict[str, list[int]] = {}
    for folder, _, names in os.walk(site_dir):
        base = Path(folder)
        for name in names:
            info = (base / name).lstat()
            files[(base / name).relative_to(site_dir).as_posix()] = [info.st_size, info.st_mtime_ns]
    return files


def load_manifest(site_dir: Path, key: str) -> Manifest | None:
    """The previous build's manifest when it can be trusted for a build with this layout key, else None (build everything)."""
    try:
        data = json.loads(manifest_path(site_dir).read_text(encoding="utf-8"))
        if data.get("version") != MANIFEST_VERSION or data.get("key") != key or not site_dir.is_dir():
            return None
        manifest = Manifest(
            key=key,
            sources={str(k): str(v) for k, v in data["sources"].items()},
            scans={page: _scan_from_json(scan) for page, scan in data["scans"].items()},
            files=data["files"],
            titles=data["titles"],
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # missing, unreadable or of another shape: a full build writes a new one
    return manifest if site_files(site_dir) == manifest.files else None


def save_manifest(site_dir: Path, manifest: Manifest) -> None:
    """Write the manifest of the site now in `site_dir`, atomically."""
    path = manifest_path(site_dir)
    data = {
        "version": MANIFEST_VERSION,
        "key": manifest.key,
        "sources": manifest.sources,
        "scans": {page: [sorted(scan.ids), scan.links, scan.resources] for page, scan in manifest.scans.items()},
        "files": manifest.files,
        "titles": manifest.titles,
    }
    scratch = path.with_name(f"{path.name}.{os.getpid()}")
    scratch.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    os.replace(scratch, path)


def forget_manifest(site_dir: Path) -> None:
    """Delete a site's manifest, so the next build is a full one (before the site is replaced)."""
    with contextlib.suppress(FileNotFoundError):
        manifest_path(site_dir).unlink()


def _scan_from_json(value: list[list[str]]) -> PageScan:
    """A page's scan as the manifest stores it: ids, links, resources."""
    ids, links, resources = value
    return PageScan(ids=set(ids), links=list(links), resources=list(resources))


class _DirtyWarningFilter(logging.Filter):
    """Hide MkDocs's warning about dirty builds: a full build is done whenever what every page shows changes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


@contextlib.contextmanager
def quiet_dirty_warning() -> Iterator[None]:
    """Keep MkDocs's dirty-build warning out of the log (and out of a strict build's warning count)."""
    logger = logging.getLogger("mkdocs.commands.build")
    quiet = _DirtyWarningFilter()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)
