"""JSON Schemas of the content files, generated from the models, for editors' completion and inline errors.

Each YAML file points at its schema with a first-line comment that the YAML language
server reads: `# yaml-language-server: $schema=../schemas/actors.schema.json`.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from .field_docs import DocumentedSchema
from .record_kinds import RECORD_KINDS

SCHEMA_VERSION = "1"
"""Version of the content format; bumped when a change breaks existing content."""


def content_schemas() -> dict[str, str]:
    """Return each content file's JSON Schema as text, by file name (actors.schema.json …)."""
    schemas: dict[str, str] = {}
    for kind in RECORD_KINDS:
        file_name = kind.file
        model: Any = kind.model if kind.single else list[kind.model]  # type: ignore[name-defined]
        schema = TypeAdapter(model).json_schema(schema_generator=DocumentedSchema)
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"briefing-content/v{SCHEMA_VERSION}/{file_name.replace('.yaml', '.schema.json')}",
            "title": f"{file_name} (content format v{SCHEMA_VERSION})",
        } | schema
        schemas[file_name.replace(".yaml", ".schema.json")] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return schemas


def schema_comment(file_name: str, schemas_path: str) -> str:
    """The first-line comment that ties a content file to its schema."""
    return f"# yaml-language-server: $schema={schemas_path}/{file_name.replace('.yaml', '.schema.json')}"
