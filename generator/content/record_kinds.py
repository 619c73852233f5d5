"""The kinds of record a content folder holds, one row each: read by load, validate, the model,
editions and changes, exports, counts, scaffold, schemas and the CLI.

Adding a kind is one row here plus one model class in `schema.py` (and, for typed access in
Python, one property of `RecordSet` below); an optional kind's missing file reads as an empty
list, so existing content folders keep building. Everything that goes through every kind
(validation of ids and references, citations, edition snapshots, counts, the JSON export,
the editor schemas) loops over these rows and needs no other change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .schema import Actor, Briefing, Event, Figure, Source, Stance, Topic


def by_id(record: Any) -> Any:
    """A record's place in identity order: its id."""
    return record.id


def stance_order(stance: Stance) -> tuple[str, ...]:
    """A stance's place in identity order: actor, question, option, then who reported it."""
    return (stance.actor, stance.topic, stance.option or "", stance.reported_by.kind.value, stance.reported_by.actor or "")


@dataclass(frozen=True)
class Reference:
    """A field of a record that names a record of another kind by id."""

    field: tuple[str, ...]
    """The attribute path to the id (or list of ids), e.g. ("reported_by", "actor")."""
    target: str
    """The kind of record it names."""


@dataclass(frozen=True)
class RecordKind:
    """One kind of record: its file, its model and how it ties to the others."""

    name: str
    """The kind's key, e.g. `actors`; also the key path prefix in error messages."""
    file: str
    """The file in the content folder that holds it."""
    model: type[BaseModel]
    """The class that types one record (the whole file for a single-record kind)."""
    noun: str
    """What one record is called in messages: an unknown 'actor', 3 'stances'."""
    plural: str
    """The plural of `noun`, for summaries."""
    export_name: str
    """Its key in `data/briefing.json`."""
    export_doc: str
    """What `data/briefing.json` says about the list."""
    id_field: str | None = "id"
    """The field that must be unique within the file, or None."""
    references: tuple[Reference, ...] = ()
    """Fields that name records of other kinds."""
    citations: str | None = None
    """The field that holds the record's citations, or None."""
    optional: bool = False
    """True when the file may be absent (it then holds no records)."""
    single: bool = False
    """True for a file that holds one mapping rather than a list."""
    skeleton: bool = False
    """True when `new` writes a commented example of the file; its text is `scaffold.skeleton.<name>` in the catalogues."""
    edition_doc: str | None = None
    """What an edition snapshot's JSON Schema says about the list, when it differs from `export_doc`."""
    order: Callable[[Any], Any] = by_id
    """A record's place in identity order, which edition snapshots keep so that `git diff` shows only changes."""

    @property
    def renamable(self) -> bool:
        """True when its records list earlier ids under `was`, so editions recorded before a rename still match."""
        return "was" in self.model.model_fields


BRIEFING = RecordKind(
    "briefing",
    "briefing.yaml",
    Briefing,
    "briefing",
    "briefings",
    "briefing",
    "Title, dates, bottom line, judgements and handling.",
    id_field=None,
    single=True,
)

RECORD_KINDS: tuple[RecordKind, ...] = (
    BRIEFING,
    RecordKind(
        "sources",
        "sources.yaml",
        Source,
        "source",
        "sources",
        "sources",
        "The sources, with their cited paragraphs.",
        edition_doc="The source records (their texts stay in content/sources/).",
    ),
    RecordKind(
        "actors",
        "actors.yaml",
        Actor,
        "actor",
        "actors",
        "actors",
        "Every actor.",
        references=(Reference(("affiliation",), "actors"),),
        skeleton=True,
    ),
    RecordKind(
        "topics",
        "topics.yaml",
        Topic,
        "question",
        "questions",
        "questions",
        "The questions at stake.",
        skeleton=True,
    ),
    RecordKind(
        "stances",
        "stances.yaml",
        Stance,
        "stance",
        "stances",
        "stances",
        "Every position with its evidence.",
        id_field=None,
        references=(
            Reference(("actor",), "actors"),
            Reference(("topic",), "topics"),
            Reference(("reported_by", "actor"), "actors"),
            Reference(("joint_with",), "actors"),
        ),
        citations="evidence",
        order=stance_order,
        skeleton=True,
    ),
    RecordKind(
        "events",
        "events.yaml",
        Event,
        "event",
        "events",
        "events",
        "The timeline, in date order.",
        edition_doc="The timeline.",
        references=(Reference(("actors",), "actors"), Reference(("subjects",), "actors"), Reference(("reported_by", "actor"), "actors")),
        citations="citations",
        skeleton=True,
    ),
    RecordKind(
        "figures",
        "figures.yaml",
        Figure,
        "figure",
        "figures",
        "figures",
        "The key figures.",
        references=(Reference(("claimed_by",), "actors"),),
        citations="citations",
        skeleton=True,
    ),
)
"""Every kind of record, in the order files are read, reported and exported."""

LIST_KINDS: tuple[RecordKind, ...] = tuple(kind for kind in RECORD_KINDS if not kind.single)
"""The kinds whose file is a list of records."""

KINDS: dict[str, RecordKind] = {kind.name: kind for kind in RECORD_KINDS}
"""Each kind by its name."""

RECORD_FILES: dict[str, str] = {kind.name: kind.file for kind in RECORD_KINDS}
"""Each kind of record and the file in the content folder that holds it."""


@dataclass(frozen=True)
class RecordSet:
    """The records of one state of the briefing, by kind: the current content or a recorded edition.

    `records` holds every list kind by name (see RECORD_KINDS); the properties give the type
    checker each kind's model class, and are the one place in the code that names them."""

    briefing: Briefing
    records: Mapping[str, list[Any]]
    """The records of each list kind, by the kind's name."""

    @property
    def sources(self) -> list[Source]:
        """The sources."""
        return self.records["sources"]

    @property
    def actors(self) -> list[Actor]:
        """The actors."""
        return self.records["actors"]

    @property
    def topics(self) -> list[Topic]:
        """The questions at stake."""
        return self.records["topics"]

    @property
    def stances(self) -> list[Stance]:
        """The stances."""
        return self.records["stances"]

    @property
    def events(self) -> list[Event]:
        """The events, in file order."""
        return self.records["events"]

    @property
    def figures(self) -> list[Figure]:
        """The key figures."""
        return self.records["figures"]

    def citations(self) -> list[Any]:
        """Every citation of every kind that cites sources, in kind and file order."""
        return [c for kind in LIST_KINDS if kind.citations for record in self.records[kind.name] for c in getattr(record, kind.citations)]
