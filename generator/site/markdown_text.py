"""Fields that allow Markdown: rendered with Python-Markdown, then sanitised with an allow-list (nh3).

Only inline emphasis, code, links and simple lists and paragraphs survive. Links may use
https, http, mailto, a relative path or an anchor; `javascript:`, `vbscript:`, `data:` and
`file:` links are removed however they are written (entities, mixed case, spaces).
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "br", "blockquote"}
"""HTML elements a Markdown field may produce."""

ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
"""Attributes kept on those elements; every event handler and style is dropped."""

URL_SCHEMES = {"https", "http", "mailto"}
"""Link schemes kept; relative links and anchors have no scheme and are kept too."""


def render_markdown(text: str) -> Markup:
    """Render a content field's Markdown to HTML that can hold no script, style, frame or dangerous link."""
    html = markdown.markdown(text, extensions=[], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(clean)


def render_markdown_inline(text: str) -> Markup:
    """Render a one-paragraph Markdown field without its paragraph tags, for a list item or a line."""
    html = str(render_markdown(text))
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)
