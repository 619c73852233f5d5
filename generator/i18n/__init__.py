"""The interface in the briefing's language: catalogues of reader-visible words, one YAML file per language.

English (`en.yaml`) is complete and the fallback for any key another catalogue lacks; adding
a language is one more file here. A translator edits YAML, never Python.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

CATALOGUE_DIR = Path(__file__).parent
"""Where the catalogues live: `<language>.yaml`."""

FALLBACK = "en"
"""The language every catalogue falls back to, key by key."""


@functools.cache
def read_catalogue(language: str) -> dict[str, str]:
    """The flat key → text mapping of one language's catalogue (empty when there is none)."""
    path = CATALOGUE_DIR / f"{language}.yaml"
    if not path.is_file():
        return {}
    return _flatten(YAML(typ="safe").load(path.read_text(encoding="utf-8")) or {})


def _flatten(tree: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Flatten nested sections into dotted keys: {page: {home: Home}} -> {"page.home": "Home"}."""
    flat: dict[str, str] = {}
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat |= _flatten(value, name + ".")
        else:
            flat[name] = str(value)
    return flat


def available_languages() -> list[str]:
    """Every language with a catalogue."""
    return sorted(path.stem for path in CATALOGUE_DIR.glob("*.yaml"))


@dataclass(frozen=True)
class Catalogue:
    """The interface words of one language, English where it lacks a key."""

    language: str

    @property
    def primary(self) -> str:
        """The primary subtag of the language: fr for fr-CA."""
        return self.language.split("-")[0].lower()

    def text(self, key: str, **values: Any) -> str:
        """The text of a key in this language, with `{name}` placeholders filled in."""
        words = read_catalogue(self.primary).get(key)
        if words is None:
            words = read_catalogue(FALLBACK)[key]  # a key English lacks is a bug: fail loudly
        return words.format(**values) if values else words
