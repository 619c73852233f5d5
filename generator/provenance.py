"""Quote verification: is a quote in its cited paragraph, and if not, what is closest?

Normalisation, applied to both quote and paragraph before comparing (documented in
the README's content guide):
1. Unicode NFC;
2. typographic double quotes and guillemets (“ ” „ « ») become ", with the
   spaces French typography puts inside guillemets dropped;
3. typographic apostrophes and single quotes (’ ‘ ‚ ‹ ›) become ';
4. the ellipsis character … becomes three dots;
5. every run of white space, non-breaking spaces included, becomes one space.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_REPLACEMENTS = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "’": "'", "‘": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'"})
_GUILLEMET_OPEN = re.compile(r"«[\s\u00a0\u202f]*")
_GUILLEMET_CLOSE = re.compile(r"[\s\u00a0\u202f]*»")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")


def normalise(text: str) -> str:
    """Fold the typographic differences that do not change what a quote says."""
    text = unicodedata.normalize("NFC", text)
    text = _GUILLEMET_OPEN.sub('"', text)
    text = _GUILLEMET_CLOSE.sub('"', text)
    text = text.translate(_REPLACEMENTS).replace("…", "...")
    return _SPACES.sub(" ", text).strip()


def quote_in(quote: str, paragraph: str) -> bool:
    """True when the quote stands verbatim in the paragraph, after normalisation."""
    return normalise(quote) in normalise(paragraph)


def closest_passage(quote: str, paragraph: str) -> str:
    """Return the stretch of the paragraph most like the quote, for an error message."""
    needle, haystack = normalise(quote), normalise(paragraph)
    if len(needle) >= len(haystack):
        return haystack
    starts = [0] + [m.end() for m in re.finditer(r"\s", haystack)]
    best_ratio, best = -1.0, haystack[: len(needle)]
    for start in starts:
        window = haystack[start : start + len(needle)]
        ratio = SequenceMatcher(None, needle, window, autojunk=False).ratio()
        if ratio > best_ratio:
            best_ratio, best = ratio, window
    return best.strip()
