"""Hostile content injected into the real briefing: nothing it holds runs, loads or links anywhere dangerous."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, make_project

from generator.build import build

PAYLOADS = [
    "<script>window.pwned = 1; alert(1)</script>",
    '<img src=x onerror="window.pwned = 1">',
    '<iframe src="https://example.org/"></iframe>',
    '<object data="x.swf"></object>',
    "<style>body { display: none }</style>",
    '<svg onload="window.pwned = 1"></svg>',
    "[js](javascript:window.pwned=1)",
    "[mixed](JaVaScRiPt:window.pwned=1)",
    "[entity](&#106;avascript:window.pwned=1)",
    "[spaced]( javascript:window.pwned=1)",
    "[vb](vbscript:msgbox(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[file](file:///etc/passwd)",
    '<a href="javascript:window.pwned=1">raw link</a>',
    "{{ config.site_name }} {% raw %} {# comment #}",
    "</script><script>window.pwned = 1</script>",
    '" onmouseover="window.pwned = 1',
    "[ok link](https://example.org/report)",
]
"""One payload per line of attack; the last is a legitimate link that must survive."""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real briefing with every payload in a Markdown field, a plain text field and a chart label."""
    project = make_project(tmp_path_factory.mktemp("hostile"), ROOT / "content")
    actors = project.content_dir / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    joined = " ".join(PAYLOADS).replace("'", "''")
    text = text.replace("  name: Donald Trump\n", f"  name: 'Donald Trump {PAYLOADS[0]} {PAYLOADS[15]}'\n", 1)
    text = re.sub(
        r"(- id: volodymyr-zelensky\n(?:  .*\n)*?  description: )>-\n(    .*\n)+", lambda m: f"{m.group(1)}'{joined}'\n", text, count=1
    )
    actors.write_text(text, encoding="utf-8")
    briefing = project.content_dir / "briefing.yaml"
    b = briefing.read_text(encoding="utf-8")
    halves = [" ".join(PAYLOADS[:9]).replace("'", "''"), " ".join(PAYLOADS[9:]).replace("'", "''")]  # a takeaway holds 400 characters
    for half in halves:
        b = re.sub(
            r"(bluf:\n(?:  - text: '[^\n]*\n    based_on:\n(?:      .*\n)+)*)  - text: >-\n(      .*\n)+",
            lambda m, half=half: f"{m.group(1)}  - text: '{half}'\n",
            b,
            count=1,
        )
    # The payloads state flat what their records hedge; a person has "checked" them, so strict builds let them through.
    b = re.sub(r"(  - text: '[^\n]*\n)(    based_on:)", r"\1    hedge_checked: true\n\2", b)
    briefing.write_text(b, encoding="utf-8")
    build(project, paper="a4")  # with the PDF, so the print page meets the payloads too
    return project.site_dir


def test_payloads_reached_the_pages(hostile_site: Path) -> None:
    page = (hostile_site / "actors" / "volodymyr-zelensky" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/report"' in page  # the legitimate link survives sanitising
    assert "{{ config.site_name }}" in page and "{% raw %}" in page  # template syntax shown as typed


class _Elements(HTMLParser):
    """Collect every element with its attributes, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        data_block = dict(attrs).get("type") in ("application/json", "application/ld+json")  # never executed
        self._in_script = tag == "script" and not dict(attrs).get("src") and not data_block

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def test_no_dangerous_markup_in_any_page(hostile_site: Path) -> None:
    for path in hostile_site.rglob("*.html"):
        parser = _Elements()
        parser.feed(path.read_text(encoding="utf-8"))
        for tag, attrs in parser.elements:
            assert tag not in {"iframe", "object", "embed", "frame"}, f"{path}: <{tag}>"
            assert not [name for name in attrs if name.startswith("on")], f"{path}: <{tag} {attrs}>"
            for name in ("href", "src", "action", "formaction", "xlink:href"):
                value = attrs.get(name, "").strip().lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:text", "file:")), f"{path}: {name}={value}"
        assert not [body for body in parser.scripts if "pwned" in body], f"{path}: content inside an inline script"


def test_nothing_runs_or_loads_in_chromium(browser: Any, hostile_site: Path, serve_site: Callable[[Path], str]) -> None:
    base = serve_site(hostile_site)
    host = base.split("/briefing/")[0]
    dialogs: list[str] = []
    outside: list[str] = []
    for page_path in ("", "actors/volodymyr-zelensky/", "actors/donald-trump/", "matrix/", "charts/", "print/"):
        tab = browser.new_page()
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.on("request", lambda req: None if req.url.startswith(host) else outside.append(req.url))
        tab.goto(base + page_path)
        tab.wait_for_load_state("networkidle")
        for link in tab.locator("a").all()[:400]:
            href = link.get_attribute("href") or ""
            assert not href.strip().lower().startswith(("javascript:", "vbscript:", "data:", "file:")), href
        tab.mouse.move(300, 300)
        assert tab.evaluate("() => window.pwned === undefined"), page_path
        assert dialogs == [] and outside == [], (page_path, dialogs, outside)
        tab.close()
