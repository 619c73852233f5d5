"""Read what a draft starts from: the folder's source texts, its actors, and its site language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..content.load import split_paragraphs
from ..errors import BriefingError


@dataclass(frozen=True)
class SourceText:
    """One source of the folder, numbered as citations count its paragraphs."""

    id: str
    language: str
    published: dt.date
    paragraphs: list[str]


@dataclass(frozen=True)
class KnownActor:
    """An actor already in the folder's actors.yaml."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]


def read_sources(folder: Path) -> list[SourceText]:
    """Read every source record of sources.yaml with its text; refuse a folder without any."""
    records = _yaml_list(folder / "sources.yaml")
    if not records:
        raise BriefingError(f"{folder / 'sources.yaml'}: no source to draft from; add one with `make new` or `make add-source`")
    return [_source(folder, record) for record in records if isinstance(record, dict)]


def read_actors(folder: Path) -> list[KnownActor]:
    """Read the actors the folder already has, so the draft reuses their ids."""
    path = folder / "actors.yaml"
    if not path.is_file():
        return []
    return [
        KnownActor(
            str(item["id"]),
            str(item.get("name") or item["id"]),
            str(item.get("kind") or ""),
            tuple(str(a) for a in item.get("aliases") or ()),
        )
        for item in _yaml_list(path)
        if isinstance(item, dict) and item.get("id")
    ]


def read_site_language(folder: Path) -> str:
    """The briefing's language (the one actor names are written in); English when unset."""
    path = folder / "briefing.yaml"
    data = _yaml_load(path) if path.is_file() else None
    return str(data.get("language") or "en") if isinstance(data, dict) else "en"


def _source(folder: Path, record: dict[str, Any]) -> SourceText:
    """Read one source record and its text file."""
    source_id = str(record.get("id") or "")
    text_path = folder / str(record.get("text_file") or "")
    if not source_id or not text_path.is_file():
        raise BriefingError(f"{folder / 'sources.yaml'}: source {source_id or '?'} has no readable text_file; run `make check` for details")
    return SourceText(
        source_id,
        str(record.get("language") or "en"),
        _published(record.get("published")),
        split_paragraphs(text_path.read_text(encoding="utf-8-sig")),
    )


def _published(value: Any) -> dt.date:
    """A publication date as a day: a partial date (YYYY-MM, YYYY) counts from its first day."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parts = [int(part) for part in str(value or "").split("-") if part.isdigit()]
    if not parts:
        raise BriefingError("a source has no publication date; set `published:` in sources.yaml so relative dates can be resolved")
    return dt.date(parts[0], *(parts[1:3] + [1, 1][len(parts) - 1 :]))


def _yaml_list(path: Path) -> list[Any]:
    """Load a YAML file that holds a list; a broken file is reported with the fix."""
    data = _yaml_load(path) if path.is_file() else None
    return data if isinstance(data, list) else []


def _yaml_load(path: Path) -> Any:
    """Load one YAML file, turning a syntax error into a message that points at `make check`."""
    try:
        return YAML(typ="safe").load(path.read_text(encoding="utf-8-sig"))
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise BriefingError(f"{where}: not valid YAML; run `make check` to see what is wrong") from None
