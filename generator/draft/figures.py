"""Propose every number that states a fact, with its value, unit and bound.

Digits and numbers in words ("three", "vingt-cinq", read by text2num), percentages,
currencies and multipliers ("£2.5bn", "1,5 milliard"), approximate nouns ("une trentaine",
"dozens"), and ranges ("from 60 to 65", "entre 60 et 65"). Dates, years and clock times
are left to the dates list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from .dates import MONTH_NAMES
from .languages import Lexicon

_CALENDAR = re.compile(rf"(?i:{MONTH_NAMES})")
"""A number followed by a month is a day of a date ("18 août"): the dates list has it."""

_WORDS = {
    "en": r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion",
    "fr": r"deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|millions?|milliards?",
}
_JOIN = {"en": r"(?:(?<=hundred)\s+and\s+|(?<=thousand)\s+and\s+|\s+|-)", "fr": r"(?:\s+et\s+(?=un\b|une\b|onze\b)|\s+|-)"}
"""How number words join: "and" only inside a compound ("two hundred and fifty"), never between two numbers ("three and four")."""
_MULTIPLIERS = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "trillion": 1e12,
    "md": 1e9,
    "mds": 1e9,
}
_CURRENCIES = {"$": "$", "£": "£", "€": "€", "us$": "$"}
_PERCENT = r"%|per\s?cent|pour\s?cent|percent"
_ATTACHED = r"mm|cm|km|kg|km/h|mph|ha|kW|MW|GW|kWh|TWh|°C|°F|ft|in(?=\s)|m²|km²"
"""Units written against the number: "80mm", "5km"."""


@dataclass(frozen=True)
class FigureDraft:
    """A number as the text states it."""

    source: str
    paragraph: int
    text: str
    value: float | int | list[float | int]
    """One number, or [low, high] for a range."""
    unit: str | None
    bound: str
    """exact, at_least, at_most, about or range."""


def find_figures(
    source_id: str, paragraphs: list[str], language: str, lex: Lexicon, dates: dict[int, list[tuple[int, int]]]
) -> list[FigureDraft]:
    """Every stated number of a source, in order; numbers inside a date expression are left out."""
    lang = language if language in _WORDS else "en"
    pattern = _pattern(lang, lex)
    found: list[FigureDraft] = []
    for number, text in enumerate(paragraphs, 1):
        taken = dates.get(number, [])
        for match in pattern.finditer(text):
            if _is_year_or_time(match, text) or _CALENDAR.fullmatch(match.group("unit") or ""):
                continue
            figure = _figure(match, text, lang, lex)
            stop = match.start() + len(figure[0]) if figure else match.end()
            if figure and not any(start < stop and match.start() < end for start, end in taken):
                found.append(FigureDraft(source_id, number, *figure))
    return found


def _number(lang: str) -> str:
    """A number in digits (with the language's separators) or in words."""
    digits = (
        r"\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
        if lang == "en"
        else r"\d{1,3}(?:[\u202f\u00a0 .]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
    )
    words = rf"(?:{_WORDS[lang]})(?:{_JOIN[lang]}(?:{_WORDS[lang]}))*"
    return rf"(?:[$£€]\s?)?(?:{digits}|(?i:{words}))"


def _pattern(lang: str, lex: Lexicon) -> re.Pattern[str]:
    """A number with its bound words before and its multiplier, percent sign or unit after."""
    number = _number(lang)
    multiplier = r"(?:\s?(?:bn|m|mn|k|md|mds)(?![\w])|\s+(?:thousand|million|millions|billion|billions|trillion|milliard|milliards))?"
    approx = "|".join(lex.approx_nouns)
    unit = rf"(?:\s*(?:{_PERCENT}))?(?:\s+(?P<unit>(?:(?:{lex.unit_skip})\s+)?[a-zà-ÿ][\w'’-]*))?"
    return re.compile(
        rf"(?<![\w.,-])(?:(?P<bound>(?i:{lex.at_least}|{lex.at_most}|{lex.about}))\s+)?"
        rf"(?:(?P<from>(?i:{lex.range_from}))\s+)?"
        rf"(?:(?:une?|a|an)\s+(?P<approx>(?i:{approx}))|(?P<n1>{number}){multiplier}(?:\s*(?:{_PERCENT}))?"
        rf"(?:\s*(?P<sep>{lex.range_to})\s*(?P<n2>{number}){multiplier})?(?P<attached>{_ATTACHED})?|(?P<plural>(?i:{approx})))"
        rf"(?![\w-]){unit}(?P<or>\s+(?:or|ou)\s+(?:more|longer|over|above|greater|higher|less|fewer|shorter|under|below|lower|plus|moins))?"
    )


def _is_year_or_time(match: re.Match[str], text: str) -> bool:
    """A bare year (1900-2099) or a clock time ("14H30", "10:00") is no figure."""
    value = match.group("n1") or ""
    if re.fullmatch(r"(?:19|20)\d{2}", value) and not re.search(rf"{_PERCENT}", match.group()):
        return True
    return bool(re.match(r"[hH:]\d{2}", text[match.end("n1") :] if match.group("n1") else ""))


def _figure(
    match: re.Match[str], text: str, lang: str, lex: Lexicon
) -> tuple[str, float | int | list[float | int], str | None, str] | None:
    """Read the value, unit and bound of a matched number; None when it is no fact ("one of", a lone word)."""
    bound = _bound(match.group("bound") or "", lex)
    approx = match.group("approx") or match.group("plural")
    if approx:
        value: float | int | list[float | int] = lex.approx_nouns[approx.lower()]
        bound = "about" if match.group("approx") else "at_least"
    else:
        first = _value(match.group("n1"), match.group(), lang)
        if first is None:
            return None
        value = first
        second = _value(match.group("n2"), match.group(), lang) if match.group("n2") else None
        sep = match.group("sep") or ""
        if second is not None and (match.group("from") or sep.strip() in {"to", "à", "-", "–"}):
            value, bound = [first, second], "range"
        elif match.group("n2"):
            return _figure_without_range(match, text, lang, lex)
    unit = _unit(match, lex)
    if match.group("or"):
        bound = "at_least" if re.search(r"more|longer|over|above|greater|higher|plus", match.group("or")) else "at_most"
    uses_word = match.group("unit") and unit == _unit_word(match.group("unit"), lex)
    shown = match.group().strip() if uses_word or not match.group("unit") else text[match.start() : match.start("unit")].strip()
    if match.group("from") and bound != "range":
        shown = shown[len(match.group("from")) :].strip()
    return shown, value, unit, bound


def _figure_without_range(
    match: re.Match[str], text: str, lang: str, lex: Lexicon
) -> tuple[str, float | int | list[float | int], str | None, str] | None:
    """ "three and four" is not a range: keep the first number only."""
    first = _value(match.group("n1"), match.group(), lang)
    if first is None:
        return None
    shown = text[match.start() : match.end("n1")].strip()
    return shown, first, None, _bound(match.group("bound") or "", lex)


def _value(raw: str | None, whole: str, lang: str) -> float | int | None:
    """The number a figure says, its multiplier applied; None for words text2num cannot read."""
    if not raw:
        return None
    raw = raw.strip().lstrip("$£€").strip()
    if raw[:1].isdigit():
        cleaned = re.sub(r"[,\u202f\u00a0 ]", "", raw) if lang == "en" else re.sub(r"[\u202f\u00a0 .]", "", raw).replace(",", ".")
        number: float = float(cleaned)
    else:
        try:
            number = float(text2num(raw.lower(), lang))
        except ValueError:
            return None
    after = whole[whole.find(raw) + len(raw) :].lstrip().lower()
    word = re.match(r"[a-z]+", after)
    if word and word.group() in _MULTIPLIERS and (raw[:1].isdigit() or word.group() not in {"m", "k"}):
        number *= _MULTIPLIERS[word.group()]
    return int(number) if number.is_integer() else number


def _bound(words: str, lex: Lexicon) -> str:
    """Which bound the words before a number set."""
    for name, alternation in (("at_least", lex.at_least), ("at_most", lex.at_most), ("about", lex.about)):
        if words and re.fullmatch(rf"(?i:{alternation})", words.strip()):
            return name
    return "exact"


def _unit(match: re.Match[str], lex: Lexicon) -> str | None:
    """The unit of a figure: a currency sign, per cent, a unit written against the number, or the noun that follows."""
    whole = match.group()
    currency = re.search(r"[$£€]", whole)
    if currency:
        return _CURRENCIES[currency.group()]
    if re.search(rf"(?i:{_PERCENT})", whole):
        return "%"
    if match.group("attached"):
        return match.group("attached")
    return _unit_word(match.group("unit") or "", lex)


def _unit_word(word: str, lex: Lexicon) -> str | None:
    """The noun after a number, without "of"/"de"/"d'"; None for a word that is no unit ("and", "said")."""
    word = re.sub(rf"^(?:(?:{lex.unit_skip})\s+)", "", word)
    word = re.sub(r"^[dl]['’]", "", word)
    if not word or re.fullmatch(rf"(?:{lex.not_units}|{lex.unit_skip})", word) or word.lower() in _MULTIPLIERS:
        return None
    if re.fullmatch(rf"(?i:{_WORDS['en']}|{_WORDS['fr']})", word):
        return None
    return word
