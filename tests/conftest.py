"""Shared fixtures: the project, copies of content to break, real builds and a real Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import PDF_NAME, build
from generator.content.validate import check_content
from generator.errors import ContentError
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite the golden files from the current output")


@pytest.fixture(scope="session", autouse=True)
def private_cache_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the generator's between-runs caches in a folder of this test run, not the user's ~/.cache."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def make_project(tmp_path: Path, content: Path = TINY) -> Project:
    """A project in tmp_path with copies of the repo's templates and mkdocs.yml and of `content`."""
    shutil.copytree(content, tmp_path / "content")
    for name in ("templates", "mkdocs.yml"):
        target = tmp_path / name
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target)
        else:
            shutil.copy(ROOT / name, target)
    return Project.at(tmp_path)


@pytest.fixture
def tiny(tmp_path: Path) -> Project:
    """A fresh copy of the tiny fixture briefing, safe to break."""
    return make_project(tmp_path)


@pytest.fixture
def seed_copy(tmp_path: Path) -> Project:
    """A fresh copy of the real briefing's content, safe to break."""
    return make_project(tmp_path, ROOT / "content")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real briefing, built once with strict MkDocs into a temp dir."""
    project = make_project(tmp_path_factory.mktemp("real"), ROOT / "content")
    build(project, strict=True)
    return project.site_dir


@pytest.fixture(scope="session")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real briefing printed once, A4, with a fixed creation date."""
    project = make_project(tmp_path_factory.mktemp("pdf"), ROOT / "content")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1755648000")  # 2025-08-20 00:00 UTC
        build(project, paper="a4")
    return project.site_dir / PDF_NAME


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny fixture briefing, built once with strict MkDocs into a temp dir."""
    project = make_project(tmp_path_factory.mktemp("tiny"))
    build(project, strict=True)
    return project.site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def serve_site() -> Iterator[object]:
    """Serve a folder on 127.0.0.1 under a sub-path, as GitHub Pages serves project sites; returns the base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(site: Path, mount: str = "/briefing/") -> str:
        root = Path(tempfile.mkdtemp(prefix="serve-"))
        (root / mount.strip("/")).symlink_to(site, target_is_directory=True)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}{mount}"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Debian's Chromium driven by Playwright, with HOME and XDG folders in a temp dir."""
    home = tmp_path_factory.mktemp("chromium-home")
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"):
        os.environ[var] = str(home)
    from playwright.sync_api import sync_playwright

    from generator.print.pdf import CHROMIUM_ARGS, find_browser

    executable = find_browser()  # $BRIEFING_BROWSER or the first Chromium-family browser; says how to install one

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def site_tab(browser: Any, real_site: Path, serve_site: Any) -> Iterator[Any]:
    """A fresh page of the real site (under /briefing/) that fails the test on a console error or a request to another host."""
    base = serve_site(real_site)
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.errors, tab.requests = [], []
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.on("request", lambda req: tab.requests.append(req.url))
    tab.base = base
    yield tab
    origin = base.split("/briefing/")[0]
    assert tab.errors == [], tab.errors
    assert [url for url in tab.requests if not url.startswith(origin)] == []
    tab.close()


def edit_content(project: Project, name: str, old: str, new: str) -> None:
    """Replace the first `old` in a content file with `new`; fail if the fixture no longer holds it."""
    path = project.content_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def content_problems(project: Project) -> list[str]:
    """The messages of the content errors that validating the project raises."""
    with pytest.raises(ContentError) as caught:
        check_content(project)
    return [str(p) for p in caught.value.problems]


def reach_for_charts(tab: Any) -> None:
    """Point at every chart of the open page, as a reader does, and wait until Plotly has redrawn each one."""
    for plot in tab.locator(".bf-chart-plot").all():
        plot.scroll_into_view_if_needed()
        plot.hover()
    tab.wait_for_function("() => [...document.querySelectorAll('.bf-chart-plot')].every(el => el.querySelector('.main-svg'))")
