"""Quote verification: is a quote in its cited paragraph, on whole words, and if not, what is closest?

Normalisation, applied to both quote and paragraph before comparing (documented in
the content guide, docs/pages/content.md):
1. Unicode NFC;
2. typographic double quotes and guillemets (“ ” „ « ») become ", with the
   spaces French typography puts inside guillemets dropped;
3. typographic apostrophes and single quotes (’ ‘ ‚ ‹ ›) become ';
4. the ellipsis character … becomes three dots;
5. every run of white space, non-breaking spaces included, becomes one space;
6. invisible characters that only hint at line breaks or joins are dropped: the soft
   hyphen (U+00AD), zero-width space (U+200B), zero-width non-joiner and joiner
   (U+200C, U+200D), word joiner (U+2060) and zero-width no-break space (U+FEFF). A source
   copied from a web page often holds them; a quote (which may not hold them) still matches.

Any other invisible character left in a closest passage shown in an error is written as
<U+XXXX NAME>, so the difference a reader cannot see is named.

A quote must start and end on word boundaries of the paragraph, and may leave words
out with a marked omission, `[…]` or `[...]`: each piece is then found in order.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_REPLACEMENTS = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "’": "'", "‘": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'"})
_GUILLEMET_OPEN = re.compile(r"«[\s\u00a0\u202f]*")
_GUILLEMET_CLOSE = re.compile(r"[\s\u00a0\u202f]*»")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009]+")
_MARK = re.compile(r"\[(?:…|\.\.\.)\]")
_OMISSION = re.compile(r"\s*" + _MARK.pattern + r"\s*")
_WORD_CHAR = re.compile(r"\w")
_INVISIBLE_HINTS = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")

OMISSION_MARK = "[…]"
"""How the site shows words the desk left out of a quote (typed as `[…]` or `[...]`)."""

WORD_LIMIT = 100
"""Longest stretch walked to widen a cut to a whole word: a longer "word" is no word, and the walk stays bounded."""

ALIGN_CHARS = 64
"""Longest stretch of a quote aligned against a paragraph when searching the closest passage.

