"""Stage 1: read the content folder into YAML trees that remember where each value was typed."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, DocumentStartEvent, ScalarEvent
from ruamel.yaml.reader import ReaderError

from ..errors import ContentError, Problem, echo, relative_name
from .fast_yaml import Declined, load_plain
from .record_kinds import KINDS, RECORD_KINDS
from .record_kinds import RECORD_FILES as RECORD_FILES

MAX_FILE_BYTES = 2_000_000
"""Largest content file read; bigger ones are refused before parsing."""

YAML11_BOOLEANS = frozenset({"y", "n", "yes", "no", "on", "off"})
"""Unquoted words that older YAML tools read as booleans: refused, so a file means the same everywhere."""

MAX_DEPTH = 8
"""Deepest nesting of mappings and lists a content file may have (real content needs 5)."""

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n")


class _TextDatesConstructor(RoundTripConstructor):
    """Round-trip constructor that leaves dates as text, so the schema judges them with a position."""

    def flatten_mapping(self, node: Any) -> Any:
        """Refuse merge keys: with aliases refused they only hide keys from the duplicate check."""
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(key_node.start_mark, "yaml-merge", "merge key << is not allowed", "write the keys out in full")
        return super().flatten_mapping(node)


def _number_or_text(construct: Any) -> Any:
    """Wrap a number constructor so what ruamel takes for a number but cannot read (`-_`, `0x_`, `._`) stays text."""

    def construct_number(constructor: Any, node: Any) -> Any:
        try:
            return construct(constructor, node)
        except (ValueError, IndexError):
            return constructor.construct_yaml_str(node)

    return construct_number


_TextDatesConstructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)
_TextDatesConstructor.add_constructor("tag:yaml.org,2002:value", RoundTripConstructor.construct_yaml_str)  # a plain `=` is text
_TextDatesConstructor.add_constructor("tag:yaml.org,2002:int", _number_or_text(RoundTripConstructor.construct_yaml_int))
_TextDatesConstructor.add_constructor("tag:yaml.org,2002:float", _number_or_text(RoundTripConstructor.construct_yaml_float))


@dataclass(frozen=True)
class Document:
    """One parsed YAML file: its display name and its tree of CommentedMap/CommentedSeq."""

    name: str
    data: Any


@dataclass(frozen=True)
class RawContent:
    """Everything read from a content folder, before validation."""

    root: Path
    documents: dict[str, Document]
    texts: dict[str, str]
    """Source text files by their path relative to the content folder."""


def load_content(content_dir: Path, cwd: Path | None = None, replaced: dict[str, str] | None = None) -> RawContent:
    """Read every record file and every source text of a content folder, or raise ContentError.

    `replaced` gives the text some files would have (by kind), to check an edit before it is written.
    """
    cwd = cwd or Path.cwd()
    problems: list[Problem] = []
    documents: dict[str, Document] = {}
    for kind in RECORD_KINDS:
        path = content_dir / kind.file
        if kind.optional and not path.exists():
            documents[kind.name] = Document(relative_name(path, cwd), CommentedSeq())  # a kind not used yet holds no records
            continue
        text = (replaced or {}).get(kind.name)
        name = relative_name(path, cwd)
        document = _read_document(path, name, kind.name, problems) if text is None else _checked_document(text, name, kind.name, problems)
        if document is not None:
            documents[kind.name] = document
    if problems:
        raise ContentError(problems)
    texts = _read_texts(content_dir, documents.get("sources"), cwd, problems)
    if problems:
        raise ContentError(problems)
    return RawContent(root=content_dir, documents=documents, texts=texts)


def split_paragraphs(text: str) -> list[str]:
    """Split a source text into paragraphs at blank lines; paragraph N is item N-1."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip() for block in _PARAGRAPH_BREAK.split(text) if block.strip()]


def _read_document(path: Path, name: str, kind: str, problems: list[Problem]) -> Document | None:
    """Parse one YAML file; record a problem and return None when it cannot be read."""
    text = _read_text(path, name, problems, missing_hint=f"create {path.name} with the {kind} records")
    if text is None:
        return None
    parsed = _parse_document(text, name, kind, path.name)
    if isinstance(parsed, Problem):
        problems.append(parsed)
        return None
    return parsed


def _checked_document(text: str, name: str, kind: str, problems: list[Problem]) -> Document | None:
    """Parse a file's would-be text; record a problem and return None when it cannot be read."""
    parsed = _parse_document(text, name, kind, KINDS[kind].file)
    if isinstance(parsed, Problem):
        problems.append(parsed)
        return None
    return parsed


