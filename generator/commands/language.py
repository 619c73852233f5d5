"""Which language an article is in: as given, as its page declares it, or as py3langid identifies it, and say which."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import BriefingError

CONFIDENT = 0.9
"""Smallest probability py3langid must give a language for the text to count as written in it."""

SAMPLE = 20_000
"""Characters of the text the identifier reads: enough to be sure, bounded on a huge article."""

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Z]{2})?")
"""A language code as sources.yaml stores it (fr, en, en-GB)."""


@dataclass(frozen=True)
class Language:
    """The article's language and how it was known, in words for the command's output."""

    code: str
    how: str


def identify(text: str) -> tuple[str, float] | None:
    """The language py3langid finds in the text with its probability, or None when it is not confident."""
    code, probability = _identifier().classify(text[:SAMPLE])
    if code == "zxx" or probability < CONFIDENT:
        return None
    return str(code), float(probability)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    """py3langid's model (shipped in the package, loaded once, 0.7 s), with probabilities."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def resolve(given: str | None, declared: tuple[str, str] | None, text: str, article: str) -> Language:
    """The language to record: the one given, else the page's, else the identified one; refuse to guess."""
    if given:
        if not LANGUAGE_CODE.fullmatch(given):
            raise BriefingError(f"LANG={given!r} is not a language code; give one such as en, fr or en-GB")
        return Language(given, "as given (LANG=)")
    found = identify(text)
    if declared is not None:
        return _declared(declared, found, article)
    if found is not None:
        return Language(found[0], f"identified from the text by py3langid (probability {found[1]:.2f})")
    raise BriefingError(
        f"cannot tell the language of {article}: it does not state one and py3langid is not confident "
        f"(needs {CONFIDENT:.0%}). Say it: make … LANG=en (or --lang en), with the article's language code"
    )


def _declared(declared: tuple[str, str], found: tuple[str, float] | None, article: str) -> Language:
    """The page's declared language, refused when the text plainly reads as another."""
    tag, where = declared
    code = primary(tag)
    if found is not None and found[0] != code:
        raise BriefingError(
            f"{article} declares its language as {code} ({where}), but its text reads as {found[0]} "
            f"(py3langid, probability {found[1]:.2f}). Say which: LANG={found[0]} or LANG={code}"
        )
    agrees = f"; py3langid agrees (probability {found[1]:.2f})" if found else ""
    return Language(code, f"from the page's metadata, {where}{agrees}")


def primary(tag: str) -> str:
    """The language of a tag, without its region or script (en-GB, en_GB → en)."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()
