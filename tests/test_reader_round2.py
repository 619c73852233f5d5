"""The reader's briefing, round 2 (issue 23): nothing a reader should not see, on a phone and on paper."""

from __future__ import annotations

import html
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from editions_fixture import edit, record
from pydantic import BaseModel
from test_french_site import french_site  # noqa: F401  (the French seed, built once per session)

from generator.build import build
from generator.content.schema import ReportedBy
from generator.content.validate import check_content
from generator.project import Project

ROOT = Path(__file__).parent.parent
DATA_DOWNLOADS = ("data/", "editions/")
"""Where the curator's notes may be read: the data downloads and the recorded editions (both JSON/CSV)."""


def _squash(text: str) -> str:
    """Text with its tags removed, entities decoded and runs of white space folded, for a plain search."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip()


def _walk_strings(value: Any, notes: bool) -> Iterator[str]:
    """Every curator's `note` of a loaded record, or every other string field.

    `published_note` is not one: it is the reasoning behind an inferred publication date, which readers
    are shown next to the "inferred" mark (issue 22).
    """
    if isinstance(value, list):
        for item in value:
            yield from _walk_strings(item, notes)
        return
    if not isinstance(value, BaseModel):
        return
    for name in type(value).model_fields:
        field = getattr(value, name)
        if isinstance(field, str):
            if (name == "note") == notes:
                yield re.sub(r"\s+", " ", field).strip()
        else:
            yield from _walk_strings(field, notes)


def curator_notes(project: Project) -> list[str]:
    """Every note field of the content, but those a reader meets in their own right: a source's words, or a reader field's."""
    content = check_content(project)
    records = [content.briefing, *(record for kind in content.records.values() for record in kind)]
    texts = " ".join(_squash(p.read_text(encoding="utf-8")) for p in (project.content_dir / "sources").glob("*.txt"))
    texts += " ".join(_walk_strings(records, notes=False))
    notes = set(_walk_strings(records, notes=True))
    assert ReportedBy.model_fields["note"], "the schema still has its note field"
    return sorted(note for note in notes if note not in texts)


def reader_files(site: Path) -> Iterator[Path]:
    """Every file a reader opens as a page: HTML, the search index and the feed, not the data downloads."""
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        shown = path.suffix in {".html", ".xml"} or relative == "search/search_index.json"
        if shown and not relative.startswith(DATA_DOWNLOADS):
            yield path


def test_no_curator_note_reaches_a_page_or_the_pdf(printed: Path) -> None:
    project = Project.at(ROOT)
    notes = curator_notes(project)
    assert len(notes) >= 15, notes  # the seed's notes: who reported, how dates were derived
    site = printed.parent
    pages = {path.relative_to(site).as_posix(): _squash(path.read_text(encoding="utf-8")) for path in reader_files(site)}
    assert len(pages) > 40
    pdf = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout)
    pages["briefing.pdf"] = pdf.replace("\u00ad", "")
    leaks = [(note, name) for note in notes for name, text in pages.items() if note in text]
    assert leaks == []
    data = (site / "data" / "briefing.json").read_text(encoding="utf-8")
    assert "three sources close to the matter" in data  # kept for whoever downloads the data


def test_no_curator_wording_or_raw_language_code_on_the_sources_page(real_site: Path) -> None:
    text = _squash((real_site / "sources" / "index.html").read_text(encoding="utf-8"))
    assert "Language French" in text and "Language fr" not in text
    assert "curator" not in text.lower()
    timeline = _squash((real_site / "timeline" / "index.html").read_text(encoding="utf-8"))
    assert "caption dates" not in timeline and "body text says" not in timeline  # curator's wording, once in descriptions


def test_no_name_is_doubled_by_a_note(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        text = _squash(page.read_text(encoding="utf-8"))
        doubled = re.findall(r"(\b[A-Z][\w' .’-]{6,60}) \(\1\)", text)
        assert doubled == [], (page, doubled)


def test_markdown_is_rendered_on_the_editions_page_and_in_the_feed(tiny: Project) -> None:
    edit(
        tiny,
        "briefing.yaml",
        "text: Alpha backs the quota deal; Beta rejects it.",
        "text: Alpha **backs** the quota deal; Beta rejects it.",
    )
    record(tiny)
    build(tiny, strict=True)
    editions = (tiny.site_dir / "editions" / "index.html").read_text(encoding="utf-8")
    assert "<strong>backs</strong>" in editions and "**backs**" not in editions
    feed = html.unescape((tiny.site_dir / "feed.xml").read_text(encoding="utf-8"))
    assert "<strong>backs</strong>" in feed and "**backs**" not in feed


PHONE = {"width": 390, "height": 844}
TWO_SCREENS = 2 * PHONE["height"]

QUALIFIERS = (
    ".bf-conf, .bf-likelihood, .bf-tag, .bf-event-status, .bf-chip, .bf-chip-words, .bf-option, .bf-matrix td .bf-badge, .bf-watch-status"
)
"""What qualifies a claim: confidence, likelihood, planned/expected, evidence strength, the words in matrix cells."""

_SMALLEST_QUALIFIER = """(selector) => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length && !el.closest('.bf-sr'))
  .map(el => [el.className, parseFloat(getComputedStyle(el).fontSize), el.textContent.trim().slice(0, 30)])
  .filter(([, size]) => size < 12)"""

_BROKEN_HEADER_WORDS = """() => {
  const broken = [];
  for (const th of document.querySelectorAll('.bf-matrix thead th')) {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s\\-–—]+/g)) {  // a compound may break after its dash
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def _phone_tab(browser: Any, base: str) -> Any:
    """A phone-sized tab that records console errors."""
    tab = browser.new_page(viewport=PHONE)
    tab.errors = []
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.base = base
    return tab


def test_a_phone_shows_the_bottom_line_and_every_judgement_with_its_confidence_in_two_screens(
    browser: Any, real_site: Path, serve_site: Any
) -> None:
    tab = _phone_tab(browser, serve_site(real_site))
    tab.goto(tab.base)
    bottom_line = tab.locator(".bf-bottom-line")
    assert len(bottom_line.inner_text().split()) <= 35
    assert bottom_line.bounding_box()["y"] + bottom_line.bounding_box()["height"] <= PHONE["height"]
    judgements = tab.locator(".bf-judgements > li")
    assert judgements.count() == 5
    for index in range(judgements.count()):
        item = judgements.nth(index)
        box = item.bounding_box()
        assert box["y"] + box["height"] <= TWO_SCREENS, (index, box)
        assert item.locator(".bf-conf").is_visible()
    assert tab.errors == []
    tab.close()


def _pages(site: Path) -> list[str]:
    """Every HTML page of a built site, relative to its base URL."""
    return sorted(str(p.parent.relative_to(site)).removeprefix(".") + "/" for p in site.rglob("index.html"))


def test_qualifiers_are_at_least_12px_and_matrix_headers_never_break_mid_word(browser: Any, real_site: Path, serve_site: Any) -> None:
    base = serve_site(real_site)
    for width in (390, 1280):
        tab = browser.new_page(viewport={"width": width, "height": 900})
        small, broken = {}, {}
        for path in _pages(real_site):
            tab.goto(base + path.lstrip("/"))
            if found := tab.evaluate(_SMALLEST_QUALIFIER, QUALIFIERS):
                small[path] = found[:3]
            if words := tab.evaluate(_BROKEN_HEADER_WORDS):
                broken[path] = words
        tab.close()
        assert small == {}, width
        assert broken == {}, width


def test_no_chart_scrolls_sideways_on_a_phone_and_a_left_out_chart_says_where_its_data_is(
    browser: Any, real_site: Path, serve_site: Any
) -> None:
    tab = _phone_tab(browser, serve_site(real_site))
    left_out: set[str] = set()
    for path in ("charts/", "matrix/", "timeline/"):
        tab.goto(tab.base + path)
        scrolling = tab.evaluate(
            "() => [...document.querySelectorAll('.bf-chart-scroll')]"
            ".filter(e => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1).map(e => e.parentElement.id)"
        )
        assert scrolling == [], path
        for chart in tab.locator("figure.bf-chart").all():
            drawn = [static.is_visible() for static in chart.locator(".bf-chart-static").all()]
            if not any(drawn):
                assert chart.locator(".bf-chart-phone").is_visible() and chart.locator("details.bf-chart-data").is_visible()
                # The caption describes the drawing; with the drawing left out it keeps only its sources.
                assert not chart.locator(".bf-chart-drawn").is_visible() and chart.locator(".bf-chart-credit").is_visible()
                left_out.add(path)
    assert tab.errors == []
    tab.close()
    assert "timeline/" in left_out  # the wide timeline is the chart a phone leaves out
    wide = browser.new_page(viewport={"width": 1280, "height": 900})
    wide.goto(tab.base + "timeline/")
    assert wide.locator("#chart-timeline .bf-chart-drawn").is_visible()  # on a wide screen the drawing and its description show
    wide.close()


def test_chart_titles_state_their_answer_from_the_data() -> None:
    from generator.model.briefing import build_model
    from generator.site.charts import build_charts

    model = build_model(check_content(Project.at(ROOT)))
    charts = build_charts(model)
    events = model.content.events
    ahead = sum(1 for event in events if event.status.value != "happened")
    assert ahead == 3 and charts["timeline"]["title"] == f"{ahead} of {len(events)} events are still ahead, planned or expected"
    assert "shaded band" not in charts["timeline"]["caption"] or any(
        s.get("fillcolor") for s in charts["timeline"]["figure"]["layout"].get("shapes", [])
    )
    assert charts["alignment"]["title"].startswith("Too little to compare: ")  # 20 of the seed's 25 pairs share one question
    assert "rest on a single question" in charts["alignment"]["caption"]


def test_paper_carries_the_handling_line_not_the_theme_credit_and_keeps_the_timeline_qualifiers(printed: Path) -> None:
    text = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    handling = re.sub(r"\s+", " ", check_content(Project.at(ROOT)).briefing.handling)
    assert all(handling[:40] in re.sub(r"\s+", " ", page) for page in pages)
    assert "Material for MkDocs" not in text and "Made with" not in text
    annex = re.sub(r"\s+", " ", text[text.index("Annex D") :])
    assert "planned" in annex and "expected" in annex  # the timeline annex keeps what is ahead apart
    assert "in the coming days" in annex  # and the words of an undated event


def test_the_strength_key_comes_before_the_squares_of_each_matrix(real_site: Path) -> None:
    for page in ("index.html", "matrix/index.html"):
        text = (real_site / page).read_text(encoding="utf-8")
        key, table = text.find("bf-strength-key"), text.find('<table class="bf-matrix')
        assert 0 < key < table, page
        assert text.count("bf-chip-mark", 0, table) >= 4  # the key shows the squares it explains


def test_the_contents_list_the_judgements_and_what_to_watch(printed: Path) -> None:
    from test_pdf import _contents_lines

    text = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout
    page = text[: text.index("Contents")].count("\f") + 1
    listed = {title: number for _, title, number in _contents_lines(printed, page)}
    for heading in ("Bottom line up front", "Key judgements", "What to watch", "Stance matrix"):
        assert listed.get(heading, 0) >= 1, heading  # listed with its page number


def test_a_basis_names_each_question_once(printed: Path) -> None:
    text = _squash((printed.parent / "print" / "index.html").read_text(encoding="utf-8"))
    assert "Pressing Ukraine to cede territory: Russia" in text
    assert "Donald Trump: Pressing Ukraine to cede territory" not in text


def test_each_position_is_printed_once(printed: Path) -> None:
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True, check=True).stdout)
    content = check_content(Project.at(ROOT))
    summaries = {
        re.sub(r"\s+", " ", stance.summary) for stance in content.stances if stance.summary not in content.briefing.model_dump_json()
    }
    counts = {summary: text.count(summary) for summary in summaries}
    assert {summary: n for summary, n in counts.items() if n != 1} == {}
    assert text.count("Joint position, printed under") >= 6  # the joint positions refer to where they are printed


def test_no_console_error_on_any_page_in_either_language_at_either_width(
    browser: Any,
    real_site: Path,
    french_site: Path,  # noqa: F811  (the fixture imported above)
    serve_site: Any,
) -> None:
    from conftest import reach_for_charts

    errors: dict[str, list[str]] = {}
    for site in (real_site, french_site):
        base = serve_site(site)
        for width in (390, 1280):
            tab = browser.new_page(viewport={"width": width, "height": 844})
            found: list[str] = []
            tab.on("console", lambda msg, found=found: found.append(msg.text) if msg.type == "error" else None)
            tab.on("pageerror", lambda exc, found=found: found.append(str(exc)))
            for path in _pages(site):
                tab.goto(base + path.lstrip("/"))
                if tab.locator(".bf-chart-plot >> visible=true").count():
                    reach_for_charts(tab)  # plotly.js redraws what a reader points at (it once drew negative widths in French)
                if found:
                    errors[f"{site.parent.name} {width} {path}"] = list(found)
                    found.clear()
            tab.close()
    assert errors == {}
