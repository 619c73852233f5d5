"""Read a web page as a browser's "Save page as" wrote it: the article's blocks and what the page says about it.

The body and the metadata come from trafilatura, the publication date from htmldate. The
only change made to the page before extraction is to lift each figure's caption out of its
figure, where trafilatura would drop it with the image, so that captions stay in the text
at their place and can be listed as captions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import BriefingError

PAGE_LIMIT = 20_000_000
"""Largest saved page read, in bytes (trafilatura's own limit); a news page is well under 5 MB."""

PARAGRAPH_LIMIT = 20_000
"""Most paragraphs (<p> elements) a saved page may hold: trafilatura's main extractor also grows
faster than their count (12,000 paragraphs: 1 s; 100,000: 51 s). A news article holds a few dozen."""

FALLBACK_LIMIT = 2_000
"""Most paragraphs a page may hold for trafilatura to also try its fallback extractors on it.

jusText's neighbour search grows with the square of the paragraph count (a page of 9,500
paragraphs took 11.6 s, against 0.9 s without it); a news article holds a few dozen."""

PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
"""File name endings read as a saved web page; any other file is read as plain text."""


@dataclass(frozen=True)
class Block:
    """One paragraph of the article as stored: body text, a sub-heading or a caption."""

    text: str
    kind: str = "body"
    """body, heading or caption."""


@dataclass(frozen=True)
class SavedPage:
    """What a saved page holds: the article's blocks and the page's own metadata."""

    blocks: list[Block]
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None
    url_origin: str
    """Where the address was found: the page's metadata, or the note a browser writes when it saves a page."""
    declared_language: tuple[str, str] | None
    """The language the page declares, and where (e.g. ("en-GB", '<html lang="en-GB">'))."""


def is_saved_page(path: Path) -> bool:
    """Whether the file is read as a saved web page rather than as plain text."""
    return path.suffix.lower() in PAGE_SUFFIXES


def read_saved_page(path: Path) -> SavedPage:
    """Extract the article and its metadata from a saved page; refuse a page that holds no article."""
    import trafilatura

    data = _read_bytes(path)
    tree = trafilatura.load_html(data)
    if tree is None:
        raise BriefingError(f"{path} is not an HTML page trafilatura can read; save the page again as 'Web page, complete' or 'HTML only'")
    captions = _lift_captions(tree)
    paragraphs = sum(1 for _ in tree.iter("p"))
    if paragraphs > PARAGRAPH_LIMIT:
        raise BriefingError(
            f"{path} holds {paragraphs:,} paragraphs; a saved page is read up to {PARAGRAPH_LIMIT:,}. "
            "Save the article's own page, or copy its text into a .txt file"
        )
    fast = paragraphs > FALLBACK_LIMIT
    document = trafilatura.bare_extraction(
        tree, fast=fast, include_comments=False, include_tables=True, include_images=False, with_metadata=True, deduplicate=False
    )
    if isinstance(document, dict):  # only with as_dict=True, which is not asked for
        raise TypeError("trafilatura returned a dict")
    blocks = _blocks(document.body if document is not None else None, captions)
    if not blocks:
        raise BriefingError(
            f"{path} holds no article text trafilatura can find; save the article's own page, or copy its text into a .txt file"
        )
    assert document is not None  # blocks come from its body
    return SavedPage(
        blocks=blocks,
        title=_clean(document.title),
        outlet=_clean(document.sitename),
        author=_clean(document.author),
        published=_published(tree),
        **_address(document.url, data),
        declared_language=declared_language(tree),
    )


def _read_bytes(path: Path) -> bytes:
    """The page's bytes, refused past PAGE_LIMIT before reading it whole."""
    size = path.stat().st_size
    if size > PAGE_LIMIT:
        raise BriefingError(f"{path} is {size:,} bytes; a saved page is read up to {PAGE_LIMIT:,} bytes. Save the article's page alone")
    return path.read_bytes()


def _lift_captions(tree: Any) -> set[str]:
    """Put each figure's caption after its figure as a paragraph; return the captions' texts."""
    texts = set()
    for caption in list(tree.iter("figcaption")):
        for hidden in caption.xpath(_SCREEN_READER_ONLY, namespaces={"re": "http://exslt.org/regular-expressions"}):
            hidden.drop_tree()  # "Image caption, " for screen readers: not what a reader sees
        text = _flat("".join(caption.itertext()))
        figure = caption.getparent()
        if not text or figure is None:
            continue
        paragraph = tree.makeelement("p")
        paragraph.text = text
        figure.remove(caption)
        # The caption's place in the page is where its figure is; outside one it stays where it was.
        anchor = figure if figure.tag == "figure" and figure.getparent() is not None else None
        (anchor.addnext(paragraph) if anchor is not None else figure.append(paragraph))
        texts.add(text)
    return texts


_SCREEN_READER_ONLY = ".//*[re:test(@class, '(^|\\s)(visually-hidden|sr-only|screen-reader-text)(\\s|$)')]"
"""Parts of a caption only screen readers announce (the class names BBC, Bootstrap and WordPress use)."""


def _blocks(body: Any, captions: set[str]) -> list[Block]:
    """The extracted body as blocks: one per paragraph, heading, list item, quote or table row."""
    if body is None:
        return []
    blocks = []
    for element in body:
        for text in _texts_of(element):
            kind = "heading" if element.tag == "head" else "caption" if text in captions else "body"
            blocks.append(Block(text, kind))
    return blocks


def _texts_of(element: Any) -> list[str]:
    """The paragraph texts one extracted element stands for."""
    if element.tag == "list":
        parts = [_flat("".join(item.itertext())) for item in element.iter("item")]
    elif element.tag == "table":
        parts = [" | ".join(_flat("".join(cell.itertext())) for cell in row.iter("cell")) for row in element.iter("row")]
    else:
        parts = [_flat("".join(element.itertext()))]
    return [part for part in parts if part]


def _flat(text: str) -> str:
    """Text on one line: runs of white space become one space."""
    return " ".join(text.split())


def _clean(value: str | None) -> str | None:
    """A metadata value on one line, or None when empty."""
    return (_flat(value) or None) if value else None


def _published(tree: Any) -> str | None:
    """The publication date the page's markup gives (htmldate, metadata only: no guess from the running text)."""
    from htmldate import find_date

    found = find_date(tree, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    return str(found) if found else None


_SAVED_FROM = re.compile(rb"<!-- saved from url=\(\d+\)(https?://[^\s>]+?) ?-->")
"""The note Chromium and Internet Explorer write at the top of a page they save."""


def _address(metadata: str | None, data: bytes) -> dict[str, Any]:
    """The page's own address (canonical or og:url), else the one its browser noted on saving it."""
    if metadata and re.fullmatch(r"https?://\S+", metadata):
        return {"url": metadata, "url_origin": "from the page's metadata, its canonical address"}
    saved = _SAVED_FROM.search(data[:4096])
    if saved:
        return {"url": saved.group(1).decode("ascii", "replace"), "url_origin": "from the browser's 'saved from url' note"}
    return {"url": None, "url_origin": "the page states none"}


_LANGUAGE_MARKS = (
    ("//html/@lang", '<html lang="{}">'),
    ("//html/@xml:lang", '<html xml:lang="{}">'),
    (
        "//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')='content-language']/@content",
        '<meta http-equiv="content-language" content="{}">',
    ),
    ("//meta[@property='og:locale']/@content", '<meta property="og:locale" content="{}">'),
    ("//meta[translate(@name,'DCLANGUE','dclangue')='dc.language']/@content", '<meta name="dc.language" content="{}">'),
)
"""Where a page states its language, in the order they are trusted, and how to show it."""

_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")


def declared_language(tree: Any) -> tuple[str, str] | None:
    """The language the page's markup declares, and where it says so; None when it says nothing usable."""
    for xpath, shown in _LANGUAGE_MARKS:
        for value in tree.xpath(xpath):
            code = str(value).strip()
            if _LANGUAGE_TAG.fullmatch(code):
                return code, shown.format(code)
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        stated = _json_ld_language(str(script))
        if stated:
            return stated, f'JSON-LD "inLanguage": "{stated}"'
    return None


def _json_ld_language(text: str) -> str | None:
    """The inLanguage of a JSON-LD block, when it is a language tag."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    for item in data if isinstance(data, list) else [data]:
        value = item.get("inLanguage") if isinstance(item, dict) else None
        if isinstance(value, str) and _LANGUAGE_TAG.fullmatch(value.strip()):
            return value.strip()
    return None
