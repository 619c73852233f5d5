"""Rendering: Markdown escaping, relative links, and golden files of the tiny briefing's pages."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import jinja2
import markdown
import pytest
from conftest import make_project

from generator.build import PDF_NAME, build, plan
from generator.project import Project
from generator.site.pages import make_environment, markdown_text, relative_link
from generator.site.pages import site as site_module
from generator.site.pages.environment import quoted

GOLDEN = Path(__file__).parent / "golden" / "tiny"
FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "text",
    [
        "plain words",
        "*not emphasis* and _not either_",
        "[not a link](javascript:alert(1))",
        "<b>not bold</b> & <script>x</script>",
        "# not a heading",
        "1. not a list",
        "- not a list either",
        "`not code` | not | a table",
        "{: .attr } {{ template }} {% tag %}",
        "back\\slash and !bang",
    ],
)
def test_markdown_text_comes_out_as_the_same_text(text: str) -> None:
    html = markdown.markdown(str(markdown_text(text)), extensions=["tables", "toc"])
    assert html.startswith("<p>") and html.endswith("</p>"), html
    inner = html[3:-4]
    assert inner.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") == text


@pytest.mark.parametrize(
    ("source", "target", "anchor", "expected"),
    [
        ("index.md", "matrix.md", "", "matrix/"),
        ("matrix.md", "index.md", "", "../"),
        ("actors/alpha.md", "sources.md", "wire-p2", "../../sources/#wire-p2"),
        ("actors/index.md", "actors/alpha.md", "", "alpha/"),
        ("actors/alpha.md", "actors/index.md", "", "../"),
        ("questions/q.md", "questions/q.md", "alpha", "./#alpha"),
    ],
)
def test_relative_links(source: str, target: str, anchor: str, expected: str) -> None:
    assert relative_link(source, target, anchor) == expected


def test_environment_escapes_by_default() -> None:
    env = make_environment(jinja2.DictLoader({"t": "{{ x }}|{{ x | md }}"}))
    assert env.get_template("t").render(x="<i>*a*</i>") == "&lt;i&gt;*a*&lt;/i&gt;|&lt;i&gt;\\*a\\*&lt;/i&gt;"


@pytest.mark.parametrize("fixture", ["tiny", "tiny-fr"])
def test_pages_match_golden_files(fixture: str, tmp_path: Path, update_golden: bool) -> None:
    """The tiny briefing's pages, in English and (tiny-fr, `language: fr`) in French, are as reviewed (the PDF build: every page)."""
    golden = GOLDEN.parent / fixture
    _, site_plan = plan(make_project(tmp_path, FIXTURES / fixture), pdf_name=PDF_NAME)
    rendered = {page.path: page.markdown for page in site_plan.pages}
    if update_golden:
        for path, text in rendered.items():
            (golden / path).parent.mkdir(parents=True, exist_ok=True)
            (golden / path).write_text(text, encoding="utf-8")
    expected = {str(p.relative_to(golden)): p.read_text(encoding="utf-8") for p in sorted(golden.rglob("*.md"))}
    assert sorted(rendered) == sorted(expected), "pages added or removed: run pytest --update-golden and review the diff"
    for path, text in rendered.items():
        assert text == expected[path], f"{path} changed: run pytest --update-golden and review the diff"


def test_print_page_is_made_only_for_the_pdf(tiny: Project) -> None:
    _, site_plan = plan(tiny)
    pages = {page.path: page.markdown for page in site_plan.pages}
    assert "print.md" not in pages
    assert "print/" not in pages["index.md"] and "Printable version" not in pages["index.md"]
    _, with_pdf = plan(tiny, pdf_name=PDF_NAME)
    assert {page.path for page in with_pdf.pages} == {*pages, "print.md"}


def test_navigation_groups_actors_by_kind(tiny: Project) -> None:
    _, site_plan = plan(tiny)
    actors = next(item["Actors"] for item in site_plan.nav if "Actors" in item)
    assert actors == [
        "actors/index.md",
        {"People": [{"Minister Alpha": "actors/alpha.md"}, {"Minister Beta": "actors/beta.md"}]},
        {"States": [{"Country X": "actors/country-x.md"}]},
    ]


