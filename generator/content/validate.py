"""Stage 2: type every record by the schema, then check ids, references and quotes.

All problems of a run are collected, sorted by position and raised together.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ..errors import ContentError, Problem, echo
from ..i18n import primary_subtag
from ..model import evidence, hedges
from ..project import Project
from . import provenance
from .load import RawContent, load_content, position, split_paragraphs
from .record_kinds import KINDS, LIST_KINDS, RecordKind, RecordSet
from .schema import (
    BasedOn,
    Briefing,
    Citation,
    EventStatus,
    KeyJudgement,
    ReportedBy,
    ReporterKind,
    Stance,
    StanceKey,
    Strength,
    Takeaway,
)
from .word_diff import marked_difference

CLOSEST_BUDGET = 6_000_000
"""Characters of paragraphs the closest-passage search may scan in one run (four 1.5 MB paragraphs).

Each search is bounded, but thousands of wrong quotes citing a huge paragraph would add up;
past the budget the error still comes, without its closest passage."""

KEY_ECHO = 60
"""Most characters of a key a key path repeats."""

QUOTE_ECHO = 200
"""Most characters of a quote or passage a quote error repeats: enough to see where they differ."""

LIST_MODELS: dict[str, type[BaseModel]] = {kind.name: kind.model for kind in LIST_KINDS}
"""The model that types each record of each list file."""


@dataclass(frozen=True)
class Content(RecordSet):
    """The validated content: typed records of every kind (see RecordSet), and each source's paragraphs."""

    paragraphs: Mapping[str, list[str]]
    """Paragraphs of each source's text by source id; paragraph N is item N-1."""
    warnings: list[Problem] = field(default_factory=list)
    """Things that do not stop a build but are probably wrong, at their positions."""
    unfinished: list[Problem] = field(default_factory=list)
    """The `TODO` placeholders `make new` left: `make check`, builds and editions refuse them; the preview lists them as a to-do."""


@dataclass
class _Checker:
    """Collects problems while it walks the typed records."""

    raw: RawContent
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    typed: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)
    search_budget: int = CLOSEST_BUDGET

    def report(self, kind: str, path: tuple[Any, ...], rule: str, message: str, hint: str = "", at_key: bool = False) -> None:
        """Record a problem at the position of `path` inside the file of `kind`."""
        self.problems.append(self.problem(kind, path, rule, message, hint, at_key))

    def problem(self, kind: str, path: tuple[Any, ...], rule: str, message: str, hint: str = "", at_key: bool = False) -> Problem:
        """A problem at the position of `path` inside the file of `kind`."""
        document = self.raw.documents[kind]
        line, column = position(document.data, path, at_key)
        return Problem(document.name, line, column, _key_path(kind, path), rule, message, hint)

    def where(self, kind: str, path: tuple[Any, ...]) -> str:
        """The file:line:column of `path` inside the file of `kind`."""
        line, column = position(self.raw.documents[kind].data, path)
        return f"{self.raw.documents[kind].name}:{line}:{column}"

    def warn(self, kind: str, path: tuple[Any, ...], rule: str, message: str, hint: str = "") -> None:
        """Record a warning at the position of `path`: shown by every run; the rules in STRICT_WARNINGS fail strict builds."""
        self.warnings.append(self.problem(kind, path, rule, message, hint))


def check_content(project: Project) -> Content:
    """Load and validate a project's content; raise ContentError with every problem found."""
    return validate(load_content(project.content_dir, cwd=Path.cwd()))


def validate(raw: RawContent) -> Content:
    """Return the typed, cross-checked content, or raise ContentError with every problem."""
    checker = _Checker(raw)
    briefing = _type_briefing(checker)
    for kind, model in LIST_MODELS.items():
        checker.typed[kind] = list(_type_records(checker, kind, model))
    paragraphs = _split_sources(checker)
    _check_unique_ids(checker)
    _check_shared_anchors(checker)
    _check_text_file_names(checker)
    _check_renames(checker)
    _check_references(checker)
    _check_citations(checker, paragraphs, briefing)
    _check_strengths(checker)
    _check_event_dates(checker)
    _check_figures(checker)
    _check_stance_hedges(checker)
    if briefing is not None:
        _check_outcomes(checker, briefing)
        _check_bases(checker, briefing)
        if not checker.problems:  # the ceiling and the hedges read the basis: only once every reference exists
            _check_confidence(checker, briefing)
            _check_basis_hedges(checker, briefing)
        _warn_as_of_outside_covers(checker, briefing)
    unfinished = _find_unfinished(raw)
    if checker.problems or briefing is None:
        raise ContentError(checker.problems + unfinished)  # every problem at once, placeholders included
    records = {kind: [record for _, record in checker.typed[kind]] for kind in LIST_MODELS}
    return Content(briefing=briefing, records=records, paragraphs=paragraphs, warnings=sorted(checker.warnings), unfinished=unfinished)


def require_finished(content: Content) -> None:
    """Refuse content that still holds `make new`'s TODO placeholders, listing each."""
    if content.unfinished:
        raise ContentError(content.unfinished)


