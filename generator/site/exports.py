"""Data anyone can reuse: the whole briefing as JSON (versioned schema), stances and events as CSV,
and schema.org JSON-LD for pages. Pure functions of the model."""

from __future__ import annotations

import csv
import io
import json
from functools import cache, partial
from typing import Any

from pydantic import BaseModel, Field, create_model

from ..content.field_docs import DocumentedSchema
from ..content.record_kinds import BRIEFING, LIST_KINDS
from ..content.schema import Actor, ActorKind, Briefing, Source
from ..disk_cache import remembered
from ..i18n import Catalogue
from ..model.briefing import BriefingModel
from ..model.changes import describe
from ..model.editions import edition_schema, edition_text
from ..model.publishing import published
from .feed import FEED_PATH, atom_feed

EXPORT_VERSION = "1.1"
"""Version of the JSON export's schema; the major number changes when a field is removed or renamed."""

DOWNLOADS = {
    "json": "data/briefing.json",
    "json_schema": "data/briefing.schema.json",
    "stances": "data/stances.csv",
    "events": "data/events.csv",
}
"""Where each download lives in the site."""

EDITIONS_FOLDER = "editions"
"""The folder of the site that holds each edition's JSON snapshot (beside the Editions page)."""

STANCE_COLUMNS: tuple[str, ...] = (
    "actor_id",
    "actor",
    "question_id",
    "question",
    "position",
    "option",
    "summary",
    "reported_by",
    "reported_by_actor",
    "date",
    "joint_with",
    "strength",
    "strength_reason",
    "hedged",
    "citation_reported_by",
    "citation_date",
    "source",
    "paragraph",
    "quote",
    "translation",
)
"""Columns of stances.csv: one row per piece of evidence; each column's meaning is `stance_columns.<name>` in the catalogues."""

EVENT_COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "when",
    "status",
    "outcome",
    "date_derived_from",
    "time",
    "utc_offset",
    "place",
    "kind",
    "actors",
    "title",
    "hedged",
    "background",
    "source",
    "paragraph",
    "quote",
    "translation",
)
"""Columns of events.csv: one row per citation; each column's meaning is `event_columns.<name>` in the catalogues."""


class CitedParagraph(BaseModel):
    """A paragraph of a source that the briefing cites (the full text is not redistributed)."""

    number: int
    """Its number in the source (1 is the first block of text)."""
    kind: str
    """body, caption or heading."""
    text: str
    """The paragraph as printed in the source."""


class ExportedSource(Source):
    """A source record with the paragraphs the briefing cites."""

    cited_paragraphs: list[CitedParagraph] = Field(default_factory=list)
    """The cited paragraphs, in order."""


class EditionStamp(BaseModel):
    """Which edition of the briefing an export is."""

    version: str
    """The edition's id: its as-of date, with -2, -3… for further editions the same day."""
    date_modified: str
    """The as-of date of this edition (YYYY-MM-DD)."""
    previous: str | None
    """The id of the edition this one is compared with on the home page, if any."""


def _export_model() -> type[BaseModel]:
    """The model of `briefing.json`: the version, the briefing, then one list per record kind."""
    fields: dict[str, Any] = {
        "schema_version": (str, Field(description="Version of this format (major.minor).")),
        "edition": (EditionStamp, Field(description="Which edition this is.")),
        "briefing": (Briefing, Field(description=BRIEFING.export_doc)),
    }
    for kind in LIST_KINDS:
        model = ExportedSource if kind.name == "sources" else kind.model
        fields[kind.export_name] = (list[model], Field(description=kind.export_doc))  # type: ignore[valid-type]
    return create_model("BriefingExport", __doc__="The whole briefing as one JSON document (`data/briefing.json`).", **fields)


BriefingExport = _export_model()
"""The whole briefing as one JSON document (`data/briefing.json`)."""


def export_json(model: BriefingModel) -> str:
    """The briefing as one JSON document, keys in schema order."""
    content = model.content
    sources = [
        ExportedSource(
            **source.model_dump(),
            cited_paragraphs=[
                CitedParagraph(number=p.number, kind=p.kind, text=p.text)
                for p in published(model, source.id).paragraphs
                if p.number in model.cited.get(source.id, set())
            ],
        )
        for source in content.sources
    ]
    # The sources carry their cited paragraphs; the events go in date order, as on the timeline.
    records = dict(content.records) | {"sources": sources, "events": model.events + model.undated_events}
    export = BriefingExport(
        schema_version=EXPORT_VERSION,
        edition=EditionStamp(
            version=edition_version(model), date_modified=content.briefing.as_of.isoformat(), previous=model.history.since.since
        ),
        briefing=content.briefing,
        **{kind.export_name: records[kind.name] for kind in LIST_KINDS},
    )
    return export.model_dump_json(indent=2) + "\n"


@cache  # pydantic builds it anew at every call; the preview asks at every save
def export_json_schema() -> str:
    """The JSON Schema of `briefing.json` (it depends on the code only: kept between runs)."""
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": f"briefing-export/v{EXPORT_VERSION}"}

    def make() -> str:
        return json.dumps(schema | BriefingExport.model_json_schema(schema_generator=DocumentedSchema), indent=2, ensure_ascii=False) + "\n"

    return remembered("schemas", b"export", make)


