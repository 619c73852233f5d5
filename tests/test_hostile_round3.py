"""Hostile and faulty input, round 3: the disk, the caches, the files read, invisible characters, every format."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.project import Project

ROOT = Path(__file__).parent.parent


def run_generator(project: Project, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator` on the project as a user would, with its own temp and cache folders."""
    base = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(project.root)}
    return subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(project.root), *args],
        cwd=project.root,
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    temp, cache = tmp_path / "temp", tmp_path / "cache"
    temp.mkdir()
    cache.mkdir()
    return temp, cache


# Class 5: caches belong to their user.


def test_caches_live_in_the_users_cache_folder_not_the_temp_folder(tiny: Project, tmp_path: Path) -> None:
    temp, cache = _folders(tmp_path)
    done = run_generator(tiny, "build", env={"TMPDIR": str(temp), "XDG_CACHE_HOME": str(cache)})
    assert done.returncode == 0, done.stderr
    assert list(temp.iterdir()) == []
    mine = cache / "briefing-generator"
    assert oct(mine.stat().st_mode & 0o777) == oct(0o700)
    assert list(mine.rglob("*.pickle")) and list(mine.rglob("__briefing_*.cache"))
    assert "warning" not in done.stderr


def _symlinked(cache: Path, tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (cache / "briefing-generator").symlink_to(elsewhere)
    return elsewhere


def _shared(cache: Path, tmp_path: Path) -> Path:
    folder = cache / "briefing-generator"
    folder.mkdir()
    folder.chmod(0o777)
    return folder


def _foreign(cache: Path, tmp_path: Path) -> Path:
    folder = cache / "briefing-generator"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)  # nobody's
    return folder


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (_symlinked, "it is a symbolic link"),
        (_shared, "others can write to it (mode 777; it should be 700)"),
        (_foreign, "it belongs to another user (uid 65534)"),
    ],
    ids=["symlink", "world-writable", "another-owner"],
)
def test_an_untrusted_cache_folder_is_ignored_with_one_warning(tiny: Project, tmp_path: Path, make: object, reason: str) -> None:
    temp, cache = _folders(tmp_path)
    folder = make(cache, tmp_path)  # type: ignore[operator]
    before = folder.lstat()
    done = run_generator(tiny, "build", env={"TMPDIR": str(temp), "XDG_CACHE_HOME": str(cache)})
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: cache folder {cache / 'briefing-generator'} is ignored: {reason}; the build goes on without a cache"]
    after = folder.lstat()
    assert (after.st_mode, after.st_uid) == (before.st_mode, before.st_uid)  # never a permission change on someone's folder
    assert list(folder.iterdir()) == [] and list(temp.iterdir()) == []


