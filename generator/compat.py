"""Where MkDocs, Material and Python-Markdown offer no public seam: every workaround, in one place.

The rest of the generator extends MkDocs through its public plugin events (`on_config`,
`on_files`, `on_nav`) and Python-Markdown through its extension API. What those cannot do is
here, each part naming the private member or internal behaviour it relies on; `TESTED` names
the versions they were checked against, and `tests/test_compat.py` fails when the installed
ones differ, so an upgrade (a new `requirements.lock`) re-checks each part before it ships:

1. The theme's Jinja environments (MkDocs `Theme.get_env`, replaced on the instance): MkDocs
   lists the theme's files through the environment before any plugin event sees it, and
   Material's search plugin makes three more environments of its own to translate its words;
   no event reaches them, and each would compile the templates again and list the 14,000
   files of the installed theme.
2. Python-Markdown's raw HTML blocks (`HTMLExtractor`'s stash entries and the text it leaves
   around them): the generator's own blocks are stashed ahead of it, byte for byte as it
   would, because its HTML parser was 40 % of a build at 100x the seed.
3. MkDocs's `LiveReloadServer` (the preview): its watch bookkeeping (`_watched_paths`,
   `_watch_refs`) and its rebuild signal (`_rebuild_cond`, `_want_rebuild`), below.
   `generator/commands/preview.py` also overrides `_serve_request` (cache headers) and
   `_inject_js_into_html` (the error overlay), and calls the latter with `_visible_epoch` for
   its error page: MkDocs has no public server API, and `mkdocs serve` (whose `on_serve` event
   is public) would rebuild the whole site, with no overlay, on every save.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import jinja2
from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.theme import Theme

if TYPE_CHECKING:  # the server (http.server, ssl, watchdog: 45 ms) is the preview's alone; a build never starts it
    import watchdog.events
    from mkdocs.livereload import LiveReloadServer

TESTED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2", "Markdown": "3.11.3"}
"""The versions every workaround here was checked against (distribution name: version)."""


# 1. The theme's Jinja environments -------------------------------------------------------


def configure_theme_environments(theme: Theme, configure: Callable[[jinja2.Environment], None]) -> None:
    """Pass every Jinja environment the theme makes (MkDocs's build, Material's search) through `configure`."""

    def get_env() -> jinja2.Environment:
        env = Theme.get_env(theme)
        configure(env)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


# 2. Python-Markdown's raw HTML blocks ----------------------------------------------------


class GeneratedHtml(Extension):  # type: ignore[misc]  # Python-Markdown ships no types
    """Set the generator's own HTML blocks aside before Markdown parses them, exactly as Python-Markdown would.

    A generated page is mostly HTML blocks between Markdown headings. Python-Markdown finds where
    each block ends by running Python's HTML parser over the whole page, and MkDocs runs it once
    more to collect anchors. The templates write blocks of a plain shape: complete block-level
    elements, one after another, each starting a line and ending one. The preprocessor stashes
    such blocks itself, with the same stash entries and the same text around them as
    Python-Markdown's `HTMLExtractor` leaves, so the page comes out byte for byte the same. Any
    block of another shape (comments, `<pre>`, a stray `<`, text after a closing tag…) is left to
    Python-Markdown, and so is the rest of the page after a block that may leave an element open,
    since Python-Markdown's raw block would then run on past it.
    """

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the block stasher before the HTML parsers."""
        md.preprocessors.register(_StashBlocks(md), "briefing_html_blocks", PRIORITY)


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")
"""A start or end tag whose attributes hold no `<` or `>` (the templates escape both)."""

_SHAPE_BREAKERS = re.compile(r"<!|<\?|<(?:pre|textarea|hr)\b|`", re.I)
"""What Python-Markdown treats specially inside raw HTML, or what it may read differently: never fast-pathed."""

_RAW_TEXT = {tag: re.compile(rf"</\s*{tag}\s*>", re.I) for tag in ("script", "style")}
"""Elements whose content the HTML parser reads as plain text up to their end tag, and that end tag."""

PRIORITY = 22
"""After fenced code (25), before MkDocs's anchor scan (21) and Python-Markdown's HTML blocks (20)."""


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


# 3. MkDocs's live-reload server ----------------------------------------------------------


def watch_files(server: LiveReloadServer, path: str, handler: watchdog.events.FileSystemEventHandler, recursive: bool) -> None:
    """Have the server's observer report every event under `path` to `handler`, and count it among the server's watches."""
    server._watched_paths[path] = 1
    server._watch_refs[path] = server.observer.schedule(handler, path, recursive=recursive)


def request_rebuild(server: LiveReloadServer) -> None:
    """Wake the server's rebuild loop, as its own file watcher does."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()
