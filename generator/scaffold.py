"""`python -m generator new`: start a content folder for a new article.

Writes the article as a numbered source text, its source record, and commented
skeletons of the other files. The folder validates at once, and keeps validating as
the editor fills it in.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .editor_schemas import schema_comment
from .errors import BriefingError
from .load import split_paragraphs
from .record_kinds import RECORD_KINDS


@dataclass(frozen=True)
class NewBriefing:
    """What `new` was asked to create."""

    article: Path
    folder: Path
    title: str | None
    language: str
    outlet: str
    published: dt.date | None


def slugify(text: str) -> str:
    """Make an id from free text: ASCII, lowercase, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:48].strip("-") or "source"


def create(request: NewBriefing, today: dt.date | None = None) -> list[Path]:
    """Write the new content folder; refuse to touch an existing one. Return the files written."""
    if request.folder.exists() and any(request.folder.iterdir()):
        raise BriefingError(f"{request.folder} already exists and is not empty; choose a new folder")
    if not request.article.is_file():
        raise BriefingError(f"article {request.article} not found")
    text = request.article.read_text(encoding="utf-8-sig")
    paragraphs = _paragraphs_of(text)
    if not paragraphs:
        raise BriefingError(f"article {request.article} holds no text")
    today = today or dt.date.today()
    published = request.published or today
    source_id = slugify(f"{request.outlet} {published.isoformat()} {request.title or request.article.stem}")
    schemas = os.path.relpath(Path(__file__).resolve().parent.parent / "schemas", request.folder.resolve())
    files = {
        f"sources/{source_id}.txt": "\n\n".join(paragraphs) + "\n",
        "briefing.yaml": _briefing_yaml(request, published, today),
        "sources.yaml": _sources_yaml(request, source_id, published, paragraphs),
        **{kind.file: kind.skeleton.replace("{source}", source_id) for kind in RECORD_KINDS if kind.skeleton},
    }
    written = []
    for name, body in files.items():
        path = request.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        header = schema_comment(name, schemas) + "\n" if name.endswith(".yaml") else ""
        path.write_text(header + body, encoding="utf-8")
        written.append(path)
    return written


def _paragraphs_of(text: str) -> list[str]:
    """Paragraphs at blank lines; a text with none has one paragraph per line."""
    blocks = split_paragraphs(text)
    if len(blocks) == 1 and "\n" in blocks[0]:
        blocks = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    return [" ".join(block.split()) for block in blocks]


def _q(value: str) -> str:
    """Quote a string for YAML (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _briefing_yaml(request: NewBriefing, published: dt.date, today: dt.date) -> str:
    """The briefing record, with TODO text that validates until it is replaced."""
    title = request.title or request.article.stem.replace("-", " ").replace("_", " ").capitalize()
    return f"""title: {_q(title)}
subtitle: "TODO: one line under the title"
as_of: {today.isoformat()}
language: en
authors:
  - "TODO: desk or authors"
bluf: "TODO: the two or three sentences a reader must take away."
key_judgements:
  - text: "TODO: a judgement the source supports."
    confidence: low
handling: "TODO: handling line, e.g. Unclassified. Built from one {request.outlet} article."
covers:
  start: {published.isoformat()}
  end: {published.isoformat()}
publish_full_text: false
"""


def _sources_yaml(request: NewBriefing, source_id: str, published: dt.date, paragraphs: list[str]) -> str:
    """The source record, followed by the numbered paragraphs as comments to cite from."""
    inferred = "false" if request.published else "true"
    note = "" if request.published else '\n  published_note: "TODO: the date the article was published, and how it is known"'
    listing = "\n".join(f"# ¶{n}: {p[:100]}{'…' if len(p) > 100 else ''}" for n, p in enumerate(paragraphs, 1))
    return f"""- id: {source_id}
  outlet: {_q(request.outlet)}
  title: {_q(request.title or request.article.stem)}
  title_assigned: {"false" if request.title else "true"}
  published: {published.isoformat()}
  published_inferred: {inferred}{note}
  language: {request.language}
  text_file: sources/{source_id}.txt
  captions: []   # numbers of the paragraphs that are photo or map captions
  headings: []   # numbers of the paragraphs that are sub-headings

# The paragraphs of sources/{source_id}.txt, numbered as citations count them:
{listing}
"""
