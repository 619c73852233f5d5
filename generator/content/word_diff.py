"""Mark where a quote and the passage closest to it differ, word by word, the way `git diff --word-diff` does."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

MAX_TOKENS = 2_000
"""Most words, spaces and signs of either side compared; past that the difference is not marked (a quote holds 4,000 characters)."""

MIN_LIKENESS = 0.5
"""Least share of words in common for the difference to be worth marking: below it, the marks would be the whole passage."""

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")


def marked_difference(quote: str, passage: str) -> str | None:
    """The passage with what differs from the quote marked: [-as quoted-]{+as in the source+}; None when too long or too unlike."""
    old, new = _TOKEN.findall(quote), _TOKEN.findall(passage)
    if len(old) > MAX_TOKENS or len(new) > MAX_TOKENS:
        return None
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    if matcher.ratio() < MIN_LIKENESS:
        return None
    parts = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "equal":
            parts.append("".join(old[i1:i2]))
        else:
            parts.append(_change("".join(old[i1:i2]), "".join(new[j1:j2])))
    return "".join(parts)


def _change(old: str, new: str) -> str:
    """One changed stretch, with the letters both sides share left outside the marks (can[-not-]{+ not+} reads as can{+ +}not)."""
    prefix = _shared_start(old, new)
    suffix = _shared_start(old[len(prefix) :][::-1], new[len(prefix) :][::-1])[::-1]
    if 2 * (len(prefix) + len(suffix)) < min(len(old), len(new)):
        prefix = suffix = ""  # a letter or two in common (troupes, soldats) reads better as whole words changed
    removed, added = old[len(prefix) : len(old) - len(suffix)], new[len(prefix) : len(new) - len(suffix)]
    marks = (f"[-{removed}-]" if removed else "") + (f"{{+{added}+}}" if added else "")
    return f"{prefix}{marks}{suffix}"


def _shared_start(one: str, other: str) -> str:
    """The letters two texts start with alike."""
    size = 0
    while size < min(len(one), len(other)) and one[size] == other[size]:
        size += 1
    return one[:size]
