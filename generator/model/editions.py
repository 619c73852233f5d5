"""Editions: the briefing as recorded on a given as-of date, one JSON snapshot per edition.

A snapshot lives in `content/editions/<edition>.json`, where the edition id is the as-of date
(`2025-08-20`), with `-2`, `-3`… for further editions the same day. Keys are sorted and records
are in identity order, so `git diff` between two editions shows only what changed.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

from ..content.field_docs import DocumentedSchema
from ..content.record_kinds import LIST_KINDS, RecordSet
from ..content.schema import Briefing
from ..content.validate import Content
from ..disk_cache import paused_gc, remembered
from ..errors import ContentError, Problem, relative_name

EDITION_FORMAT = 1
"""Version of the snapshot format; bumped (with a migration in MIGRATIONS) when the content model changes."""

EDITIONS_DIR = "editions"
"""The folder of the content folder that holds the recorded editions."""

MIGRATE_COMMAND = "make migrate-editions"

MAX_EDITION_BYTES = 64_000_000
"""Largest snapshot read: a hundred times the seed briefing is a few megabytes; more is no snapshot."""

MAX_NUMBER_DIGITS = 30
"""Longest number a snapshot may hold: counts and figures are short; a 100,000-digit one only costs time."""
"""What an editor runs to bring old snapshots up to the current format."""

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[int, Migration] = {}
"""Each step that rewrites a snapshot of format N (the key) into format N + 1."""

_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:-([2-9]|[1-9]\d+))?\.json$")


class Edition(BaseModel):
    """One recorded edition: every record of the briefing as it stood on its as-of date.

    This class holds what every edition has besides its records; `EditionSnapshot` adds one field
    per list kind of RECORD_KINDS (`actors`, `stances`…), so a new kind is snapshotted with no
    change here. Read the records through `record_set()`."""

    model_config = ConfigDict(extra="forbid", frozen=True)  # fields documented by their docstrings: content/field_docs.py

    format: int
    """Version of the snapshot format (see EDITION_FORMAT)."""
    edition: str
    """The edition's id: its as-of date, with -2, -3… for further editions recorded the same day."""
    as_of: dt.date
    """The date the edition's facts are current to (briefing.as_of when it was recorded)."""
    briefing: Briefing
    """Title, dates, bottom line, judgements and handling."""

    @property
    def sequence(self) -> int:
        """1 for the first edition of a day, 2 for the second…"""
        _, _, number = self.edition.partition(f"{self.as_of.isoformat()}-")
        return int(number) if number else 1

    def record_set(self) -> RecordSet:
        """The edition's records by kind, typed as the current content's are."""
        return RecordSet(self.briefing, {kind.name: getattr(self, kind.name) for kind in LIST_KINDS})


def _edition_model() -> type[Edition]:
    """The snapshot model: Edition's fields, then a list of records for every list kind, in registry order."""
    fields: dict[str, Any] = {
        kind.name: (list[kind.model], Field(description=kind.edition_doc or kind.export_doc))  # type: ignore[name-defined]
        for kind in LIST_KINDS
    }
    summary = (Edition.__doc__ or "").split("\n")[0]
    return create_model("EditionSnapshot", __base__=Edition, __module__=__name__, __doc__=summary, **fields)


EditionSnapshot = _edition_model()
"""The model every snapshot is read and written with (named here, so that cached editions can be pickled)."""


class EditionError(ContentError):
    """An edition cannot be recorded, or a recorded one cannot be read; nothing was written."""


@dataclass(frozen=True)
class RecordRequest:
    """How `edition` treats an edition that already exists for the same day."""

    force: bool = False
    """Replace the day's latest edition."""
    again: bool = False
    """Record a further edition the same day (-2, -3…)."""


