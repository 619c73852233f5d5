"""The live preview (`make serve`) as an editor uses it: a real server, real saves, what Chromium shows."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.commands.preview import overlay_html
from generator.errors import Problem
from generator.project import Project

ROOT = Path(__file__).parent.parent
OVERLAY = "#preview-problems"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _homes() -> dict[str, str]:
    """The test run's HOME and cache folder, so the preview's caches stay out of the user's own."""
    return {name: os.environ[name] for name in ("HOME", "XDG_CACHE_HOME") if name in os.environ}


class Preview:
    """A running `python -m generator serve` and every line it printed."""

    def __init__(self, project: Project, env: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(project.root), "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project.root,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", **_homes(), **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for_line(self, pattern: str, count: int = 1, seconds: float = 30) -> None:
        """Wait until `count` printed lines match `pattern`."""
        deadline = time.monotonic() + seconds
        while sum(bool(re.search(pattern, line)) for line in self.lines) < count:
            assert self.process.poll() is None, "the preview stopped:\n" + "\n".join(self.lines)
            assert time.monotonic() < deadline, f"no line matching {pattern!r}:\n" + "\n".join(self.lines)
            time.sleep(0.1)


@pytest.fixture
def start_preview() -> Iterator[Callable[[Project], Preview]]:
    started: list[Preview] = []

    def start(project: Project, env: dict[str, str] | None = None) -> Preview:
        preview = Preview(project, env)
        started.append(preview)
        return preview

    yield start
    for preview in started:
        preview.process.terminate()
        preview.process.wait(timeout=10)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(tab: Any) -> list[str]:
    """The problems the overlay lists, as the reader sees them."""
    tab.wait_for_selector(OVERLAY, timeout=30_000)
    return [str(text) for text in tab.locator(f"{OVERLAY} li").all_inner_texts()]


def _shows_page(tab: Any, text: str) -> None:
    """Wait until the tab, reloaded by the preview itself, shows the real page with `text` and no overlay."""
    tab.wait_for_selector(OVERLAY, state="detached", timeout=30_000)
    tab.wait_for_function("t => document.body !== null && document.body.innerText.includes(t)", arg=text, timeout=30_000)


def test_preview_survives_bad_content_at_start_and_at_every_save(tiny: Project, browser: Any, start_preview: Any) -> None:
    actors = tiny.content_dir / "actors.yaml"
    _edit(actors, "description: A minister who backs the deal.", "description: A minister who: backs the deal.")
    preview = start_preview(tiny)
    preview.wait_for_line(r"problem in the content, shown in the browser \(\d+\.\d\d s\)$")
    tab = browser.new_page()
    tab.goto(preview.url + "actors/alpha/")

    # 1. Broken from the start: the overlay names the file, line, column, rule and fix.
    assert _problems(tab) == [
        "content/actors.yaml:6:30 [yaml-syntax] this value holds ': ', which YAML reads as the start of another key"
        " (the YAML parser: mapping values are not allowed here)\n"
        'fix: put the whole value in quotes ("…"), or write it on the next lines after >-'
    ]

    # 2. A good save: the same tab reloads by itself to the real page.
    _edit(actors, "who: backs the deal", "who backs the deal")
    _shows_page(tab, "A minister who backs the deal.")

    # 3. Every kind of bad save brings the overlay back over the last good page; each fix takes it away.
    stances = tiny.content_dir / "stances.yaml"
    template = tiny.templates_dir / "pages" / "actor.md.j2"
    bad_saves: list[tuple[Path, str, str, str]] = [
        (stances, "topic: quota-deal", "topic: quota-dael", "content/stances.yaml:2:10 stances[0].topic [unknown-id]"),
        (actors, "kind: person", "kind: persona", "content/actors.yaml:3:9 actors[0].kind [enum] Input should be 'person'"),
        (actors, "  role: Minister\n", "  role: Minister\n  rank: 3\n", "content/actors.yaml:5:3 actors[0].rank [extra-forbidden]"),
        (template, "# {{ actor.name | md }}", "# {{ actor.name | md }} {{ oops", "templates/pages/actor.md.j2:"),
    ]
    for path, good, bad, expected in bad_saves:
        _edit(path, good, bad)
        shown = _problems(tab)
        assert any(line.startswith(expected) for line in shown), shown
        assert "Minister Alpha" in tab.locator("h1").first.inner_text() or tab.locator("h1").count() > 1  # the last good page stays
        _edit(path, bad, good)
        _shows_page(tab, "A minister who backs the deal.")

    # 4. Saves that leave no readable file: deleted, not UTF-8, empty.
    original = actors.read_bytes()
    for broken in (None, b"\xff\xfe- id: alpha\n", b""):
        if broken is None:
            actors.unlink()
        else:
            actors.write_bytes(broken)
        assert any(line.startswith("content/actors.yaml:1:1") for line in _problems(tab))
        actors.write_bytes(original)
        _shows_page(tab, "A minister who backs the deal.")

    # 5. A good edit shows at once; the terminal printed the address once and one line per rebuild.
    _edit(actors, "who backs the deal", "who now hesitates")
    _shows_page(tab, "A minister who now hesitates.")
    assert preview.process.poll() is None
    assert sum(preview.url in line for line in preview.lines) == 1
    assert not [line for line in preview.lines if "Traceback" in line]
    outcomes = [line for line in preview.lines if re.match(r"\d\d:\d\d:\d\d ", line)]
    assert all(re.search(r"(pages|\)) in \d+\.\d\d s$|shown in the browser \(\d+\.\d\d s\)$", line) for line in outcomes), outcomes
    tab.close()


def test_a_save_during_the_first_build_is_not_lost(tiny: Project, start_preview: Any) -> None:
    preview = start_preview(tiny)
    preview.wait_for_line(r"^preview of ")  # printed before the first build starts
    _edit(tiny.content_dir / "actors.yaml", "who rejects the deal", "who now rejects the deal")
    preview.wait_for_line(r"full build: 14 of 14 pages in")
    # What the editor is owed: the served page shows the saved text, whether the first build read the
    # file before or after the save (the rebuild count after it depends on which, so it is not asserted).
    deadline = time.monotonic() + 60
    while "who now rejects the deal" not in _served(preview.url + "actors/beta/"):
        assert time.monotonic() < deadline, "the save was lost:\n" + "\n".join(preview.lines)
        time.sleep(0.2)


def _served(url: str) -> str:
    """The page the preview serves at `url` now."""
    with urllib.request.urlopen(url, timeout=60) as response:
        return str(response.read().decode())


def test_preview_rebuilds_only_the_pages_that_changed(tiny: Project, start_preview: Any) -> None:
    preview = start_preview(tiny)
    preview.wait_for_line(r"full build: 14 of 14 pages in")
    _edit(tiny.content_dir / "actors.yaml", "who rejects the deal", "who now rejects the deal")
    preview.wait_for_line(r"rebuilt: [1-9] of 14 pages in")
    # A new title changes the navigation of every page: the preview rebuilds them all.
    _edit(tiny.content_dir / "actors.yaml", "name: Minister Beta", "name: Minister Gamma")
    preview.wait_for_line(r"full build: 14 of 14 pages in", count=2)


def test_a_reload_fetches_the_page_but_keeps_the_theme_files(tiny: Project, start_preview: Any) -> None:
    # Material's files are named by their content's hash; the page and the project's own files are not.
    preview = start_preview(tiny)
    preview.wait_for_line(r"full build: 14 of 14 pages in")
    with urllib.request.urlopen(preview.url) as response:
        page = response.read().decode()
        assert response.headers["Cache-Control"] is None
    bundle = re.search(r'src="([^"]*assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js)"', page)
    assert bundle is not None
    cached = {preview.url + bundle.group(1).lstrip("./"): "max-age=86400, immutable", preview.url + "briefing.css": None}
    for url, expected in cached.items():
        with urllib.request.urlopen(url) as response:
            assert response.headers["Cache-Control"] == expected, url


def test_overlay_shows_content_as_text() -> None:
    problem = Problem("content/actors.yaml", 3, 5, "actors[0].name", "rule", "<script>alert(1)</script>", "use <b>")
    html = overlay_html([problem])
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "use &lt;b&gt;" in html


def test_preview_hears_saves_from_inotify_not_polling(tiny: Project, tmp_path: Path) -> None:
    from generator.commands.preview import Previewer, PreviewServer

    server = PreviewServer(Previewer(tiny, tmp_path / "preview", "http://127.0.0.1:0/"), "127.0.0.1", 0)
    try:
        assert type(server.observer).__name__ == "InotifyObserver"  # MkDocs's own server polls every 0.5 s
    finally:
        server.server_close()
