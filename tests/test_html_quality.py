"""Output checks: every generated page validates as HTML (Nu HTML checker) and key pages pass axe-core.

Both checks look at the real briefing. Errors and violations are only ever excused when they come
from the Material theme's own markup (header, navigation, search, footer), each with its reason;
anything inside the page content, which is ours, fails the test. A canary page with known faults
proves that each check still reports what it should.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NODE_TOOLS_HINT = "install the Node tools with `npm ci` in the project folder (`make test` does it for you)"

THEME_HTML_ERRORS: list[tuple[str, str]] = [
    (
        r"^Attribute “autocomplete” is only allowed when the input type is .* in "
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" autocomplete="off">$',
        "Material's header sets autocomplete=off on its drawer and search toggles (checkboxes) so that Firefox does not restore "
        "their state on reload; the attribute is not valid on checkboxes but harmless.",
    ),
    (
        r"^Attribute “autocorrect” not allowed on element “input” at this point\. in "
        r'<input type="text" class="md-search__input" name="query" [^>]*autocorrect="off"[^>]*>$',
        "Material's search box sets autocorrect=off, a non-standard attribute Safari honours, so queries are not auto-corrected.",
    ),
    (
        r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control\. in "
        r'<label class="md-nav__title" for="__toc">$',
        "Material's table-of-contents sidebar title points at the __toc toggle, which the theme leaves out of the navigation on "
        "section index pages (navigation.indexes), e.g. actors/.",
    ),
]
"""Nu HTML checker errors excused because the Material theme writes them: (regex on "message in offending markup", reason)."""

THEME_AXE_VIOLATIONS: list[tuple[str, str, str]] = [
    (
        "aria-dialog-name",
        ".md-search",
        "Material's search overlay is a role=dialog without an accessible name; its search field has aria-label=Search.",
    ),
    (
        "color-contrast",
        ".md-copyright",
        "Material's footer line 'Made with Material for MkDocs' is #7f7f7f on #171717 in the light scheme (4.47:1, just under 4.5:1).",
    ),
]
"""Serious or critical axe-core violations excused because the Material theme causes them: (rule, theme element, reason)."""

AXE_PAGES = ["", "actors/donald-trump/", "matrix/", "charts/", "questions/security-guarantees/", "timeline/", "sources/", "method/"]
"""The home page, an actor, the matrix, the charts, a question, the timeline, the sources and the method, relative to the base URL."""

CONTENT_START = '<article class="md-content__inner'
"""Where Material opens the page content; everything up to the last </article> is our generated markup."""

CANARY_MARKUP = (
    '<p id="bf-canary">one</p><p id="bf-canary">two</p>'
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
)
"""Faults put into the content of a copied page: a duplicate id, and theme-like markup the filters must not excuse there."""


@dataclass(frozen=True)
class HtmlError:
    """One error the Nu HTML checker reports, with where it is and whether it lies in the page content."""

    page: str
    line: int
    message: str
    markup: str
    in_content: bool

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.message}\n    {self.markup}"


def theme_reason(error: HtmlError) -> str | None:
    """The reason a theme filter excuses this error, or None; errors in the page content are never excused."""
    if error.in_content:
        return None
    subject = f"{error.message} in {error.markup}"
    return next((reason for pattern, reason in THEME_HTML_ERRORS if re.search(pattern, subject)), None)


def _content_lines(page: Path) -> range:
    """The line numbers of the page content (Material's <article>), which our templates and generator write."""
    html = page.read_text(encoding="utf-8")
    start, end = html.find(CONTENT_START), html.rfind("</article>")
    if start < 0 or end < start:
        return range(0)
    return range(html.count("\n", 0, start) + 1, html.count("\n", 0, end) + 2)


def _run_vnu(pages: list[Path]) -> list[dict[str, Any]]:
    """Check the pages with one run of the Nu HTML checker (the JVM is slow to start) and return its messages."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing; the Nu HTML checker needs it: sudo apt-get install -y default-jre-headless", pytrace=False)
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR.relative_to(ROOT)} is missing; {NODE_TOOLS_HINT}", pytrace=False)
    command = [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--skip-non-html", *map(str, pages)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if run.returncode not in (0, 1) or not run.stdout.strip():  # 1 means "errors found"; anything else is a crash
        pytest.fail(f"the Nu HTML checker failed (exit {run.returncode}):\n{run.stderr or run.stdout}", pytrace=False)
    messages: list[dict[str, Any]] = json.loads(run.stdout)["messages"]
    return messages


def _errors(messages: list[dict[str, Any]], names: dict[Path, str]) -> list[HtmlError]:
    """Turn the checker's error messages into HtmlErrors; warnings and notes are left out."""
    content = {page: _content_lines(page) for page in names}
    errors = []
    for message in messages:
        if message["type"] not in ("error", "non-document-error"):
            continue
        url, line = message.get("url", "?"), int(message.get("lastLine", 0))
        extract, start = message.get("extract", ""), int(message.get("hiliteStart", 0))
        markup = " ".join(extract[start : start + int(message.get("hiliteLength", len(extract)))].split())
        page = Path(unquote(urlparse(url).path))
        # An error the checker places on no known page counts as ours: only the theme's markup is ever excused.
        in_content = page not in content or line in content[page]
        errors.append(HtmlError(names.get(page, url), line, message["message"], markup, in_content))
    return errors


@pytest.fixture(scope="session")
def html_errors(real_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[HtmlError]]:
    """The checker's errors for every page of the real briefing ("site") and for the canary page ("canary")."""
    canary = tmp_path_factory.mktemp("vnu-canary") / "canary.html"
    home = (real_site / "index.html").read_text(encoding="utf-8")
    at = home.index(">", home.index(CONTENT_START)) + 1
    canary.write_text(home[:at] + "\n" + CANARY_MARKUP + "\n" + home[at:], encoding="utf-8")
    site_pages = sorted(real_site.rglob("*.html"))
    assert len(site_pages) > 10, f"only {len(site_pages)} pages in {real_site}"
    names = {page.resolve(): page.relative_to(real_site).as_posix() for page in site_pages} | {canary.resolve(): "canary.html"}
    errors = _errors(_run_vnu(list(names)), names)
    return {
        "site": [error for error in errors if error.page != "canary.html"],
        "canary": [error for error in errors if error.page == "canary.html"],
    }


def test_generated_pages_validate_as_html(html_errors: dict[str, list[HtmlError]]) -> None:
    problems = [error for error in html_errors["site"] if theme_reason(error) is None]
    assert problems == [], f"{len(problems)} HTML errors in the generated pages:\n" + "\n".join(map(str, problems))


def test_every_html_filter_still_excuses_a_theme_error(html_errors: dict[str, list[HtmlError]]) -> None:
    excused = {theme_reason(error) for error in html_errors["site"]}
    stale = [reason for _, reason in THEME_HTML_ERRORS if reason not in excused]
    assert stale == [], "these theme filters match nothing any more; remove them:\n" + "\n".join(stale)


def test_html_check_reports_errors_in_our_content(html_errors: dict[str, list[HtmlError]]) -> None:
    canary = html_errors["canary"]
    assert any("Duplicate ID “bf-canary”" in error.message for error in canary), canary
    in_content = [error for error in canary if "autocomplete" in error.message and error.in_content]
    assert in_content, "the canary's theme-like input in the page content was not reported"
    assert all(theme_reason(error) is None for error in in_content), "a theme filter excused an error in the page content"


# axe-core in headless Chromium. The pages' Content-Security-Policy allows only the site's own
# scripts, so axe is served as if it were one of them (a same-origin URL answered by Playwright)
# instead of turning the policy off: the pages are checked with their real policy in force.
AXE_URL = "__axe-core__/axe.min.js"


@pytest.fixture
def axe_page(browser: Any, real_site: Path, serve_site: Callable[[Path], str], request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page in a context with the requested colour scheme, which can load axe-core from the site's own origin."""
    yield from _axe_tab(browser, serve_site(real_site), request.param)


@pytest.fixture
def printed_axe_page(browser: Any, printed: Path, serve_site: Callable[[Path], str], request: pytest.FixtureRequest) -> Iterator[Any]:
    """Like axe_page, on the site built with its PDF (whose home page has the download button)."""
    yield from _axe_tab(browser, serve_site(printed.parent), request.param)


def _axe_tab(browser: Any, base: str, scheme: str) -> Iterator[Any]:
    """Open a tab on `base` in `scheme` that answers AXE_URL with axe-core; close it afterwards."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS.relative_to(ROOT)} is missing; {NODE_TOOLS_HINT}", pytrace=False)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    tab = context.new_page()
    tab.base, tab.scheme = base, scheme
    tab.route(f"**/{AXE_URL}", lambda route: route.fulfill(path=str(AXE_JS), content_type="text/javascript"))
    yield tab
    context.close()


def _run_axe(tab: Any, path: str, extra_markup: str = "") -> list[dict[str, Any]]:
    """Open a page as it first paints (charts as drawn at build time), add extra_markup to its content, run axe-core."""
    tab.goto(tab.base + path)
    tab.wait_for_load_state("load")
    if extra_markup:
        tab.locator("article.md-content__inner").evaluate("(article, html) => article.insertAdjacentHTML('afterbegin', html)", extra_markup)
    tab.add_script_tag(url=tab.base + AXE_URL)
    violations: list[dict[str, Any]] = tab.evaluate(
        """async () => {
            const result = await axe.run(document, { resultTypes: ["violations"] });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({
                    target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary,
                    in_content: !!document.querySelector(n.target.join(" "))?.closest(".md-content"),
                })),
            }));
        }"""
    )
    return violations


def _serious_problems(violations: list[dict[str, Any]]) -> list[str]:
    """Serious and critical violations, one line per element, except the theme's own listed in THEME_AXE_VIOLATIONS."""
    excused = {(rule, target) for rule, target, _ in THEME_AXE_VIOLATIONS}
    return [
        f"{v['impact']} {v['id']} ({v['help']}) at {node['target']}: {node['html']}\n    {node['summary']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
        for node in v["nodes"]
        if node["in_content"] or (v["id"], node["target"]) not in excused
    ]