@functools.cache  # pydantic builds it anew at every call; the preview asks at every save
def edition_schema() -> str:
    """The JSON Schema of an edition snapshot."""
    head = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"briefing-edition/v{EDITION_FORMAT}/edition.schema.json"}
    title = {"title": f"An edition of the briefing (snapshot format v{EDITION_FORMAT})"}

    def make() -> str:
        schema = EditionSnapshot.model_json_schema(schema_generator=DocumentedSchema)
        return json.dumps(head | schema | title, indent=2, ensure_ascii=False) + "\n"

    return remembered("schemas", f"edition-v{EDITION_FORMAT}".encode(), make)  # it depends on the code only


def snapshot(content: Content, edition: str) -> Edition:
    """The validated content as an edition, records in identity order."""
    records = {kind.name: sorted(content.records[kind.name], key=kind.order) for kind in LIST_KINDS}
    return EditionSnapshot(format=EDITION_FORMAT, edition=edition, as_of=content.briefing.as_of, briefing=content.briefing, **records)


def edition_text(edition: Edition) -> str:
    """The snapshot as diff-friendly JSON: sorted keys, two-space indent, a final newline."""
    return json.dumps(edition.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def next_edition_id(content: Content, content_dir: Path, editions: list[Edition], request: RecordRequest) -> str:
    """The id the current content is recorded under, or an EditionError saying why it cannot be."""
    as_of = content.briefing.as_of
    latest = editions[-1] if editions else None
    check_order(content, content_dir, editions)
    if latest is None or latest.as_of < as_of:
        return as_of.isoformat()
    if request.force:
        return latest.edition
    if request.again:
        return f"{as_of.isoformat()}-{latest.sequence + 1}"
    raise EditionError(
        [
            _as_of_problem(
                content_dir,
                "edition-exists",
                f"an edition for {as_of.isoformat()} is already recorded ({EDITIONS_DIR}/{latest.edition}.json)",
                "set as_of to the new date; or replace that edition with `make edition FORCE=1`, "
                "or record a second one the same day with `make edition AGAIN=1`",
            )
        ]
    )


def check_order(content: Content, content_dir: Path, editions: list[Edition]) -> None:
    """Refuse content whose as-of date is earlier than the latest recorded edition."""
    as_of = content.briefing.as_of
    if editions and as_of < editions[-1].as_of:
        latest = editions[-1]
        raise EditionError(
            [
                _as_of_problem(
                    content_dir,
                    "as-of-before-edition",
                    f"as_of {as_of.isoformat()} is earlier than the latest edition, {latest.edition}"
                    f" ({EDITIONS_DIR}/{latest.edition}.json)",
                    f"set as_of to {latest.as_of.isoformat()} or later; delete that edition only if it was recorded by mistake",
                )
            ]
        )


def record_edition(content: Content, content_dir: Path, request: RecordRequest) -> Path:
    """Write the validated content as a new edition (or replace the day's one when forced); return its path."""
    editions = load_editions(content_dir)
    edition = snapshot(content, next_edition_id(content, content_dir, editions, request))
    folder = content_dir / EDITIONS_DIR
    folder.mkdir(exist_ok=True)
    target = folder / f"{edition.edition}.json"
    scratch = target.with_suffix(".json.tmp")
    try:
        scratch.write_text(edition_text(edition), encoding="utf-8")
        os.replace(scratch, target)  # never a half-written edition
    except OSError as exc:
        scratch.unlink(missing_ok=True)  # a full disk must not leave an empty file that `git add` would commit
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    return target


def edition_files(content_dir: Path) -> list[Path]:
    """The snapshot files of a content folder, in edition order."""
    folder = content_dir / EDITIONS_DIR
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.suffix == ".json"]
    return sorted(files, key=_file_order)


def _file_order(path: Path) -> tuple[str, int]:
    """Order edition files by date, then by their number within the day; odd names go last."""
    match = _NAME.match(path.name)
    return (match.group(1), int(match.group(2) or 1)) if match else ("9999", 0)


