"""`python -m generator new` and `add-source`: start a content folder for an article, or add an article to one.

Writes the article as a numbered source text, its source record, and commented
skeletons of the other files in the site's language. The folder validates at once, and
keeps validating as the editor fills it in.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..content.editor_schemas import schema_comment
from ..content.load import split_paragraphs
from ..content.record_kinds import RECORD_KINDS
from ..errors import BriefingError

_TRANSLATION = {"en": "\n#       translation: the same words in English", "fr": "\n#       translation: les mêmes mots en français"}

_BRIEFING_TODO = {
    "en": (
        "TODO: one line under the title",
        "TODO: desk or authors",
        "TODO: one or two sentences a reader must take away.",
        "replace with stances: [actor-id/question-id], events: [...], figures: [...]",
        "TODO: a judgement the sources support.",
        "the analyst's confidence: low, moderate or high",
        "TODO: delete this placeholder once the takeaways and judgements cite stances, events or figures.",
        "TODO: handling line, e.g. Unclassified. Built from one {outlet} article.",
    ),
    "fr": (
        "TODO : une ligne sous le titre",
        "TODO : rédaction ou auteurs",
        "TODO : une ou deux phrases que le lecteur doit retenir.",
        "à remplacer par stances: [id-acteur/id-question], events: [...], figures: [...]",
        "TODO : un jugement que les sources étayent.",
        "la confiance de l'analyste : low, moderate ou high",
        "TODO : supprimez ce fait provisoire dès que les points clés et les jugements citent des positions, événements ou chiffres.",
        "TODO : ligne de diffusion, p. ex. Non classifié. Tiré d'un article de {outlet}.",
    ),
}
"""The TODO text of a new briefing.yaml, per site language."""

_LISTING = {
    "en": "The paragraphs of {path}, numbered as citations count them:",
    "fr": "Les paragraphes de {path}, numérotés comme les citations les comptent :",
}

ID_LIMIT = 48
"""Longest source id `new` makes; it is cut at a word boundary."""


@dataclass(frozen=True)
class NewBriefing:
    """What `new` or `add-source` was asked to create."""

    article: Path
    folder: Path
    title: str | None
    language: str
    outlet: str
    published: dt.date | str | None
    """YYYY-MM-DD, or YYYY-MM / YYYY when the day is unknown; None for today, marked inferred."""
    site_language: str = "en"


def slugify(text: str, limit: int = ID_LIMIT) -> str:
    """Make an id from free text: ASCII, lowercase, hyphens, at most `limit` characters, never cut inside a word."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        head = slug[: limit + 1]
        slug = head.rsplit("-", 1)[0] if "-" in head else slug[:limit]
    return slug.strip("-") or "source"


def create(request: NewBriefing, today: dt.date | None = None) -> list[Path]:
    """Write the new content folder; refuse to touch an existing one. Return the files written."""
    if request.folder.exists() and any(request.folder.iterdir()):
        raise BriefingError(f"{request.folder} already exists and is not empty; choose a new folder")
    if request.site_language not in _BRIEFING_TODO:
        raise BriefingError(f"no skeleton in site language '{request.site_language}'; use one of {', '.join(_BRIEFING_TODO)}")
    today = today or dt.date.today()
    article = _read_article(request, today)
    translation = "" if request.language == request.site_language else _TRANSLATION[request.site_language]
    files = {
        article.text_path: article.text,
        "briefing.yaml": _briefing_yaml(request, article, today),
        "sources.yaml": article.record,
        **{
            kind.file: kind.skeleton[request.site_language].replace("{source}", article.id).replace("{translation}", translation)
            for kind in RECORD_KINDS
            if kind.skeleton
        },
    }
    return _write(request.folder, files)


def add_source(request: NewBriefing, today: dt.date | None = None) -> list[Path]:
    """Add a second (or later) article to an existing content folder: its text and its source record."""
    sources = request.folder / "sources.yaml"
    if not sources.is_file():
        raise BriefingError(f"{request.folder} has no sources.yaml; start a briefing with `new` first")
    article = _read_article(request, today or dt.date.today())
    existing = sources.read_text(encoding="utf-8")
    if re.search(rf"^- id: {re.escape(article.id)}$", existing, flags=re.MULTILINE) or (request.folder / article.text_path).exists():
        raise BriefingError(f"a source with the id {article.id} is already in {request.folder}; give another --title or --published")
    body = existing.rstrip("\n")
    body = (body[: -len("[]")].rstrip("\n") if body.endswith("\n[]") or body == "[]" else body) + "\n\n"
    text_path = request.folder / article.text_path
    text_path.parent.mkdir(parents=True, exist_ok=True)
    text_path.write_text(article.text, encoding="utf-8")
    sources.write_text(body.lstrip("\n") + article.record, encoding="utf-8")
    return [text_path, sources]


