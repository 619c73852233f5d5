"""Pages taken from the render memo are byte for byte the pages rendering would give: after random edits
of the content, the catalogue's language and the templates, on the seed and on synthetic content, a
plan with a warm memo (in the process, or from the cache folder as a new process finds it) equals a
plan rendered from scratch; and an edit re-renders only the pages that read what it changed."""

from __future__ import annotations

import random
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, TINY, make_project

from generator.build import PDF_NAME, plan
from generator.project import Project
from generator.site.pages import SitePlan
from generator.site.pages.memo import RenderMemo

sys.path.insert(0, str(ROOT / "bench"))

OTHER_POSITION = {"supports": "opposes", "opposes": "undecided", "undecided": "supports", "conditional": "supports", "proposes": "opposes"}


def _edit(path: Path, pattern: str, replace: Callable[[re.Match[str]], str], rng: random.Random) -> None:
    """Replace one match of `pattern` in a file, chosen at random (the test fails if there is none)."""
    text = path.read_text(encoding="utf-8")
    matches = list(re.finditer(pattern, text, flags=re.MULTILINE))
    assert matches, f"{path.name} holds no {pattern!r}"
    match = rng.choice(matches)
    path.write_text(text[: match.start()] + replace(match) + text[match.end() :], encoding="utf-8")


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _drop_unreferenced(path: Path, rng: random.Random) -> None:
    """Delete a record of a YAML list file that no other record names."""
    text = path.read_text(encoding="utf-8")
    others = "".join(p.read_text(encoding="utf-8") for p in path.parent.glob("*.yaml") if p != path)
    blocks = list(re.finditer(r"(?ms)^- id: (\S+)\n.*?(?=^- |\Z)", text))
    loose = [block for block in blocks if block[1] not in others and text.count(block[1]) == 1]
    assert loose, f"every record of {path.name} is named elsewhere"
    block = rng.choice(loose)
    path.write_text(text[: block.start()] + text[block.end() :], encoding="utf-8")


def _language(content: Path) -> None:
    """Switch the briefing to French: every word of the interface changes."""
    briefing = content / "briefing.yaml"
    text = briefing.read_text(encoding="utf-8")
    if re.search(r"(?m)^language: ", text):
        text = re.sub(r"(?m)^language: \S+$", "language: fr", text)
    else:
        text += "language: fr\n"
    briefing.write_text(text, encoding="utf-8")


def _edits(project: Project, rng: random.Random) -> list[tuple[str, Callable[[], None]]]:
    """The edits a curator (or a developer) makes, on the project's files."""
    content, templates = project.content_dir, project.templates_dir
    stances, actors = content / "stances.yaml", content / "actors.yaml"
    return [
        ("a stance's position", lambda: _edit(stances, r"(?<=^  position: )\w+$", lambda m: OTHER_POSITION[m[0]], rng)),
        ("an actor's name", lambda: _edit(actors, r"(?<=^  name: ).+$", lambda m: m[0] + " Jr", rng)),
        ("a question's title", lambda: _edit(content / "topics.yaml", r"(?<=^  title: ).+$", lambda m: m[0] + " (revised)", rng)),
        ("a stance's summary", lambda: _edit(stances, r"(?<=^  summary: )(?!['\">|]).+$", lambda m: "Now " + m[0], rng)),
        ("the actor template", lambda: _edit(templates / "pages" / "actor.md.j2", r"^## .+$", lambda m: m[0] + "\n\nEdited by hand.", rng)),
        ("a partial every stance uses", lambda: _append(templates / "partials" / "strength.html.j2", "{# a comment #}\n")),
        ("a deleted event", lambda: _drop_unreferenced(content / "events.yaml", rng)),
        ("an added actor", lambda: _append(actors, "- id: newcomer\n  name: A Newcomer\n  kind: person\n  description: Added.\n")),
        ("the briefing's language", lambda: _language(content)),
    ]


def _same(memoised: SitePlan, fresh: SitePlan) -> None:
    """Every page's text, every download and the navigation are identical."""
    assert [p.path for p in memoised.pages] == [p.path for p in fresh.pages]
    assert [a.path for a, b in zip(memoised.pages, fresh.pages, strict=True) if a.markdown != b.markdown] == []
    assert memoised.downloads == fresh.downloads
    assert (memoised.nav, memoised.site_name, memoised.unlisted) == (fresh.nav, fresh.site_name, fresh.unlisted)


def _synthetic(tmp_path: Path) -> Project:
    from synthetic import write_content

    project = make_project(tmp_path, TINY)
    shutil.rmtree(project.content_dir)
    write_content(project.content_dir, 1)
    return project


@pytest.mark.parametrize("content", ["seed", "synthetic"])
def test_a_memoised_plan_equals_a_fresh_one_after_every_edit(tmp_path: Path, content: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # this test's own entries only
    project = make_project(tmp_path, ROOT / "content") if content == "seed" else _synthetic(tmp_path)
    rng = random.Random(25)
    memo = RenderMemo(disk=True)
    plan(project, memo=memo, pdf_name=PDF_NAME)
    edits = _edits(project, rng)
    rng.shuffle(edits)
    reused = {}
    for step, (what, edit) in enumerate(edits):
        edit()
        if step % 2:
            memo = RenderMemo(disk=True)  # a new process: the entries come from the cache folder
        memoised = plan(project, memo=memo, pdf_name=PDF_NAME)[1]
        fresh = plan(project, pdf_name=PDF_NAME)[1]  # no memo: every page rendered
        assert len(fresh.rendered) == len(fresh.pages)
        _same(memoised, fresh)
        reused[what] = len(memoised.pages) - len(memoised.rendered)
    assert reused["a question's title"] > 0 and reused["a stance's position"] > 0, reused  # the memo did serve pages
    assert reused["the briefing's language"] == 0, reused  # every word changed: every page rendered


def test_an_edit_re_renders_only_the_pages_that_read_what_it_changed(seed_copy: Project) -> None:
    memo = RenderMemo(disk=False)
    first = plan(seed_copy, memo=memo)[1]
    assert plan(seed_copy, memo=memo)[1].rendered == []  # nothing changed: nothing rendered
    stances = seed_copy.content_dir / "stances.yaml"
    text = stances.read_text(encoding="utf-8")
    summary = re.search(r"(?m)^  summary: (Macron raised Geneva.*)$", text)
    assert summary is not None
    stances.write_text(text.replace(summary[0], "  summary: Macron named Geneva as a possible venue."), encoding="utf-8")
    rendered = plan(seed_copy, memo=memo)[1].rendered
    assert "actors/emmanuel-macron.md" in rendered and "questions/summit-venue.md" in rendered
    assert "actors/keir-starmer.md" not in rendered and "questions/us-ground-troops.md" not in rendered
    assert len(rendered) < len(first.pages) // 2, rendered
    question = seed_copy.templates_dir / "pages" / "question.md.j2"
    question.write_text(question.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    rendered = plan(seed_copy, memo=memo)[1].rendered
    assert rendered and all(path.startswith("questions/") and path != "questions/index.md" for path in rendered), rendered
