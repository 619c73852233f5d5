"""What the site publishes for reuse: JSON and CSV downloads, JSON-LD, and the files GitHub Pages needs."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from conftest import ROOT

from generator.build import check_content
from generator.project import Project
from generator.site.exports import EVENT_COLUMNS, EXPORT_VERSION, STANCE_COLUMNS, BriefingExport


def _json_ld(page: Path) -> list[dict[str, Any]]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [json.loads(block) for block in blocks]


def test_briefing_json_round_trips_and_matches_the_content(real_site: Path) -> None:
    content = check_content(Project.at(ROOT))
    export = BriefingExport.model_validate_json((real_site / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert export.schema_version == EXPORT_VERSION
    assert [a.id for a in export.actors] == [a.id for a in content.actors]
    assert len(export.stances) == len(content.stances) and len(export.events) == len(content.events)
    cited = {c.paragraph for s in content.stances for c in s.evidence} | {c.paragraph for e in content.events for c in e.citations}
    cited |= {c.paragraph for f in content.figures for c in f.citations}
    assert {p.number for p in export.sources[0].cited_paragraphs} == cited
    schema = json.loads((real_site / "data" / "briefing.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]) == set(BriefingExport.model_fields)


def test_csv_downloads_have_the_documented_columns_and_every_citation(real_site: Path) -> None:
    content = check_content(Project.at(ROOT))
    stances = list(csv.DictReader(io.StringIO((real_site / "data" / "stances.csv").read_text(encoding="utf-8"))))
    assert list(stances[0]) == list(STANCE_COLUMNS)
    assert len(stances) == sum(len(s.evidence) for s in content.stances)
    assert {row["quote"] for row in stances} == {c.quote for s in content.stances for c in s.evidence}
    events = list(csv.DictReader(io.StringIO((real_site / "data" / "events.csv").read_text(encoding="utf-8"))))
    assert list(events[0]) == list(EVENT_COLUMNS)
    assert len(events) == sum(len(e.citations) for e in content.events)
    dates = [row["date"] for row in events]
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates == dated + [""] * (len(dates) - len(dated))  # undated events come last
    assert {row["status"] for row in events} == {"happened", "planned", "expected"}
    page = (real_site / "data" / "index.html").read_text(encoding="utf-8")
    for column in STANCE_COLUMNS:
        assert f"<code>{column}</code>" in page


def test_actor_pages_carry_person_and_organization_json_ld(real_site: Path) -> None:
    (trump,) = _json_ld(real_site / "actors" / "donald-trump" / "index.html")
    assert trump["@context"] == "https://schema.org" and trump["@type"] == "Person"
    assert trump["sameAs"] == "https://www.wikidata.org/wiki/Q22686"
    quotes = trump["subjectOf"]
    assert all(q["@type"] == "Quotation" and q["inLanguage"] == "fr" for q in quotes)
    assert any("soutien militaire aérien" in q["text"] for q in quotes)
    assert quotes[0]["isBasedOn"]["@type"] == "NewsArticle" and quotes[0]["isBasedOn"]["datePublished"] == "2025-08-20"
    (nato,) = _json_ld(real_site / "actors" / "nato" / "index.html")
    assert nato["@type"] == "Organization"


def test_home_page_is_a_report(real_site: Path) -> None:
    (report,) = _json_ld(real_site / "index.html")
    assert report["@type"] == "Report" and report["datePublished"] == "2025-08-20"
    assert report["name"] == "Security guarantees for Ukraine after the Alaska summit"


def test_github_pages_files(real_site: Path) -> None:
    assert (real_site / ".nojekyll").is_file()
    assert (real_site / "404.html").is_file()


def test_site_url_and_repo_url_come_from_the_environment() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [SITE_URL" in config and "repo_url: !ENV [REPO_URL" in config
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "SITE_URL:" in workflow and "REPO_URL:" in workflow


def test_with_site_and_repo_urls_nothing_is_fetched_from_another_host(
    tiny: Project, monkeypatch: Any, browser: Any, serve_site: Any
) -> None:
    from generator.build import build

    monkeypatch.setenv("SITE_URL", "https://desk.github.io/briefing/")
    monkeypatch.setenv("REPO_URL", "https://github.com/desk/briefing")
    build(tiny)
    home = (tiny.site_dir / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://desk.github.io/briefing/">' in home
    assert 'href="https://github.com/desk/briefing"' in home
    base = serve_site(tiny.site_dir)
    outside: list[str] = []
    tab = browser.new_page()
    tab.on("request", lambda req: None if req.url.startswith(base.split("/briefing/")[0]) else outside.append(req.url))
    tab.goto(base)
    tab.wait_for_load_state("networkidle")
    tab.close()
    assert outside == []
