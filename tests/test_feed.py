"""The Atom feed of the editions: valid Atom 1.0 by RFC 4287's rules, linked from every page's head."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET

import pytest
from editions_fixture import three_editions

from generator.build import build
from generator.project import Project

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
IRI = re.compile(r"^(?:urn:uuid:[0-9a-f-]{36}|https?://\S+)$")


def _assert_valid_atom(root: ET.Element) -> list[ET.Element]:
    """Check RFC 4287's rules for a feed document (section 4.1); return its entries."""
    assert root.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{name}")) == 1, f"atom:feed needs exactly one atom:{name}"
    entries = root.findall(f"{A}entry")
    assert root.findall(f"{A}author") or all(e.findall(f"{A}author") for e in entries), "every entry needs an author"
    assert all(a.findtext(f"{A}name") for a in root.iter(f"{A}author")), "atom:author needs atom:name"
    links = root.findall(f"{A}link")
    assert [link.get("rel") for link in links].count("self") == 1
    assert all(link.get("href") for link in root.iter(f"{A}link"))
    ids = [root.findtext(f"{A}id")]
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, f"atom:entry needs exactly one atom:{name}"
        alternates = [link for link in entry.findall(f"{A}link") if link.get("rel", "alternate") == "alternate"]
        assert len(alternates) == 1 or entry.find(f"{A}content") is not None
        content = entry.find(f"{A}content")
        assert content is not None and content.get("type") in {"text", "html", "xhtml"}
        ids.append(entry.findtext(f"{A}id"))
    assert len(ids) == len(set(ids)), "ids must be unique"
    assert all(i and IRI.match(i) for i in ids), ids
    for stamp in root.iter(f"{A}updated"):
        assert stamp.text and RFC3339.match(stamp.text), stamp.text
        dt.datetime.fromisoformat(stamp.text.replace("Z", "+00:00"))
    return entries


@pytest.fixture(scope="module")
def three_day_site(tmp_path_factory: pytest.TempPathFactory) -> Project:
    from conftest import make_project

    project = three_editions(make_project(tmp_path_factory.mktemp("editions")))
    build(project, strict=True)
    return project


def test_feed_has_one_valid_entry_per_edition_newest_first(three_day_site: Project) -> None:
    text = (three_day_site.site_dir / "feed.xml").read_text(encoding="utf-8")
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>')
    entries = _assert_valid_atom(ET.fromstring(text))
    assert [e.findtext(f"{A}title") for e in entries] == ["Edition of 7 March 2024", "Edition of 6 March 2024", "Edition of 5 March 2024"]
    assert [e.findtext(f"{A}updated") for e in entries] == ["2024-03-07T00:00:00Z", "2024-03-06T00:00:00Z", "2024-03-05T00:00:00Z"]
    newest = entries[0].findtext(f"{A}content") or ""
    assert "<li>The vote is due on Thursday.</li>" in newest  # the takeaways
    assert "Minister Beta on Quota deal: Opposes withdrawn" in newest
    assert "First edition." in (entries[-1].findtext(f"{A}content") or "")
    links = {link.get("rel"): link.get("href") for link in entries[1].findall(f"{A}link")}
    assert links == {"alternate": "editions/#edition-2024-03-06", "enclosure": "editions/2024-03-06.json"}


def test_feed_permalinks_and_downloads_exist_in_the_site(three_day_site: Project) -> None:
    site = three_day_site.site_dir
    for day in ("2024-03-05", "2024-03-06", "2024-03-07"):
        snapshot = json.loads((site / "editions" / f"{day}.json").read_text(encoding="utf-8"))
        assert snapshot["edition"] == day
        assert f'id="edition-{day}"' in (site / "editions" / "index.html").read_text(encoding="utf-8")
    assert json.loads((site / "editions" / "edition.schema.json").read_text(encoding="utf-8"))["title"].startswith("An edition")


def test_every_page_links_the_feed_in_its_head(three_day_site: Project) -> None:
    pages = sorted(three_day_site.site_dir.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        match = re.search(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head)
        assert match, f"{page} does not link the feed"
        if page.name != "404.html":  # MkDocs writes the 404 page's links from the site root
            assert (page.parent / match.group(1)).resolve() == (three_day_site.site_dir / "feed.xml").resolve()


def test_exports_carry_the_edition(three_day_site: Project) -> None:
    site = three_day_site.site_dir
    export = json.loads((site / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert export["edition"] == {"version": "2024-03-07", "date_modified": "2024-03-07", "previous": "2024-03-06"}
    home = (site / "index.html").read_text(encoding="utf-8")
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', home, re.S).group(1))  # type: ignore[union-attr]
    assert (ld["datePublished"], ld["dateModified"], ld["version"]) == ("2024-03-05", "2024-03-07", "2024-03-07")


def test_feed_uses_the_site_url_when_known(tiny: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.commands.cli import main

    assert main(["--root", str(tiny.root), "edition"]) == 0
    monkeypatch.setenv("SITE_URL", "https://desk.example.org/briefing/")
    build(tiny)
    root = ET.fromstring((tiny.site_dir / "feed.xml").read_text(encoding="utf-8"))
    (entry,) = _assert_valid_atom(root)
    assert entry.findtext(f"{A}id") == "https://desk.example.org/briefing/editions/#edition-2024-03-05"
    assert root.find(f"{A}link[@rel='self']").get("href") == "https://desk.example.org/briefing/feed.xml"  # type: ignore[union-attr]


def test_the_checker_catches_what_atom_forbids() -> None:
    # no author, no self link, and a date where a time is required
    uuid = "urn:uuid:" + "0" * 36
    broken = f'<feed xmlns="http://www.w3.org/2005/Atom"><id>{uuid}</id><title>t</title><updated>2024-03-05</updated></feed>'
    with pytest.raises(AssertionError):
        _assert_valid_atom(ET.fromstring(broken))