def test_a_corrupt_cache_entry_is_ignored_with_one_warning_and_rewritten(tiny: Project, tmp_path: Path) -> None:
    temp, cache = _folders(tmp_path)
    env = {"TMPDIR": str(temp), "XDG_CACHE_HOME": str(cache)}
    assert run_generator(tiny, "build", env=env).returncode == 0
    entries = sorted((cache / "briefing-generator").rglob("*.pickle"))
    for entry in entries:
        entry.write_bytes(b"\x80\x05garbage")
    done = run_generator(tiny, "build", env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("warning:") == 1 and "is unreadable; it is ignored and written again" in done.stderr
    assert all(entry.read_bytes() != b"\x80\x05garbage" for entry in entries)


# Class 2: nothing a user types reaches a shell. Every payload runs in HOME (`cd;`), so anything run leaves a file there.
HOSTILE = 'it\'s "q" $(cd; touch ran-1) `cd; touch ran-2`; cd; touch ran-3; (x) $(shell cd; touch ran-4) $$HOME & | \\ end'


def _make(target: str, home: Path, **values: str) -> subprocess.CompletedProcess[str]:
    """Run `make -s target NAME=value…` in the repository as a user would type it."""
    env = {**os.environ, "HOME": str(home), "LANG": "C.UTF-8", "XDG_CACHE_HOME": str(home / ".cache")}
    args = [f"{name}={value}" for name, value in values.items()]
    return subprocess.run(["make", "-s", target, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def _nothing_ran(home: Path) -> None:
    assert sorted(p.name for p in home.iterdir() if p.name.startswith("ran-")) == []


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def test_make_new_and_add_source_store_hostile_values_as_typed(tmp_path: Path, home: Path) -> None:
    from generator.content.validate import check_content

    article = tmp_path / f"article {HOSTILE.replace('/', '')}.txt"
    article.write_text("A headline of the day\n\nThe minister said it, said the agency.\n", encoding="utf-8")
    folder = tmp_path / f"briefing {HOSTILE}"
    made = _make(
        "new", home, ARTICLE=str(article), DIR=str(folder), LANG="en", SITE_LANG="en", TITLE=HOSTILE, OUTLET=HOSTILE, PUBLISHED="2024-03-05"
    )
    assert made.returncode == 0, made.stderr
    _nothing_ran(home)
    assert f"  check:   CONTENT={shlex.quote(str(folder))} make check" in made.stdout  # safe to paste into a shell
    second = {"TITLE": "Second " + HOSTILE, "OUTLET": "Agency " + HOSTILE, "PUBLISHED": "2024-03-06"}
    added = _make("add-source", home, ARTICLE=str(article), DIR=str(folder), LANG="en", **second)
    assert added.returncode == 0, added.stderr
    _nothing_ran(home)
    sources = check_content(Project.at(ROOT, content=str(folder))).sources
    assert [(s.title, s.outlet) for s in sources] == [(HOSTILE, HOSTILE), ("Second " + HOSTILE, "Agency " + HOSTILE)]


@pytest.mark.parametrize("name", ["LANG", "SITE_LANG", "PUBLISHED"])
def test_make_new_refuses_a_hostile_language_or_date_without_running_it(tmp_path: Path, home: Path, name: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A headline of the day\n\nThe minister said it.\n", encoding="utf-8")
    values = {"ARTICLE": str(article), "DIR": str(tmp_path / "b"), "LANG": "en", "SITE_LANG": "en", "PUBLISHED": "2024-03-05"}
    made = _make("new", home, **{**values, name: HOSTILE})
    assert made.returncode != 0
    assert "Traceback" not in made.stderr
    _nothing_ran(home)


def test_every_content_recipe_takes_a_hostile_folder_name(tiny: Project, tmp_path: Path, home: Path) -> None:
    content = tmp_path / f"content {HOSTILE}"
    shutil.copytree(tiny.content_dir, content)
    site = tmp_path / f"site {HOSTILE}"
    for target, values in [
        ("check", {"CONTENT": str(content)}),
        ("build", {"CONTENT": str(content), "SITE": str(site)}),
        ("edition", {"CONTENT": str(content)}),
        ("edition", {"CONTENT": str(content), "FORCE": HOSTILE}),
        ("edition", {"CONTENT": str(content), "AGAIN": HOSTILE}),
        ("migrate-editions", {"CONTENT": str(content)}),
    ]:
        done = _make(target, home, **values)
        assert done.returncode == 0, f"make {target}: {done.stderr}"
        _nothing_ran(home)
    assert (site / "index.html").is_file()
    assert sorted(p.name for p in (content / "editions").iterdir()) == ["2024-03-05-2.json", "2024-03-05.json"]


def test_make_pdf_refuses_a_hostile_paper_size_without_running_it(home: Path) -> None:
    done = _make("pdf", home, PAPER=HOSTILE)
    assert done.returncode == 2
    assert "invalid choice: " in done.stderr and "(choose from 'a4', 'letter')" in done.stderr
    _nothing_ran(home)


# Class 7: invisible and direction-changing characters cannot deceive a reader.


def _problems(project: Project) -> str:
    from generator.content.validate import check_content
    from generator.errors import ContentError

    with pytest.raises(ContentError) as caught:
        check_content(project)
    return str(caught.value)


def test_a_quote_verifies_against_a_source_with_soft_hyphens_and_zero_width_characters(tiny: Project) -> None:
    from generator.content.validate import check_content

    text = tiny.content_dir / "sources" / "wire.txt"
    source = text.read_text(encoding="utf-8")
    # As copied from a web page: hyphenation hints and zero-width characters inside the quoted words.
    text.write_text(
        source.replace("soutient l'accord", "sou\u00adtient l'ac\u200bcord").replace("inacceptable", "inac\u200dcep\u2060table"),
        encoding="utf-8",
    )
    check_content(tiny)  # both quotes verify: the same normalisation drops them on both sides


def test_a_direction_changing_character_is_refused_with_its_position_and_code_point(tiny: Project) -> None:
    text = tiny.content_dir / "sources" / "wire.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Le vote est", "Le \u202evote est"), encoding="utf-8")
    shown = _problems(tiny)
    assert "sources/wire.txt:9:4: [bidi-control] character U+202E (RIGHT-TO-LEFT OVERRIDE) changes the direction of the text" in shown


def test_an_isolate_hidden_in_a_yaml_comment_is_refused(tiny: Project) -> None:
    actors = tiny.content_dir / "actors.yaml"
    actors.write_text("# note \u2066 hidden\n" + actors.read_text(encoding="utf-8"), encoding="utf-8")
    assert "actors.yaml:1:8: [bidi-control] character U+2066 (LEFT-TO-RIGHT ISOLATE)" in _problems(tiny)


def test_the_closest_passage_names_an_invisible_character_the_quote_lacks(tiny: Project) -> None:
    text = tiny.content_dir / "sources" / "wire.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("soutient l'accord", "soutient l'\u2062accord"), encoding="utf-8")
    # named, and marked as what the source has and the quote lacks (the word diff of the closest passage)
    assert "closest passage: \"qu'il \"soutient l'{+<U+2062 INVISIBLE TIMES>+}accord" in _problems(tiny)


# Class 6: every generated file is valid for its format.


@pytest.mark.parametrize(
    ("typed", "shown"),
    [("\\uFFFF", "U+FFFF (not a character)"), ("\\uFFFE", "U+FFFE (not a character)")],
)
def test_characters_no_xml_may_hold_are_refused_with_their_position(tiny: Project, typed: str, shown: str) -> None:
    briefing = tiny.content_dir / "briefing.yaml"
    text = briefing.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    briefing.write_text(text.replace(title, f'title: "Quotas{typed} deal"'), encoding="utf-8")
    done = run_generator(tiny, "build")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"title: [value-error] Value error, invisible character {shown} at position 7" in done.stderr


def test_a_control_character_in_a_source_text_is_refused_with_its_position(tiny: Project) -> None:
    text = tiny.content_dir / "sources" / "wire.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Le vote est", "Le vote\x0c est"), encoding="utf-8")
    assert "sources/wire.txt:9:8: [control-character] character U+000C cannot be shown" in _problems(tiny)


