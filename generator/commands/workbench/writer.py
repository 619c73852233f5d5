"""Write one curated record into its content file, checked by `make check`'s rules first.

The record is written by ruamel.yaml's round-trip dumper and spliced into the file's text,
so every other line keeps its comments, order and formatting and `git diff` shows only the
new record. Dumping the whole file back would not: the content files indent top-level lists
at column 0 and nested ones by two, which ruamel's one indent setting cannot reproduce (it
re-indented 6 of the seed's 7 files when tried).
"""

from __future__ import annotations

import fcntl
import hashlib
import io
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ...content.load import YAML11_BOOLEANS, load_content, parse_round_trip
from ...content.record_kinds import LIST_KINDS, RecordKind
from ...content.validate import validate
from ...errors import ContentError, Problem
from ...project import Project

MAX_DEPTH = 4
"""Deepest nesting a record sent by the form may have (a citation's reported_by is 3)."""

SCRATCH_SUFFIX = ".workbench-tmp"
"""The end of the name of the temporary file a save writes before renaming it: the preview does not rebuild for it."""

STALE = "the file changed since you opened this form: reload"
"""What a save says when the file on disk is not the one the form was opened on."""


@dataclass(frozen=True)
class SaveRequest:
    """What the form asks to write: a record for a file, or a citation for a record of it."""

    file: str
    """The content file's name as the form knows it, e.g. `stances.yaml`; never a path."""
    record: dict[str, Any]
    """The new record (or, with `add_to`, the new citation), keys in the order they are written."""
    digest: str
    """The SHA-256 of the file's bytes when the form was opened."""
    add_to: int | None = None
    """The index of the record that gets `record` as one more citation, or None for a new record."""


@dataclass
class Refusal(Exception):
    """A save that was not written: the HTTP status, why, and the content problems it would cause."""

    status: int
    message: str
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Saved:
    """A save that was written: the file and the line the record starts on."""

    file: str
    line: int


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, or of nothing when it does not exist."""
    return hashlib.sha256(path.read_bytes() if path.is_file() else b"").hexdigest()


def save(project: Project, request: SaveRequest) -> Saved:
    """Check the record with the whole content, then write it atomically under the content lock; raise Refusal if not."""
    kind = _kind_for(request.file)
    record = _plain_record(request.record)
    path = project.content_dir / kind.file
    with _content_lock(project.content_dir):
        if file_digest(path) != request.digest:
            raise Refusal(409, STALE)
        text = path.read_text(encoding="utf-8")
        new_text, line = insert_record(text, kind, record, request.add_to)
        problems = new_problems(project, kind, new_text)
        if problems:
            raise Refusal(422, "the record was not saved: fix what is listed and save again", problems)
        _write_atomically(path, new_text)
    return Saved(kind.file, line)


def _kind_for(file: str) -> RecordKind:
    """The list kind stored in `file`, which must be one of the content folder's known files."""
    kind = next((kind for kind in LIST_KINDS if kind.file == file and kind.name != "sources"), None)
    if kind is None:
        raise Refusal(400, f"{file!r} is not a content file the workbench writes; it writes only {', '.join(writable_files())}")
    return kind


def writable_files() -> list[str]:
    """The files the workbench may write: every list file but sources.yaml, which needs a text file too."""
    return [kind.file for kind in LIST_KINDS if kind.name != "sources"]


def _plain_record(value: Any, depth: int = 0) -> Any:
    """Keep only what a content record can hold (text, numbers, true/false, lists, keys), dropping empty values."""
    if depth > MAX_DEPTH:
        raise Refusal(400, "the record nests deeper than any content record")
    if isinstance(value, dict):
        kept = {str(key): _plain_record(item, depth + 1) for key, item in value.items() if not _is_blank(item)}
        return {key: item for key, item in kept.items() if not _is_blank(item)}
    if isinstance(value, list):
        return [_plain_record(item, depth + 1) for item in value if not _is_blank(item)]
    if isinstance(value, str):
        return value.strip()
    if value is None or isinstance(value, (bool, int, float)):
        return value
    raise Refusal(400, "the record holds a value no content file can")


def _is_blank(value: Any) -> bool:
    """True for what a form leaves when a field is not filled: nothing, blank text, an empty list or mapping."""
    return value is None or (isinstance(value, str) and not value.strip()) or (isinstance(value, (list, dict)) and not value)


def insert_record(text: str, kind: RecordKind, record: dict[str, Any], add_to: int | None) -> tuple[str, int]:
    """Splice `record` into the file's text; return the new text and the 1-based line it starts on."""
    if not isinstance(record, dict) or not record:
        raise Refusal(400, "the record is empty")
    try:
        data = parse_round_trip(text, kind.file)
    except ContentError as exc:
        raise Refusal(422, f"{kind.file} cannot be read: fix it first", exc.problems) from None
    if not isinstance(data, CommentedSeq):
        raise Refusal(422, f"{kind.file} does not hold a list of records: fix it first")
    if add_to is None:
        new_text, line = _append(text, data, record)
        expected = [*_plain(data), record]
    else:
        new_text, line = _add_citation(text, kind, data, add_to, record)
        expected = _plain(data)
        expected[add_to][kind.citations or ""].append(record)
    if _plain(parse_round_trip(new_text, kind.file)) != expected:  # the splice must mean exactly "the file plus this record"
        raise Refusal(500, f"the record could not be placed in {kind.file} without changing other records; add it by hand")
    return new_text, line


