"""What of each source the site publishes (pure): "cited paragraphs only" must never publish an article in effect whole.

When the cited paragraphs hold more than CITED_SHARE_LIMIT of a source's text, the site and the
data show only the cited passages of those paragraphs (the quotes, in the paragraph's order,
joined by an omission mark), and the build says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..content.provenance import shown_parts
from ..content.schema import Citation
from .briefing import BriefingModel, Paragraph, all_citations

CITED_SHARE_LIMIT = 0.5
"""The largest share of a source's characters its cited paragraphs may publish whole; above it, only the cited passages."""

OMISSION = " […] "
"""What stands between two cited passages of one paragraph."""


@dataclass(frozen=True)
class Published:
    """One source as the site publishes it."""

    paragraphs: list[Paragraph]
    excerpted: bool
    """True when the cited paragraphs were too much of the text, so only the cited passages are shown."""
    cited_share: float
    """The share of the source's characters in its cited paragraphs."""


def published(model: BriefingModel, source_id: str) -> Published:
    """A source's published paragraphs: all when the briefing publishes full texts, else the cited ones, or their cited passages."""
    paragraphs = model.paragraphs[source_id]
    cited = model.cited.get(source_id, set())
    if model.content.briefing.publish_full_text:
        return Published(paragraphs, False, 1.0)
    shown = [p for p in paragraphs if p.number in cited]
    total = sum(len(p.text) for p in paragraphs) or 1
    share = sum(len(p.text) for p in shown) / total
    if share <= CITED_SHARE_LIMIT:
        return Published(shown, False, share)
    citations = [c for c in all_citations(model.content) if c.source == source_id]
    return Published([_excerpt(p, citations) for p in shown], True, share)


def _excerpt(paragraph: Paragraph, citations: list[Citation]) -> Paragraph:
    """A paragraph cut down to the passages its citations quote, in the paragraph's order, overlapping passages merged."""
    text = paragraph.text
    parts = [part.strip() for c in citations if c.paragraph == paragraph.number for part in shown_parts(c.quote) if part.strip()]
    spans = sorted((start, start + len(part)) for part in dict.fromkeys(parts) if (start := text.find(part)) >= 0)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    # A quote that differs from the text only typographically is not found as typed: it is shown as quoted.
    unfound = [part for part in dict.fromkeys(parts) if text.find(part) < 0]
    return replace(paragraph, text=OMISSION.join([text[start:end] for start, end in merged] + unfound))


def excerpt_notes(model: BriefingModel) -> list[str]:
    """The build's note for each source shown as cited passages only: what share its cited paragraphs are, and what to do."""
    notes = []
    for source_id in model.sources:
        result = published(model, source_id)
        if result.excerpted:
            cited, total = len(result.paragraphs), len(model.paragraphs[source_id])
            whole = sum(len(p.text) for p in model.paragraphs[source_id]) or 1
            shown = sum(len(p.text) for p in result.paragraphs) / whole
            notes.append(
                f"{source_id}: the cited paragraphs are {cited} of {total} ({result.cited_share:.0%} of the text), which would publish"
                f" the article in effect whole; only the cited passages are shown ({shown:.0%} of the text: shorter quotes show less)."
                " Publish the whole text only with the rights to (publish_full_text: true)."
            )
    return notes
