"""A scripted analyst curates the seed's first 12 stances through the workbench, counting every step and keystroke.

    .venv/bin/python bench/curation.py

It copies the project to a temp folder, removes the first 12 stances from stances.yaml,
starts the real preview (`python -m generator serve`) and drives the workbench in Debian's
Chromium as an analyst would: select the quote in its paragraph, press Stance, pick the actor,
question and position, type what only a person can write (summary, translation, option,
attribution words, date), press Save; a second citation goes through Evidence. It counts the
actions (selections, clicks, choices in lists) and the characters typed, checks that the 12
records written are the originals (same data) and that `make check` passes, and compares with
typing the same 12 records in an editor (every character of their YAML, comments left out).

Then it measures the time from pressing Save to the saved record on the preview's page, as a
second Chromium tab on that page shows it after the preview's own reload (5 saves, median).
Counted, not timed: the step counts are exact; only the save-to-visible figure is a time.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROOT = Path(__file__).resolve().parent.parent
COUNT = 12
SELECT_JS = (ROOT / "tests" / "select_words.js").read_text(encoding="utf-8")
"""Selects words in a paragraph as a mouse would (shared with tests/test_workbench.py)."""


class Analyst:
    """Drives the workbench tab and counts what a person would do: actions (select, click, choose) and characters typed."""

    def __init__(self, tab: Any) -> None:
        self.tab, self.actions, self.keys = tab, 0, 0

    def select(self, source: str, paragraph: int, words: str) -> None:
        self.tab.evaluate(SELECT_JS, [source, paragraph, words, 0])
        self.tab.wait_for_function("w => document.querySelector('#sel-quote').textContent === w", arg=words)
        self.actions += 1

    def click(self, selector: str) -> None:
        self.tab.click(selector)
        self.actions += 1

    def choose(self, selector: str, value: str | list[str]) -> None:
        self.tab.select_option(selector, value)
        self.actions += len(value) if isinstance(value, list) else 1

    def type(self, selector: str, text: str | None) -> None:
        if text:
            self.tab.fill(selector, text)
            self.keys += len(text)

    def save(self) -> None:
        before = self.tab.locator("#outcome").inner_text()
        self.click("#save")
        self.tab.wait_for_function("b => document.querySelector('#outcome').innerText !== b", arg=before)
        said = self.tab.locator("#outcome").inner_text()
        if not said.startswith("Saved"):
            raise SystemExit(f"the workbench refused a save:\n{said}")


def curate_stance(analyst: Analyst, stance: dict[str, Any]) -> None:
    """Make one stance as an analyst would, its first citation by selection, the others through Evidence."""
    first, *more = stance["evidence"]
    analyst.select(first["source"], first["paragraph"], first["quote"])
    analyst.click(".make button[data-kind=stance]")
    analyst.choose("#f-actor", stance["actor"])
    analyst.choose("#f-topic", stance["topic"])
    analyst.choose("#f-position", stance["position"])
    analyst.type("#f-option", stance.get("option"))
    analyst.type("#f-translation", first.get("translation"))
    analyst.type("#f-summary", stance["summary"])
    reported = stance["reported_by"]
    if reported["kind"] != "actor":
        analyst.choose("#f-reported_kind", reported["kind"])
    if reported.get("actor"):
        analyst.choose("#f-reported_actor", reported["actor"])
    analyst.type("#f-reported_note", reported.get("note"))
    if stance.get("joint_with"):
        analyst.choose("#f-joint_with", stance["joint_with"])
    analyst.type("#f-date", stance.get("date"))
    analyst.save()
    for citation in more:
        index = len(_records(analyst.stances_file)) - 1  # type: ignore[attr-defined]
        analyst.select(citation["source"], citation["paragraph"], citation["quote"])
        analyst.click(".make button[data-kind=evidence]")
        analyst.choose("#f-target", f"stances.yaml#{index}")
        analyst.type("#f-translation", citation.get("translation"))
        if citation.get("reported_by"):
            analyst.choose("#f-cite_kind", citation["reported_by"]["kind"])
            if citation["reported_by"].get("actor"):
                analyst.choose("#f-cite_actor", citation["reported_by"]["actor"])
            analyst.type("#f-cite_note", citation["reported_by"].get("note"))
        analyst.save()


def _records(path: Path) -> list[Any]:
    return list(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")))


def _unordered(stance: dict[str, Any]) -> dict[str, Any]:
    """A stance with its joint actors as a set: a list box gives them in actors.yaml's order, not as first typed."""
    return stance | {"joint_with": set(stance.get("joint_with", []))}


def typed_cost(text: str) -> tuple[int, int, int]:
    """Keystrokes to type the records' YAML: every character; without leading spaces (an editor indents); quotes pasted."""
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    every = sum(len(line) + 1 for line in lines)
    unindented = sum(len(line.lstrip(" ")) + 1 for line in lines)
    return every, unindented, len(lines)