def load_editions(content_dir: Path) -> list[Edition]:
    """Read every recorded edition, oldest first; raise EditionError naming each file that cannot be read."""
    editions: list[Edition] = []
    problems: list[Problem] = []
    with paused_gc():
        for path in edition_files(content_dir):
            name = relative_name(path, Path.cwd())
            try:
                stat = path.stat()
                key = (str(path), stat.st_mtime_ns, stat.st_size)
                editions.append(_READ.get(key) or _READ.setdefault(key, _read_edition(path, name)))
            except EditionError as exc:
                problems.extend(exc.problems)
    if problems:
        raise EditionError(problems)
    return editions


_READ: dict[tuple[str, int, int], Edition] = {}
"""Editions already read in this process, by path, modification time and size: the preview re-plans on every save.
Between processes, `disk_cache` keeps them by their bytes, so a build reads only new or changed editions."""


def _read_edition(path: Path, name: str) -> Edition:
    """Check the name of one snapshot, then parse it, or take it from the cache when its bytes were parsed before."""
    if not _NAME.match(path.name):
        raise EditionError(
            [Problem(name, 1, 1, "", "edition-name", "an edition's file name is its as-of date", "rename it YYYY-MM-DD.json")]
        )
    try:
        data = read_regular_file(path, MAX_EDITION_BYTES)
    except OSError as exc:
        raise EditionError([_unreadable(name, exc, 1, 1)]) from None
    except _NotAFile as exc:
        raise EditionError(
            [Problem(name, 1, 1, "", "edition-unreadable", str(exc), "replace it with the snapshot file, or delete it")]
        ) from None
    return remembered(f"editions-v{EDITION_FORMAT}", data + b"\0" + path.name.encode(), lambda: _parse_edition(data, path, name))


class _NotAFile(Exception):
    """A path that is no regular file of a sane size: a FIFO, a device, or a file too large to be a snapshot."""


def read_regular_file(path: Path, limit: int) -> bytes:
    """Read a regular file of at most `limit` bytes, without blocking on a FIFO or reading a device without end."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO would block an ordinary open
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            kind = (
                "a FIFO"
                if stat.S_ISFIFO(info.st_mode)
                else "a device"
                if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
                else "no regular file"
            )
            raise _NotAFile(f"is {kind}, not a snapshot file")
        data = file.read(limit + 1)  # bounded even if the file grows while it is read
    if len(data) > limit:
        raise _NotAFile(f"is over {limit:,} bytes, too large to be a snapshot")
    return data


def _bounded_int(digits: str) -> int:
    """A JSON integer, refused when longer than MAX_NUMBER_DIGITS."""
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise ValueError(f"a number of {len(digits):,} digits (at most {MAX_NUMBER_DIGITS})")
    return int(digits)


def _bounded_float(text: str) -> float:
    """A JSON number with a fraction or exponent, refused when it is too long or not finite."""
    value = float(text)
    if len(text) > MAX_NUMBER_DIGITS * 2 or not math.isfinite(value):
        raise ValueError(f"the number {text[:40]}, too large for any figure")
    return value


def _deepest_at(text: str, limit: int = 100) -> tuple[int, int]:
    """Line and column where brackets first nest deeper than `limit` (strings skipped); only run on an error."""
    depth, in_string, escaped = 0, False, False
    for offset, char in enumerate(text):
        if in_string:
            in_string, escaped = (escaped or char != '"'), (not escaped and char == "\\")
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
        elif char in "]}":
            depth -= 1
    return 1, 1


def _unreadable(name: str, exc: Exception, line: int, column: int) -> Problem:
    """A snapshot that is no readable JSON."""
    return Problem(name, line, column, "", "edition-unreadable", f"not a readable JSON snapshot ({exc})", "restore it with git")


def _parse_edition(data: bytes, path: Path, name: str) -> Edition:
    """Parse, check the format of, and type one snapshot's bytes."""
    try:
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as read_text reads it
        parsed = json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line, column = (exc.lineno, exc.colno) if isinstance(exc, json.JSONDecodeError) else (1, 1)
        raise EditionError([_unreadable(name, exc, line, column)]) from None
    except RecursionError:
        line, column = _deepest_at(text)
        raise EditionError(
            [Problem(name, line, column, "", "edition-unreadable", "nested far deeper than any snapshot", "restore it with git")]
        ) from None
    except ValueError as exc:  # a number refused by _bounded_int or _bounded_float
        raise EditionError([Problem(name, 1, 1, "", "edition-unreadable", f"holds {exc}", "restore it with git")]) from None
    found = parsed.get("format") if isinstance(parsed, dict) else None
    if found != EDITION_FORMAT:
        raise EditionError([_format_problem(name, found)])
    try:
        edition = EditionSnapshot.model_validate(parsed)
    except ValidationError as exc:
        raise EditionError([_schema_problem(name, error) for error in exc.errors(include_url=False)]) from None
    if f"{edition.edition}.json" != path.name or not edition.edition.startswith(edition.as_of.isoformat()):
        raise EditionError(
            [Problem(name, 1, 1, "edition", "edition-name", f"the file records edition {edition.edition}", "rename the file to match")]
        )
    return edition


