"""Docs stay honest: every content field and every make target is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel

from generator.content import schema

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_schema_field_is_in_the_content_guide() -> None:
    guide = README[README.index("## Content guide") :]
    records = [obj for obj in vars(schema).values() if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not schema.Record]
    missing = [f"{record.__name__}.{name}" for record in records for name in record.model_fields if f"`{name}`" not in guide]
    assert missing == []


def test_every_schema_field_has_a_docstring() -> None:
    records = [
        obj for obj in vars(schema).values() if isinstance(obj, type) and issubclass(obj, schema.Record) and obj is not schema.Record
    ]
    undocumented = [f"{r.__name__}.{n}" for r in records for n, f in r.model_fields.items() if not f.description]
    assert undocumented == []


def test_every_make_target_is_in_the_readme() -> None:
    targets = re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert {"build", "test", "serve", "check", "clean"} <= set(targets)
    assert [t for t in targets if f"make {t}" not in README] == []


def test_committed_json_schemas_match_the_models() -> None:
    from generator.content.editor_schemas import content_schemas

    for name, text in content_schemas().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run make schemas"


def test_every_content_file_points_at_its_schema() -> None:
    for path in sorted((ROOT / "content").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schemas/{path.stem}.schema.json", path.name
        assert (ROOT / "schemas" / f"{path.stem}.schema.json").is_file()
