"""Set the generator's own HTML blocks aside before Markdown parses them, exactly as Python-Markdown would.

A generated page is mostly HTML blocks between Markdown headings. Python-Markdown finds where
each block ends by running Python's HTML parser over the whole page, and MkDocs runs it once
more to collect anchors; at 100× the seed that was 40 % of the build's time. The templates
write blocks of a plain shape: complete block-level elements, one after another, each starting
a line and ending one. This preprocessor stashes such blocks itself, with the same stash entries
and the same text around them as Python-Markdown's `HTMLExtractor` leaves, so the page comes
out byte for byte the same. Any block of another shape (comments, `<pre>`, a stray `<`, text
after a closing tag…) is left to Python-Markdown, and so is the rest of the page after a block
that may leave an element open, since Python-Markdown's raw block would then run on past it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")
"""A start or end tag whose attributes hold no `<` or `>` (the templates escape both)."""

_SHAPE_BREAKERS = re.compile(r"<!|<\?|<(?:pre|textarea|hr)\b|`", re.I)
"""What Python-Markdown treats specially inside raw HTML, or what it may read differently: never fast-pathed."""

_RAW_TEXT = {tag: re.compile(rf"</\s*{tag}\s*>", re.I) for tag in ("script", "style")}
"""Elements whose content the HTML parser reads as plain text up to their end tag, and that end tag."""

PRIORITY = 22
"""After fenced code (25), before MkDocs's anchor scan (21) and Python-Markdown's HTML blocks (20)."""


class GeneratedHtml(Extension):  # type: ignore[misc]  # Python-Markdown ships no types
    """The Markdown extension that registers the preprocessor."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the block stasher before the HTML parsers."""
        md.preprocessors.register(_StashBlocks(md), "briefing_html_blocks", PRIORITY)


class _StashBlocks(Preprocessor):  # type: ignore[misc]
    """Stash every plain HTML block of the page; leave the rest of the text as it was."""

    def run(self, lines: list[str]) -> list[str]:
        """Replace each plain block by the placeholders Python-Markdown would have left, until a block may stay open."""
        chunks = "\n".join(lines).split("\n\n")
        for n, chunk in enumerate(chunks):
            elements = split_elements(chunk, self.md.is_block_level)
            if elements:
                chunks[n] = self._stash(elements, blank_after=n + 1 < len(chunks))
            elif "<" in chunk and not _closed(chunk):
                break
        return "\n\n".join(chunks).split("\n")

    def _stash(self, elements: list[str], blank_after: bool) -> str:
        """Store each element, the last with the newline Python-Markdown keeps when a blank line follows (`blank_line_re`)."""
        placeholders = []
        for n, element in enumerate(elements):
            last = n == len(elements) - 1
            placeholders.append("\n" + self.md.htmlStash.store(element + ("\n" if last and blank_after else "")) + "\n\n")
        return "\n".join(placeholders)


def split_elements(chunk: str, is_block_level: Callable[[str], bool]) -> list[str] | None:
    """The block-level elements a chunk of text consists of, each starting and ending a line; None for any other shape."""
    if not chunk.startswith("<") or _SHAPE_BREAKERS.search(chunk):
        return None
    elements: list[str] = []
    stack: list[str] = []
    start = tags = raw_text_start = 0
    raw_text_angles = 0  # `<` inside a script's text, which is no tag
    for match in _TAG.finditer(chunk):
        if match.start() < raw_text_start:
            continue
        tags += 1
        closing, tag, attributes = match.groups()
        if attributes and (attributes.count('"') % 2 or attributes.count("'") % 2):
            return None  # a quoted `>`: leave it to the real parser
        tag = tag.lower()
        if not stack and (closing or match.start() != start or not is_block_level(tag)):
            return None
        if closing:
            if tag in stack:
                while stack.pop() != tag:
                    pass
            if not stack:
                if chunk[match.end() : match.end() + 1] not in ("\n", ""):
                    return None  # text after the closing tag on its line
                elements.append(chunk[start : match.end()])
                start = match.end() + 1
        elif not attributes.endswith("/"):
            stack.append(tag)
            if tag in _RAW_TEXT:  # the parser reads a script's text as text, up to its end tag
                end = _RAW_TEXT[tag].search(chunk, match.end())
                if end is None:
                    return None
                raw_text_angles += chunk.count("<", match.end(), end.start())
                raw_text_start = end.start()
    if stack or start < len(chunk) or chunk.count("<") != tags + raw_text_angles:
        return None  # an element left open, text after the last one, or a `<` that is no tag
    return elements


def _closed(chunk: str) -> bool:
    """Whether a chunk left to Python-Markdown surely closes every element it opens (so its raw block ends in it)."""
    if "<!--" in chunk or any(re.search(rf"<{tag}\b", chunk, re.I) for tag in _RAW_TEXT):
        return False
    stack: list[str] = []
    for closing, tag, attributes in _TAG.findall(chunk):
        tag = tag.lower()
        if not closing and not attributes.endswith("/"):
            stack.append(tag)
        elif closing and tag in stack:
            while stack.pop() != tag:
                pass
    return not stack
