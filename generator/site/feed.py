"""The Atom 1.0 feed (`feed.xml`): one entry per recorded edition, newest first (pure, no I/O)."""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable

from ..content.schema import Briefing
from ..i18n import Catalogue
from ..model.changes import Changes, History

FEED_PATH = "feed.xml"
"""Where the feed lives in the site."""

ATOM = "http://www.w3.org/2005/Atom"

ChangeLines = Callable[[Changes], list[str]]


def rfc3339(date: dt.date) -> str:
    """An as-of date as an RFC 3339 timestamp (midnight UTC: editions are dated by day)."""
    return f"{date.isoformat()}T00:00:00Z"


def feed_id(site_url: str, first_title: str, key: str) -> str:
    """A permanent id: the page URL when the site has one, else a name-based UUID that never changes."""
    if site_url:
        return site_url.rstrip("/") + "/" + key
    return uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{first_title}:{key}").urn


def atom_feed(
    briefing: Briefing,
    history: History,
    takeaways: Callable[[Briefing], list[str]],
    change_lines: ChangeLines,
    words: Catalogue,
    site_url: str = "",
) -> str:
    """The feed as Atom XML; links are relative to the feed (at the site's root) unless a site URL is known."""
    ET.register_namespace("", ATOM)
    entries = history.entries
    first_title = entries[-1].edition.briefing.title if entries else briefing.title
    base = site_url.rstrip("/") + "/" if site_url else ""
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", feed_id(site_url, first_title, ""))
    _text(feed, "title", briefing.title)
    if briefing.subtitle:
        _text(feed, "subtitle", briefing.subtitle)
    _text(feed, "updated", rfc3339(entries[0].edition.as_of if entries else briefing.as_of))
    for name in briefing.authors:
        _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", name)
    _link(feed, base + FEED_PATH, "self", "application/atom+xml")
    _link(feed, base or "./", "alternate", "text/html")
    for entry in entries:
        edition = entry.edition
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(item, "id", feed_id(site_url, first_title, f"editions/#edition-{edition.edition}"))
        _text(item, "title", edition_title(words, edition.as_of, edition.sequence))
        _text(item, "updated", rfc3339(edition.as_of))
        _link(item, f"{base}editions/#edition-{edition.edition}", "alternate", "text/html")
        _link(item, f"{base}editions/{edition.edition}.json", "enclosure", "application/json")
        content = ET.SubElement(item, f"{{{ATOM}}}content", {"type": "html"})
        content.text = _entry_html(takeaways(edition.briefing), change_lines(entry.changes), words)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _text(parent: ET.Element, name: str, value: str) -> None:
    """Add a text element in the Atom namespace."""
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = value


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    """Add a link element."""
    ET.SubElement(parent, f"{{{ATOM}}}link", {"href": href, "rel": rel, "type": media_type})


def edition_title(words: Catalogue, as_of: dt.date, sequence: int) -> str:
    """An edition's title: Edition of 18 August 2025, with its number when a day has several."""
    return words.text("editions.title", date=words.date(as_of)) + (f" ({sequence})" if sequence > 1 else "")


def _entry_html(takeaways: list[str], changes: list[str], words: Catalogue) -> str:
    """The entry body as HTML text (Atom escapes it once more): takeaways, then the change list."""
    from html import escape

    parts = [f"<h2>{escape(words.text('feed.takeaways'))}</h2>", "<ul>", *(f"<li>{escape(t)}</li>" for t in takeaways), "</ul>"]
    parts += [f"<h2>{escape(words.text('feed.changes'))}</h2>", "<ul>", *(f"<li>{escape(c)}</li>" for c in changes), "</ul>"]
    return "".join(parts)
