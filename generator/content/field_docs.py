"""The models' attribute docstrings as field descriptions in their JSON Schemas, read only when a schema is made.

A record's field is documented by the docstring under it. pydantic's `use_attribute_docstrings`
would read them at class creation, finding each class's source again (about 45 ms of every
command's start, a sixth of `make check`); but only the JSON Schemas show them (`make schemas`,
the site's `data/*.schema.json`), so they are read here, one parse per module, when one is made.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema


@functools.cache
def _module_docs(module: str) -> dict[str, dict[str, str]]:
    """{class name: {field: docstring}} for the classes of a module, as pydantic would read them."""
    docs: dict[str, dict[str, str]] = {}
    for node in ast.walk(ast.parse(inspect.getsource(sys.modules[module]))):
        if isinstance(node, ast.ClassDef):
            docs[node.name] = {
                field.target.id: inspect.cleandoc(doc.value.value)
                for field, doc in zip(node.body, node.body[1:], strict=False)
                if isinstance(field, ast.AnnAssign)
                and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr)
                and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)
            }
    return docs


def field_docs(cls: type[Any]) -> dict[str, str]:
    """The attribute docstrings of a model's fields, its own and its bases' (the nearest class's wins)."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__.startswith("generator."):
            docs |= _module_docs(klass.__module__).get(klass.__name__, {})
    return docs


class DocumentedSchema(GenerateJsonSchema):
    """pydantic's JSON Schema with every field that has no description of its own described by its docstring."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        """The model's schema, its properties described."""
        json_schema = super().model_schema(schema)
        docs = field_docs(schema["cls"])
        for name, field in json_schema.get("properties", {}).items():
            if name in docs and "description" not in field:
                field["description"] = docs[name]
        return json_schema
