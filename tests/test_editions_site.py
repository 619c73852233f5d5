"""What changed, as readers see it: golden pages of a three-edition briefing, the seed's first edition,
and the desk's day end to end (edition, change a position and a figure, build with the PDF)."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, make_project
from editions_fixture import edit, three_editions

from generator.build import PDF_NAME, build, plan
from generator.commands.cli import main
from generator.project import Project

GOLDEN = Path(__file__).parent / "golden" / "editions"
PAGES = ("index.md", "editions.md", "matrix.md", "questions/quota-deal.md", "print.md")
"""The pages that show what changed."""


def _text(path: Path) -> str:
    """A built page's visible text, tags dropped and whitespace folded."""
    body = path.read_text(encoding="utf-8").split('<article class="md-content__inner', 1)[-1]
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))
    return re.sub(r" ([:,.)])", r"\1", text)  # a tag closed before punctuation leaves a space


def test_what_changed_pages_match_golden_files(tiny: Project, update_golden: bool) -> None:
    _, site_plan = plan(three_editions(tiny), pdf_name=PDF_NAME)  # the print page is made only for the PDF
    rendered = {page.path: page.markdown for page in site_plan.pages if page.path in PAGES}
    if update_golden:
        for path, text in rendered.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    for path in PAGES:
        assert rendered[path] == (GOLDEN / path).read_text(encoding="utf-8"), f"{path} changed: run pytest --update-golden, review the diff"


def test_the_seed_shows_first_edition_cleanly(real_site: Path) -> None:
    home = _text(real_site / "index.html")
    assert "This is the first edition of this briefing" in home
    assert "Since " not in home and "bf-mark" not in (real_site / "matrix" / "index.html").read_text(encoding="utf-8")
    editions = _text(real_site / "editions" / "index.html")
    assert "Edition of 20 August 2025" in editions and "2025-08-20.json" in editions
    assert "Across editions" not in _text(real_site / "questions" / "us-air-support" / "index.html")


@pytest.fixture(scope="module")
def next_day(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The seed on a fresh clone, one day on: Trump hedges on air support, the coalition grows; recorded and printed."""
    project = make_project(tmp_path_factory.mktemp("next-day"), ROOT / "content")
    edit(project, "briefing.yaml", "as_of: 2025-08-20", "as_of: 2025-08-21")
    edit(project, "briefing.yaml", "end: 2025-08-20", "end: 2025-08-21")
    edit(project, "stances.yaml", "  topic: us-air-support\n  position: supports", "  topic: us-air-support\n  position: conditional")
    edit(project, "figures.yaml", "  value: 30\n", "  value: 32\n")
    # A day on, the NATO chiefs' planned video conference is past: the desk says what became of it.
    edit(project, "events.yaml", "  status: planned\n", "  status: planned\n  outcome: not_reported\n")
    assert main(["--root", str(project.root), "edition"]) == 0
    build(project, paper="a4")
    return project


def test_a_day_of_changes_shows_everywhere(next_day: Project) -> None:
    site = next_day.site_dir
    shift = "Donald Trump on US air support as a guarantee: + Supports → ± Conditional ↘ away from the proposition"
    figure = "Countries in the coalition of the willing: 30 → 32 countries"
    home = _text(site / "index.html")
    travel = "Donald Trump: ↘ away from the proposition: US air support as a guarantee (Supports → Conditional)"  # one row per actor
    assert "Since 20 August 2025" in home and travel in home and figure in home
    assert "Every change since the earlier edition (2 changes) is listed on the Editions page" in home
    matrix = (site / "matrix" / "index.html").read_text(encoding="utf-8")
    assert 'class="bf-mark bf-mark-away" title="shifted from Supports since 20 August 2025, away from the proposition"' in matrix
    assert "Shifted away from the proposition since 20 August 2025" in _text(site / "matrix" / "index.html")
    question = _text(site / "questions" / "us-air-support" / "index.html")
    assert "Across editions" in question and "Donald Trump + Supports 20 August 2025 → ± Conditional 21 August 2025" in question
    editions = _text(site / "editions" / "index.html")
    assert editions.index("Edition of 21 August 2025") < editions.index(shift) < editions.index("Edition of 20 August 2025")
    feed = html.unescape((site / "feed.xml").read_text(encoding="utf-8"))
    assert "Edition of 21 August 2025" in feed and "Supports → Conditional (↘ away from the proposition)" in feed
    assert "30 → 32 countries" in feed
    pdf = subprocess.run(["pdftotext", str(site / PDF_NAME), "-"], capture_output=True, text=True, check=True).stdout
    since = pdf.index("Since 20 August 2025")
    head = pdf[since : pdf.index("Key figures\n", since)]  # what changed, under the bottom line
    assert "↘ away from the proposition" in head and "32" in head and "was Supports" in pdf


def test_the_change_list_is_on_the_first_screen(next_day: Project, browser: Any, serve_site: Any) -> None:
    for width in (1280, 390):
        tab = browser.new_page(viewport={"width": width, "height": 900})
        tab.goto(serve_site(next_day.site_dir))
        since = tab.locator("h2#since")
        assert since.inner_text().startswith("Since 20 August 2025")
        box = since.bounding_box()
        assert box is not None and box["y"] + box["height"] < 900, f"the Since heading is below the first screen at {width}px"
        assert tab.locator(".bf-travel li").count() == 1 and tab.locator(".bf-changes li").count() == 1  # Trump's move; the figure
        tab.close()


def test_changed_pages_are_valid_html_and_accessible(next_day: Project, browser: Any, serve_site: Any) -> None:
    from test_html_quality import AXE_JS, AXE_URL, _errors, _run_axe, _run_vnu, _serious_problems

    site = next_day.site_dir
    paths = ["", "matrix/", "questions/us-air-support/", "editions/"]
    pages = [site / path / "index.html" for path in paths]
    names = {page.resolve(): page.relative_to(site).as_posix() for page in pages}
    errors = [error for error in _errors(_run_vnu(pages), names) if error.in_content]
    assert errors == []
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
        tab = context.new_page()
        tab.base = serve_site(site)
        tab.route(f"**/{AXE_URL}", lambda route: route.fulfill(path=str(AXE_JS), content_type="text/javascript"))
        for path in paths:
            problems = _serious_problems(_run_axe(tab, path))
            assert problems == [], f"axe-core on /{path} ({scheme})"
        context.close()