@functools.lru_cache(maxsize=len(RECORD_FILES) * 2)
def _parse_document(text: str, name: str, kind: str, file_name: str) -> Document | Problem:
    """Parse one file's text, or say why it cannot be parsed; a running preview re-parses only a file whose text changed.

    Callers never modify the tree, so sharing it between runs is safe.
    """
    try:
        data = load_plain(text, YAML11_BOOLEANS, MAX_DEPTH)
    except Declined:  # not plain YAML: ruamel reads it and words the problem
        parsed = _parse_with_ruamel(text, name)
        if isinstance(parsed, Problem):
            return parsed
        data = parsed.data
    expected = CommentedMap if KINDS[kind].single else CommentedSeq
    if not isinstance(data, expected):
        shape = "a mapping of keys" if KINDS[kind].single else "a list of records, each starting with '- '"
        return Problem(name, 1, 1, "", "root-kind", f"the file must hold {shape}", f"see the content guide for {file_name}")
    return Document(name=name, data=data)


def parse_round_trip(text: str, name: str) -> Any:
    """Parse a content file's text with positions kept (for an edit that must know where each record is), or raise ContentError."""
    parsed = _parse_with_ruamel(text, name)
    if isinstance(parsed, Problem):
        raise ContentError([parsed])
    return parsed.data


def _parse_with_ruamel(text: str, name: str) -> Document | Problem:
    """Parse with ruamel's round-trip loader (refusing what content never needs), or say what is wrong and where."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _TextDatesConstructor
    yaml.Composer = _GuardedComposer
    try:
        data = yaml.load(text)
    except _Refused as exc:
        return Problem(name, exc.line, exc.column, "", exc.rule, exc.message, exc.hint)
    except MarkedYAMLError as exc:
        return _yaml_problem(name, text, exc)
    except ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - text.rfind("\n", 0, exc.position)
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return Problem(name, line, column, "", "control-character", f"character {char} is not allowed in YAML", "delete it")
    return Document(name=name, data=data)


class _Refused(Exception):
    """A construct content never needs, found while composing."""

    def __init__(self, mark: Any, rule: str, message: str, hint: str) -> None:
        super().__init__(message)
        self.line: int = mark.line + 1 if mark else 1
        self.column: int = mark.column + 1 if mark else 1
        self.rule, self.message, self.hint = rule, message, hint


class _GuardedComposer(Composer):
    """Composer that refuses anchors, aliases, tags, directives and deep nesting as it meets them.

    Refusing an alias before anything is built means an alias bomb costs nothing.
    """

    def compose_document(self: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, DocumentStartEvent) and (event.version or event.tags):
            raise _Refused(None, "yaml-directive", "%YAML and %TAG directives are not allowed", "delete the directive line")
        return super().compose_document()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, "yaml-alias", f"alias *{event.anchor} is not allowed", "write the value out in full")
        if getattr(event, "anchor", None):
            raise _Refused(event.start_mark, "yaml-anchor", f"anchor &{event.anchor} is not allowed", "remove the anchor")
        if getattr(event, "tag", None):  # the parser reports a tag only when one is written
            raise _Refused(
                event.start_mark,
                "yaml-tag",
                f"explicit tag {event.tag} is not allowed",
                "remove the tag; quote the value if it must be text",
            )
        if isinstance(event, ScalarEvent) and event.style is None and event.value.lower() in YAML11_BOOLEANS:
            hint = f'write "{event.value}" in quotes if you mean the word, or true/false if you mean yes or no'
            raise _Refused(event.start_mark, "ambiguous-scalar", f"{event.value} is text in YAML 1.2 but true/false in YAML 1.1", hint)
        if isinstance(event, CollectionStartEvent) and self.depth >= MAX_DEPTH:
            raise _Refused(
                event.start_mark,
                "too-deep",
                f"nesting deeper than {MAX_DEPTH} levels",
                "content never nests this deep: check the indentation",
            )
        return super().compose_node(parent, index)


def _read_text(path: Path, name: str, problems: list[Problem], missing_hint: str) -> str | None:
    """Read a UTF-8 file within the size cap, or record why it cannot be read."""
    if not path.is_file():
        problems.append(Problem(name, 1, 1, "", "missing-file", "file not found", missing_hint))
        return None
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        problems.append(
            Problem(name, 1, 1, "", "too-big", f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte cap", "split it or shorten it")
        )
        return None
    raw = path.read_bytes()
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        problems.append(
            Problem(
                name,
                line,
                offset - raw.rfind(b"\n", 0, offset),
                "",
                "nul-byte",
                f"NUL byte at byte offset {offset}",
                "save the file as plain UTF-8 text",
            )
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - raw.rfind(b"\n", 0, exc.start)
        problems.append(Problem(name, line, column, "", "not-utf8", f"invalid UTF-8 at byte offset {exc.start}", "save the file as UTF-8"))
        return None
    if not text.strip():
        problems.append(Problem(name, 1, 1, "", "empty-file", "the file is empty", missing_hint))
        return None
    reordering = _BIDI_CONTROLS.search(text)
    if reordering:
        problems.append(_bidi_problem(name, text, reordering.start()))
        return None
    unshowable = None if path.suffix in {".yaml", ".yml"} else _UNSHOWABLE.search(text)  # YAML refuses them itself
    if unshowable:
        line, column = _line_column(text, unshowable.start())
        message = f"character U+{ord(unshowable.group()):04X} cannot be shown, nor written to the feed (XML) or the PDF"
        problems.append(Problem(name, line, column, "", "control-character", message, "delete it"))
        return None
    return text


_UNSHOWABLE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Control characters and non-characters XML 1.0 forbids (a YAML file cannot hold them raw; a text file can)."""