_PLACEHOLDER = re.compile(r"^\s*TODO\s*:")


def _find_unfinished(raw: RawContent) -> list[Problem]:
    """Every text value that is still a `TODO:` placeholder, at its position."""
    problems = []
    for kind, document in raw.documents.items():
        for path, value in _text_values(document.data, ()):
            if _PLACEHOLDER.match(value):
                line, column = position(document.data, path)
                hint = "write the real text in its place (or delete the key, if it is optional)"
                problems.append(
                    Problem(document.name, line, column, _key_path(kind, path), "unfinished", f"placeholder {echo(value)}", hint)
                )
    return problems


def _text_values(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text value of a YAML tree, with its key path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _text_values(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _text_values(value, (*path, index))
    elif isinstance(node, str):
        yield path, node


def _type_briefing(checker: _Checker) -> Briefing | None:
    """Type briefing.yaml, recording schema problems."""
    try:
        return Briefing.model_validate(checker.raw.documents["briefing"].data)
    except ValidationError as exc:
        _report_schema(checker, "briefing", (), Briefing, exc)
        return None


def _type_records(checker: _Checker, kind: str, model: type[BaseModel]) -> Iterator[tuple[int, Any]]:
    """Type each record of a list file, yielding (index, record) for the valid ones."""
    for index, item in enumerate(checker.raw.documents[kind].data):
        try:
            yield index, model.model_validate(item)
        except ValidationError as exc:
            _report_schema(checker, kind, (index,), model, exc)


def _report_schema(checker: _Checker, kind: str, prefix: tuple[Any, ...], model: type[BaseModel], exc: ValidationError) -> None:
    """Turn pydantic's errors into positioned problems with what would be right."""
    errors = [
        (error, tuple(part for part in error["loc"] if not (isinstance(part, str) and part.startswith("function-"))))
        for error in exc.errors(include_url=False)
    ]
    misspelt = _misspelt_keys(errors)
    for error, loc in errors:
        if error["type"] == "missing" and loc in misspelt.values():
            continue  # said once, at the misspelt key: "positon: did you mean position?"
        message, hint = _describe(error, model, loc)
        if loc in misspelt:
            hint = f"did you mean '{misspelt[loc][-1]}'? Rename the key"
        checker.report(kind, prefix + loc, error["type"].replace("_", "-"), message, hint, at_key=error["type"] == "extra_forbidden")


def _misspelt_keys(errors: list[tuple[Any, tuple[Any, ...]]]) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """Pair each unknown key with the missing required key of the same record it is a misspelling of."""
    missing = [loc for error, loc in errors if error["type"] == "missing"]
    pairs: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for error, loc in errors:
        if error["type"] != "extra_forbidden":
            continue
        siblings = {str(other[-1]): other for other in missing if other[:-1] == loc[:-1] and other not in pairs.values()}
        near = get_close_matches(str(loc[-1]), list(siblings), n=1, cutoff=0.75)
        if near:
            pairs[loc] = siblings[near[0]]
    return pairs


def _describe(error: Any, model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[str, str]:
    """Write a schema error as (what is wrong, how to fix it), in an editor's words."""
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return f"required key '{loc[-1]}' is missing", f"add '{loc[-1]}:' to this record"
    if kind == "extra_forbidden":
        names = _field_names(model, loc[:-1])
        near = get_close_matches(str(loc[-1]), names, n=1, cutoff=0.75)
        guess = f"did you mean '{near[0]}'? " if near else ""
        return f"unknown key {_shown(str(loc[-1]))}", f"{guess}accepted keys here: {', '.join(names)}"
    if _is_empty(kind, value):
        return _describe_empty(model, loc, value)
    if kind == "string_pattern_mismatch" and _is_id_field(loc):
        return f"{_shown(value)} is not a valid id", "use lowercase ASCII letters and digits joined by single hyphens, e.g. donald-trump"
    if kind == "string_type":
        if isinstance(value, (bool, int, float)):
            return f"expected text, got {_kind_of(value)} ({value})", "put the value in quotes to keep it as written"
        return f"expected text, got {_kind_of(value)}", "write the text on the key's line, or under it with >- for long text"
    if kind == "list_type":
        return f"expected a list, got {_kind_of(value)}", "write each item on its own line, starting with '- '"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected keys with values, got {_kind_of(value)}", "write this record's keys on the lines below it, indented"
    return f"{error['msg']} (got {_shown(value)})", ""


def _is_empty(kind: str, value: Any) -> bool:
    """True for a null value, blank text or an empty list: the editor left the field empty."""
    if value is None:
        return True
    if isinstance(value, str) and not value.strip():
        return kind in ("string_too_short", "value_error", "date_from_datetime_parsing", "enum")
    return isinstance(value, list) and not value and kind == "too_short"


def _describe_empty(model: type[BaseModel], loc: tuple[Any, ...], value: Any) -> tuple[str, str]:
    """Say that a field, list item or record is empty, with a fix that fits what it expects."""
    if not loc or isinstance(loc[-1], int):
        what = "record" if not loc else "list item"
        return f"this {what} is empty", f"write the {what} after '- ', or delete the line"
    name = loc[-1]
    info = _field_info(model, loc)
    is_list = info is not None and any(arg is list for arg in _origins(info.annotation))
    required = info is not None and info.is_required()
    if is_list:
        fix = f"add at least one item under '{name}:', each on its own line starting with '- '"
        fix += "" if required else ", or delete the key"
        return ("this list is empty" if isinstance(value, list) else "this field is empty"), fix
    optional = "" if required else ", or delete the line"
    if info is not None and _nested_model(info.annotation) is not None:
        return "this field is empty", f"write its keys on the lines below '{name}:', indented{optional}"
    return "this field is empty", f"write a value after '{name}:'{optional}"


def _kind_of(value: Any) -> str:
    """Name the kind of a YAML value as an editor sees it."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "keys with values"
    return "another kind of value"


def _shown(value: Any) -> str:
    """Echo a typed value in a message: text quoted and cut to a readable length, other values by their kind."""
    if isinstance(value, str):
        return echo(value, "'")
    if isinstance(value, (bool, int, float)):
        return str(value)
    return _kind_of(value)


def _is_id_field(loc: tuple[Any, ...]) -> bool:
    """True when the error is about an id or a reference to one."""
    names = [part for part in loc if isinstance(part, str)]
    return bool(names) and names[-1] in {"id", "actor", "topic", "source", "actors", "affiliation"}


def _field_info(model: type[BaseModel], loc: tuple[Any, ...]) -> FieldInfo | None:
    """Find the schema field at `loc` inside a (possibly nested) record."""
    current: Any = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or part not in current.model_fields:
            return None
        info = current.model_fields[part]
        current = _nested_model(info.annotation)
    return info


def _field_names(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """List the keys accepted by the (possibly nested) record at `loc`."""
    if not [part for part in loc if not isinstance(part, int)]:
        return list(model.model_fields)
    info = _field_info(model, loc)
    nested = _nested_model(info.annotation) if info else None
    return list(nested.model_fields) if nested else []


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The record class inside a field's annotation (list[Citation], ReportedBy | None…), if any."""
    return next((arg for arg in _flatten(annotation) if isinstance(arg, type) and issubclass(arg, BaseModel)), None)


def _origins(annotation: Any) -> Iterator[Any]:
    """Yield the generic origins (list, Union…) inside an annotation."""
    for arg in _flatten(annotation):
        yield getattr(arg, "__origin__", arg)


def _flatten(annotation: Any) -> Iterator[Any]:
    """Yield the types inside list[...] and X | None annotations."""
    yield annotation
    for arg in getattr(annotation, "__args__", ()):
        yield from _flatten(arg)


def _split_sources(checker: _Checker) -> dict[str, list[str]]:
    """Split each source's text into paragraphs and check its caption and heading numbers."""
    paragraphs: dict[str, list[str]] = {}
    for index, source in checker.typed["sources"]:
        text = checker.raw.texts.get(source.text_file)
        if text is None:
            continue
        paragraphs[source.id] = split_paragraphs(text)
        count = len(paragraphs[source.id])
        for key in ("captions", "headings"):
            for item, number in enumerate(getattr(source, key)):
                if number > count:
                    checker.report(
                        "sources",
                        (index, key, item),
                        "no-such-paragraph",
                        f"paragraph {number} does not exist; {source.text_file} has {count}",
                        f"use a number from 1 to {count}",
                    )
    return paragraphs


def fold_id(value: str) -> str:
    """Fold an id for duplicate detection: NFKC and case-folded."""
    return unicodedata.normalize("NFKC", value).casefold()


def _check_unique_ids(checker: _Checker) -> None:
    """Report records of one kind that share an id, and duplicate actor-question stances."""
    for kind in (k.name for k in LIST_KINDS if k.id_field):
        first: dict[str, int] = {}
        for index, record in checker.typed[kind]:
            key = fold_id(record.id)
            if key in first:
                line, _ = position(checker.raw.documents[kind].data, (first[key], "id"))
                checker.report(
                    kind, (index, "id"), "duplicate-id", f"id '{record.id}' is already used at line {line}", "give each record its own id"
                )
            else:
                first[key] = index
    seen: dict[StanceKey, int] = {}
    for index, stance in checker.typed["stances"]:
        key = stance.key
        if key in seen:
            line, _ = position(checker.raw.documents["stances"].data, (seen[key],))
            checker.report(
                "stances",
                (index,),
                "duplicate-stance",
                f"{stance.actor} already has a stance on {stance.topic}, reported the same way, at line {line}",
                "merge the evidence into one stance, or set a different 'option'",
            )
        else:
            seen[key] = index
    for index, stance in checker.typed["stances"]:
        for item, holder in enumerate(stance.joint_with):
            joint_key: StanceKey = (holder, stance.topic, stance.option, stance.reported_by.kind.value, stance.reported_by.actor)
            if joint_key in seen:
                line, _ = position(checker.raw.documents["stances"].data, (seen[joint_key],))
                checker.report(
                    "stances",
                    (index, "joint_with", item),
                    "duplicate-stance",
                    f"{holder} already has a stance on {stance.topic}, reported the same way, at line {line}",
                    "merge the evidence into one stance, or leave this actor out of joint_with",
                )


ANCHOR_SHARING_KINDS = ("events", "figures")
"""Kinds whose records are anchored by their bare id on one page (the timeline, and the print page that holds both)."""


def _check_shared_anchors(checker: _Checker) -> None:
    """Report an id an event and a figure share: on the print page a link to one would land on the other."""
    first: dict[str, tuple[str, int]] = {}
    for kind in ANCHOR_SHARING_KINDS:
        for index, record in checker.typed[kind]:
            key = fold_id(record.id)
            if key in first and first[key][0] != kind:
                other, at = first[key]
                line, _ = position(checker.raw.documents[other].data, (at, "id"))
                where = f"{checker.raw.documents[other].name}:{line}"
                message = f"id '{record.id}' is also the id of a record of {other} ({where}); the print page holds both: links would clash"
                checker.report(kind, (index, "id"), "shared-anchor", message, "give one of the two another id")
            first.setdefault(key, (kind, index))


def _check_text_file_names(checker: _Checker) -> None:
    """Report two text files whose names differ only by case or Unicode normalisation: one file on macOS and Windows."""
    first: dict[str, tuple[str, int]] = {}
    for index, source in checker.typed["sources"]:
        key = fold_id(source.text_file)
        if key in first and first[key][0] != source.text_file:
            line, _ = position(checker.raw.documents["sources"].data, (first[key][1], "text_file"))
            checker.report(
                "sources",
                (index, "text_file"),
                "file-name-clash",
                f"text_file '{source.text_file}' and '{first[key][0]}' (line {line}) differ only by case or accents' encoding;"
                " on macOS and Windows they are one file",
                "rename one of the two files and its text_file",
            )
        first.setdefault(key, (source.text_file, index))


def _check_renames(checker: _Checker) -> None:
    """Report a `was` id that a record still uses, or that two records claim: an edition could not tell them apart."""
    for kind in (k.name for k in LIST_KINDS if k.renamable):
        current = {fold_id(record.id) for _, record in checker.typed[kind]}
        claimed: dict[str, str] = {}
        for index, record in checker.typed[kind]:
            for item, old in enumerate(record.was):
                if fold_id(old) in current:
                    checker.report(kind, (index, "was", item), "was-in-use", f"'{old}' is the id of a record now", "list only retired ids")
                elif claimed.setdefault(fold_id(old), record.id) != record.id:
                    message = f"'{old}' is already listed in the `was` of {claimed[fold_id(old)]}"
                    checker.report(kind, (index, "was", item), "was-in-use", message, "a retired id maps to one record")


_SELF_REFERENCES = (
    ("actors", "affiliation", "id", "self-affiliation", "an actor cannot be affiliated with itself"),
    ("stances", "joint_with", "actor", "self-joint", "an actor cannot hold a position jointly with itself"),
)
"""Lists of ids that may not name their own record's actor: kind, list field, own-id field, rule, message."""


def _check_references(checker: _Checker) -> None:
    """Report every reference to an id that does not exist, as the record kinds declare them."""
    declared = {kind.name: _declared_ids(checker, kind.name) for kind in LIST_KINDS if kind.id_field}
    for kind in LIST_KINDS:
        for reference in kind.references:
            for index, record in checker.typed[kind.name]:
                for path, ref in _referenced_ids(record, reference.field):
                    _check_ref(checker, kind.name, (index, *path), ref, declared[reference.target], KINDS[reference.target])
    for kind in LIST_KINDS:
        _check_untyped_references(checker, kind, declared)
    for kind_name, field_name, own, rule, message in _SELF_REFERENCES:
        for index, record in checker.typed[kind_name]:
            for item, ref in enumerate(getattr(record, field_name)):
                if ref == getattr(record, own):
                    checker.report(kind_name, (index, field_name, item), rule, message, "remove this id")
    for kind in LIST_KINDS:
        for index, record in checker.typed[kind.name]:
            for item, citation in enumerate(getattr(record, kind.citations) if kind.citations else []):
                if citation.reported_by and citation.reported_by.actor:
                    path = (index, kind.citations, item, "reported_by", "actor")
                    _check_ref(checker, kind.name, path, citation.reported_by.actor, declared["actors"], KINDS["actors"])


def _check_untyped_references(checker: _Checker, kind: RecordKind, declared: dict[str, set[str]]) -> None:
    """Check the references of records that failed the schema too, as far as they can be read: all problems at once."""
    typed = {index for index, _ in checker.typed[kind.name]}
    for index, item in enumerate(checker.raw.documents[kind.name].data):
        if index in typed or not isinstance(item, dict):
            continue
        for reference in kind.references:
            for path, ref in _written_ids(item, reference.field):
                _check_ref(checker, kind.name, (index, *path), ref, declared[reference.target], KINDS[reference.target])


def _written_ids(record: Any, field_path: tuple[str, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """The ids written at a field path of an untyped record that are text, each with its key path."""
    value = record
    for name in field_path:
        value = value.get(name) if isinstance(value, dict) else None
    if isinstance(value, str):
        yield field_path, value
    elif isinstance(value, list):
        yield from (((*field_path, item), ref) for item, ref in enumerate(value) if isinstance(ref, str))


def _referenced_ids(record: Any, field_path: tuple[str, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """The ids a record names at a field path, each with its key path (a list field gives one per item)."""
    value = record
    for name in field_path:
        value = getattr(value, name, None)
    if isinstance(value, str):
        yield field_path, value
    elif isinstance(value, list):
        yield from ((((*field_path, item)), ref) for item, ref in enumerate(value))


def _check_strengths(checker: _Checker) -> None:
    """Refuse a curated strength above the Method page's scale unless a written reason is given."""
    outlets = {source.id: source.outlet for _, source in checker.typed["sources"]}
    for index, stance in checker.typed["stances"]:
        derived = evidence.exceeds_scale(stance, outlets)
        if derived is not None:
            checker.report(
                "stances",
                (index, "strength"),
                "strength-above-scale",
                f"strength '{stance.strength}' is above what its attribution allows ('{derived}', see the Method page's scale)",
                f"set strength: {derived} (or remove it), or add strength_reason: with why readers should trust it more",
            )


def _check_outcomes(checker: _Checker, briefing: Briefing) -> None:
    """Warn when a planned or expected event's date has passed and nothing says what became of it; refuse an outcome on a past fact."""
    as_of = briefing.as_of.isoformat()
    for index, event in checker.typed["events"]:
        if event.status is EventStatus.happened and event.outcome is not None:
            checker.report(
                "events",
                (index, "outcome"),
                "outcome-on-happened",
                "'outcome' says what became of a planned or expected event, and this one has status 'happened'",
                "remove 'outcome', or set status: planned or expected",
            )
        elif event.status is not EventStatus.happened and event.outcome is None and event.date and event.date < as_of[: len(event.date)]:
            checker.warn(
                "events",
                (index, "status"),
                "outcome-missing",
                f"the event was {event.status.value} for {event.date}, before the briefing's as_of ({as_of}), and has no outcome",
                "add outcome: happened, postponed, cancelled or not_reported",
            )


def _check_figures(checker: _Checker) -> None:
    """Refuse a figure that is both bounded and a range, or a change with no value to change to."""
    for index, figure in checker.typed["figures"]:
        if figure.bound is not None and figure.value_to is not None:
            checker.report(
                "figures",
                (index, "bound"),
                "figure-bound-and-range",
                "a figure is either bounded ('more than 100,000') or a range ('60 to 65'), not both",
                "keep 'bound' with 'value', or 'value_to' for the range's other end",
            )
        if figure.change and figure.value_to is None:
            checker.report(
                "figures",
                (index, "change"),
                "change-needs-value-to",
                "'change: true' says the number went from 'value' to 'value_to', and 'value_to' is missing",
                "add value_to: with the number it changed to, or remove 'change'",
            )


def _warn_as_of_outside_covers(checker: _Checker, briefing: Briefing) -> None:
    """Warn when the briefing is current to a day outside the period it covers, naming both places."""
    as_of, covers = briefing.as_of, briefing.covers
    if covers.start <= as_of <= covers.end:
        return
    bound, side = ("start", "before") if as_of < covers.start else ("end", "after")
    other = checker.where("briefing", ("covers", bound))
    checker.warnings.append(
        checker.problem(
            "briefing",
            ("as_of",),
            "as-of-outside-covers",
            f"as_of {as_of.isoformat()} is {side} the period the briefing covers "
            f"(covers.{bound} {getattr(covers, bound).isoformat()} at {other})",
            f"set as_of to a day from {covers.start.isoformat()} to {covers.end.isoformat()}, or widen covers",
        )
    )


def _check_event_dates(checker: _Checker) -> None:
    """Require a date or the source's words for when, on every event."""
    for index, event in checker.typed["events"]:
        if event.date is None and event.when is None:
            checker.report(
                "events",
                (index,),
                "missing-date",
                "the event has neither 'date' nor 'when'",
                'add date: "YYYY-MM-DD" (or YYYY-MM, YYYY), or when: with words for when ("in the coming days")',
            )
        if event.date_to is not None and (event.date is None or event.date_to < event.date or event.week):
            checker.report(
                "events",
                (index, "date_to"),
                "bad-date-range",
                "'date_to' ends a range that starts at 'date': it needs a 'date' no later than it, and no 'week'",
                "set date: to the range's first day and date_to: to its last",
            )
        if event.week and (event.date is None or len(event.date) != 10):
            checker.report(
                "events",
                (index, "week"),
                "week-needs-day",
                "'week: true' shows the week that starts on 'date', which must be a full day (YYYY-MM-DD)",
                'set date: to the Monday of the week, e.g. "2025-08-25"',
            )
        if event.date is None and (event.derived or event.time or event.approximate):
            checker.report(
                "events",
                (index,),
                "needs-date",
                "'derived', 'time' and 'approximate' qualify a date, and the event has none",
                "add 'date:' or remove them",
            )


def _check_bases(checker: _Checker, briefing: Briefing) -> None:
    """Check that every takeaway and judgement names a basis, and that each record it names exists."""
    refs, broken = _declared_stance_refs(checker)
    known = {
        "stances": refs,
        "events": _declared_ids(checker, "events"),
        "figures": _declared_ids(checker, "figures"),
        "context": {fact.id for fact in briefing.context},
    }
    _check_unique_context(checker, briefing)
    for index, takeaway in enumerate(briefing.bluf):
        _check_basis(checker, ("bluf", index, "based_on"), takeaway.based_on, known, broken)
    for index, judgement in enumerate(briefing.key_judgements):
        _check_basis(checker, ("key_judgements", index, "based_on"), judgement.based_on, known, broken)


def _outlets(checker: _Checker) -> dict[str, str]:
    """Each source's outlet, by source id."""
    return {source.id: source.outlet for _, source in checker.typed["sources"]}


def _languages(checker: _Checker) -> dict[str, str]:
    """Each source's language, by source id."""
    return {source.id: source.language for _, source in checker.typed["sources"]}


def _basis_records(checker: _Checker, basis: BasedOn) -> list[evidence.BasisRecord]:
    """Weigh every record a basis names, for its confidence ceiling."""
    outlets = _outlets(checker)
    records = [evidence.stance_record(f"stance {ref}", _stances_of(checker, ref), outlets) for ref in basis.stances]
    events = {event.id: event for _, event in checker.typed["events"]}
    for ref in basis.events:
        event = events[ref]
        speaker = event.reported_by.actor if event.reported_by and event.reported_by.actor else next(iter(event.actors), None)
        records.append(evidence.basis_record(f"event {ref}", event.citations, event.reported_by or evidence.OUTLET, speaker, outlets))
    figures = {figure.id: figure for _, figure in checker.typed["figures"]}
    for ref in basis.figures:
        figure = figures[ref]
        claim = ReportedBy(kind=ReporterKind.other_actor, actor=figure.claimed_by) if figure.claimed_by else evidence.OUTLET
        records.append(evidence.basis_record(f"figure {ref}", figure.citations, claim, figure.claimed_by, outlets))
    # A context fact is checked against no stored text: it weighs as a reported fact of its own reference.
    records += [evidence.BasisRecord(f"context {ref}", Strength.medium, frozenset({f"context:{ref}"})) for ref in basis.context]
    return records


def _stances_of(checker: _Checker, ref: str) -> list[Stance]:
    """Every stance an `actor/question` reference names, joint ones included."""
    actor, topic = ref.split("/", 1)
    return [s for _, s in checker.typed["stances"] if s.topic == topic and (s.actor == actor or actor in s.joint_with)]


def _check_confidence(checker: _Checker, briefing: Briefing) -> None:
    """Refuse a confidence above what its basis allows (without a written reason), and a likelihood above the confidence."""
    for index, judgement in enumerate(briefing.key_judgements):
        confidence = judgement.confidence.value
        ceiling, capping = evidence.confidence_ceiling(_basis_records(checker, judgement.based_on))
        if evidence.above(confidence, ceiling) and not judgement.confidence_reason:
            names = ", ".join(record.ref for record in capping)
            checker.report(
                "briefing",
                ("key_judgements", index, "confidence"),
                "confidence-above-evidence",
                f"confidence '{confidence}' is above what its basis allows ('{ceiling}', see the Method page); capped by: {names}",
                f"set confidence: {ceiling}, or add confidence_reason: with why readers should trust it more",
            )
        needs = evidence.likelihood_needs(judgement.likelihood.value) if judgement.likelihood else "low"
        if judgement.likelihood and evidence.above(needs, confidence):
            checker.report(
                "briefing",
                ("key_judgements", index, "likelihood"),
                "likelihood-above-confidence",
                f"likelihood '{judgement.likelihood.value}' needs {needs} confidence; the judgement's confidence is '{confidence}'",
                "choose a less extreme likelihood word, or remove it",
            )


def _check_stance_hedges(checker: _Checker) -> None:
    """Warn when a stance's summary or an event's title states flat what its cited passage hedges or conditions."""
    languages, site = _languages(checker), _site_language(checker)
    for kind, field_name, citations in (("stances", "summary", "evidence"), ("events", "title", "citations")):
        for index, record in checker.typed[kind]:
            if record.hedge_checked or (kind == "events" and evidence.claimed_only(record)):
                continue  # checked by a person, or shown after "According to …", which keeps the hedge
            marker = hedges.passage_marker(getattr(record, citations), languages)
            if marker and not hedges.keeps_hedge(getattr(record, field_name), site):
                _warn_hedge(checker, kind, (index, field_name), marker)


def _check_basis_hedges(checker: _Checker, briefing: Briefing) -> None:
    """Warn when a takeaway or judgement rests on a hedged record and has no hedge or condition word of its own."""
    languages, site = _languages(checker), briefing.language
    events = {event.id: event for _, event in checker.typed["events"]}
    takeaways: list[Takeaway | KeyJudgement] = [*briefing.bluf]
    judgements: list[Takeaway | KeyJudgement] = [*briefing.key_judgements]
    for section, items in (("bluf", takeaways), ("key_judgements", judgements)):
        for index, item in enumerate(items):
            if item.hedge_checked or hedges.keeps_hedge(item.text, site):
                continue
            cited = [c for ref in item.based_on.stances for s in _stances_of(checker, ref) for c in s.evidence]
            cited += [c for ref in item.based_on.events for c in events[ref].citations]
            marker = hedges.passage_marker(cited, languages)
            if marker:
                _warn_hedge(checker, "briefing", (section, index, "text"), marker)


def _warn_hedge(checker: _Checker, kind: str, path: tuple[Any, ...], marker: str) -> None:
    """Warn that words resting on a hedged passage dropped its hedge."""
    checker.warn(
        kind,
        path,
        "hedge-dropped",
        f"the cited passage says “{marker}”, and these words state it without any hedge or condition",
        "keep the hedge or condition in the words (could, appears, if, in the event of, according to…), "
        "or add hedge_checked: true once a person has checked it",
    )


def _site_language(checker: _Checker) -> str:
    """The language of the desk's own words, from briefing.yaml (English when it does not say)."""
    data = checker.raw.documents["briefing"].data
    language = data.get("language") if hasattr(data, "get") else None
    return language if isinstance(language, str) else "en"


def _declared_stance_refs(checker: _Checker) -> tuple[set[str], bool]:
    """The `actor/question` references the stances answer to (joint actors included), and whether any names an unknown id.

    Read from the written records, also those that failed the schema, so that one error does not cascade.
    """
    actors, topics = _declared_ids(checker, "actors"), _declared_ids(checker, "topics")
    refs: set[str] = set()
    broken = False
    for record in checker.raw.documents["stances"].data:
        if not hasattr(record, "get"):
            continue
        joint = record.get("joint_with")
        holders = [record.get("actor"), *(joint if isinstance(joint, list) else [])]
        for actor in holders:
            if isinstance(actor, str) and isinstance(record.get("topic"), str):
                refs.add(f"{actor}/{record['topic']}")
                broken = broken or actor not in actors or record["topic"] not in topics
    return refs, broken


def _check_basis(checker: _Checker, path: tuple[Any, ...], basis: BasedOn, known: dict[str, set[str]], broken: bool) -> None:
    """Report an empty basis, and every reference in it to a record that does not exist.

    When a stance names an unknown actor or question, its own error says so; the basis is not checked against it.
    """
    if not any(getattr(basis, key) for key in known):
        checker.report(
            "briefing",
            path,
            "missing-basis",
            "names no stance, event, figure or context fact",
            "list what it rests on, e.g. based_on: {stances: [actor-id/question-id], events: [event-id]}",
        )
    for key, ids in known.items():
        for item, ref in enumerate(getattr(basis, key)):
            if ref not in ids and not (key == "stances" and broken):
                near = get_close_matches(ref, sorted(ids), n=3, cutoff=0.5)
                hint = f"did you mean {', '.join(near)}?" if near else f"name a record that exists ({_BASIS_HINT[key]})"
                checker.report("briefing", (*path, key, item), "unknown-id", f"no {_BASIS_WHAT[key]} '{ref}'", hint)


_BASIS_WHAT = {"stances": "stance of", "events": "event has the id", "figures": "figure has the id", "context": "context fact has the id"}
_BASIS_HINT = {
    "stances": "actor-id/question-id of a stance in stances.yaml",
    "events": "an id in events.yaml",
    "figures": "an id in figures.yaml",
    "context": "an id under context: in briefing.yaml",
}


def _check_unique_context(checker: _Checker, briefing: Briefing) -> None:
    """Report context facts that share an id."""
    seen: set[str] = set()
    for index, fact in enumerate(briefing.context):
        if fold_id(fact.id) in seen:
            checker.report(
                "briefing", ("context", index, "id"), "duplicate-id", f"id '{fact.id}' is already used", "give each fact its own id"
            )
        seen.add(fold_id(fact.id))


def _declared_ids(checker: _Checker, kind: str) -> set[str]:
    """Every id written in a file, also in records that failed the schema, so one error does not cascade."""
    records = checker.raw.documents[kind].data
    return {record["id"] for record in records if hasattr(record, "get") and isinstance(record.get("id"), str)}


def _check_ref(checker: _Checker, kind: str, path: tuple[Any, ...], ref: str, known: set[str], target: RecordKind) -> None:
    """Report `ref` when it names no known record, listing the near matches."""
    if ref in known:
        return
    near = get_close_matches(ref, sorted(known), n=3, cutoff=0.5)
    article = "an" if target.noun[0] in "aeiou" else "a"
    hint = f"did you mean {', '.join(near)}?" if near else f"add {article} {target.noun} with this id to {target.file}"
    checker.report(kind, path, "unknown-id", f"no {target.noun} has the id '{ref}'", hint)


def _check_citations(checker: _Checker, paragraphs: dict[str, list[str]], briefing: Briefing | None) -> None:
    """Check that every citation names a paragraph that exists and quotes it verbatim."""
    languages = {record.id: record.language for _, record in checker.typed["sources"]}
    site_language = briefing.language if briefing else "en"
    for kind in (k for k in LIST_KINDS if k.citations):
        for index, record in checker.typed[kind.name]:
            for item, citation in enumerate(getattr(record, kind.citations or "")):
                _check_citation(checker, kind.name, (index, kind.citations, item), citation, paragraphs, languages, site_language)


def _check_citation(
    checker: _Checker,
    kind: str,
    path: tuple[Any, ...],
    citation: Citation,
    paragraphs: dict[str, list[str]],
    languages: dict[str, str],
    site_language: str,
) -> None:
    """Check one citation: its source, its paragraph, its quote and its translation."""
    if citation.source not in languages:
        if citation.source not in _declared_ids(checker, "sources"):  # a source that failed the schema has its own error
            _check_ref(checker, kind, (*path, "source"), citation.source, set(languages), KINDS["sources"])
        return
    if citation.source not in paragraphs:
        return
    texts = paragraphs[citation.source]
    if citation.paragraph > len(texts):
        checker.report(
            kind,
            (*path, "paragraph"),
            "no-such-paragraph",
            f"source '{citation.source}' has {len(texts)} paragraphs, not {citation.paragraph}",
            f"use a number from 1 to {len(texts)}",
        )
        return
    miss = provenance.find_quote(citation.quote, texts[citation.paragraph - 1])
    if miss is not None:
        _report_quote(checker, kind, (*path, "quote"), citation, miss, texts)
    source_language = languages[citation.source]
    if primary_subtag(source_language) != primary_subtag(site_language) and citation.translation is None:
        checker.report(
            kind,
            path,
            "missing-translation",
            f"the source is in '{source_language}' and the site in '{site_language}', another language"
            " (only the primary subtags are compared: en-GB quoted on an en site needs no translation)",
            f"add 'translation:' with the quote in the site's language ({site_language})",
        )


def _report_quote(
    checker: _Checker, kind: str, path: tuple[Any, ...], citation: Citation, miss: provenance.QuoteMiss, texts: list[str]
) -> None:
    """Report a quote that cuts a word of its paragraph, or is not in it: where it is instead, or what is closest."""
    where = f"paragraph {citation.paragraph} of {citation.source}"
    what = f"quote {echo(citation.quote, limit=QUOTE_ECHO)}"
    if miss.parts > 1:
        after = f" after part {miss.part - 1}" if miss.part > 1 else ""
        what = f"part {miss.part} of {miss.parts} of the quote, {echo(miss.piece, limit=QUOTE_ECHO)},"
        where += after
    if miss.cut is not None:
        message = f"{what} cuts the word {echo(miss.cut.word)} of {where}: a quote starts and ends on whole words"
        checker.report(kind, path, "quote-cuts-word", message, f"quote whole words: {echo(miss.cut.whole, limit=QUOTE_ECHO)}")
        return
    elsewhere = next((n for n, text in enumerate(texts, 1) if provenance.quote_in(citation.quote, text)), None)
    also = f"; it is in paragraph {elsewhere}" if elsewhere else ""
    checker.report(
        kind,
        path,
        "quote-not-found",
        f"{what} is not in {where}{also}; {_closest(checker, miss, texts[citation.paragraph - 1])}",
        f"set paragraph: {elsewhere}" if elsewhere else "copy the words exactly from the source text",
    )


def _closest(checker: _Checker, miss: provenance.QuoteMiss, paragraph: str) -> str:
    """Say what in the paragraph is closest to the missing piece, while the run's search budget lasts."""
    if checker.search_budget < len(paragraph):
        return "closest passage not searched: this run already searched long paragraphs for other wrong quotes"
    checker.search_budget -= len(paragraph)
    passage = provenance.closest_passage(miss.piece, paragraph, miss.after)
    closest = f"closest passage: {echo(passage, limit=QUOTE_ECHO)}"
    marked = marked_difference(provenance.normalise(miss.piece), passage)
    if marked is None or marked == passage:
        return closest
    return f"closest passage: {echo(marked, limit=QUOTE_ECHO)}, where [-…-] is as quoted and {{+…+}} as in the source"


def _clip_key(key: str) -> str:
    """Cut a key to KEY_ECHO characters for a key path: YAML allows 1,024."""
    return key if len(key) <= KEY_ECHO else f"{key[:KEY_ECHO]}…"


def _key_path(kind: str, path: tuple[Any, ...]) -> str:
    """Write a key path as it reads in the file: stances[3].evidence[0].quote."""
    text = kind
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{_clip_key(str(part))}"
    return text


def content_summary(content: Content) -> str:
    """Say how many records of each kind the content holds: 26 actors, 10 questions, …, 1 source."""
    # The sources go last: the summary leads with what the briefing is about.
    kinds = sorted(LIST_KINDS, key=lambda kind: kind.name == "sources")
    return ", ".join(f"{len(content.records[k.name])} {k.noun if len(content.records[k.name]) == 1 else k.plural}" for k in kinds)
