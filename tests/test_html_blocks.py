"""The HTML-block fast path gives MkDocs's Markdown exactly the output it gave without it."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from conftest import ROOT, make_project
from mkdocs.config import load_config

from generator.build import plan
from generator.compat import GeneratedHtml, split_elements
from generator.project import Project

TRICKY = [
    '<div class="a">\n<p>one</p>\n</div>\n<p class="b">two &amp; <em>three</em></p>',
    "<p>text</p> and more on the line\n\n<p>next</p>",
    "<div>\n<p>a block left open</p>\n\n<p>past a blank line</p>\n\n</div>\n\n<p>after</p>",
    "<!-- a comment -->\n<p>x</p>\n\n<div><p>y</p></div>",
    "<pre>\ncode\n\n  kept as it is\n</pre>\n\n<p>z</p>",
    '<script type="application/json">{"a": "<b>not a tag</b>", "c": 1 < 2}</script>\n\n<p>after the script</p>',
    "<script>\nlet a = 1;\n\nlet b = 2;\n</script>\n\n<div>later</div>",
    '<p title="a > b">quoted angle</p>\n\n<p>plain</p>',
    "<DIV CLASS=x>\n<P>upper case</P>\n</DIV>",
    "<p>line<br>break<img src=a.png></p>\n\n<hr>\n\n<p>rule above</p>",
    '<p data-x="`tick`">backtick</p>\n\n<div>\n<div>\n<div>deep</div>\n</div>\n</div>',
    "<span>inline start</span>\n\n<https://example.org>\n\n<p>block</p>",
    "# Heading {: #h }\n\n<p>a</p>\n\nSome *Markdown* with <span>inline</span> HTML.\n\n<dl>\n<dt>t</dt><dd>d</dd>\n</dl>\n",
    "<p>a < b, a stray angle</p>\n\n<p>ok</p>",
    "<div>\n<p>unclosed</p>\n\n<p>inside the open div</p>\n\n<p>still</p>",
    "<table>\n<tr><td>1</td></tr>\n</table>\n<p>no blank line between</p>\n\n## Next\n\n<p>end</p>",
    "</div>\n\n<p>a stray end tag first</p>",
    "<p>last, no newline</p>",
]


def _markdown(config: object, fast: bool) -> markdown.Markdown:
    """Python-Markdown as MkDocs sets it up from mkdocs.yml, with or without the fast path."""
    extensions = config["markdown_extensions"] + ([GeneratedHtml()] if fast else [])  # type: ignore[index]
    return markdown.Markdown(extensions=extensions, extension_configs=config["mdx_configs"])  # type: ignore[index]


def _same_output(config: object, text: str) -> None:
    slow, fast = _markdown(config, False), _markdown(config, True)
    assert fast.convert(text) == slow.convert(text)
    assert getattr(fast, "toc_tokens", None) == getattr(slow, "toc_tokens", None)


@pytest.fixture(scope="module")
def config() -> object:
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_html_comes_out_as_without_the_fast_path(config: object, text: str) -> None:
    _same_output(config, text)


@pytest.mark.parametrize("content", ["content", "tests/fixtures/tiny", "tests/fixtures/tiny-fr"])
def test_every_generated_page_comes_out_as_without_the_fast_path(config: object, content: str, tmp_path: Path) -> None:
    project = make_project(tmp_path, ROOT / content) if content != "content" else Project.at(ROOT)
    _, site_plan = plan(project)
    for page in site_plan.pages:
        _same_output(config, page.markdown)


def test_actor_and_question_pages_take_the_fast_path_whole() -> None:
    # These pages multiply with the content; a template change that sends their blocks back to
    # the slow parser would quietly make a 100x build twice as slow.
    is_block_level = markdown.Markdown().is_block_level
    _, site_plan = plan(Project.at(ROOT))
    pages = [page for page in site_plan.pages if page.path.startswith(("actors/", "questions/"))]
    assert len(pages) > 20
    for page in pages:
        blocks = [chunk for chunk in page.markdown.split("\n\n") if chunk.startswith("<")]
        assert blocks, page.path
        slow = [chunk[:200] for chunk in blocks if split_elements(chunk, is_block_level) is None]
        assert slow == [], page.path


def test_plain_blocks_split_into_their_elements_and_others_are_refused() -> None:
    is_block_level = markdown.Markdown().is_block_level
    assert split_elements("<p>a</p>\n<div><p>b</p></div>", is_block_level) == ["<p>a</p>", "<div><p>b</p></div>"]
    assert split_elements("<p>a</p> tail", is_block_level) is None
    assert split_elements("<span>inline</span>", is_block_level) is None
    assert split_elements("<div>\n<p>open", is_block_level) is None
    assert split_elements("<!-- c -->\n<p>a</p>", is_block_level) is None
