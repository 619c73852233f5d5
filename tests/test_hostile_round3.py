"""Hostile and faulty input, round 3: the disk, the caches, the files read, invisible characters, every format."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