def _append(text: str, data: CommentedSeq, record: dict[str, Any]) -> tuple[str, int]:
    """Add a record at the end of a top-level list (in place of `[]` when the list is still empty)."""
    block = dump_block(record, 0)
    if not data:
        empty = re.search(r"^\[\][ \t]*$", text, re.MULTILINE)
        if empty is None:
            raise Refusal(422, "the file's empty list is not written as [] on its own line: fix it first")
        return text[: empty.start()] + block.rstrip("\n") + text[empty.end() :], text.count("\n", 0, empty.start()) + 1
    head = text.rstrip("\n") + "\n"
    gap = "\n" if "\n\n- " in text else ""  # records apart by a blank line when the file already does so
    return head + gap + block, head.count("\n") + len(gap) + 1


def _add_citation(text: str, kind: RecordKind, data: CommentedSeq, index: int, citation: dict[str, Any]) -> tuple[str, int]:
    """Add a citation as the last item of a record's citation list, before whatever follows it."""
    if kind.citations is None or not 0 <= index < len(data) or not isinstance(data[index], CommentedMap):
        raise Refusal(400, f"{kind.file} has no record {index} that takes citations")
    record = data[index]
    items = record.get(kind.citations)
    if not isinstance(items, CommentedSeq) or not items or items.fa.flow_style():
        raise Refusal(422, f"record {index + 1} of {kind.file} has no block list under '{kind.citations}:' to add to")
    lines = text.split("\n")
    end = _end_of_field(record, kind.citations, data, index, len(lines))
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and the next record's comments stay after the new citation
    column = items.lc.item(0)[1] - 2  # lc gives the item's first key, after "- "
    block = dump_block(citation, column).rstrip("\n").split("\n")
    return "\n".join([*lines[:end], *block, *lines[end:]]), end + 1


def _end_of_field(record: CommentedMap, name: str, data: CommentedSeq, index: int, last: int) -> int:
    """The 0-based line where what follows a record's field starts: its next key, the next record, or the end."""
    keys = list(record)
    following = keys[keys.index(name) + 1 :]
    if following:
        return int(record.lc.key(following[0])[0])
    if index + 1 < len(data):
        return int(data.lc.item(index + 1)[0])
    return last


def dump_block(record: dict[str, Any], column: int) -> str:
    """Write a record as a YAML list item starting at `column`, the way the content files are written."""
    yaml = YAML(typ="rt")
    yaml.width = 4096  # one line per value, as the seed's quotes are: a wrapped quote is harder to check by eye
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(_commented(record), out)
    first, *rest = out.getvalue().rstrip("\n").split("\n")
    pad = " " * column
    return "\n".join([f"{pad}- {first}", *(f"{pad}  {line}" if line else line for line in rest)]) + "\n"


def _commented(value: Any) -> Any:
    """Turn plain values into ruamel's: short lists of ids inline, words older YAML reads as true/false quoted."""
    if isinstance(value, dict):
        return CommentedMap((key, _commented(item)) for key, item in value.items())
    if isinstance(value, list):
        seq = CommentedSeq(_commented(item) for item in value)
        if all(isinstance(item, str) and re.fullmatch(r"[a-z0-9-]+", item) for item in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and (value.lower() in YAML11_BOOLEANS or _reads_as_other_than_text(value)):
        return DoubleQuotedScalarString(value)  # as the content files quote dates: date: "2024-03-12"
    return value


def _reads_as_other_than_text(value: str) -> bool:
    """True for text YAML would read, unquoted, as a date, a number, true/false or nothing."""
    try:
        return bool(YAML(typ="safe", pure=True).load(value) != value)
    except YAMLError:
        return False  # not a plain scalar: ruamel quotes it as it must


def _plain(value: Any) -> Any:
    """A parsed YAML tree as plain lists, dicts and scalars, for comparing."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value


def new_problems(project: Project, kind: RecordKind, new_text: str) -> list[Problem]:
    """The problems `make check` would find with the file's new text that it does not find today."""
    before = {_identity(problem) for problem in content_problems(project, {})}
    return [problem for problem in content_problems(project, {kind.name: new_text}) if _identity(problem) not in before]


def content_problems(project: Project, replaced: dict[str, str]) -> list[Problem]:
    """Every problem of the content, as `make check` reports them, with some files' text replaced."""
    try:
        content = validate(load_content(project.content_dir, cwd=Path.cwd(), replaced=replaced))
    except ContentError as exc:
        return exc.problems
    return content.unfinished  # make check refuses TODO placeholders too


def _identity(problem: Problem) -> tuple[str, str, str, str]:
    """What names a problem whatever line it moved to: a new citation moves the lines below it."""
    return (problem.file, problem.key_path, problem.rule, problem.message)


@contextmanager
def _content_lock(content_dir: Path) -> Iterator[None]:
    """Hold an exclusive lock on the content folder: two saves (two tabs, two previews) never interleave."""
    fd = os.open(content_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing drops the lock


def _write_atomically(path: Path, text: str) -> None:
    """Replace the file in one rename, so an editor, the preview or a build never reads half of it."""
    mode = path.stat().st_mode & 0o777
    fd, scratch = tempfile.mkstemp(prefix=f".{path.name}.", suffix=SCRATCH_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(scratch, mode)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
