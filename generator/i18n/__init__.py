"""The interface in the briefing's language: catalogues of reader-visible words, one YAML file per language.

English (`en.yaml`) is complete and the fallback for any key another catalogue lacks; adding
a language is one more `<code>.yaml` file here. A translator edits YAML, never Python. Dates
and numbers are written by Babel for the language, never by the machine's locale.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_date
from babel.dates import get_day_names, get_month_names
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from markupsafe import Markup
from ruamel.yaml import YAML

from ..disk_cache import cached

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
    return cached("catalogues", path, lambda data: _flatten(YAML(typ="safe").load(data.decode("utf-8")) or {}))


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
    return list(_catalogues_in(CATALOGUE_DIR))


@functools.cache
def _catalogues_in(folder: Path) -> tuple[str, ...]:
    """The languages of the catalogues in a folder, listed once: pages ask for every quotation."""
    return tuple(sorted(path.stem for path in folder.glob("*.yaml")))


def site_languages() -> list[str]:
    """The languages a site can be written in: every catalogue but those that only give a source language's typography."""
    return [language for language in available_languages() if read_catalogue(language).get("language.site", "true").lower() != "false"]


@functools.cache
def _elision(language: str) -> re.Pattern[str] | None:
    """The words a language shortens before a vowel (its catalogue's `grammar.*`), as a pattern; None when it does not."""
    words = Catalogue(language).text("grammar.elide_before_vowel").split()
    if not words:
        return None
    vowels = re.escape(Catalogue(language).text("grammar.vowels"))
    alternatives = "|".join(f"[{w[0].lower()}{w[0].upper()}]{re.escape(w[1:])}" for w in words)
    return re.compile(rf"\b({alternatives}) (?=[{vowels}])")


def primary_subtag(language: str) -> str:
    """The primary language subtag, lowercased: fr for fr-CA, en for en-GB."""
    return language.split("-")[0].lower()


