"""`python -m generator new` and `add-source`: start a content folder for an article, or add an article to one.

The article is a plain text file or a web page as a browser saved it (saved_page.py).
Writes the article as a numbered source text, its source record, and commented
skeletons of the other files in the site's language. The folder validates at once, and
keeps validating as the editor fills it in. Nothing is guessed: what is not given nor
stated by the page is identified and said so, or refused with the fix.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..content.editor_schemas import schema_comment
from ..content.load import MAX_FILE_BYTES, split_paragraphs
from ..content.record_kinds import RECORD_KINDS
from ..errors import BriefingError, echo
from ..i18n import Catalogue, site_languages
from ..project import tool_file
from . import language
from .saved_page import Block, is_saved_page, read_saved_page

ID_LIMIT = 48
"""Longest source id `new` makes; it is cut at a word boundary."""


@dataclass(frozen=True)
class NewBriefing:
    """What `new` or `add-source` was asked to create."""

    article: Path
    folder: Path
    title: str | None
    language: str | None
    """The article's language code; None to take the page's or identify it from the text."""
    outlet: str | None
    published: dt.date | str | None
    """YYYY-MM-DD, or YYYY-MM / YYYY when the day is unknown; None to take the page's (refused when it has none)."""
    site_language: str = "en"
    author: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Scaffolded:
    """What `new` or `add-source` wrote, and where each fact of the source record came from."""

    files: list[Path]
    notes: list[str] = field(default_factory=list)