@dataclass(frozen=True)
class _Article:
    """An article read for a content folder: its id, text file, and source record."""

    id: str
    text_path: str
    text: str
    record: str


def _read_article(request: NewBriefing, today: dt.date) -> _Article:
    """Read and number the article, and write its source record."""
    if not request.article.is_file():
        raise BriefingError(f"article {request.article} not found")
    raw = request.article.read_text(encoding="utf-8-sig")
    paragraphs = _paragraphs_of(raw)
    if not paragraphs:
        raise BriefingError(f"article {request.article} holds no text")
    published = _published(request.published) or today.isoformat()
    title = request.title or headline(paragraphs)
    source_id = slugify(f"{request.outlet} {published} {title or request.article.stem}")
    text_path = f"sources/{source_id}.txt"
    record = _source_record(request, source_id, title, published, paragraphs)
    return _Article(source_id, text_path, "\n\n".join(paragraphs) + "\n", record)


def _published(value: dt.date | str | None) -> str | None:
    """A publication date as written in sources.yaml; a partial date (YYYY-MM, YYYY) is kept as given."""
    if value is None:
        return None
    text = value.isoformat() if isinstance(value, dt.date) else value
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise BriefingError(f"published date {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    return text


def headline(paragraphs: list[str]) -> str | None:
    """The first paragraph when it reads as a headline: short, one line, not ending like a sentence or a caption."""
    first = paragraphs[0]
    if len(paragraphs) < 2 or len(first) > 200 or first.endswith((".", "!", "?", ":", ";", ",", ")", "»", '"', "…")):
        return None
    return first


def _paragraphs_of(text: str) -> list[str]:
    """Paragraphs at blank lines; a text with none has one paragraph per line."""
    blocks = split_paragraphs(text)
    if len(blocks) == 1 and "\n" in blocks[0]:
        blocks = [line.strip() for line in blocks[0].splitlines() if line.strip()]
    return [" ".join(block.split()) for block in blocks]


def _write(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write the files of a new folder, each YAML file tied to its JSON Schema."""
    schemas = os.path.relpath(Path(__file__).resolve().parents[2] / "schemas", folder.resolve())
    written = []
    for name, body in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        header = schema_comment(name, schemas) + "\n" if name.endswith(".yaml") else ""
        path.write_text(header + body, encoding="utf-8")
        written.append(path)
    return written


def _q(value: str) -> str:
    """Quote a string for YAML (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _briefing_yaml(request: NewBriefing, article: _Article, today: dt.date) -> str:
    """The briefing record, with TODO text that validates until it is replaced."""
    subtitle, authors, takeaway, basis, judgement, confidence, placeholder, handling = _BRIEFING_TODO[request.site_language]
    title = request.title or headline(_paragraphs_of(article.text)) or request.article.stem.replace("-", " ").replace("_", " ").capitalize()
    published = _published(request.published) or today.isoformat()
    start = published if len(published) == 10 else today.isoformat()
    return f"""title: {_q(title)}
subtitle: {_q(subtitle)}
as_of: {today.isoformat()}
language: {request.site_language}
authors:
  - {_q(authors)}
bottom_line: {_q(takeaway)}
bluf:
  - text: {_q(takeaway)}
    based_on:
      context: [todo]   # {basis}
key_judgements:
  - text: {_q(judgement)}
    confidence: low     # {confidence}
    based_on:
      context: [todo]
context:
  - id: todo
    text: {_q(placeholder)}
    reference: "TODO"
handling: {_q(handling.format(outlet=request.outlet))}
covers:
  start: {start}
  end: {start}
publish_full_text: false
"""


def _source_record(request: NewBriefing, source_id: str, title: str | None, published: str, paragraphs: list[str]) -> str:
    """The source record, followed by the numbered paragraphs as comments to cite from."""
    inferred = "false" if request.published else "true"
    note = "" if request.published else '\n  published_note: "TODO: the date the article was published, and how it is known"'
    quoted = published if len(published) == 10 else _q(published)
    listing = "\n".join(f"# ¶{n}: {p[:100]}{'…' if len(p) > 100 else ''}" for n, p in enumerate(paragraphs, 1))
    header = _LISTING[request.site_language].format(path=f"sources/{source_id}.txt")
    return f"""- id: {source_id}
  outlet: {_q(request.outlet)}
  title: {_q(title or request.article.stem)}
  title_assigned: {"false" if title else "true"}
  published: {quoted}
  published_inferred: {inferred}{note}
  language: {request.language}
  text_file: sources/{source_id}.txt
  captions: []   # numbers of the paragraphs that are photo or map captions
  headings: []   # numbers of the paragraphs that are sub-headings

# {header}
{listing}
"""
