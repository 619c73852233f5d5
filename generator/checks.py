"""Post-build checks on the built site: every internal link and anchor resolves, nothing loads from elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import SiteBuildError

_RESOURCE_ATTRS = {
    ("script", "src"),
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
class _PageScan:
    """What one HTML file links to and which ids it defines."""

    ids: set[str] = field(default_factory=set)
    links: list[str] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)


class _Scanner(HTMLParser):
    """Collect ids, links and loaded resources of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = _PageScan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        rel = set((dict(attrs).get("rel") or "").split())
        if tag == "link" and not rel & _LOADING_RELS:
            attrs = [(name, value) for name, value in attrs if name != "href"]  # canonical, alternate: not fetched
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.scan.ids.add(value)
            if tag == "a" and name == "href":
                self.scan.links.append(value)
            if (tag, name) in _RESOURCE_ATTRS:
                self.scan.resources.append(value)


def scan_site(site_dir: Path) -> dict[Path, _PageScan]:
    """Parse every HTML file of a built site."""
    scans: dict[Path, _PageScan] = {}
    for path in sorted(site_dir.rglob("*.html")):
        scanner = _Scanner()
        scanner.feed(path.read_text(encoding="utf-8"))
        scans[path] = scanner.scan
    return scans


def check_site(site_dir: Path) -> None:
    """Raise SiteBuildError listing every broken internal link or anchor, missing resource and outside resource."""
    site_dir = site_dir.resolve()
    scans = scan_site(site_dir)
    problems: list[str] = []
    for page, scan in scans.items():
        name = page.relative_to(site_dir)
        problems += [f"{name}: loads {url} from another host" for url in scan.resources if _is_external(url)]
        if name == Path("404.html"):
            continue  # served at any path, so MkDocs gives it links from the site's root
        problems += [f"{name}: loads {url}, which is not in the site" for url in scan.resources if _is_missing(page, url)]
        for href in scan.links:
            problem = _check_link(site_dir, page, href, scans)
            if problem:
                problems.append(f"{name}: {problem}")
    if problems:
        raise SiteBuildError("the built site failed its checks:\n" + "\n".join(sorted(set(problems))))


def _is_external(url: str) -> bool:
    """True for a URL that would be fetched from another host."""
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def _is_missing(page: Path, url: str) -> bool:
    """True for a resource of this site (a script, style or image) that is not among the built files."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return False
    target = (page.parent / unquote(parts.path)).resolve()
    return not (target / "index.html" if target.is_dir() else target).is_file()


def _check_link(site_dir: Path, page: Path, href: str, scans: dict[Path, _PageScan]) -> str | None:
    """Return what is wrong with an internal link, or None when it resolves (or is external)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = page if not parts.path else (page.parent / unquote(parts.path)).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_relative_to(site_dir.resolve()) and target != page:
        return f"link {href} leaves the site"
    if target != page and not target.is_file():
        return f"broken link {href}"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html":
        scan = scans.get(target) or scans.get(target.resolve())
        if scan is not None and fragment not in scan.ids:
            return f"broken anchor {href}"
    return None