def test_the_feed_is_well_formed_xml_whatever_the_content_holds(tiny: Project) -> None:
    import xml.etree.ElementTree as ET

    actors = tiny.content_dir / "actors.yaml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace("A minister who rejects", "A <b>&amp; ]]> \U0001f600 minister who rejects"),
        encoding="utf-8",
    )
    assert run_generator(tiny, "edition").returncode == 0
    done = run_generator(tiny, "build")
    assert done.returncode == 0, done.stderr
    ET.parse(tiny.site_dir / "feed.xml")  # raises on a character XML forbids


# Class 3: files the tool reads are bounded and typed.


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _nested(path: Path) -> None:
    path.write_text('{"format": 1,\n "x": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")


def _long_number(path: Path) -> None:
    path.write_text('{"format": 1, "x": ' + "9" * 5000 + "}", encoding="utf-8")


def _infinite_number(path: Path) -> None:
    path.write_text('{"format": 1, "x": 1e400}', encoding="utf-8")


def _huge(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(70_000_000)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_fifo, "editions/2024-03-06.json:1:1: [edition-unreadable] is a FIFO, not a snapshot file"),
        (_device, "editions/2024-03-06.json:1:1: [edition-unreadable] is a device, not a snapshot file"),
        (_nested, "editions/2024-03-06.json:2:"),
        (_long_number, "editions/2024-03-06.json:1:1: [edition-unreadable] holds a number of 5,000 digits (at most 30)"),
        (_infinite_number, "editions/2024-03-06.json:1:1: [edition-unreadable] holds the number 1e400, too large for any figure"),
        (_huge, "editions/2024-03-06.json:1:1: [edition-unreadable] is over 64,000,000 bytes, too large to be a snapshot"),
    ],
    ids=["fifo", "device", "deeply-nested", "long-number", "infinite-number", "huge"],
)
def test_a_hostile_edition_file_is_refused_with_its_name_and_position(tiny: Project, make: object, message: str) -> None:
    (tiny.content_dir / "editions").mkdir()
    make(tiny.content_dir / "editions" / "2024-03-06.json")  # type: ignore[operator]
    for command in ("build", "migrate-editions"):
        done = run_generator(tiny, command)
        assert done.returncode == 2, done.stderr
        assert "Traceback" not in done.stderr
        assert message in done.stderr, done.stderr
    assert not tiny.site_dir.exists()


