"""`make draft`: read a folder's sources, propose actors, quotes, dates and figures, write drafts.yaml.

The recipe: read everything first, propose, then write one file in one replace. The draft
never touches the content files; the build ignores drafts.yaml; a second run replaces it.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .actors import Cast, add_known_forms, assign_ids, find_actors
from .dates import MONTH_NAMES, find_dates
from .figures import find_figures
from .languages import lexicon
from .nlp import entity_labels
from .quotes import find_quotes
from .reading import read_actors, read_site_language, read_sources

DRAFTS_FILE = "drafts.yaml"

_HEADER = """\
# Proposals from `make draft`, for the analyst to check and copy into the content files.
# Never published; the build ignores this file; the next `make draft` replaces it.
# Shapes (documented in the user guide, "Drafting from the sources"):
#   actors:  {id, name, kind, aliases: [...], paragraphs: [{source, paragraph}, ...]}
#   quotes:  {source, paragraph, quote, speaker}   speaker: an actor id, or null
#   dates:   {source, paragraph, text, date, precision, planned}
#   figures: {source, paragraph, text, value, unit, bound}
"""


def draft(folder: Path) -> tuple[Path, dict[str, int]]:
    """Write drafts.yaml for a content folder; return its path and how many proposals of each kind it holds."""
    sources = read_sources(folder)
    known = read_actors(folder)
    site_language = read_site_language(folder)
    cast = Cast()
    add_known_forms(known, cast)
    quotes, dates, figures = [], [], []
    for source in sources:
        lex = lexicon(source.language)
        language = source.language.split("-")[0].lower()
        find_actors(source.id, source.paragraphs, entity_labels(language, source.paragraphs), lex, language, site_language, cast)
        quotes += find_quotes(source.id, source.paragraphs, cast.mentions, lex)
        found_dates = find_dates(source.id, source.paragraphs, source.published, language, lex)
        dates += found_dates
        figures += find_figures(source.id, source.paragraphs, language, lex, _date_spans(source.paragraphs, found_dates))
    assign_ids(cast, known)
    document = _document(cast, quotes, dates, figures)
    path = folder / DRAFTS_FILE
    _write(path, document)
    return path, {name: len(items) for name, items in document.items()}


def _date_spans(paragraphs: list[str], dates: list[Any]) -> dict[int, list[tuple[int, int]]]:
    """Where each date expression stands, so its numbers are not taken for figures."""
    spans: dict[int, list[tuple[int, int]]] = {}
    cursor: dict[int, int] = {}
    for item in dates:
        if not re.search(rf"\d{{4}}|(?i:{MONTH_NAMES})", item.text):
            continue  # "within 18 weeks" is a figure too; only a calendar date's numbers are not
        text = paragraphs[item.paragraph - 1]
        at = text.find(item.text, cursor.get(item.paragraph, 0))
        if at >= 0:
            spans.setdefault(item.paragraph, []).append((at, at + len(item.text)))
            cursor[item.paragraph] = at + len(item.text)
    return spans


def _document(cast: Cast, quotes: list[Any], dates: list[Any], figures: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """The four lists in the documented shape, actors in order of first mention."""
    ids = {key: actor.id for key, actor in cast.actors.items()}
    actors = sorted(
        (actor for actor in cast.actors.values() if actor.paragraphs and not actor.merged), key=lambda actor: min(actor.paragraphs)
    )
    return {
        "actors": [
            {
                "id": actor.id,
                "name": actor.name,
                "kind": actor.kind,
                "aliases": list(actor.forms),
                "paragraphs": [_flow({"source": source, "paragraph": number}) for source, number in sorted(actor.paragraphs)],
            }
            for actor in actors
        ],
        "quotes": [
            {"source": q.source, "paragraph": q.paragraph, "quote": q.quote, "speaker": ids.get(q.speaker) if q.speaker else None}
            for q in quotes
        ],
        "dates": [
            {"source": d.source, "paragraph": d.paragraph, "text": d.text, "date": d.date, "precision": d.precision, "planned": d.planned}
            for d in dates
        ],
        "figures": [
            {
                "source": f.source,
                "paragraph": f.paragraph,
                "text": f.text,
                "value": _flow_list(f.value) if isinstance(f.value, list) else f.value,
                "unit": f.unit,
                "bound": f.bound,
            }
            for f in figures
        ],
    }


def _flow(mapping: dict[str, Any]) -> CommentedMap:
    """A mapping written on one line ({source: …, paragraph: 4}), so a long list of places stays readable."""
    flowing = CommentedMap(mapping)
    flowing.fa.set_flow_style()
    return flowing


def _flow_list(values: list[Any]) -> CommentedSeq:
    """A range's two ends on one line: [60, 65]."""
    flowing = CommentedSeq(values)
    flowing.fa.set_flow_style()
    return flowing


def _write(path: Path, document: dict[str, list[dict[str, Any]]]) -> None:
    """Write the drafts in one replace, so a reader never sees half a file."""
    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    handle, temporary = tempfile.mkstemp(prefix=".drafts-", suffix=".yaml", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(_HEADER)
        yaml.dump(document, stream)
    os.replace(temporary, path)