def test_past_the_navigation_limit_pages_keep_previous_next(
    tiny: Project, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # With more actors than the limit, the navigation lists the actors' index only; an actor's page
    # still leads on to the next actor in the order the navigation would list.
    monkeypatch.setattr(site_module, "NAV_MAX_ENTRIES", 2)
    _, site_plan = plan(tiny)
    assert next(item["Actors"] for item in site_plan.nav if "Actors" in item) == ["actors/index.md"]
    assert list(site_plan.unlisted) == ["actors/alpha.md", "actors/beta.md", "actors/country-x.md"]
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        build(tiny)
    assert not [r for r in caplog.records if "not included" in r.getMessage()]
    html = (tiny.site_dir / "actors" / "beta" / "index.html").read_text(encoding="utf-8")
    footer = re.findall(r'<a href="([^"]+)" class="md-footer__link md-footer__link--(prev|next)"[^>]*aria-label="[^:]+: ([^"]+)"', html)
    assert [(href, kind, title) for href, kind, title in footer] == [
        ("../alpha/", "prev", "Minister Alpha"),
        ("../country-x/", "next", "Country X"),
    ]
    sidebar = html[html.index("md-nav--primary") : html.index('class="md-content"')]
    assert "Actors" in sidebar and "../alpha/" not in sidebar and "../country-x/" not in sidebar
    # No section is open: a phone's menu opens on the sections, not on an empty "Actors" panel.
    assert "md-nav__item--active" not in sidebar and "checked" not in sidebar
    first = (tiny.site_dir / "actors" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-footer__link md-footer__link--prev" aria-label="Previous: Actors"' in first.replace('href="../" ', "")


def test_differing_reports_show_as_conflicting_and_agreeing_ones_as_one_position(tiny: Project) -> None:
    path = tiny.content_dir / "stances.yaml"
    conflicting = """
- actor: beta
  topic: quota-deal
  position: supports
  summary: Alpha says Beta backs the deal.
  evidence:
    - source: wire-2024-03-05
      paragraph: 2
      quote: soutient l'accord
      translation: supports the deal
  reported_by:
    kind: other_actor
    actor: alpha
"""
    path.write_text(path.read_text(encoding="utf-8") + conflicting, encoding="utf-8")
    build(tiny)
    page = (tiny.site_dir / "questions" / "quota-deal" / "index.html").read_text(encoding="utf-8")
    assert page.count("<h3") == 2  # Alpha, and Beta once: both reports under one heading
    assert "Conflicting reports" in page and "Alpha says Beta backs the deal." in page and "Beta rejects the deal." in page
    matrix = (tiny.site_dir / "matrix" / "index.html").read_text(encoding="utf-8")
    assert "conflicting reports:" in matrix


def test_context_facts_what_to_watch_and_claimed_figures_are_marked(tiny_site: Path) -> None:
    sources = (tiny_site / "sources" / "index.html").read_text(encoding="utf-8")
    assert 'id="context-quota-history"' in sources and "not verified against a stored text" in sources
    home = (tiny_site / "index.html").read_text(encoding="utf-8")
    watch = home[home.index('class="bf-watch"') :]
    assert "7 March 2024" in watch and "Vote on the quota deal" in watch
    assert "Claim by Minister Beta" in home
    timeline = (tiny_site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "According to anonymous sources: Alpha and Beta talked" in timeline and "Undated" in timeline


def test_approximate_and_worded_dates_on_the_timeline(tiny: Project) -> None:
    path = tiny.content_dir / "events.yaml"
    text = path.read_text(encoding="utf-8").replace(
        '- id: photo\n  date: "2024-03-03"\n', '- id: photo\n  date: "2024-03-03"\n  approximate: true\n  when: early March\n'
    )
    path.write_text(text, encoding="utf-8")
    build(tiny)
    timeline = (tiny.site_dir / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "about 3 March 2024 (“early March”)" in timeline and "Undated: “recently”" in timeline


@pytest.mark.parametrize(
    ("text", "language", "shown"),
    [
        ("qu'il \"soutient l'accord\"", "fr", "«\u202fqu'il “soutient l'accord”\u202f»"),
        ('that he "supports the deal"', "en", "“that he ‘supports the deal’”"),
        ("il a dit « non »", "fr", "«\u202fil a dit “non”\u202f»"),
        ('er sagte "nein"', "de", "„er sagte ‚nein‘“"),
    ],
)
def test_quotes_take_their_languages_marks_inside_and_out(text: str, language: str, shown: str) -> None:
    assert quoted(text, language) == shown
