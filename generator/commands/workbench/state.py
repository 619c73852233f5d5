"""What the workbench shows: each source's paragraphs, what is cited already, the drafts, and the records to pick from.

Read from the content as written, not as validated, so the workbench works while the content
has problems; every value leaves as JSON data that the page shows as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ...content.load import MAX_FILE_BYTES, RawContent, load_content, split_paragraphs
from ...content.record_kinds import LIST_KINDS
from ...errors import ContentError, Problem
from ...project import Project
from .writer import file_digest, writable_files

DRAFTS_FILE = "drafts.yaml"
"""What `make draft` writes into the content folder: actors, quotes, dates and figures found in the sources."""

DRAFT_FIELDS = {
    "actors": ("id", "name", "kind", "aliases", "paragraphs"),
    "quotes": ("source", "paragraph", "quote", "speaker"),
    "dates": ("source", "paragraph", "text", "date", "precision", "planned"),
    "figures": ("source", "paragraph", "text", "value", "unit", "bound"),
}
"""The keys of each draft list the workbench reads; anything else in drafts.yaml is ignored."""


def workbench_state(project: Project) -> dict[str, Any]:
    """Everything the page needs, or the problems that stop the content from being read at all."""
    digests = {name: file_digest(project.content_dir / name) for name in writable_files()}
    try:
        raw = load_content(project.content_dir, cwd=Path.cwd())
    except ContentError as exc:
        return {"problems": [problem_json(problem) for problem in exc.problems], "digests": digests}
    data = {kind.name: list(raw.documents[kind.name].data) for kind in LIST_KINDS}
    briefing = raw.documents["briefing"].data
    return {
        "problems": [],
        "digests": digests,
        "site_language": str(briefing.get("language") or "en") if hasattr(briefing, "get") else "en",
        "sources": [_source(record, raw, data) for record in _mappings(data["sources"])],
        "actors": [_pick(record, ("id", "name", "kind", "aliases")) for record in _mappings(data["actors"])],
        "topics": [_pick(record, ("id", "title", "question")) for record in _mappings(data["topics"])],
        "targets": _targets(data),
        "drafts": read_drafts(project.content_dir / DRAFTS_FILE),
    }


def problem_json(problem: Problem) -> dict[str, Any]:
    """A problem as the form lists it."""
    return {
        "where": f"{problem.file}:{problem.line}:{problem.column}",
        "key_path": problem.key_path,
        "rule": problem.rule,
        "message": problem.message,
        "hint": problem.hint,
    }


def _mappings(records: list[Any]) -> list[Any]:
    """The records that are mappings: a malformed one is the check's to report, not the workbench's."""
    return [record for record in records if hasattr(record, "get")]


def _pick(record: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    """Some keys of a record, as plain JSON values."""
    return {key: _json(record.get(key)) for key in keys}


def _json(value: Any) -> Any:
    """A YAML value as plain JSON: text, numbers, true/false, lists and mappings."""
    if isinstance(value, dict):
        return {str(key): _json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json(item) for item in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def _source(record: Any, raw: RawContent, data: dict[str, list[Any]]) -> dict[str, Any]:
    """A source with its paragraphs, captions, headings and the citations that quote it."""
    text = raw.texts.get(str(record.get("text_file")), "")
    source_id = str(record.get("id"))
    return {
        **_pick(record, ("id", "title", "outlet", "language", "captions", "headings")),
        "paragraphs": split_paragraphs(text),
        "cited": [citation for citation in _citations(data) if citation["source"] == source_id],
    }


def _citations(data: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Every citation of the content: its source, paragraph, quote and the record that makes it."""
    found = []
    for kind in LIST_KINDS:
        for index, record in enumerate(data[kind.name]):
            items = record.get(kind.citations) if kind.citations and hasattr(record, "get") else None
            for citation in items if isinstance(items, list) else []:
                if hasattr(citation, "get"):
                    found.append({**_pick(citation, ("source", "paragraph", "quote")), "kind": kind.name, "index": index})
    return found


def _targets(data: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """The records a citation can be added to, each with a label an analyst recognises."""
    targets = []
    for kind in (kind for kind in LIST_KINDS if kind.citations):
        for index, record in enumerate(_mappings(data[kind.name])):
            label = f"{record.get('actor')} / {record.get('topic')}" if kind.name == "stances" else str(record.get("id"))
            option = record.get("option")
            targets.append({"file": kind.file, "index": index, "label": label + (f" ({option})" if option else "")})
    return targets


def read_drafts(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The drafts `make draft` wrote, with only the keys the workbench knows; none when the file is absent or unreadable."""
    empty: dict[str, list[dict[str, Any]]] = {name: [] for name in DRAFT_FIELDS}
    if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
        return empty
    try:
        data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    except (YAMLError, UnicodeDecodeError, ValueError):
        return empty
    if not isinstance(data, dict):
        return empty
    return {name: [_draft(item, keys) for item in _list(data.get(name)) if isinstance(item, dict)] for name, keys in DRAFT_FIELDS.items()}


def _list(value: Any) -> list[Any]:
    """A value that should be a list, or none."""
    return value if isinstance(value, list) else []


def _draft(item: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    """One draft with only the keys the workbench reads."""
    return {key: _json(item.get(key)) for key in keys}
