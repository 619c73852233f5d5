"""Post-build checks on the built site: every internal link and anchor resolves, nothing loads from elsewhere."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import SiteBuildError

_RESOURCE_ATTRS = {
    ("script", "src"),
    ("script", "data-plotly"),  # the chart loader fetches plotly.js from here on demand
    ("img", "src"),
    ("link", "href"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
}


_LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest", "apple-touch-icon"}
"""`<link rel>` values that make the browser fetch the target."""


@dataclass
class PageScan:
    """What one HTML file links to and which ids it defines."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)


_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^<>]*)?>")
_ATTRIBUTE = re.compile(r"""([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_SKIPPED = re.compile(r"<!--.*?-->|<script[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)


def scan_page(html: str) -> PageScan:
    """Collect ids, links and loaded resources of a built page from its start tags.

    A regular-expression pass over the tags MkDocs writes is several times faster than a
    full HTML parser, which matters at a thousand pages; script bodies and comments are skipped.
    """
    scan = PageScan()
    for name, attr_text in _START_TAG.findall(_SKIPPED.sub(_keep_script_tag, html)):
        lowered = attr_text.lower()
        if "id" not in lowered and "href" not in lowered and "src" not in lowered and "name" not in lowered:
            continue  # three tags in four carry only a class: nothing to collect, so not parsed
        tag = name.lower()
        attrs = {m.group(1).lower(): unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTRIBUTE.finditer(attr_text)}
        if "id" in attrs:
            scan.ids.add(attrs["id"])
        if tag == "a":
            if "name" in attrs:
                scan.ids.add(attrs["name"])
            if "href" in attrs:
                scan.links.append(attrs["href"])
        if tag == "link" and not set(attrs.get("rel", "").split()) & _LOADING_RELS:
            continue  # canonical, alternate: not fetched
        scan.resources += [attrs[name] for t, name in _RESOURCE_ATTRS if t == tag and name in attrs]
    return scan


def _keep_script_tag(match: re.Match[str]) -> str:
    """Drop a script's body and a comment, keeping a script's start tag (its src is a resource)."""
    text = match.group(0)
    return text[: text.index(">") + 1] if text[:7].lower() == "<script" else ""


def scan_site(site_dir: Path) -> dict[str, PageScan]:
    """Parse every HTML file of a built site, by its path relative to the site."""
    scans: dict[str, PageScan] = {}
    for path in sorted(site_dir.rglob("*.html")):
        scans[path.relative_to(site_dir).as_posix()] = scan_page(path.read_text(encoding="utf-8"))
    return scans


def check_site(site_dir: Path) -> None:
    """Raise SiteBuildError listing every broken internal link or anchor, missing resource and outside resource."""
    site_dir = site_dir.resolve()
    files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    check_scans(files, scan_site(site_dir))


def check_scans(files: set[str], scans: Mapping[str, PageScan]) -> None:
    """Raise SiteBuildError for the problems of a site given its files and the scan of each of its pages.

    Links are resolved as text against the list of built files: no file system call per link,
    and the pages need not be read again (a build scans them in memory as MkDocs writes them).
    """
    problems: list[str] = []
    # A link means the same from every page under the folder its leading "../" climb to (the navigation's
    # links repeat on every page): each is resolved once per such folder, or per page for "#anchor" and "?q".
    verdicts: dict[tuple[str, str], str | None] = {}
    for name, scan in scans.items():
        problems += [f"{name}: loads {url} from another host" for url in scan.resources if _is_external(url)]
        if name == "404.html":
            continue  # served at any path, so MkDocs gives it links from the site's root
        problems += [f"{name}: loads {url}, which is not in the site" for url in scan.resources if _is_missing(name, url, files)]
        folder = posixpath.dirname(name)
        folders = folder.split("/") if folder else []
        for href in scan.links:
            key = (name if not href or href[0] in "#?" else _climbed_to(folders, href), href)
            if key not in verdicts:
                verdicts[key] = _check_link(name, href, files, scans)
            if verdicts[key]:
                problems.append(f"{name}: {verdicts[key]}")
    if problems:
        raise SiteBuildError("the built site failed its checks:\n" + "\n".join(sorted(set(problems))))


def _climbed_to(folders: list[str], href: str) -> str:
    """The folder a relative link starts from once its leading "../" are taken, and how many climb past the root.

    That is all the link's target depends on: pages under one folder share the verdict on it.
    """
    ups = 0
    while href.startswith("../", 3 * ups):
        ups += 1
    return "/".join(folders[: max(0, len(folders) - ups)]) + f"//{max(0, ups - len(folders))}"


def _is_external(url: str) -> bool:
    """True for a URL that would be fetched from another host."""
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def _resolve(page: str, path: str, files: set[str]) -> str | None:
    """The built file a relative URL path points to from `page`, or None when it leaves the site."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
    if target == ".." or target.startswith("../"):
        return None
    if target == ".":
        return "index.html"
    if path.endswith("/") or (target not in files and f"{target}/index.html" in files):
        return f"{target}/index.html"
    return target


def _is_missing(page: str, url: str, files: set[str]) -> bool:
    """True for a resource of this site (a script, style or image) that is not among the built files."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    return _resolve(page, parts.path, files) not in files


def _check_link(page: str, href: str, files: set[str], scans: Mapping[str, PageScan]) -> str | None:
    """Return what is wrong with an internal link, or None when it resolves (or is external)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = _resolve(page, parts.path, files) if parts.path else page
    if target is None:
        return f"link {href} leaves the site"
    if target not in files:
        return f"broken link {href}"
    fragment = unquote(parts.fragment)
    if fragment and target in scans and fragment not in scans[target].ids:
        return f"broken anchor {href}"
    return None
