"""Docs stay honest: every content field is in the content guide, every make target in the README, and the guide builds."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from pydantic import BaseModel

from generator.content import schema
from generator.content.field_docs import field_docs

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GUIDE = ROOT / "docs" / "pages"


def _build_guide(docs: Path) -> subprocess.CompletedProcess[str]:
    """Build the user guide in `docs` with the real MkDocs and Material, as `make docs` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(docs / "mkdocs.yml")]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def test_every_schema_field_is_in_the_content_guide() -> None:
    guide = (GUIDE / "content.md").read_text(encoding="utf-8")
    records = [obj for obj in vars(schema).values() if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not schema.Record]
    missing = [f"{record.__name__}.{name}" for record in records for name in record.model_fields if f"`{name}`" not in guide]
    assert missing == []


def test_every_schema_field_has_a_docstring() -> None:
    records = [
        obj for obj in vars(schema).values() if isinstance(obj, type) and issubclass(obj, schema.Record) and obj is not schema.Record
    ]
    undocumented = [f"{r.__name__}.{n}" for r in records for n in r.model_fields if n not in field_docs(r)]
    assert undocumented == []


def test_every_make_target_is_in_the_readme() -> None:
    targets = re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert {"build", "test", "serve", "check", "clean", "docs"} <= set(targets)
    assert [t for t in targets if f"make {t}" not in README] == []


def test_the_readme_links_every_guide_page_and_only_pages_that_exist() -> None:
    linked = set(re.findall(r"\]\((docs/pages/[\w-]+\.md)(?:#[\w-]+)?\)", README))
    assert {f"docs/pages/{page.name}" for page in GUIDE.glob("*.md")} - {"docs/pages/index.md"} <= linked
    assert [link for link in linked if not (ROOT / link).is_file()] == []


def test_the_guide_builds_strictly_with_the_projects_mkdocs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("site"))
    result = _build_guide(docs)
    assert result.returncode == 0, result.stderr
    assert "Content guide" in (docs / "site" / "content" / "index.html").read_text(encoding="utf-8")


def test_a_broken_anchor_in_the_guide_fails_its_build(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("site"))
    page = docs / "pages" / "errors.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the scales](scales.md#no-such-heading).\n", encoding="utf-8")
    result = _build_guide(docs)
    assert result.returncode != 0
    assert "no-such-heading" in result.stderr


def test_committed_json_schemas_match_the_models() -> None:
    from generator.content.editor_schemas import content_schemas

    for name, text in content_schemas().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run make schemas"


def test_every_content_file_points_at_its_schema() -> None:
    for path in sorted((ROOT / "content").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{path.stem}.schema.json", path.name
        assert (ROOT / "schemas" / f"{path.stem}.schema.json").is_file()
