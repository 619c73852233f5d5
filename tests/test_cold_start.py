"""Each command imports what it needs when it needs it: a real command run in a fresh interpreter, its modules listed after."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project

_RUN_AND_LIST = """
import json, sys
from generator.commands.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:  # --help exits through argparse
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def _modules(tmp_path: Path, *arguments: str) -> set[str]:
    """The top-level packages a fresh interpreter has imported after running one command to its end."""
    env = {**os.environ, "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"), "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _RUN_AND_LIST, *arguments], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 0, done.stderr
    return set(result["modules"])


@pytest.mark.parametrize("arguments", [["--help"], ["new", "--help"]])
def test_help_imports_no_content_model_and_no_site_builder(tmp_path: Path, arguments: list[str]) -> None:
    modules = _modules(tmp_path, *arguments)
    assert not modules & {"pydantic", "mkdocs", "material", "jinja2", "markdown", "plotly", "playwright"}


def test_check_imports_neither_the_site_builder_nor_the_browser(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT / "content")
    modules = _modules(tmp_path, "--root", str(project.root), "check")
    assert "pydantic" in modules  # it did validate the content
    assert not modules & {"mkdocs", "material", "jinja2", "markdown", "plotly", "playwright", "spacy", "trafilatura", "lxml"}


def test_build_imports_no_preview_server_and_no_browser(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", ROOT / "content")
    modules = _modules(tmp_path, "--root", str(project.root), "build")
    assert "mkdocs" in modules and (project.site_dir / "index.html").is_file()
    # the preview's server (MkDocs's livereload: http.server, ssl, watchdog) and the PDF's browser belong to serve and pdf
    assert not modules & {"mkdocs.livereload", "watchdog", "ssl", "playwright", "spacy", "trafilatura"}
