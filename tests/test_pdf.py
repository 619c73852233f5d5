"""The printed PDF briefing, read back from the real file: pages, text, footers, metadata, outline, tags, pictures."""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from pypdf import PdfReader

from generator.build import PDF_NAME, build, check_content
from generator.errors import BrowserNotFoundError, PrintError
from generator.model.briefing import build_model
from generator.project import Project
from generator.site.pages.evidence_views import cell_entries


@pytest.fixture(scope="session")
def pdf_text(printed: Path) -> list[str]:
    """The text of each page, as poppler's pdftotext reads it."""
    text = subprocess.run(["pdftotext", "-layout", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_page_count_and_footers(printed: Path, pdf_text: list[str]) -> None:
    reader = PdfReader(printed)
    total = len(reader.pages)
    assert 10 <= total <= MAX_PAGES_SEED
    assert len(pdf_text) == total
    for number, page in enumerate(pdf_text, 1):
        assert f"Page {number} of {total}" in page
        assert "As of 20 August 2025" in page


def test_every_actor_question_and_figure_is_in_the_text(printed: Path) -> None:
    content = check_content(Project.at(ROOT))
    reading_order = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    text = re.sub(r"\s+", " ", reading_order)
    missing = [a.name for a in content.actors if a.name not in text]
    missing += [t.title for t in content.topics if t.title not in text]
    missing += [f.label for f in content.figures if f.label not in text]
    assert missing == []


def _outline_tree(reader: PdfReader) -> list[tuple[str, int, list[Any]]]:
    """The PDF outline (bookmarks, made by Chromium from the headings) as (title, page, children)."""
    tree: list[tuple[str, int, list[Any]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            tree[-1][2].extend(_outline_tree_of(reader, item))
        else:
            tree.append((str(item.title).strip(), reader.get_destination_page_number(item) + 1, []))
    return tree


def _outline_tree_of(reader: PdfReader, items: list[Any]) -> list[tuple[str, int, list[Any]]]:
    """One level of the outline under an entry, with its own children."""
    level: list[tuple[str, int, list[Any]]] = []
    for item in items:
        if isinstance(item, list):
            level[-1][2].extend(_outline_tree_of(reader, item))
        else:
            level.append((str(item.title).strip(), reader.get_destination_page_number(item) + 1, []))
    return level


def _layout_lines(printed: Path, first: int) -> list[tuple[float, float, float, str]]:
    """The text lines from page `first` on, as poppler lays them out: (page width, x, y, text), a column's lines apart."""
    xml = subprocess.run(["pdftotext", "-f", str(first), "-bbox-layout", str(printed), "-"], capture_output=True, text=True, check=True)
    lines = []
    for number, (width, page) in enumerate(re.findall(r'<page width="([\d.]+)"[^>]*>(.*?)</page>', xml.stdout, re.DOTALL)):
        for x, y, words in re.findall(r'<line xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*?)</line>', page, re.DOTALL):
            text = html.unescape(" ".join(re.findall(r">([^<]*)</word>", words)))
            lines.append((float(width), float(x), float(y) + 10_000 * number, text))
    return lines


def _contents_lines(printed: Path, first: int) -> list[tuple[int, str, int]]:
    """The printed contents, from its heading on page `first` to the next heading, as (indent, title, page).

    The contents are set in two columns: each title is paired with the page number on its line of its column,
    and its indent is measured from the left edge of its column.
    """
    lines = _layout_lines(printed, first)
    start = next(n for n, line in enumerate(lines) if line[3] == "Contents")
    margin = lines[start][1]
    body = []
    for line in lines[start + 1 :]:
        if line[1] < margin + 2:  # the next section's heading, at the left margin
            break
        body.append(line)
    numbers = [line for line in body if re.fullmatch(r"\d+", line[3])]
    titles = sorted((line for line in body if line not in numbers), key=lambda t: (t[2] // 10_000, t[1] >= t[0] / 2, t[2]))  # reading order
    entries = []
    for width, x, y, title in titles:
        column = x >= width / 2
        page = min((n for n in numbers if (n[1] >= n[0] / 2) == column and abs(n[2] - y) < 3), key=lambda n: abs(n[2] - y), default=None)
        if page is not None:
            edge = min(t[1] for t in titles if (t[1] >= t[0] / 2) == column)
            entries.append((round(x - edge), title, int(page[3])))
    return entries


def test_every_contents_entry_prints_the_page_of_its_section(printed: Path, pdf_text: list[str]) -> None:
    # Each printed number is checked against the page of the heading itself, found from the
    # PDF's outline, which Chromium builds from the heading tags: level 1 entries are the
    # document's sections, indented entries are subsections of the section above them.
    (document,) = _outline_tree(PdfReader(printed))
    sections = document[2]
    at = [node[0] for node in sections].index("Contents")
    entries = _contents_lines(printed, sections[at][1])
    assert len(entries) >= 8
    top = min(indent for indent, _, _ in entries)
    wrong: list[str] = []
    parent: list[Any] = []
    for indent, title, page in entries:
        pool = sections if indent == top else parent
        match = next((node for node in pool if node[0] == title), None)
        if match is None:
            wrong.append(f"{title}: no such heading in the outline")
            continue
        if indent == top:
            parent = match[2]
        if page != match[1]:
            wrong.append(f"{title}: contents say page {page}, the heading is on page {match[1]}")
        elif title not in re.sub(r"\s+", " ", pdf_text[page - 1]):
            wrong.append(f"{title}: not on page {page}")
    assert wrong == []


def test_matrix_is_on_one_page_with_its_legend(pdf_text: list[str]) -> None:
    (index,) = [n for n, page in enumerate(pdf_text) if "Positions of 11 actors on 10 questions" in page]
    page = re.sub(r"\s+", " ", pdf_text[index])
    for words in ("Opposes", "no position reported", "On the record", "Reported", "Claimed by others", "independent sources"):
        assert words in page  # the legend of positions and of evidence strength, on the matrix's page
    assert "Kyiv's allies" in page and "invasion" in page  # the last row and the last column (Risk of a renewed Russian invasion)


def test_metadata_outline_tags_and_links(printed: Path) -> None:
    reader = PdfReader(printed)
    info = reader.metadata
    assert info is not None
    assert info.title == "Security guarantees for Ukraine after the Alaska summit"
    assert info.author == "Briefing desk"
    assert info.subject and info.subject.startswith("NATO chiefs of defence staff")
    assert info["/CreationDate"] == "D:20250820000000+00'00'"
    titles: list[str] = []

    def walk(items: list[object]) -> None:
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(str(item.title))  # type: ignore[attr-defined]

    walk(reader.outline)
    for section in (
        "Bottom line up front",
        "Key judgements",
        "Contents",
        "Key figures",
        "Stance matrix",
        "Annex A. Positions by question",
        "Annex B. Actors who take positions",
        "Annex C. Other actors named",
        "Annex D. Timeline",
        "Annex E. Sources: the cited paragraphs",
        "Annex F. Method",
        "Donald Trump",
    ):
        assert section in titles, section
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    internal = [
        a
        for page in reader.pages
        for a in (page.get("/Annots") or [])
        if a.get_object().get("/Dest") is not None or a.get_object().get("/A", {}).get("/S") == "/GoTo"
    ]
    assert len(internal) > 50


def test_no_web_controls_in_the_pdf(pdf_text: list[str]) -> None:
    text = " ".join(pdf_text)
    for control in ("Search", "Switch to dark mode", "Table of contents", "Made with Material"):
        assert control not in text


def _ppm_pixels(pdf: Path, page: int, tmp: Path) -> tuple[int, int, bytes]:
    subprocess.run(["pdftoppm", "-r", "30", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(tmp / "p")], check=True)
    data = (tmp / "p.ppm").read_bytes()
    magic, width, height, maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P6" and maxval == b"255"
    return int(width), int(height), pixels


def test_matrix_page_image_shows_the_position_colours(printed: Path, pdf_text: list[str], tmp_path: Path) -> None:
    index = next(n for n, page in enumerate(pdf_text) if "Positions of 11 actors" in page)
    _, _, pixels = _ppm_pixels(printed, index + 1, tmp_path)
    rgb = [tuple(pixels[i : i + 3]) for i in range(0, len(pixels), 3)]
    blue = sum(1 for r, g, b in rgb if b > 150 and r < 60 and 80 < g < 150)  # #0072B2, supports
    orange = sum(1 for r, g, b in rgb if r > 180 and 60 < g < 120 and b < 40)  # #D55E00, opposes
    assert blue > 100 and orange > 20


def test_the_charts_print_as_drawn_at_build_time_without_a_script(printed: Path, pdf_text: list[str]) -> None:
    text = re.sub(r"\s+", " ", " ".join(pdf_text))
    assert "Too little to compare" in text and "100 %: agree" in text  # the heatmap's colour bar
    assert "Background (not to scale)" in text and re.search(r"\bFri\b", text) and "15 Aug" in text  # the timeline's title and axis
    assert "Who met whom" in text and "Coalition of the willing" in text
    print_page = (printed.parent / "print" / "index.html").read_text(encoding="utf-8")
    assert "charts.js" not in print_page and "plotly" not in print_page
    assert print_page.count('<svg class="bf-svg"') == 3  # three charts, drawn at the width for print


def test_letter_paper(tiny: Project) -> None:
    build(tiny, paper="letter")
    box = PdfReader(tiny.site_dir / PDF_NAME).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    home = (tiny.site_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="briefing.pdf"' in home


def test_plain_build_has_no_pdf_link(tiny: Project) -> None:
    build(tiny)
    assert not (tiny.site_dir / PDF_NAME).exists()
    assert "briefing.pdf" not in (tiny.site_dir / "index.html").read_text(encoding="utf-8")


def test_failed_print_keeps_previous_site_and_pdf(tiny: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    build(tiny, paper="a4")
    before = hashlib.sha256((tiny.site_dir / PDF_NAME).read_bytes()).hexdigest()
    monkeypatch.setenv("BRIEFING_BROWSER", "false")  # an executable that is not a browser
    with pytest.raises(PrintError, match="Chromium could not print the briefing"):
        build(tiny, paper="a4")
    assert hashlib.sha256((tiny.site_dir / PDF_NAME).read_bytes()).hexdigest() == before


def test_missing_browser_says_how_to_install_it(tiny: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(BrowserNotFoundError) as caught:
        build(tiny, paper="a4")
    assert "apt-get install -y --no-install-recommends chromium" in str(caught.value)
    assert not tiny.site_dir.exists()


BRIEF_PAGES = 4
"""The brief (cover, takeaways, judgements, what to watch, the matrix) fits on this many pages."""

MAX_PAGES_SEED = 24
"""The whole PDF of the seed briefing, brief and annexes, fits on this many pages."""


def test_bottom_line_names_its_basis_and_what_to_watch_in_the_first_pages(pdf_text: list[str]) -> None:
    first = "\n".join(pdf_text[:5])
    assert first.count("Based on:") == 10  # five takeaways and five key judgements
    assert "What to watch" in first and "in the coming weeks" in first
    assert "According to Participants in the White House meetings: A Putin–Zelensky summit" in " ".join(first.split())


def test_matrix_cells_carry_their_evidence_strength_on_paper(printed: Path, pdf_text: list[str]) -> None:
    (index,) = [n for n, page in enumerate(pdf_text) if "Positions of 11 actors on 10 questions" in page]
    model = build_model(check_content(Project.at(ROOT)))
    entries = sum(len(cell_entries(model, a.id, t)) for a in model.matrix_actors for t in model.topics)
    assert entries == 25  # 27 stances; Trump's two on guarantees and Starmer's two on the force each pooled into one entry
    # One strength mark per entry of the printed matrix, plus the legend's three chips and its sentence.
    marks = sum(pdf_text[index].count(mark) for mark in ("■■■", "■■□", "■□□"))
    assert marks == entries + 3 + 3


def _annex_start(reader: PdfReader) -> int:
    """The 1-based page where the first annex begins, from the outline."""
    (document,) = _outline_tree(reader)
    return next(page for title, page, _ in document[2] if title.startswith("Annex"))


def test_the_brief_and_the_whole_pdf_are_short(printed: Path) -> None:
    reader = PdfReader(printed)
    assert len(reader.pages) <= MAX_PAGES_SEED
    assert _annex_start(reader) - 1 <= BRIEF_PAGES


def test_no_words_for_a_mouse_on_paper(pdf_text: list[str]) -> None:
    text = re.sub(r"\s+", " ", " ".join(pdf_text)).lower()
    for word in ("hover", "point at", "click", "tap ", "show data"):
        assert word not in text, word


def _text_bottoms(printed: Path) -> list[float]:
    """For each page, how far down its text reaches, as a share of the printable height (0 to 1)."""
    xml = subprocess.run(["pdftotext", "-bbox", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    shares = []
    for page in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', xml, re.DOTALL):
        height = float(page[0])
        top, bottom = 18 / 25.4 * 72, height - 18 / 25.4 * 72  # the 18 mm margins hold the running header and footer
        words = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page[1])]
        inside = [y for y in words if top < y < bottom]
        shares.append((max(inside) - top) / (bottom - top) if inside else 0.0)
    return shares


def test_no_page_is_less_than_a_quarter_full_but_the_last_of_a_section(printed: Path) -> None:
    reader = PdfReader(printed)
    (document,) = _outline_tree(reader)
    section_starts = {page for _, page, _ in document[2]}
    bottoms = _text_bottoms(printed)
    last = len(bottoms)
    sparse = [n for n, share in enumerate(bottoms, 1) if share < 0.25 and n != last and n + 1 not in section_starts]
    assert sparse == [], f"pages less than a quarter full: {sparse}"


def test_no_heading_is_alone_at_the_foot_of_a_page(printed: Path) -> None:
    reader = PdfReader(printed)
    bottom_margin = 18 / 25.4 * 72
    lonely: list[str] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif item.top is not None and float(item.top) < bottom_margin + 48:  # room for the heading and two lines
                lonely.append(f"{item.title} (page {reader.get_destination_page_number(item) + 1})")

    walk(reader.outline)
    assert lonely == []
