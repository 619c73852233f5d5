"""The printed briefing on paper, for the seed and for a new user's two-article briefing (issue 23).

Each measurable point of the paper is checked on both PDFs: the brief's length, no half-empty page
but the one before an annex, no heading stranded at a page foot, each position printed once, no
curator note, and what the site says kept on paper. The two-article site is also opened in Chromium
at 390 and 1280 px: no page scrolls sideways, no console error. One build serves the whole module.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, make_project, reach_for_charts
from pypdf import PdfReader
from test_pdf import BRIEF_PAGES, _annex_start, _contents_lines, _outline_tree
from test_reader_round2 import _pages, _squash, curator_notes, reader_files

from generator.build import PDF_NAME, build
from generator.content.validate import check_content
from generator.project import Project

TWO_ARTICLES = ROOT / "tests" / "fixtures" / "two-articles"
MARGIN_PT = 18 / 25.4 * 72
"""The top and bottom page margins (18 mm), which hold the running header and footer."""

HALF = 0.5
"""A page other than the last before an annex is filled at least this far down its printable height."""


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two-article briefing built once, site and A4 PDF; returns the PDF."""
    project = make_project(tmp_path_factory.mktemp("two-articles"), TWO_ARTICLES)
    build(project, paper="a4")
    return project.site_dir / PDF_NAME


@pytest.fixture(params=["seed", "two-articles"])
def briefing_pdf(request: pytest.FixtureRequest) -> Path:
    """The PDF of the seed and of the two-article briefing, in turn."""
    return request.getfixturevalue("printed" if request.param == "seed" else "two_articles")


def _content_of(pdf: Path) -> Project:
    """The content folder a PDF was built from (the build's project copy)."""
    return Project.at(pdf.parent.parent)


def _text(pdf: Path) -> str:
    """The PDF's text in reading order, white space folded and soft hyphens dropped."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text.replace("\u00ad", ""))


def _words(pdf: Path) -> list[tuple[float, list[tuple[float, float]]]]:
    """Each page's height and its words' (top, bottom) inside the margins, from pdftotext's word boxes."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for height, body in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', xml, re.DOTALL):
        boxes = [(float(a), float(b)) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', body)]
        inside = [(top, bottom) for top, bottom in boxes if top > MARGIN_PT and bottom < float(height) - MARGIN_PT]
        pages.append((float(height), inside))
    return pages


def test_the_brief_is_at_most_four_pages(briefing_pdf: Path) -> None:
    reader = PdfReader(briefing_pdf)
    assert _annex_start(reader) - 1 <= BRIEF_PAGES
    assert len(reader.pages) >= 12  # the annexes follow: the brief was not made short by leaving them out


def test_no_page_is_half_empty_but_the_one_before_an_annex(briefing_pdf: Path) -> None:
    (document,) = _outline_tree(PdfReader(briefing_pdf))
    annexes = {page for title, page, _ in document[2] if title.startswith("Annex")}
    pages = _words(briefing_pdf)
    fills = [(max(b for _, b in words) - MARGIN_PT) / (height - 2 * MARGIN_PT) if words else 0.0 for height, words in pages]
    sparse = {n: round(fill, 2) for n, fill in enumerate(fills, 1) if fill < HALF and n + 1 not in annexes and n != len(fills)}
    assert sparse == {}, f"pages less than half full: {sparse}"


def test_no_heading_is_the_last_line_of_its_page(briefing_pdf: Path) -> None:
    # Every heading is in the PDF's outline (Chromium makes it from the heading tags), with its top on
    # the page; some text must follow it on the same page, below the heading's own line.
    reader = PdfReader(briefing_pdf)
    pages = _words(briefing_pdf)
    stranded: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
                continue
            number = reader.get_destination_page_number(item)
            height, words = pages[number]
            heading_top = height - float(item.top)
            below = [top for top, _ in words if top > heading_top + 22]  # past the heading's line, up to 1.45 em of 11 pt type
            if not below:
                stranded.append(f"{item.title} (page {number + 1})")

    walk(reader.outline)
    assert stranded == []


def test_each_position_is_printed_once_and_no_curator_note_is_printed(two_articles: Path) -> None:
    project = _content_of(two_articles)
    content = check_content(project)
    text = _text(two_articles)
    summaries = {re.sub(r"\s+", " ", s.summary) for s in content.stances}
    assert len(summaries) == 22
    assert {summary: text.count(summary) for summary in summaries if text.count(summary) != 1} == {}
    assert text.count("Joint position, printed under") == 2  # the Kremlin's and NATO's, under Russia and Rutte
    notes = curator_notes(project)
    assert len(notes) >= 4, notes
    site = two_articles.parent
    pages = {path.relative_to(site).as_posix(): _squash(path.read_text(encoding="utf-8")) for path in reader_files(site)}
    pages[PDF_NAME] = text
    assert len(pages) > 30
    assert [(note, name) for note in notes for name, page in pages.items() if note in page] == []


def test_paper_keeps_what_the_site_says(two_articles: Path) -> None:
    text = _text(two_articles)
    figures = text[text.index("Key figures", text.index("Stance matrix", text.index("Contents") + 200)) :]
    assert "more than 400 drones" in figures and "at least 6 people" in figures and "≈12,000,000" in figures
    assert "Claim by Ukraine's air force, not an established figure." in figures
    annex = text[text.index("Annex D. Timeline", text.index("Annex C")) :]
    assert "about 8 July 2025" in annex and "about 14 July 2025" in annex  # approximate dates stay approximate
    assert "planned" in annex.lower() and "expected" in annex.lower() and "within 50 days" in annex
    # Two sources of one outlet: each citation says which, by its date.
    assert "BBC News, 15 July 2025, ¶" in text and "BBC News, 18 July 2025, ¶" in text
    (document,) = _outline_tree(PdfReader(two_articles))
    contents_page = next(page for title, page, _ in document[2] if title == "Contents")
    listed = {title for _, title, _ in _contents_lines(two_articles, contents_page)}
    assert {title for title, _, _ in document[2] if title != "Contents"} <= listed  # every section
    assert {"Key judgements", "What to watch", "Ceasefire talks in Jeddah"} <= listed  # the brief's parts and the questions


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_of_the_two_article_site_scrolls_sideways_or_logs_an_error(
    browser: Any, two_articles: Path, serve_site: Any, width: int
) -> None:
    site = two_articles.parent
    base = serve_site(site)
    tab = browser.new_page(viewport={"width": width, "height": 844})
    found: list[str] = []
    tab.on("console", lambda msg: found.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: found.append(str(exc)))
    errors, overflowing = {}, {}
    paths = _pages(site)
    assert len(paths) > 30
    for path in paths:
        tab.goto(base + path.lstrip("/"))
        if path != "print/" and tab.locator(".bf-chart-plot >> visible=true").count():
            reach_for_charts(tab)  # the print page, made for Chromium to print, has no script: its charts stay as drawn
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            overflowing[path] = overflow
        if found:
            errors[path] = list(found)
            found.clear()
    tab.close()
    assert overflowing == {}
    assert errors == {}