@pytest.mark.parametrize("axe_page", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("path", AXE_PAGES)
def test_no_serious_accessibility_violations(axe_page: Any, path: str) -> None:
    violations = _run_axe(axe_page, path)
    material_scheme = {"light": "default", "dark": "slate"}[axe_page.scheme]
    assert axe_page.locator("body").get_attribute("data-md-color-scheme") == material_scheme
    problems = _serious_problems(violations)
    assert problems == [], f"axe-core on /{path}:\n" + "\n".join(problems)


@pytest.mark.parametrize("printed_axe_page", ["light", "dark"], indirect=True)
def test_home_with_the_pdf_download_button_passes_axe(printed_axe_page: Any) -> None:
    violations = _run_axe(printed_axe_page, "")
    assert printed_axe_page.locator(".bf-downloads .md-button").inner_text() == "Download the PDF briefing"
    first_screen = printed_axe_page.locator(".bf-way-in a[href='briefing.pdf']")
    assert first_screen.inner_text() == "The PDF briefing" and first_screen.bounding_box()["y"] < 800  # on the first screen
    problems = _serious_problems(violations)
    assert problems == [], "axe-core on the home page with the PDF link:\n" + "\n".join(problems)


@pytest.mark.parametrize("axe_page", ["light"], indirect=True)
def test_accessibility_check_reports_violations_in_our_content(axe_page: Any) -> None:
    canary = '<button class="bf-canary-button"></button><div class="md-search" role="dialog"></div>'
    problems = _serious_problems(_run_axe(axe_page, "", canary))
    assert any("button-name" in problem and "bf-canary-button" in problem for problem in problems), problems
    ours = [problem for problem in problems if "aria-dialog-name" in problem and '<div class="md-search" role="dialog">' in problem]
    assert ours, "a theme exception excused a violation in our content"