def _refuse_constant(name: str) -> float:
    """Refuse NaN and Infinity, which JSON does not have."""
    raise ValueError(f"{name}, which JSON does not allow")


def _format_problem(name: str, found: object) -> Problem:
    """Say what to do with a snapshot of another format."""
    if isinstance(found, int) and found < EDITION_FORMAT:
        return Problem(
            name, 1, 1, "format", "edition-format",
            f"recorded in snapshot format {found}; this generator reads format {EDITION_FORMAT}",
            f"run `{MIGRATE_COMMAND}` (python -m generator migrate-editions), then review the change with git diff",
        )  # fmt: skip
    return Problem(
        name, 1, 1, "format", "edition-format",
        f"snapshot format {found!r} is not one this generator knows (it reads format {EDITION_FORMAT})",
        "update the generator, or restore the file with git",
    )  # fmt: skip


def _schema_problem(name: str, error: Any) -> Problem:
    """One schema error of a snapshot, with the migration to run."""
    path = ".".join(str(part) for part in error["loc"])
    return Problem(
        name, 1, 1, path, "edition-schema",
        f"no longer matches the content model: {error['msg'].lower()}",
        f"run `{MIGRATE_COMMAND}`; if it still fails, the model changed without a migration:"
        " add one to MIGRATIONS in generator/model/editions.py",
    )  # fmt: skip


def migrate_editions(content_dir: Path) -> list[Path]:
    """Rewrite every snapshot of an older format into the current one; return the files changed."""
    changed: list[Path] = []
    for path in edition_files(content_dir):
        try:
            data = json.loads(
                read_regular_file(path, MAX_EDITION_BYTES).decode("utf-8"), parse_int=_bounded_int, parse_float=_bounded_float
            )
        except (OSError, _NotAFile, ValueError, RecursionError):
            continue  # load_editions reports it with its position
        migrated = _migrate(data)
        if migrated is not data:
            path.write_text(json.dumps(migrated, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
            changed.append(path)
    load_editions(content_dir)  # every file must now read
    return changed


def _migrate(data: Any) -> Any:
    """Apply the migration steps from the snapshot's format up to the current one."""
    version = data.get("format") if isinstance(data, dict) else None
    while isinstance(version, int) and version < EDITION_FORMAT and version in MIGRATIONS:
        data = MIGRATIONS[version](dict(data)) | {"format": version + 1}
        version += 1
    return data


def _as_of_problem(content_dir: Path, rule: str, message: str, hint: str) -> Problem:
    """A problem with briefing.yaml's as_of, at the line that sets it."""
    path = content_dir / "briefing.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("as_of:")), 1)
    column = len(lines[line - 1]) - len(lines[line - 1].split(":", 1)[1].lstrip()) + 1 if lines else 1
    return Problem(relative_name(path, Path.cwd()), line, column, "briefing.as_of", rule, message, hint)
