"""Hedges travel with the evidence (pure): which cited passages carry a hedge or a condition, and
whether the desk's own words that rest on them keep one.

The markers are interface words of each language, kept in the catalogues (`hedge_markers`), so a
translator adds a language's hedges without touching Python.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from ..content.schema import Citation
from ..i18n import available_languages, primary_subtag, read_catalogue

MARKER_KEYS = ("hedge_markers.hedges", "hedge_markers.conditions")
"""The catalogue keys that list a language's hedge words and condition words."""


@functools.cache
def markers(language: str) -> tuple[str, ...]:
    """A language's hedge and condition markers from its own catalogue (none when it has no list: no English fallback)."""
    own = read_catalogue(primary_subtag(language))
    listed = (own.get(key, "") for key in MARKER_KEYS)
    return tuple(word.strip() for text in listed for word in text.split("|") if word.strip())


@functools.cache
def _pattern(language: str) -> re.Pattern[str] | None:
    """One pattern that finds any marker of a language as a whole word or phrase, longest first."""
    words = sorted(markers(language), key=len, reverse=True)
    if not words:
        return None
    # A marker that ends with an apostrophe ("en cas d'") runs into the next word, so it has no end boundary.
    parts = [re.escape(w) + ("" if not w[-1].isalnum() else r"(?!\w)") for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")", re.IGNORECASE)


def _folded(text: str) -> str:
    """Fold typographic apostrophes, so "d’après" is found as "d'après"."""
    return text.replace("\u2019", "'").replace("\u02bc", "'")


def find_marker(text: str, language: str) -> str | None:
    """The first hedge or condition marker in a text, as the text writes it, or None."""
    pattern = _pattern(language)
    match = pattern.search(_folded(text)) if pattern else None
    return match.group() if match else None


def passage_marker(citations: Iterable[Citation], languages: Mapping[str, str]) -> str | None:
    """The first marker in a record's cited passages, each read in its source's language, or None."""
    for citation in citations:
        marker = find_marker(citation.quote, languages.get(citation.source, ""))
        if marker:
            return marker
    return None


def keeps_hedge(text: str, language: str) -> bool:
    """True when the desk's own words have a hedge or condition word of their language, or of another catalogue's.

    The other catalogues count too, because a desk may switch `language` before translating its prose.
    """
    return any(find_marker(text, other) is not None for other in dict.fromkeys([language, *available_languages()]))
