"""The direction of travel (issue 23): on the home page, one row per actor whose position or evidence moved since the
earlier edition, a mark per question that reads in print and to a screen reader; the Editions page marks every change alike."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from editions_fixture import day_three, day_two, record

from generator.build import build
from generator.project import Project


def _rows(page: Path) -> dict[str, list[tuple[str, str, str, str]]]:
    """Each direction-of-travel row by actor: its marks as (kind, symbol, words for screen readers, question)."""
    html = page.read_text(encoding="utf-8")
    rows = re.findall(r'<li class="bf-travel-row"><a href="[^"]*">([^<]+)</a>(.*?)</li>', html)
    mark = re.compile(
        r'<span class="bf-travel-mark bf-travel-(\w+)" title="[^"]*"><span aria-hidden="true">(.)</span>'
        r'<span class="bf-sr">([^<:]+): </span></span> <a href="[^"]*">([^<]+)</a>'
    )
    return {actor: mark.findall(body) for actor, body in rows}


def test_a_moved_position_and_weaker_evidence_are_marked_per_actor_on_the_home_page(tiny: Project) -> None:
    record(tiny)
    day_two(tiny)  # Alpha: supports → conditional; Beta's evidence curated down to medium
    record(tiny)
    build(tiny, strict=True)
    assert _rows(tiny.site_dir / "index.html") == {
        "Minister Alpha": [("away", "↘", "away from the proposition", "Quota deal")],
        "Minister Beta": [("weaker", "○", "weaker evidence", "Quota deal")],
    }
    home = (tiny.site_dir / "index.html").read_text(encoding="utf-8")
    key = re.search(r'<p class="bf-travel-key">(.*?)</p>', home).group(1)  # what each mark means, for paper and sighted readers
    assert re.sub(r"<[^>]+>", "", key) == "Direction of travel: ↘ away from the proposition · ○ weaker evidence"
    assert '<a href="editions/#edition-2024-03-06">Editions page</a>' in home  # where the full list is
    editions = (tiny.site_dir / "editions" / "index.html").read_text(encoding="utf-8")
    latest = editions[editions.index('id="edition-2024-03-06"') : editions.index('id="edition-2024-03-05"')]
    assert '<span class="bf-shift bf-shift-away"><span aria-hidden="true">↘</span> away from the proposition</span>' in latest
    assert '<span class="bf-shift bf-shift-weaker"><span aria-hidden="true">○</span> weaker evidence</span>' in latest


def test_a_move_back_towards_and_a_withdrawal_are_marked(tiny: Project) -> None:
    record(tiny)
    day_two(tiny)
    record(tiny)
    day_three(tiny)  # Alpha back to supports, Beta's stance withdrawn
    record(tiny)
    build(tiny, strict=True)
    assert _rows(tiny.site_dir / "index.html") == {
        "Minister Alpha": [("towards", "↗", "towards the proposition", "Quota deal")],
        "Minister Beta": [("withdrawn", "⊘", "withdrawn", "Quota deal")],
    }
    editions = (tiny.site_dir / "editions" / "index.html").read_text(encoding="utf-8")
    assert '<span class="bf-tag bf-tag-withdrawn"><span aria-hidden="true">⊘</span> withdrawn</span>' in editions


def test_nothing_is_marked_without_an_earlier_edition(tiny: Project) -> None:
    record(tiny)
    build(tiny, strict=True)
    home = (tiny.site_dir / "index.html").read_text(encoding="utf-8")
    assert "bf-travel" not in home and "Direction of travel" not in home
    assert "This is the first edition of this briefing" in home


def test_the_marks_read_in_chromium_at_a_phones_width(tiny: Project, browser: Any, serve_site: Any) -> None:
    record(tiny)
    day_two(tiny)
    record(tiny)
    build(tiny, strict=True)
    tab = browser.new_page(viewport={"width": 390, "height": 844})
    tab.goto(serve_site(tiny.site_dir))
    row = tab.locator(".bf-travel-row").first
    assert row.inner_text().startswith("Minister Alpha: ↘")
    mark = row.locator(".bf-travel-mark")
    size = float(mark.evaluate("m => parseFloat(getComputedStyle(m).fontSize)"))
    said = mark.locator(".bf-sr").evaluate("s => s.getBoundingClientRect().width")  # for screen readers, out of sight
    assert size >= 12 and said <= 1 and mark.locator(".bf-sr").text_content() == "away from the proposition: "
    assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    tab.close()