def stances_csv(model: BriefingModel) -> str:
    """One row per piece of evidence of every stance."""
    rows = [
        {
            "actor_id": s.actor,
            "actor": model.actors[s.actor].name,
            "question_id": s.topic,
            "question": model.topics[s.topic].title,
            "position": s.position.value,
            "option": s.option or "",
            "summary": s.summary,
            "reported_by": s.reported_by.kind.value,
            "reported_by_actor": s.reported_by.actor or "",
            "date": s.date or "",
            "joint_with": " ".join(s.joint_with),
            "strength": model.strength(s).shown.value,
            "strength_reason": s.strength_reason or "",
            "hedged": model.hedge(s) or "",
            "citation_reported_by": c.reported_by.kind.value if c.reported_by else "",
            "citation_date": c.date or "",
            "source": c.source,
            "paragraph": c.paragraph,
            "quote": c.quote,
            "translation": c.translation or "",
        }
        for s in model.content.stances
        for c in s.evidence
    ]
    return _csv(STANCE_COLUMNS, rows)


def events_csv(model: BriefingModel) -> str:
    """One row per citation of every event, in date order."""
    rows = [
        {
            "id": e.id,
            "date": e.date or "",
            "when": e.when or "",
            "status": e.status.value,
            "outcome": e.outcome.value if e.outcome else "",
            "date_derived_from": e.derived.from_text if e.derived else "",
            "time": e.time or "",
            "utc_offset": e.utc_offset or "",
            "place": e.place or "",
            "kind": e.kind.value,
            "actors": " ".join(e.actors),
            "title": model.event_title(e),
            "hedged": model.hedge(e) or "",
            "background": "true" if model.is_background(e) else "false",
            "source": c.source,
            "paragraph": c.paragraph,
            "quote": c.quote,
            "translation": c.translation or "",
        }
        for e in model.events + model.undated_events
        for c in e.citations
    ]
    return _csv(EVENT_COLUMNS, rows)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet run a cell as a formula (OWASP, "CSV Injection")."""


def neutralise_cell(value: Any) -> Any:
    """Prefix a single quote to text a spreadsheet would run as a formula, so it shows as typed."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    """Write rows as RFC 4180 CSV with a header line, every formula-like cell neutralised."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: neutralise_cell(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def downloads(model: BriefingModel) -> dict[str, str]:
    """Every download file of the site, by its path."""
    return {
        DOWNLOADS["json"]: export_json(model),
        DOWNLOADS["json_schema"]: export_json_schema(),
        DOWNLOADS["stances"]: stances_csv(model),
        DOWNLOADS["events"]: events_csv(model),
    }


def edition_version(model: BriefingModel) -> str:
    """The current edition's id (the as-of date when the content is built without its editions)."""
    return model.history.version or model.content.briefing.as_of.isoformat()


def takeaways(briefing: Briefing) -> list[str]:
    """What a reader must take away from an edition: the takeaways of its bottom line."""
    return [takeaway.text for takeaway in briefing.bluf]


def edition_downloads(model: BriefingModel, site_url: str = "") -> dict[str, str]:
    """Each recorded edition's JSON snapshot, their schema, and the Atom feed, by path in the site."""
    files = {f"{EDITIONS_FOLDER}/{entry.edition.edition}.json": edition_text(entry.edition) for entry in model.history.entries}
    files[f"{EDITIONS_FOLDER}/edition.schema.json"] = edition_schema()
    words = Catalogue(model.content.briefing.language)
    lines = partial(describe, words=words)
    files[FEED_PATH] = atom_feed(model.content.briefing, model.history, takeaways, lines, words, site_url)
    return files


def _source_ld(source: Source) -> dict[str, Any]:
    """A source as a schema.org NewsArticle."""
    ld: dict[str, Any] = {
        "@type": "NewsArticle",
        "name": source.title,
        "publisher": {"@type": "Organization", "name": source.outlet},
        "datePublished": source.published,
        "inLanguage": source.language,
    }
    author = {"author": {"@type": "Person", "name": source.author}} if source.author else {}
    return ld | author | ({"url": source.url} if source.url else {})


def actor_json_ld(model: BriefingModel, actor: Actor) -> dict[str, Any]:
    """An actor as schema.org Person or Organization, with its quotes as Quotation based on their sources."""
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person" if actor.kind == ActorKind.person else "Organization",
        "name": actor.name,
        "description": actor.description,
    }
    if actor.role and actor.kind == ActorKind.person:
        ld["jobTitle"] = actor.role
    if actor.aliases:
        ld["alternateName"] = actor.aliases
    if actor.wikidata:
        ld["sameAs"] = f"https://www.wikidata.org/wiki/{actor.wikidata}"
    if actor.affiliation:
        key = "affiliation" if actor.kind == ActorKind.person else "memberOf"
        ld[key] = [{"@type": "Organization", "name": model.actors[a].name} for a in actor.affiliation]
    quotes = [
        {
            "@type": "Quotation",
            "text": c.quote,
            "inLanguage": model.sources[c.source].language,
            "about": model.topics[s.topic].title,
            "isBasedOn": _source_ld(model.sources[c.source]),
        }
        for s in model.stances_by_actor.get(actor.id, [])
        for c in s.evidence
    ]
    if quotes:
        ld["subjectOf"] = quotes
    return ld


def report_json_ld(model: BriefingModel) -> dict[str, Any]:
    """The briefing as a schema.org Report, first published with its first edition, modified with this one."""
    briefing = model.content.briefing
    entries = model.history.entries
    return {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": briefing.title,
        "alternativeHeadline": briefing.subtitle or "",
        "datePublished": (entries[-1].edition.as_of if entries else briefing.as_of).isoformat(),
        "dateModified": briefing.as_of.isoformat(),
        "version": edition_version(model),
        "inLanguage": briefing.language,
        "author": [{"@type": "Organization", "name": a} for a in briefing.authors],
        "abstract": " ".join(takeaway.text for takeaway in briefing.bluf),
        "isBasedOn": [_source_ld(s) for s in model.content.sources],
    }
