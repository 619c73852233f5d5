"""The command line as a user runs it: exit codes, messages, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from generator.project import Project

ROOT = Path(__file__).parent.parent


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )


def test_help_lists_the_commands() -> None:
    result = _run("--help")
    assert result.returncode == 0
    for command in ("check", "build", "serve"):
        assert command in result.stdout


def test_check_reports_real_content_ok() -> None:
    result = _run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content OK: 26 actors")


def test_broken_content_exits_2_with_positions_and_no_traceback(tiny: Project) -> None:
    stances = tiny.content_dir / "stances.yaml"
    stances.write_text(stances.read_text(encoding="utf-8").replace("topic: quota-deal", "topic: quota-dael", 1), encoding="utf-8")
    result = _run("--root", str(tiny.root), "build")
    assert result.returncode == 2
    assert "stances.yaml:2:10: stances[0].topic: [unknown-id] no question has the id 'quota-dael'" in result.stderr
    assert "fix: did you mean quota-deal?" in result.stderr
    assert "Traceback" not in result.stderr
    assert not tiny.site_dir.exists()


def test_build_reports_pages(tiny: Project) -> None:
    result = _run("--root", str(tiny.root), "build")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built 14 pages into")


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 30) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _fetch(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_content_changes(tiny: Project) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/actors/alpha/"
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(tiny.root), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(url, "A minister who backs the deal.")
        actors = tiny.content_dir / "actors.yaml"
        actors.write_text(actors.read_text(encoding="utf-8").replace("who backs the deal", "who now hesitates"), encoding="utf-8")
        assert _wait_for(url, "A minister who now hesitates.")
        template = tiny.templates_dir / "pages" / "actor.md.j2"
        heading = "## {{ t('actor.related') | md }}"
        template.write_text(template.read_text(encoding="utf-8").replace(heading, "## Linked actors"), encoding="utf-8")
        assert _wait_for(url, "Linked actors")
    finally:
        server.terminate()
        server.wait(timeout=10)
