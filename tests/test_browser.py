"""The built site in headless Chromium, served under a sub-path as GitHub Pages does: what a reader sees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def page(site_tab: Any) -> Any:
    """The shared real-site tab (see conftest), named for what these tests do with it."""
    return site_tab


def test_home_shows_bluf_judgements_figures_and_matrix(page: Any) -> None:
    page.goto(page.base)
    assert page.locator("h1").first.inner_text().startswith("Security guarantees for Ukraine")
    assert "As of 20 August 2025" in page.locator(".bf-meta").inner_text()
    assert page.locator(".bf-bluf").is_visible()
    assert page.locator(".bf-judgements li").count() == 5
    assert page.locator(".bf-judgements .bf-conf").first.inner_text().endswith("confidence")
    assert page.locator(".bf-figure").count() == 5
    assert page.locator("table.bf-matrix tbody tr").count() >= 10


def test_the_first_screen_holds_the_bottom_line_and_the_way_into_the_matrix(browser: Any, real_site: Path, serve_site: Any) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    tab.goto(serve_site(real_site))
    first_screen = [".bf-meta", ".bf-handling", ".bf-bluf", ".bf-judgements", ".bf-way-in a[href$='matrix/']"]
    bottoms = {selector: tab.locator(selector).first.evaluate("el => el.getBoundingClientRect().bottom") for selector in first_screen}
    confidences = tab.locator(".bf-first .bf-judgements .bf-conf").count()
    tab.close()
    assert {selector: bottom for selector, bottom in bottoms.items() if bottom > 800} == {}
    assert confidences == 5


@pytest.mark.parametrize("path", ["matrix/", "actors/donald-trump/", "timeline/", "sources/"])
def test_inner_pages_show_the_as_of_date_and_the_handling_line(page: Any, path: str) -> None:
    page.goto(page.base + path)
    line = page.locator(".bf-page-line").inner_text()
    assert line.startswith("As of 20 August 2025 · Unclassified.")


def test_outlets_and_think_tanks_cited_are_not_listed_as_political_actors(page: Any) -> None:
    page.goto(page.base + "actors/")
    sections = {h.inner_text().rstrip("¶").strip(): h for h in page.locator("article h2").all()}
    named = next(title for title in sections if title.startswith("Named in the sources"))
    organisations = next(title for title in sections if title.startswith("Organisations"))
    text = page.locator("article").inner_text()
    named_part = text.split(named, 1)[1]
    organisations_part = text.split(organisations, 1)[1].split(named, 1)[0]
    for cited in ("Fox News", "Institute for the Study of War"):
        assert cited in named_part and cited not in organisations_part
    assert "NATO" in organisations_part


def test_the_matrix_at_a_glance_fits_its_column_with_a_legend(page: Any) -> None:
    page.goto(page.base)
    wrap = page.locator(".bf-matrix-wrap").first
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth"), "questions cut off at 1280 px"
    assert wrap.locator("thead th").count() == 11
    legend = page.locator(".bf-legend:not(.bf-strength-key)").first.inner_text()  # the strength key comes before the matrix
    assert "Supports" in legend and "No position reported" in legend


def test_actor_page_evidence_link_lands_on_the_cited_paragraph(page: Any) -> None:
    page.goto(page.base + "actors/donald-trump/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Donald Trump"
    assert "President of the United States" in page.locator(".bf-facts").inner_text()
    stance = page.locator("#us-air-support + p + .bf-stance")  # the stance's heading carries its anchor
    quote = stance.locator(".bf-quote").first
    assert "soutien militaire aérien" in quote.inner_text()
    assert quote.get_attribute("lang") == "fr"
    assert "TRANSLATION" in stance.locator(".bf-translation").first.inner_text().upper()
    stance.locator(".bf-cite a").first.click()
    page.wait_for_url("**/sources/#afp-2025-08-20-nato-ukraine-p4")
    target = page.locator("#afp-2025-08-20-nato-ukraine-p4")
    assert target.is_visible()
    assert "soutien militaire aérien" in target.inner_text()


def test_matrix_cell_links_to_its_evidence(page: Any) -> None:
    page.goto(page.base + "matrix/")
    row = page.locator("table.bf-matrix tbody tr", has=page.locator("th", has_text="Friedrich Merz"))
    cell_link = row.locator("a.bf-badge.bf-pos-opposes")
    assert "Opposes" in cell_link.inner_text()
    cell_link.click()
    page.wait_for_url("**/questions/territorial-concessions/#friedrich-merz")
    assert "concessions territoriales" in page.locator("#friedrich-merz + p + .bf-stance .bf-quote").inner_text()


def test_empty_cells_are_quiet_and_the_legend_says_what_they_mean(page: Any) -> None:
    page.goto(page.base + "matrix/")
    empty = page.locator("td.bf-empty")
    assert empty.count() > 50
    assert set(empty.locator("> span[aria-hidden='true']").all_inner_texts()) == {"·"}  # what a sighted reader sees: a dot
    assert empty.first.locator("> span").count() == 2
    assert empty.first.locator(".bf-sr").text_content() == "no position reported"  # what a screen reader says
    assert "No position reported" in page.locator(".bf-legend:not(.bf-strength-key)").first.inner_text()


def test_search_and_theme_toggle_are_there(page: Any) -> None:
    page.goto(page.base)
    assert page.locator("label[for='__search']").count() > 0
    toggle = page.locator("form[data-md-component='palette'] label").first
    scheme_before = page.locator("body").get_attribute("data-md-color-scheme")
    toggle.click()
    assert page.locator("body").get_attribute("data-md-color-scheme") != scheme_before


def _every_page(site: Path) -> list[str]:
    """Every HTML page of a built site, as a path relative to its base URL."""
    pages = sorted(str(path.parent.relative_to(site)) + "/" for path in site.rglob("index.html"))
    return [page.removeprefix("./") for page in pages]


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways(browser: Any, real_site: Path, serve_site: Callable[[Path], str], width: int) -> None:
    """Wide tables and charts scroll inside their own box; the page itself never does, on a phone or a laptop."""
    base = serve_site(real_site)
    pages = _every_page(real_site)
    assert len(pages) > 40 and "" in pages and "actors/donald-trump/" in pages
    overflowing = {}
    tab = browser.new_page(viewport={"width": width, "height": 800})
    for path in pages:
        tab.goto(base + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            overflowing[path] = overflow
    tab.close()
    assert overflowing == {}


@pytest.mark.parametrize("width", [1280, 390])
def test_every_matrix_cell_shows_its_evidence_strength_without_hover(site_tab: Any, width: int) -> None:
    site_tab.set_viewport_size({"width": width, "height": 900})
    for path in ("", "matrix/"):
        site_tab.goto(site_tab.base + path)
        cells = site_tab.locator("table.bf-matrix td.bf-cell:not(.bf-empty)")
        assert cells.count() >= 20
        for n in range(cells.count()):
            chip = cells.nth(n).locator(".bf-chip").first
            box = chip.bounding_box()
            assert box is not None and box["width"] > 8 and box["height"] > 8, (path, n)
            assert chip.locator(".bf-chip-mark").inner_text() in {"■■■", "■■□", "■□□"}
    styles = {
        site_tab.locator(f".bf-chip-{style}").first.evaluate("e => getComputedStyle(e).borderStyle") for style in ("solid", "hatched")
    }
    assert styles == {"solid", "dashed"}


def test_takeaways_and_judgements_link_to_their_basis(site_tab: Any) -> None:
    site_tab.goto(site_tab.base)
    assert site_tab.locator(".bf-bluf > li").count() == 5
    assert site_tab.locator(".bf-bluf .bf-based-on").count() == 5 and site_tab.locator(".bf-judgements .bf-based-on").count() == 5
    link = site_tab.locator(".bf-judgements .bf-based-on a", has_text="US ground troops in Ukraine: Donald Trump").first
    link.locator("xpath=ancestor::details[1]/summary").click()  # the first screen folds each basis under one line
    link.click()
    site_tab.wait_for_url("**/questions/us-ground-troops/#donald-trump")
    entry = site_tab.locator("#donald-trump ~ .bf-stance").first
    assert entry.locator(".bf-quote").count() == 2  # Trump and his spokesperson: one position, two pieces of evidence
    assert "Strong evidence" in entry.locator(".bf-stance-head").inner_text()
    site_tab.goto(site_tab.base)
    assert "According to anonymous sources" not in site_tab.locator(".bf-watch").inner_text()
    assert site_tab.locator(".bf-watch li").count() == 3


def test_sidebar_title_does_not_cover_the_navigation(browser: Any, real_site: Path, serve_site: Callable[[Path], str]) -> None:
    """With the navigation scrolled, every entry a reader can see is the element under its own centre."""
    tab = browser.new_page(viewport={"width": 1280, "height": 560})
    tab.goto(serve_site(real_site) + "actors/donald-trump/")
    wrap = tab.locator(".md-sidebar--primary .md-sidebar__scrollwrap")
    assert wrap.evaluate("el => el.scrollHeight > el.clientHeight"), "the navigation must be long enough to scroll"
    covered = wrap.evaluate(
        """wrap => {
            wrap.scrollTop = 120;
            const box = wrap.getBoundingClientRect();
            return [...wrap.querySelectorAll('.md-nav__link')].filter(link => {
                const r = link.getBoundingClientRect();
                const y = r.top + r.height / 2, x = r.left + Math.min(20, r.width / 2);
                if (r.height === 0 || y < box.top || y > box.bottom) return false;
                const hit = document.elementFromPoint(x, y);
                return !(hit && (link.contains(hit) || hit.contains(link)));
            }).map(link => link.textContent.trim());
        }"""
    )
    tab.close()
    assert covered == []