@functools.cache
def _locale(language: str) -> Locale:
    """Babel's locale for a language code, English when Babel does not know it."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse(primary_subtag(language)) if primary_subtag(language) != language else Locale.parse(FALLBACK)


_PLURAL_START = re.compile(r"\{(\w+), plural,")
"""The start of an ICU-style plural choice in a catalogue string: `{count, plural,`."""


def _plural_forms(words: str, at: int) -> tuple[dict[str, str], int]:
    """The forms of the plural choice whose selectors start at `at`, by category, and the index just past its closing brace."""
    forms: dict[str, str] = {}
    while True:
        selector = re.compile(r"\s*(=\d+|zero|one|two|few|many|other)\s*\{|\s*\}").match(words, at)
        if selector is None:
            raise ValueError(f"malformed plural choice in {words!r} at {at}")
        if selector.group(1) is None:
            if "other" not in forms:
                raise ValueError(f"plural choice without an `other` form in {words!r}")
            return forms, selector.end()
        depth, start = 1, selector.end()
        end = start
        while depth:
            depth += {"{": 1, "}": -1}.get(words[end], 0)
            end += 1
        forms[selector.group(1)] = words[start : end - 1]
        at = end


def value_names(words: str) -> set[str]:
    """The names of the values a catalogue text uses: its `{name}` placeholders and the numbers its plural choices count."""
    names: set[str] = set()
    at = 0
    for match in _PLURAL_START.finditer(words):
        if match.start() < at:
            continue
        names.add(match.group(1))
        forms, end = _plural_forms(words, match.end())
        for form in forms.values():
            names |= value_names(form)
        names |= set(re.findall(r"\{(\w+)\}", words[at : match.start()]))
        at = end
    return names | set(re.findall(r"\{(\w+)\}", words[at:]))


@dataclass(frozen=True)
class Catalogue:
    """The interface words, dates and numbers of one language, English where its catalogue lacks a key."""

    language: str

    @property
    def primary(self) -> str:
        """The primary subtag of the language: fr for fr-CA."""
        return primary_subtag(self.language)

    @property
    def locale(self) -> Locale:
        """Babel's locale for the language."""
        return _locale(self.language)

    def language_name(self, code: str) -> str:
        """The name of a language in this catalogue's language ("fr" → "French"), or the code when Babel has none."""
        try:
            name = self.locale.languages.get(Locale.parse(code.replace("-", "_")).language)
        except (ValueError, UnknownLocaleError):
            name = None
        return name[:1].upper() + name[1:] if name else code

    def text(self, key: str, **values: Any) -> str:
        """The text of a key in this language, with `{name}` placeholders and `{name, plural, …}` choices filled in."""
        words = read_catalogue(self.primary).get(key)
        if words is None:
            words = read_catalogue(FALLBACK)[key]  # a key English lacks is a bug: fail loudly
        return self._elide(self.plurals(words, values).format(**values)) if values else words

    def markup(self, key: str, **values: Any) -> Markup:
        """The text of a key for a template: the catalogue's own markup kept, the values filled in escaped."""
        words = read_catalogue(self.primary).get(key) or read_catalogue(FALLBACK)[key]
        return Markup(self._elide(Markup(self.plurals(words, values)).format(**values))) if values else Markup(words)

    def plurals(self, words: str, values: dict[str, Any]) -> str:
        """Choose each `{name, plural, one {# pair} other {# pairs}}` by the language's plural rule for the number `name`.

        ICU's message syntax, as translators know it: a choice per CLDR plural category (zero, one, two,
        few, many, other; `other` is required), `#` for the number written in the language. A string
        that counts two things has two choices, each agreeing with its own number.
        """
        out, at = [], 0
        for match in _PLURAL_START.finditer(words):
            if match.start() < at:
                continue  # inside a choice already replaced
            n = values[match.group(1)]
            forms, end = _plural_forms(words, match.end())
            form = self.locale.plural_form(abs(n))
            chosen = forms.get(f"={n}", forms.get(form, forms["other"]))
            out += [words[at : match.start()], chosen.replace("#", self.number(n))]
            at = end
        return "".join(out) + words[at:] if out else words

    def _elide(self, text: str) -> str:
        """Shorten de and que before a filled-in value that starts with a vowel, in a language that does so (`grammar.*`)."""
        rule = _elision(self.primary)
        return rule.sub(lambda m: m.group(1)[:-1] + "'", text) if rule else text

    def count(self, key: str, n: int, **values: Any) -> str:
        """A counted phrase in the language's plural form: count('count.event', 2) -> '2 events'."""
        form = self.locale.plural_form(n)
        plural = f"{key}.{form}"
        if plural not in read_catalogue(self.primary) and plural not in read_catalogue(FALLBACK):
            plural = f"{key}.other"
        return self.text(plural, n=self.number(n), **values)

    def date(self, value: str | dt.date | None) -> str:
        """Write a full or partial date for readers: 18 August 2025, August 2025, 2014 (18 août 2025 in French), or undated."""
        if value is None:
            return self.text("date.undated")
        text = value.isoformat() if isinstance(value, dt.date) else value
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return str(parts[0])
        if len(parts) == 2:
            return babel_date(dt.date(parts[0], parts[1], 1), self.text("date.month"), locale=self.locale)
        return babel_date(dt.date(parts[0], parts[1], parts[2]), self.text("date.day"), locale=self.locale)

    def short_date(self, value: str) -> str:
        """A compact two-line axis label for a full or partial date: 24 Feb<br>2022, Aug<br>2025, 2014."""
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return value
        month = babel_date(dt.date(parts[0], parts[1], 1), "LLL", locale=self.locale)
        return f"{parts[2]} {month}<br>{parts[0]}" if len(parts) == 3 else f"{month}<br>{parts[0]}"

    def number(self, value: float) -> str:
        """Write a number with the language's separators and no trailing .0: 1,200 (1 200 in French)."""
        with decimal.localcontext() as context:
            context.prec = 400  # the largest float has 309 digits before the point: keep them all when rounding to 3 places
            return format_decimal(value, format="#,##0.###", locale=self.locale)

    def plotly_locale(self) -> dict[str, Any]:
        """Plotly's locale module for the language, from Babel's data, for date axes and number formats."""
        locale = self.locale
        # Plotly's weeks start on Sunday; Babel numbers the days from Monday (0).
        days = [get_day_names("wide", "format", locale)[(n + 6) % 7] for n in range(7)]
        short_days = [get_day_names("abbreviated", "format", locale)[(n + 6) % 7] for n in range(7)]
        return {
            "moduleType": "locale",
            "name": self.primary,
            "dictionary": {},
            "format": {
                "days": days,
                "shortDays": short_days,
                "months": [get_month_names("wide", "format", locale)[n] for n in range(1, 13)],
                "shortMonths": [get_month_names("abbreviated", "format", locale)[n] for n in range(1, 13)],
                "decimal": get_decimal_symbol(locale),
                "thousands": get_group_symbol(locale),
                "date": "%d/%m/%Y",
            },
        }
