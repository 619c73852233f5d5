"""The editing loop says exactly what to fix: one problem per mistake, the difference marked, every problem at once."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TINY, make_project
from conftest import content_problems as _problems
from conftest import edit_content as _edit
from test_preview import start_preview as start_preview  # the fixture, used by name

from generator.commands.scaffold import NewBriefing, create
from generator.content.word_diff import marked_difference
from generator.project import Project


def test_a_misspelt_required_key_is_one_problem_with_did_you_mean(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", "  position: supports", "  positon: supports")
    assert _problems(tiny) == [
        f"{tiny.content_dir}/stances.yaml:3:3: stances[0].positon: [extra-forbidden] unknown key 'positon'\n"
        "    fix: did you mean 'position'? Rename the key"
    ]


def test_a_misspelt_optional_key_gets_did_you_mean_before_the_accepted_keys(tiny: Project) -> None:
    _edit(tiny, "actors.yaml", "  role: Minister", "  rol: Minister")
    (problem,) = _problems(tiny)
    assert problem.endswith(
        "[extra-forbidden] unknown key 'rol'\n    fix: did you mean 'role'? accepted keys here: id, name, kind, role, "
        + problem.split("kind, role, ")[1]
    )


def test_references_are_checked_in_a_record_with_a_type_error(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", "- actor: alpha", "- actor: alhpa")
    _edit(tiny, "stances.yaml", "  position: supports", "  position: maybe")
    problems = _problems(tiny)
    assert [p.split(": [")[1].split("]")[0] for p in problems] == ["unknown-id", "enum"]
    assert "no actor has the id 'alhpa'\n    fix: did you mean alpha?" in problems[0]


def test_a_quote_not_found_marks_the_words_that_differ() -> None:
    assert marked_difference("the deal cannot be signed", "the deal can not be signed") == "the deal can{+ +}not be signed"
    assert marked_difference("M. Trump a dit", "M. Trump s'est dit") == "M. Trump [-a-]{+s'est+} dit"
    assert marked_difference("tout en excluant des troupes au sol", "tout en excluant des soldats au sol") == (
        "tout en excluant des [-troupes-]{+soldats+} au sol"
    )
    assert marked_difference("x " * 3000, "y") is None  # past the bound the message keeps only the closest passage
    assert marked_difference("entre Moscou et Kiev, qui a exclu", "grande inconnue, alors que ses troupes") is None  # too unlike


def test_a_preview_started_on_broken_content_says_there_is_no_good_build_yet(tiny: Project, start_preview: Any) -> None:
    _edit(tiny, "actors.yaml", "kind: person", "kind: persona")
    preview = start_preview(tiny)
    preview.wait_for_line(r"problem in the content")
    try:
        urllib.request.urlopen(preview.url)
        raise AssertionError("the preview served a page with no good build")
    except urllib.error.HTTPError as error:
        page = error.read().decode()
    assert "There is no good build yet" in page
    assert "last good build" not in page


def _scaffolded(tmp_path: Path) -> Project:
    """A project whose content is what `make new` writes for the tiny fixture's article."""
    project = make_project(tmp_path)
    shutil.rmtree(project.content_dir)
    create(NewBriefing(TINY / "sources" / "wire.txt", project.content_dir, "Ministers split", "fr", "Test Agency", dt.date(2024, 3, 5)))
    return project


def test_make_new_placeholders_fail_check_as_unfinished(tmp_path: Path) -> None:
    project = _scaffolded(tmp_path)
    check = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project.root), "check"], capture_output=True, text=True, cwd=ROOT
    )
    assert check.returncode == 2
    assert check.stderr.count('[unfinished] placeholder "TODO') == 7  # the bottom line's among them
    assert 'briefing.yaml:22:11: briefing.handling: [unfinished] placeholder "TODO: handling line' in check.stderr


def test_the_preview_builds_with_placeholders_and_lists_them_as_a_to_do(tmp_path: Path, start_preview: Any, browser: Any) -> None:
    project = _scaffolded(tmp_path)
    preview = start_preview(project)
    preview.wait_for_line(r"full build: ")
    tab = browser.new_page()
    tab.goto(preview.url)
    todo = tab.locator("#preview-todo")
    assert "To do: 7 placeholders left by make new" in todo.inner_text()
    assert todo.locator("li").nth(0).inner_text().endswith("briefing.subtitle")
    assert tab.locator("#preview-problems").count() == 0
    _edit(project, "briefing.yaml", "TODO: one line under the title", "A subtitle")
    tab.wait_for_function("() => document.querySelector('#preview-todo strong')?.innerText.startsWith('To do: 6 ')", timeout=30_000)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            "  role: Minister\n",
            "  role: Minister\n    rank: 3\n",
            "actors.yaml:5:9: [yaml-syntax] this line is indented more than the key above it",
        ),
        ("      paragraph: 4\n", "      paragraph: 4\n     quote: x\n", "[yaml-syntax] this line is indented less than the key above it"),
        ("  name: Minister Alpha\n", "  name Minister Alpha\n", "actors.yaml:2:3: [yaml-syntax] this line has no ':' after its key"),
        ("  name: Minister Alpha\n", '  name: "Minister Alpha\n', "actors.yaml:2:9: [yaml-syntax] a quote opened here is never closed"),
        (
            "  name: Minister Alpha\n",
            "\tname: Minister Alpha\n",
            "actors.yaml:2:1: [yaml-syntax] a tab indents this line; YAML indents with spaces only",
        ),
        ("[country-x]", "[country-x", "actors.yaml:5:16: [yaml-syntax] a list or mapping opened here with [ or { is not closed"),
    ],
)
def test_yaml_syntax_errors_are_said_in_editor_words_at_their_line(tiny: Project, old: str, new: str, said: str) -> None:
    name = "figures.yaml" if "paragraph" in old else "actors.yaml"
    _edit(tiny, name, old, new)
    (problem,) = _problems(tiny)
    assert said in problem, problem
    assert "(the YAML parser: " in problem  # the parser's own words stay, for searching the web