# Class 4: a full or read-only disk is an error message, not a traceback, and leaves nothing behind.

_SMALL_DISK = """#!/bin/sh
# In a user and mount namespace of its own: a 64 MB disk at $1, seeded from $SEED, then filled or made read-only.
set -e
disk=$1; mode=$2; shift 2
mount -t tmpfs -o size=64m tmpfs "$disk"
if [ -n "$SEED" ]; then cp -r "$SEED"/. "$disk"/; fi
if [ "$mode" = full ]; then dd if=/dev/zero of="$disk/filler" bs=4k 2>/dev/null || true; fi
if [ "$mode" = read-only ]; then mount -o remount,ro "$disk"; fi
exec "$@"
"""


def _on_small_disk(project: Project, tmp_path: Path, mode: str, seed: Path | None, *args: str, env: dict[str, str] | None = None) -> str:
    """Run the generator with a full or read-only disk mounted at tmp_path/disk; return what it printed, then list the disk."""
    script = tmp_path / "small-disk.sh"
    script.write_text(_SMALL_DISK, encoding="utf-8")
    script.chmod(0o755)
    disk = tmp_path / "disk"
    disk.mkdir(exist_ok=True)
    listing = f'echo "rc=$?"; cd "{disk}" && find . -mindepth 1 | sort'
    command = " ".join(shlex.quote(part) for part in [sys.executable, "-m", "generator", "--root", str(project.root), *args])
    base = {
        "PYTHONPATH": str(ROOT),
        "PATH": "/usr/bin:/bin",
        "NO_MKDOCS_2_WARNING": "1",
        "HOME": str(project.root),
        "SEED": str(seed or ""),
    }
    done = subprocess.run(
        ["unshare", "--user", "--map-root-user", "--mount", str(script), str(disk), mode, "sh", "-c", f"{command} 2>&1; {listing}"],
        env={**base, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("full", "No space left on device; free some space, then run again"),
        ("read-only", "Read-only file system; make the folder writable"),
    ],
)
def test_building_onto_a_full_or_read_only_disk_keeps_the_previous_site(tiny: Project, tmp_path: Path, mode: str, message: str) -> None:
    seed = tmp_path / "seed"
    assert run_generator(tiny, "--site", str(seed / "site"), "build").returncode == 0
    before = (seed / "site" / "index.html").read_bytes()
    shown = _on_small_disk(tiny, tmp_path, mode, seed, "--site", str(tmp_path / "disk" / "site"), "build")
    assert "error: cannot write " in shown and message in shown, shown
    assert "rc=1" in shown
    assert not [line for line in shown.splitlines() if line.startswith("./.site.")], shown  # no scratch folder left
    assert "./site/index.html" in shown and before == (seed / "site" / "index.html").read_bytes()


