"""The Jinja2 environment the page templates render in, and the filters that keep content as text.

Every content string reaches a template as text: `{{ x }}` HTML-escapes it, and the
`md` filter also escapes Markdown, so what an editor typed is shown, never run.
"""

from __future__ import annotations

import json
import re

import jinja2
from markupsafe import Markup

from ...i18n import Catalogue
from ..markdown_text import render_markdown

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_text(value: object) -> Markup:
    """Escape a content string for a Markdown context: HTML specials and Markdown syntax."""
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Markup(text.replace("\n", " "))


def script_json(value: object) -> Markup:
    """Serialise data for a `<script type="application/json">` block that no content can close or break out of."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def make_environment(loader: jinja2.BaseLoader, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """A Jinja2 environment that escapes by default and fails on undefined names."""
    env = jinja2.Environment(
        loader=loader,
        bytecode_cache=bytecode_cache,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_text
    env.filters["markdown"] = render_markdown
    env.filters["date"] = _date
    env.filters["sentence"] = end_sentence
    env.filters["quoted"] = quoted
    env.filters["inner_quotes"] = inner_quotes
    env.filters["quote_marks"] = quote_marks
    return env


@jinja2.pass_context
def _date(context: jinja2.runtime.Context, value: object) -> str:
    """Write a full or partial date in the language of the page being rendered (its `catalogue`)."""
    catalogue: Catalogue = context["catalogue"]
    return catalogue.date(None if value is None else str(value))


def quote_marks(language: str) -> tuple[str, str, str, str]:
    """The outer and inner quotation marks of a language: its catalogue's `punct.*` (de.yaml gives only those), else English."""
    words = Catalogue(language)
    opening, closing, inner_open, inner_close = (
        words.text(f"punct.{key}") for key in ("open_quote", "close_quote", "inner_open_quote", "inner_close_quote")
    )
    return opening, closing, inner_open, inner_close


def inner_quotes(text: str, language: str) -> str:
    """Turn the quotes inside a quote into the language's inner marks."""
    _, _, inner_open, inner_close = quote_marks(language)
    return re.sub(r'["“«]\s*(.*?)\s*["”»]', lambda match: f"{inner_open}{match.group(1)}{inner_close}", text)


def quoted(text: str, language: str) -> str:
    """Put a quote in its language's marks, turning the quotes inside it into the inner marks (no “"…"”)."""
    opening, closing, _, _ = quote_marks(language)
    return f"{opening}{inner_quotes(text, language)}{closing}"


def end_sentence(text: str) -> str:
    """End text with one full stop, unless it already ends a sentence ("… dispatch." stays as it is)."""
    stripped = text.rstrip()
    return stripped if stripped.endswith((".", "!", "?", "…", ".”", ".»", "?”", "!”", ".\u202f»")) else stripped + "."
