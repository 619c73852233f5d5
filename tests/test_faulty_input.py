"""Hostile and faulty input, round 2: cut words, omissions, long values, empty fields, formula cells."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TINY
from conftest import content_problems as _problems
from conftest import edit_content as _edit

from generator.build import build, check_content
from generator.content.load import split_paragraphs
from generator.project import Project

# 2. Quotes start and end on whole words; marked omissions are verified piece by piece.


def test_quote_that_drops_a_prefix_names_the_cut_word(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", 'quote: "« C’est inacceptable »"', "quote: acceptable")
    assert _problems(tiny) == [
        f'{tiny.content_dir}/stances.yaml:22:14: stances[1].evidence[0].quote: [quote-cuts-word] quote "acceptable" cuts the word '
        '"inacceptable" of paragraph 4 of wire-2024-03-05: a quote starts and ends on whole words\n'
        '    fix: quote whole words: "inacceptable"'
    ]


def test_quote_that_ends_inside_a_word_names_it(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", 'quote: "« C’est inacceptable »"', "quote: C'est inaccept")
    (problem,) = _problems(tiny)
    assert '[quote-cuts-word] quote "C\'est inaccept" cuts the word "inacceptable"' in problem
    assert problem.endswith('fix: quote whole words: "C\'est inacceptable"')


def test_marked_omission_checks_each_piece_in_order(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", 'quote: "« C’est inacceptable »"', 'quote: "La ministre Beta […] a-t-elle dit mardi [...] 12 pays"')
    check_content(tiny)  # pieces in order, on whole words: accepted
    _edit(tiny, "stances.yaml", "La ministre Beta […] a-t-elle dit mardi [...] 12 pays", "a-t-elle dit mardi […] La ministre Beta")
    (problem,) = _problems(tiny)
    assert (
        '[quote-not-found] part 2 of 2 of the quote, "La ministre Beta", is not in paragraph 4 of wire-2024-03-05 after part 1;' in problem
    )
    _edit(tiny, "stances.yaml", "a-t-elle dit mardi […] La ministre Beta", "La ministre Beta [...] acceptable")
    (problem,) = _problems(tiny)
    assert '[quote-cuts-word] part 2 of 2 of the quote, "acceptable", cuts the word "inacceptable" of paragraph 4' in problem


def test_omission_mark_is_shown_on_the_site(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", 'quote: "« C’est inacceptable »"', 'quote: "La ministre Beta [...] a-t-elle dit mardi"')
    build(tiny)
    page = (tiny.site_dir / "actors" / "beta" / "index.html").read_text(encoding="utf-8")
    assert 'La ministre Beta <span class="bf-omission" title="words left out">[…]</span> a-t-elle dit mardi' in page
    data = json.loads((tiny.site_dir / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert data["stances"][1]["evidence"][0]["quote"] == "La ministre Beta [...] a-t-elle dit mardi"  # exact text


# 3. A wrong quote in a 1.5 MB paragraph: the error and its closest passage come at once.


def _huge_paragraph(project: Project) -> int:
    words = ["le", "ministre", "a", "dit", "que", "les", "quotas", "sont", "un", "accord", "acceptable"]
    words += ["pour", "les", "pays", "représentés", "à", "Genève"]
    text = " ".join(words[i % len(words)] + str(i % 97) for i in range(200_000))[:1_500_000]
    source = next((project.content_dir / "sources").glob("*.txt"))
    original = source.read_text(encoding="utf-8")
    source.write_text(original + "\n\n" + text + "\n", encoding="utf-8")
    number = len(split_paragraphs(original)) + 1  # the fixture's paragraphs, then the huge one
    _edit(project, "stances.yaml", "paragraph: 4", f"paragraph: {number}")
    _edit(project, "stances.yaml", 'quote: "« C’est inacceptable »"', "quote: les quotas sont un accord inacceptable pour tous")
    return number


def test_wrong_quote_in_a_huge_paragraph_does_not_hang(tiny: Project) -> None:
    number = _huge_paragraph(tiny)
    # Not a speed assertion (BENCHMARKS.md has the figures): the old quadratic search ran for minutes.
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(tiny.root), "check"], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert result.returncode == 2
    assert f'[quote-not-found] quote "les quotas sont un accord inacceptable pour tous" is not in paragraph {number}' in result.stderr
    assert "closest passage: " in result.stderr


def test_many_wrong_quotes_in_a_huge_paragraph_share_one_search_budget(tiny: Project) -> None:
    number = _huge_paragraph(tiny)
    wrong = "".join(
        f"    - source: wire-2024-03-05\n      paragraph: {number}\n      quote: accord{n} pour tous\n      translation: x\n"
        for n in range(8)
    )
    _edit(tiny, "stances.yaml", "  evidence:\n", "  evidence:\n" + wrong)
    problems = _problems(tiny)
    assert len(problems) == 9  # the eight above and the one _huge_paragraph makes
    assert sum("closest passage: " in p for p in problems) == 4  # four 1.5 MB searches fill the budget
    assert sum("closest passage not searched" in p for p in problems) == 5


# 4. A value of 1.5 MB is echoed cut, with an ellipsis and its length.


def test_long_values_are_echoed_cut_with_their_length(tiny: Project) -> None:
    _edit(tiny, "actors.yaml", "- id: beta", "- id: " + "B" * 1_500_000)
    _edit(tiny, "stances.yaml", "quote: qu'il \"soutient l'accord\"", "quote: '" + "x" * 3_000 + "'")
    problems = _problems(tiny)
    assert all(len(problem) < 800 for problem in problems), [len(p) for p in problems]
    assert any(f"at most 64 characters (got '{'B' * 120}…' (1,500,000 characters))" in p for p in problems)
    quote = next(p for p in problems if "[quote-not-found]" in p)
    assert f'quote "{"x" * 200}…" (3,000 characters) is not in paragraph 2' in quote


def test_long_values_in_load_errors_are_cut_too(tiny: Project) -> None:
    _edit(tiny, "sources.yaml", "text_file: ", "text_file: '" + "T" * 1_500_000 + "\\0'\n  published_note: ")
    (problem,) = _problems(tiny)
    assert "[bad-path] text_file '" + "T" * 120 + "…' (1,500,003 characters) cannot be a file name" in problem
    _edit(tiny, "sources.yaml", "'" + "T" * 1_500_000 + "\\0'", "sources/wire.txt")
    _edit(tiny, "topics.yaml", "  title: Quota deal\n", "  title: '" + "Q" * 900_000 + "'\n  title: '" + "R" * 900_000 + "'\n")
    (problem,) = _problems(tiny)
    assert len(problem) < 300 and '[duplicate-key] found duplicate key "title" (first at line 2)' in problem


# 5. Empty values: on their own key's line, in an editor's words, with a fix that fits.


def test_empty_value_is_reported_on_its_own_line_in_plain_words(tiny: Project) -> None:
    _edit(tiny, "actors.yaml", "  name: Minister Alpha\n", "  name:\n")
    _edit(tiny, "actors.yaml", "  role: Minister\n", "  role: ''\n")
    _edit(tiny, "actors.yaml", "  description: A minister who rejects the deal.", "  description:\n    - a list")
    _edit(tiny, "actors.yaml", "  aliases: [Beta, ministre Beta]", "  aliases:")
    problems = _problems(tiny)
    text = "\n".join(problems)
    assert "NoneType" not in text and "CommentedSeq" not in text and "in quotes" not in text
    path = f"{tiny.content_dir}/actors.yaml"
    assert problems == [
        f"{path}:2:3: actors[0].name: [string-type] this field is empty\n    fix: write a value after 'name:'",
        f"{path}:4:9: actors[0].role: [string-too-short] this field is empty\n    fix: write a value after 'role:', or delete the line",
        f"{path}:11:3: actors[1].description: [string-type] expected text, got a list\n"
        "    fix: write the text on the key's line, or under it with >- for long text",
        f"{path}:13:3: actors[1].aliases: [list-type] this field is empty\n"
        "    fix: add at least one item under 'aliases:', each on its own line starting with '- ', or delete the key",
    ]


def test_empty_list_item_and_empty_record(tiny: Project) -> None:
    evidence = "  evidence:\n    - source: wire-2024-03-05\n      paragraph: 2"
    _edit(tiny, "stances.yaml", evidence, evidence.replace("  evidence:\n", "  evidence:\n    -\n"))
    _edit(tiny, "topics.yaml", "- id:", "-\n- id:")
    _edit(tiny, "stances.yaml", "  reported_by:\n    kind: actor\n", "  reported_by:\n")
    problems = _problems(tiny)
    assert any(
        "stances.yaml:25:3: stances[1].reported_by: [model-type] this field is empty\n"
        "    fix: write its keys on the lines below 'reported_by:', indented" in p
        for p in problems
    ), problems
    assert any("stances.yaml:6:6: stances[0].evidence[0]: [model-type] this list item is empty" in p for p in problems), problems
    assert any("topics.yaml:1:2: topics[0]: [model-type] this record is empty" in p for p in problems), problems


# 1. Formula injection: every published CSV cell that a spreadsheet would run is neutralised.

FORMULAS = ['=HYPERLINK("https://example.org","x")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0"]


def test_csv_cells_that_start_a_formula_are_neutralised(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", "summary: Alpha supports the deal.", f"summary: '{FORMULAS[0].replace(chr(39), chr(39) * 2)}'")
    _edit(tiny, "events.yaml", "title: Ministers meet in Geneva", f"title: '{FORMULAS[1]}'")
    _edit(tiny, "events.yaml", "place: Geneva", f"place: '{FORMULAS[2]}'")
    _edit(tiny, "actors.yaml", "  name: Minister Alpha", "  name: '@Alpha'")
    build(tiny)
    stances = list(csv.DictReader(io.StringIO((tiny.site_dir / "data" / "stances.csv").read_text(encoding="utf-8"))))
    events_rows = list(csv.DictReader(io.StringIO((tiny.site_dir / "data" / "events.csv").read_text(encoding="utf-8"))))
    assert stances[0]["summary"] == "'" + FORMULAS[0]
    assert stances[0]["actor"] == "'@Alpha"
    assert any(row["title"] == "'+1+1" for row in events_rows)
    cells = [cell for row in stances + events_rows for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    data = json.loads((tiny.site_dir / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert data["stances"][0]["summary"] == FORMULAS[0]  # the JSON keeps the exact text
    page = (tiny.site_dir / "data" / "index.html").read_text(encoding="utf-8")
    assert "single quote" in page


# 6. A killed build leaves nothing behind for good, and the site never disappears.


def test_next_build_clears_what_a_killed_build_left(seed_copy: Project) -> None:
    root = seed_copy.root
    build(seed_copy)
    stale_old = root / ".site.old-4242"  # what the old two-rename swap left when killed between its renames
    stale_old.mkdir()
    (stale_old / "index.html").write_text("stale", encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "build"], cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while not any(path.is_dir() and any(path.iterdir()) for path in root.glob(".site.new-*")):
            assert child.poll() is None and time.monotonic() < deadline, "the build ended before it could be killed"
            time.sleep(0.01)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert list(root.glob(".site.new-*"))  # the killed build left its scratch folder
    assert (seed_copy.site_dir / "index.html").is_file()
    build(seed_copy)
    assert not list(root.glob(".site.*"))  # no scratch folder, no lock file
    assert (seed_copy.site_dir / "index.html").is_file()


def test_the_site_exists_at_every_step_of_the_swap(tiny: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    build(tiny)
    missing: list[str] = []
    for owner, name in ((os, "rename"), (os, "replace"), (Path, "rename"), (Path, "replace"), (shutil, "move"), (shutil, "rmtree")):
        original = getattr(owner, name)

        def watched(*args: Any, _original: Any = original, _name: str = name, **kwargs: Any) -> Any:
            result = _original(*args, **kwargs)
            if not (tiny.site_dir / "index.html").is_file():
                missing.append(f"{_name}{args}")
            return result

        monkeypatch.setattr(owner, name, watched)
    build(tiny)
    monkeypatch.undo()
    assert missing == []
    assert (tiny.site_dir / "index.html").is_file()


def test_two_builds_at_once_both_succeed_with_the_same_site(tiny: Project, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "generator", "--root", str(tiny.root), "build"]
    children = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [child.communicate(timeout=300) for child in children]
    assert [child.returncode for child in children] == [0, 0], results
    assert not list(tiny.root.glob(".site.new-*")) and not list(tiny.root.glob(".site.old-*"))
    concurrent = _tree(tiny.site_dir)
    build(tiny)
    assert _tree(tiny.site_dir) == concurrent  # byte-identical to a build on its own


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file of a folder by its relative path, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


# 7. make works with folders whose names hold spaces and accents.


def test_make_quotes_folders_with_spaces_and_accents(tmp_path: Path) -> None:
    content, site = tmp_path / "my briefing é", tmp_path / "out dir"
    shutil.copytree(TINY, content)
    env = os.environ | {"CONTENT": str(content), "SITE": str(site)}
    checked = subprocess.run(["make", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stderr
    assert "content OK" in checked.stdout
    built = subprocess.run(["make", "build"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    assert (site / "index.html").is_file() and (site / "data" / "stances.csv").is_file()