def test_recording_an_edition_on_a_full_disk_leaves_no_empty_file(tiny: Project, tmp_path: Path) -> None:
    shown = _on_small_disk(tiny, tmp_path, "full", tiny.content_dir, "--content", str(tmp_path / "disk"), "edition")
    assert "error: cannot write " in shown and "No space left on device; free some space" in shown, shown
    assert "rc=1" in shown
    assert ".json.tmp" not in shown and "./editions/" not in shown, shown


def test_a_cache_that_cannot_be_written_costs_only_the_cache(tiny: Project, tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    shown = _on_small_disk(tiny, tmp_path, "full", None, "build", env={"TMPDIR": str(disk), "XDG_CACHE_HOME": str(disk)})
    assert "rc=0" in shown and "built " in shown, shown
    assert len([line for line in shown.splitlines() if line.startswith("warning:")]) <= 2, shown


# Class 8: one name, one file, on every file system; one anchor, one record, on every page.


def test_an_event_and_a_figure_may_not_share_an_anchor(tiny: Project) -> None:
    figures = tiny.content_dir / "figures.yaml"
    figures.write_text(figures.read_text(encoding="utf-8").replace("- id: countries-represented", "- id: quota-vote", 1), encoding="utf-8")
    shown = _problems(tiny)
    assert "figures.yaml:1:7: figures[0].id: [shared-anchor] id 'quota-vote' is also the id of a record of events (" in shown
    assert "events.yaml:24)" in shown


def test_text_files_whose_names_differ_only_by_case_are_refused(tiny: Project) -> None:
    sources = tiny.content_dir / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    second = text.split("\n- id:")[0].replace("wire-2024-03-05", "wire-copy").replace("sources/wire.txt", "sources/Wire.txt")
    sources.write_text(text.rstrip("\n") + "\n" + second.rstrip("\n") + "\n", encoding="utf-8")
    (tiny.content_dir / "sources" / "Wire.txt").write_text((tiny.content_dir / "sources" / "wire.txt").read_text(encoding="utf-8"))
    shown = _problems(tiny)
    assert "[file-name-clash] text_file 'sources/Wire.txt' and 'sources/wire.txt' (line 7) differ only by case" in shown


# Class 9: long unbroken text never widens the page.

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt"
LONG_URL = "https://example.org/" + "a-very-long-path-segment-without-any-break" * 3 + "?query=" + "x" * 80


def test_long_words_and_urls_wrap_at_390_px_on_every_page(tiny: Project, browser: Any, serve_site: Any) -> None:
    from test_browser import _every_page

    def edit(name: str, old: str, new: str) -> None:
        path = tiny.content_dir / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new), encoding="utf-8")

    edit("actors.yaml", "name: Minister Beta", f"name: Minister {LONG_WORD}")
    edit("actors.yaml", "A minister who rejects the deal.", f"A minister who rejects the deal, see {LONG_URL} and {LONG_WORD}.")
    edit("sources.yaml", "outlet: Test Agency", f"outlet: {LONG_WORD}")
    edit("sources.yaml", "title: Ministers split on quotas", f"title: Ministers split on {LONG_WORD}")
    done = run_generator(tiny, "build")
    assert done.returncode == 0, done.stderr
    base = serve_site(tiny.site_dir)
    tab = browser.new_page(viewport={"width": 390, "height": 800})
    overflowing = {}
    for path in _every_page(tiny.site_dir):
        tab.goto(base + path)
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            overflowing[path] = overflow
    tab.close()
    assert overflowing == {}