def slugify(text: str, limit: int = ID_LIMIT) -> str:
    """Make an id from free text: ASCII, lowercase, hyphens, at most `limit` characters, never cut inside a word."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        head = slug[: limit + 1]
        slug = head.rsplit("-", 1)[0] if "-" in head else slug[:limit]
    return slug.strip("-") or "source"


def create(request: NewBriefing) -> Scaffolded:
    """Write the new content folder; refuse to touch an existing one. Return the files written."""
    if request.folder.exists() and any(request.folder.iterdir()):
        raise BriefingError(f"{request.folder} already exists and is not empty; choose a new folder")
    if request.site_language not in site_languages():
        raise BriefingError(f"no site language '{request.site_language}'; use one of {', '.join(site_languages())}")
    article = _read_article(request)
    words = Catalogue(request.site_language)
    same_language = language.primary(article.language) == request.site_language
    translation = "" if same_language else f"\n#       translation: {words.text('scaffold.translation')}"
    files = {
        article.text_path: article.text,
        "briefing.yaml": _briefing_yaml(request, article),
        "sources.yaml": article.record,
        **{kind.file: _skeleton(words, kind.name, article.id, translation) for kind in RECORD_KINDS if kind.skeleton},
    }
    return Scaffolded(_write(request.folder, files), article.notes)


def _skeleton(words: Catalogue, kind: str, source: str, translation: str) -> str:
    """A kind's commented example in the site's language, citing the new source (the catalogue's text, placeholders filled in)."""
    return words.text(f"scaffold.skeleton.{kind}").replace("{source}", source).replace("{translation}", translation)


def add_source(request: NewBriefing) -> Scaffolded:
    """Add a second (or later) article to an existing content folder: its text and its source record."""
    sources = request.folder / "sources.yaml"
    if not sources.is_file():
        raise BriefingError(f"{request.folder} has no sources.yaml; start a briefing with `new` first")
    article = _read_article(request)
    existing = sources.read_text(encoding="utf-8")
    if re.search(rf"^- id: {re.escape(article.id)}$", existing, flags=re.MULTILINE) or (request.folder / article.text_path).exists():
        raise BriefingError(f"a source with the id {article.id} is already in {request.folder}; give another --title or --published")
    body = existing.rstrip("\n")
    body = (body[: -len("[]")].rstrip("\n") if body.endswith("\n[]") or body == "[]" else body) + "\n\n"
    text_path = request.folder / article.text_path
    text_path.parent.mkdir(parents=True, exist_ok=True)
    text_path.write_text(article.text, encoding="utf-8")
    sources.write_text(body.lstrip("\n") + article.record, encoding="utf-8")
    return Scaffolded([text_path, sources], article.notes)


@dataclass(frozen=True)
class _Article:
    """An article read for a content folder: its id, text file, source record, and where its facts came from."""

    id: str
    text_path: str
    text: str
    record: str
    title: str
    outlet: str
    published: str
    language: str
    notes: list[str]


@dataclass(frozen=True)
class _Facts:
    """What is known of an article before it is written down: its blocks and metadata, each with its origin."""

    blocks: list[Block]
    title: tuple[str | None, str]
    outlet: tuple[str | None, str]
    author: tuple[str | None, str]
    published: tuple[str | None, str]
    url: tuple[str | None, str]
    language: language.Language


def _read_article(request: NewBriefing) -> _Article:
    """Read and number the article, and write its source record; refuse what would have to be guessed."""
    if not request.article.is_file():
        raise BriefingError(f"article {request.article} not found")
    facts = _page_facts(request) if is_saved_page(request.article) else _text_facts(request)
    paragraphs = [block.text for block in facts.blocks]
    published = _published(facts.published[0])
    if published is None:
        raise BriefingError(
            f"no publication date for {request.article}: {facts.published[1]}. "
            "Give it: PUBLISHED=YYYY-MM-DD (or YYYY-MM, YYYY when the day is unknown; --published on the command line)"
        )
    title = facts.title[0]
    outlet = facts.outlet[0] or "TODO outlet"
    source_id = slugify(f"{outlet} {published} {title or request.article.stem}")
    record = _source_record(request, facts, source_id, published, outlet)
    notes = _notes(facts, paragraphs, outlet, published)
    text = "\n\n".join(paragraphs) + "\n"
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise BriefingError(
            f"the text of {request.article} is {len(text.encode('utf-8')):,} bytes; a source text holds at most "
            f"{MAX_FILE_BYTES:,}. Save the article's own page, or split the text into several articles"
        )
    shown_title = title or _assigned_title(request.article)
    return _Article(source_id, f"sources/{source_id}.txt", text, record, shown_title, outlet, published, facts.language.code, notes)


def _text_facts(request: NewBriefing) -> _Facts:
    """The facts of a plain-text article: only what is given, its first line as headline, its language identified."""
    raw = request.article.read_text(encoding="utf-8-sig")
    paragraphs = _paragraphs_of(raw)
    if not paragraphs:
        raise BriefingError(f"article {request.article} holds no text")
    first = headline(paragraphs)
    return _Facts(
        blocks=[Block(p) for p in paragraphs],
        title=_given(request.title, (first, "its first line, which reads as a headline") if first else (None, "none given (TITLE=)")),
        outlet=_given(request.outlet, (None, "none given (OUTLET=)")),
        author=_given(request.author, (None, "none given (AUTHOR=)")),
        published=_given(_text(request.published), (None, "a text file states none")),
        url=_given(request.url, (None, "none given (URL=)")),
        language=language.resolve(request.language, None, "\n".join(paragraphs), str(request.article)),
    )


def _page_facts(request: NewBriefing) -> _Facts:
    """The facts of a saved web page: what is given wins over what the page states."""
    page = read_saved_page(request.article)
    said = "from the page's metadata"
    return _Facts(
        blocks=page.blocks,
        title=_given(request.title, (page.title, f"{said} (trafilatura)") if page.title else (None, "the page states none")),
        outlet=_given(request.outlet, (page.outlet, f"{said}, its site name") if page.outlet else (None, "the page states none")),
        author=_given(request.author, (page.author, said) if page.author else (None, "the page states none")),
        published=_given(
            _text(request.published), (page.published, f"{said} (htmldate)") if page.published else (None, "its markup states none")
        ),
        url=_given(request.url, (page.url, page.url_origin)),
        language=language.resolve(request.language, page.declared_language, "\n".join(b.text for b in page.blocks), str(request.article)),
    )


def _given(value: str | None, otherwise: tuple[str | None, str]) -> tuple[str | None, str]:
    """A value typed on the command line, else what the article says, with where it came from."""
    return (value, "as given") if value else otherwise


def _text(value: dt.date | str | None) -> str | None:
    """A date as typed."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _assigned_title(article: Path) -> str:
    """A title made from the file name, for an article that has none."""
    return article.stem.replace("-", " ").replace("_", " ").capitalize()


def _notes(facts: _Facts, paragraphs: list[str], outlet: str, published: str) -> list[str]:
    """One line per fact of the source record: its value and where it came from."""
    counts = {kind: sum(1 for b in facts.blocks if b.kind == kind) for kind in ("heading", "caption")}
    lines = [f"{_count(len(paragraphs), 'paragraph')} ({_count(counts['heading'], 'sub-heading')}, {_count(counts['caption'], 'caption')})"]
    for name, (value, how) in (
        ("title", facts.title),
        ("outlet", (outlet, facts.outlet[1])),
        ("author", facts.author),
        ("published", (published, facts.published[1])),
        ("url", facts.url),
    ):
        lines.append(f"{name + ':':<10} {echo(value) if value else '-'} — {how}")
    lines.append(f"{'language:':<10} {facts.language.code} — {facts.language.how}")
    return lines


def _count(number: int, noun: str) -> str:
    """A count with its noun, plural when it is not one."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _published(text: str | None) -> str | None:
    """A publication date as written in sources.yaml; a partial date (YYYY-MM, YYYY) is kept as given."""
    if text is None:
        return None
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
    schemas = os.path.relpath(tool_file("schemas"), folder.resolve())
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


def period(published: str) -> tuple[dt.date, dt.date]:
    """The days a publication date stands for: one day, or the whole month or year of a partial date."""
    parts = [int(part) for part in published.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else None
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if month is not None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _briefing_yaml(request: NewBriefing, article: _Article) -> str:
    """The briefing record, with TODO text that validates until it is replaced; its dates are the article's."""
    words = Catalogue(request.site_language)
    subtitle, authors, takeaway, basis, judgement, confidence, placeholder = (
        words.text(f"scaffold.{key}") for key in ("subtitle", "authors", "takeaway", "basis", "judgement", "confidence", "placeholder")
    )
    start, end = period(article.published)
    return f"""title: {_q(article.title)}
subtitle: {_q(subtitle)}
as_of: {end.isoformat()}
language: {request.site_language}
authors:
  - {_q(authors)}
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
handling: {_q(words.text("scaffold.handling", outlet=article.outlet))}
covers:
  start: {start.isoformat()}
  end: {end.isoformat()}
publish_full_text: false
"""


def _source_record(request: NewBriefing, facts: _Facts, source_id: str, published: str, outlet: str) -> str:
    """The source record, followed by the numbered paragraphs as comments to cite from."""
    title = facts.title[0]
    quoted = published if len(published) == 10 else _q(published)
    numbers = {kind: [n for n, block in enumerate(facts.blocks, 1) if block.kind == kind] for kind in ("caption", "heading")}
    optional = "".join(f"\n  {name}: {_q(value)}" for name, value in (("author", facts.author[0]), ("url", facts.url[0])) if value)
    listing = _listing(facts.blocks, f"sources/{source_id}.txt")
    header = Catalogue(request.site_language).text("scaffold.listing", path=f"sources/{source_id}.txt")
    return f"""- id: {source_id}
  outlet: {_q(outlet)}
  title: {_q(title or request.article.stem)}
  title_assigned: {"false" if title else "true"}{optional}
  published: {quoted}
  published_inferred: false
  language: {facts.language.code}
  text_file: sources/{source_id}.txt
  captions: {_numbers(numbers["caption"])}   # numbers of the paragraphs that are photo or map captions
  headings: {_numbers(numbers["heading"])}   # numbers of the paragraphs that are sub-headings

# {header}
{listing}
"""


LISTING_LIMIT = 2_000
"""Most paragraphs listed as comments in sources.yaml, which must stay under the loader's size cap."""


def _listing(blocks: list[Block], text_path: str) -> str:
    """The numbered paragraphs as comments, each cut at 100 characters; past LISTING_LIMIT, a line saying where the rest is."""
    lines = [f"# ¶{n}: {b.text[:100]}{'…' if len(b.text) > 100 else ''}" for n, b in enumerate(blocks[:LISTING_LIMIT], 1)]
    if len(blocks) > LISTING_LIMIT:
        lines.append(f"# … ¶{LISTING_LIMIT + 1} to ¶{len(blocks)}: see {text_path}")
    return "\n".join(lines)


def _numbers(numbers: list[int]) -> str:
    """A flow list of paragraph numbers."""
    return "[" + ", ".join(str(n) for n in numbers) + "]"