def _line_column(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset."""
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates: they show text in another order than it is stored (Trojan Source)."""


def _bidi_problem(name: str, text: str, offset: int) -> Problem:
    """Refuse a direction-changing character at its line and column, naming its code point."""
    char = text[offset]
    line, column = _line_column(text, offset)
    what = f"character U+{ord(char):04X} ({unicodedata.name(char)}) changes the direction of the text around it"
    return Problem(name, line, column, "", "bidi-control", f"{what}, so a reader sees it in another order than it is stored", "delete it")


def _yaml_problem(name: str, text: str, exc: MarkedYAMLError) -> Problem:
    """Turn a ruamel parse error into a positioned problem."""
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    if isinstance(exc, DuplicateKeyError) and exc.problem_mark:
        key = re.search(r'duplicate key "([^"]*)"', str(exc.problem))
        first = _first_key_line(text, exc, key.group(1) if key else "")
        where = f" (first at line {first})" if first else ""
        # ruamel's own message repeats both values in full: name the key only, cut to a readable length
        what = f"found duplicate key {echo(key.group(1))}" if key else "found a duplicate key"
        return Problem(name, line, column, "", "duplicate-key", f"{what}{where}", "remove or rename one of the two keys")
    what = " ".join(part for part in (exc.context, exc.problem) if part)
    if exc.context == "expected a single document in the stream":
        return Problem(
            name,
            line,
            column,
            "",
            "second-document",
            "the file holds more than one YAML document",
            "remove the '---' line and what follows, or merge it",
        )
    said = _editor_words(exc, text)
    if said is None:
        return Problem(name, line, column, "", "yaml-syntax", what.replace("\n", " "), "check indentation (spaces, not tabs) and quoting")
    words, hint, at = said
    line, column = (at.line + 1, at.column + 1) if at is not None else (line, column)
    return Problem(name, line, column, "", "yaml-syntax", f"{words} (the YAML parser: {what.replace(chr(10), ' ')})", hint)


_INDENT_HINT = "indent it exactly as much as the key above it, with spaces, not tabs"


def _editor_words(exc: MarkedYAMLError, text: str) -> tuple[str, str, Any] | None:
    """Say a syntax error the way an editor sees it: (what is wrong, how to fix it, a better position or None)."""
    problem, context = str(exc.problem or ""), str(exc.context or "")
    mark = exc.problem_mark
    here, above = _line_and_above(text, mark.line if mark else 0)
    if "mapping values are not allowed" in problem:
        first_colon = mark is not None and here.find(":") == mark.column  # not a second ': ' inside a value
        if first_colon and above is not None and _indent(here) > _indent(above):
            return "this line is indented more than the key above it", _INDENT_HINT, None
        return (
            "this value holds ': ', which YAML reads as the start of another key",
            'put the whole value in quotes ("…"), or write it on the next lines after >-',
            None,
        )
    if "expected <block end>" in problem:
        less = above is not None and _indent(here) < _indent(above)
        return f"this line is indented {'less' if less else 'more'} than the key above it", _INDENT_HINT, None
    if "could not find expected ':'" in problem:
        return (
            "this line has no ':' after its key",
            "write 'key: value'; to continue a long text on the next lines, start it with >- after the key",
            exc.context_mark,
        )
    if "'\\t'" in problem or "\\t" in problem:
        return "a tab indents this line; YAML indents with spaces only", "replace the tab with spaces", None
    if context == "while scanning a quoted scalar":
        return (
            "a quote opened here is never closed",
            "close the quote; if the text holds that quote sign, use the other kind of quotes around it",
            exc.context_mark,
        )
    if context.startswith("while parsing a flow"):
        return (
            "a list or mapping opened here with [ or { is not closed, or lacks a comma",
            "close it with ] or }, and separate the items with ', '",
            exc.context_mark,
        )
    return None


def _line_and_above(text: str, number: int) -> tuple[str, str | None]:
    """The 0-based line `number` of the text and the nearest line above it that holds more than a comment."""
    lines = text.split("\n")
    here = lines[number] if number < len(lines) else ""
    above = next((line for line in reversed(lines[:number]) if line.strip() and not line.lstrip().startswith("#")), None)
    return here, above


def _indent(line: str) -> int:
    """How many spaces a line starts with."""
    return len(line) - len(line.lstrip(" "))


def _first_key_line(text: str, exc: DuplicateKeyError, key: str) -> int | None:
    """Find the line of the first occurrence of a duplicated key, between the mapping's start and the duplicate."""
    start = exc.context_mark.line if exc.context_mark else 0
    end, indent = exc.problem_mark.line, exc.problem_mark.column
    pattern = re.compile(rf"^(?:[ -]{{{indent}}})[\"']?{re.escape(key)}[\"']?\s*:")
    for number, line in enumerate(text.splitlines()[start:end], start + 1):
        if pattern.match(line):
            return number
    return None


def _read_texts(content_dir: Path, sources: Document | None, cwd: Path, problems: list[Problem]) -> dict[str, str]:
    """Read the text file each source record names."""
    texts: dict[str, str] = {}
    if sources is None:
        return texts
    for index, record in enumerate(sources.data):
        file_name = record.get("text_file") if isinstance(record, CommentedMap) else None
        if not isinstance(file_name, str) or file_name in texts:
            continue
        path, refusal = _resolve_text_file(content_dir, file_name)
        if path is None:
            line, column = position(sources.data, (index, "text_file"))
            hint = "give a path relative to the content folder"
            problems.append(Problem(sources.name, line, column, f"sources[{index}].text_file", *refusal, hint))
            continue
        before = len(problems)
        text = _read_text(path, relative_name(path, cwd), problems, missing_hint="put the source's text there or correct text_file")
        if text is None and len(problems) > before and problems[-1].rule == "missing-file":
            line, column = position(sources.data, (index, "text_file"))
            problems[-1] = Problem(
                sources.name,
                line,
                column,
                f"sources[{index}].text_file",
                "missing-file",
                f"text file {file_name} not found",
                "put the source's text there or correct text_file",
            )
        if text is not None:
            texts[file_name] = text
    return texts


def _resolve_text_file(content_dir: Path, file_name: str) -> tuple[Path | None, tuple[str, str]]:
    """Resolve a source's text file inside the content folder, or say (rule, message) why it cannot be one."""
    try:
        path = (content_dir / file_name).resolve()
        path.is_file()  # raises for names no file can have: NUL bytes, lone surrogates, too long
    except (OSError, ValueError):
        shown = echo(repr(file_name)[1:-1], "'")  # repr shows NUL bytes and lone surrogates
        return None, ("bad-path", f"text_file {shown} cannot be a file name")
    if not path.is_relative_to(content_dir.resolve()):
        return None, ("path-outside", "the text file must be inside the content folder")
    return path, ("", "")


def position(node: Any, path: tuple[Any, ...], at_key: bool = False) -> tuple[int, int]:
    """Return the 1-based line and column of the deepest part of `path` that exists in the tree.

    A scalar's position is its value's, unless `at_key` asks for the key (an unknown key) or the value is empty.
    """
    line, column = 0, 0
    for part in path:
        if isinstance(node, CommentedMap) and part in node:
            # an empty value has no position of its own (ruamel gives the next key's): point at its key
            use_value = _is_scalar(node[part]) and node[part] is not None and not (at_key and part == path[-1])
            line, column = node.lc.value(part) if use_value else node.lc.key(part)
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, column = node.lc.item(part)
            node = node[part]
        else:
            break
    return line + 1, column + 1


def _is_scalar(value: Any) -> bool:
    """True for values that are not mappings or sequences."""
    return not isinstance(value, (CommentedMap, CommentedSeq))
