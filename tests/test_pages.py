"""Rendering: Markdown escaping, relative links, and golden files of the tiny briefing's pages."""

from __future__ import annotations

from pathlib import Path

import jinja2
import markdown
import pytest
from conftest import make_project

from generator.build import plan
from generator.pages import make_environment, markdown_text, relative_link
from generator.pages.environment import quoted
from generator.project import Project

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
    """The tiny briefing's pages, in English and (tiny-fr, `language: fr`) in French, are as reviewed."""
    golden = GOLDEN.parent / fixture
    _, site_plan = plan(make_project(tmp_path, FIXTURES / fixture))
    rendered = {page.path: page.markdown for page in site_plan.pages}
    if update_golden:
        for path, text in rendered.items():
            (golden / path).parent.mkdir(parents=True, exist_ok=True)
            (golden / path).write_text(text, encoding="utf-8")
    expected = {str(p.relative_to(golden)): p.read_text(encoding="utf-8") for p in sorted(golden.rglob("*.md"))}
    assert sorted(rendered) == sorted(expected), "pages added or removed: run pytest --update-golden and review the diff"
    for path, text in rendered.items():
        assert text == expected[path], f"{path} changed: run pytest --update-golden and review the diff"


def test_navigation_groups_actors_by_kind(tiny: Project) -> None:
    _, site_plan = plan(tiny)
    actors = next(item["Actors"] for item in site_plan.nav if "Actors" in item)
    assert actors == [
        "actors/index.md",
        {"People": [{"Minister Alpha": "actors/alpha.md"}, {"Minister Beta": "actors/beta.md"}]},
        {"States": [{"Country X": "actors/country-x.md"}]},
    ]


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