Up to 64 characters, rapidfuzz aligns with one machine word per step (about 0.1 s for
1.5 MB even on repetitive text), so the search stays bounded for any quote length; the
head and the tail of a longer quote are each aligned and the better one is kept."""


@functools.lru_cache(maxsize=256)
def normalise(text: str) -> str:
    """Fold the typographic differences that do not change what a quote says."""
    text = unicodedata.normalize("NFC", text)
    text = _GUILLEMET_OPEN.sub('"', text)
    text = _GUILLEMET_CLOSE.sub('"', text)
    text = _INVISIBLE_HINTS.sub("", text.translate(_REPLACEMENTS).replace("…", "..."))
    return _SPACES.sub(" ", text).strip()


def visible(text: str) -> str:
    """Write every invisible (format or control) character as <U+XXXX NAME>, so a message shows what a reader cannot see."""
    return "".join(f"<U+{ord(c):04X} {unicodedata.name(c, 'CONTROL')}>" if unicodedata.category(c) in {"Cf", "Cc"} else c for c in text)


def quote_parts(quote: str) -> list[str]:
    """Split a quote at its marked omissions, as typed; leading or trailing marks leave no empty part."""
    return [part for part in _OMISSION.split(quote.strip()) if part]


def shown_parts(quote: str) -> list[str]:
    """Split a quote at its omission marks for display, keeping its spacing; the site puts OMISSION_MARK between parts."""
    return _MARK.split(quote)


@dataclass(frozen=True)
class CutWord:
    """A quote piece found only where it starts or ends inside a word of the paragraph."""

    piece: str
    """The piece of the quote that cuts a word."""
    word: str
    """The whole word of the paragraph that it cuts."""
    whole: str
    """The piece widened to whole words: what the editor probably meant."""


@dataclass(frozen=True)
class QuoteMiss:
    """Why a quote is not in its paragraph."""

    part: int
    """Which piece (1-based) of a quote with omissions failed; 1 for a quote without."""
    parts: int
    """How many pieces the quote has."""
    piece: str
    """That piece, normalised."""
    cut: CutWord | None
    """Set when the piece is there, but only cutting a word."""
    after: int
    """Offset in the normalised paragraph where the search for this piece began (after the previous piece)."""


def find_quote(quote: str, paragraph: str) -> QuoteMiss | None:
    """Return None when every piece of the quote stands, in order and on whole words, in the paragraph."""
    haystack = normalise(paragraph)
    padded = " " + haystack  # a virtual boundary before the first word, so every word start follows a non-word character
    pieces = [normalise(part) for part in quote_parts(quote)] or [""]
    offset = 0
    for number, piece in enumerate(pieces, 1):
        at = haystack.find(piece, offset) if piece else -1
        end = _find_piece(piece, padded, at) if at >= 0 else -1
        if end < 0:
            return QuoteMiss(number, len(pieces), piece, _cut_word(piece, haystack, at) if at >= 0 else None, offset)
        offset = end
    return None


def quote_in(quote: str, paragraph: str) -> bool:
    """True when the quote stands verbatim in the paragraph, on whole words, after normalisation."""
    return find_quote(quote, paragraph) is None


def _find_piece(piece: str, padded: str, start: int) -> int:
    """Find a piece on word boundaries at or after `start` (its first plain occurrence); return its end, or -1.

    A plain `str.find` first rules out most wrong quotes at memchr speed. The start boundary is
    matched as a non-word character before the piece, not a look-behind, so the regex engine
    scans for candidates in C: linear even in "aaaa…" (no quadratic retries).
    """
    if not piece:
        return -1
    before = r"\W" if _WORD_CHAR.match(piece[0]) else ""
    after = r"(?!\w)" if _WORD_CHAR.match(piece[-1]) else ""
    match = re.compile(before + re.escape(piece) + after).search(padded, start if before else start + 1)
    return match.end() - 1 if match else -1


def _cut_word(piece: str, haystack: str, at: int) -> CutWord:
    """Describe the word a piece found at `at` cuts, and the piece widened to whole words."""
    end = at + len(piece)
    start_word, end_word = _word_start(haystack, at), _word_end(haystack, end)
    cut_at_start = start_word < at
    word = haystack[start_word : _word_end(haystack, at)] if cut_at_start else haystack[_word_start(haystack, end) : end_word]
    return CutWord(piece=piece, word=word, whole=haystack[start_word:end_word])


def _word_start(text: str, index: int) -> int:
    """Move back from `index` to the start of the word it is inside, if any (at most WORD_LIMIT characters)."""
    stop = max(0, index - WORD_LIMIT)
    while index > stop and index < len(text) and _WORD_CHAR.match(text[index - 1]) and _WORD_CHAR.match(text[index]):
        index -= 1
    return index


def _word_end(text: str, index: int) -> int:
    """Move forward from `index` to the end of the word it is inside, if any (at most WORD_LIMIT characters)."""
    stop = min(len(text), index + WORD_LIMIT)
    while 0 < index < stop and _WORD_CHAR.match(text[index - 1]) and _WORD_CHAR.match(text[index]):
        index += 1
    return index


def closest_passage(quote: str, paragraph: str, start: int = 0) -> str:
    """Return the stretch of the (normalised) paragraph after `start` most like the quote, for an error message.

    Bounded: only ALIGN_CHARS of the quote's head and tail are aligned, so a 1.5 MB
    paragraph and a 4,000-character quote take tens of milliseconds, not minutes.
    """
    from rapidfuzz import fuzz  # only a wrong quote needs it: a valid build does not pay for the import

    needle, haystack = normalise(quote), normalise(paragraph)[start:]
    if len(needle) >= len(haystack):
        return visible(haystack.strip())
    head = fuzz.partial_ratio_alignment(needle[:ALIGN_CHARS], haystack)
    tail = fuzz.partial_ratio_alignment(needle[-ALIGN_CHARS:], haystack) if len(needle) > ALIGN_CHARS else head
    if head is None or tail is None:  # only for empty strings, which the schema refuses
        return ""
    begin = head.dest_start if head.score >= tail.score else max(0, tail.dest_end - len(needle))
    end = min(len(haystack), begin + len(needle))
    return visible(haystack[_word_start(haystack, begin) : _word_end(haystack, end)].strip())