def without_first(text: str, count: int) -> tuple[str, str]:
    """The file's text with its first `count` records cut out, and the cut text."""
    starts = [match.start() for match in re.finditer(r"^- ", text, re.MULTILINE)]
    cut_from, cut_to = starts[0], starts[count]
    return text[:cut_from] + text[cut_to:], text[cut_from:cut_to]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def save_to_visible(tab: Any, viewer: Any, url: str, runs: int = 5) -> list[tuple[float, float]]:
    """Seconds from Save on a new stance to the form saying it is written, and to its summary on the actor page in another tab."""
    seconds = []
    viewer.goto(url + "actors/donald-trump/")
    for run in range(runs):
        summary = f"Bench stance number {run + 1} for the save-to-visible time."
        tab.evaluate(SELECT_JS, ["afp-2025-08-20-nato-ukraine", 4, "Mardi, M. Trump s'est dit prêt", 0])
        tab.click(".make button[data-kind=stance]")
        tab.select_option("#f-actor", "donald-trump")
        tab.select_option("#f-topic", "us-air-support")
        tab.select_option("#f-position", "supports")
        tab.fill("#f-option", f"bench option {run + 1}")
        tab.fill("#f-translation", "On Tuesday, Mr Trump said he was ready")
        tab.fill("#f-summary", summary)
        before = tab.locator("#outcome").inner_text()
        start = time.perf_counter()
        tab.click("#save")
        tab.wait_for_function("b => document.querySelector('#outcome').innerText !== b", arg=before)
        written = time.perf_counter() - start
        viewer.wait_for_function("s => document.body && document.body.innerText.includes(s)", arg=summary, timeout=60_000)
        seconds.append((written, time.perf_counter() - start))
    return seconds


def hand_save_to_visible(stances_file: Path, viewer: Any, url: str, runs: int = 5) -> list[float]:
    """The same kind of stance appended by an editor's save instead (no check first): seconds to its summary on the page."""
    from generator.commands.workbench.writer import dump_block

    seconds = []
    viewer.goto(url + "actors/donald-trump/")
    for run in range(runs):
        summary = f"Hand-typed stance number {run + 1} for the save-to-visible time."
        record = {
            "actor": "donald-trump",
            "topic": "us-air-support",
            "position": "supports",
            "option": f"hand option {run + 1}",
            "summary": summary,
            "evidence": [
                {
                    "source": "afp-2025-08-20-nato-ukraine",
                    "paragraph": 4,
                    "quote": "Mardi, M. Trump s'est dit prêt",
                    "translation": "On Tuesday",
                }
            ],
            "reported_by": {"kind": "actor"},
        }
        text = stances_file.read_text(encoding="utf-8") + "\n" + dump_block(record, 0)
        start = time.perf_counter()
        stances_file.write_text(text, encoding="utf-8")
        viewer.wait_for_function("s => document.body && document.body.innerText.includes(s)", arg=summary, timeout=60_000)
        seconds.append(time.perf_counter() - start)
    return seconds


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("content", "templates", "mkdocs.yml"):
            (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, folder / name)
        stances_file = folder / "content" / "stances.yaml"
        originals = _records(stances_file)[:COUNT]
        rest, cut = without_first(stances_file.read_text(encoding="utf-8"), COUNT)
        stances_file.write_text(rest, encoding="utf-8")
        for var in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
            os.environ[var] = tmp
        port = _free_port()
        env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": tmp}
        serve = [sys.executable, "-m", "generator", "--root", tmp, "serve", "--dev-addr", f"127.0.0.1:{port}"]
        preview = subprocess.Popen(serve, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}/"
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
                tab = browser.new_page(viewport={"width": 1280, "height": 900})
                for _ in range(200):
                    try:
                        tab.goto(url + "_curate/")
                        break
                    except Exception:
                        time.sleep(0.1)
                tab.wait_for_selector(".para")
                analyst = Analyst(tab)
                analyst.stances_file = stances_file  # type: ignore[attr-defined]
                for stance in originals:
                    curate_stance(analyst, stance)
                remade = _records(stances_file)[-COUNT:]
                same = sum(a == b for a, b in zip(remade, originals, strict=True))
                alike = sum(_unordered(a) == _unordered(b) for a, b in zip(remade, originals, strict=True))
                check = subprocess.run(
                    [sys.executable, "-m", "generator", "--root", tmp, "check"], cwd=ROOT, env=env, capture_output=True, text=True
                )
                times = save_to_visible(tab, browser.new_page(), url)
                by_hand = hand_save_to_visible(stances_file, browser.new_page(), url)
                browser.close()
        finally:
            preview.terminate()
            preview.wait(timeout=10)
    every, unindented, lines = typed_cost(cut)
    quotes = sum(len(c["quote"]) for s in originals for c in s["evidence"])
    citations = sum(len(s["evidence"]) for s in originals)
    workbench = analyst.actions + analyst.keys
    print(f"the seed's first {COUNT} stances ({citations} citations), remade through the workbench:")
    print(f"  {same} of {COUNT} identical to the originals, {alike} of {COUNT} once joint_with is read as a set")
    print(f"make check afterwards: {'passes' if check.returncode == 0 else 'FAILS'} ({check.stdout.strip() or check.stderr.strip()[:200]})")
    print(f"workbench: {analyst.actions} actions (selections, clicks, choices) + {analyst.keys} characters typed = {workbench}")
    print(f"typed in an editor: {every} keystrokes over {lines} lines ({unindented} if the editor indents)")
    print(f"  with each quote pasted from the source (4 actions each) instead of typed: {unindented - quotes + 4 * citations}")
    figures_by_name = (
        ("save to written (checked, written, the form's state reloaded)", [t[0] for t in times]),
        ("save to visible (second tab on the actor page)", [t[1] for t in times]),
        ("an editor's save of the same record to visible (no check first)", by_hand),
    )
    for name, figures in figures_by_name:
        print(f"{name}, {len(figures)} saves: median {statistics.median(figures):.2f} s, min {min(figures):.2f}, max {max(figures):.2f}")


if __name__ == "__main__":
    main()
