"""Propose every time expression of a source, resolved against its publication date.

Absolute dates ("18 August 2025", "le 24 février 2022") are parsed by dateparser; relative
ones ("on Tuesday", "la veille", "next month", "dans les prochains jours") are counted from
the publication date, or, for "the day before" / "la veille", from the last day the text
named. `planned` is true when the date falls after publication, or on it in a sentence
that speaks of the future.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import dateparser

from .languages import Lexicon

_MONTHS = {
    "en": "January|February|March|April|May|June|July|August|September|October|November|December",
    "fr": "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre",
}
MONTH_NAMES = "|".join(_MONTHS["en"].split("|") + _MONTHS["fr"].split("|"))
"""Every month name the draft reads: a date holding one is a calendar date, whose numbers are no figures."""
_MONTH_NAMES = {
    "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
    "fr": ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"],
}
_DAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
}
_UNITS = {
    "day": "day",
    "days": "day",
    "jour": "day",
    "jours": "day",
    "week": "week",
    "weeks": "week",
    "semaine": "week",
    "semaines": "week",
    "month": "month",
    "months": "month",
    "mois": "month",
    "year": "year",
    "years": "year",
    "an": "year",
    "ans": "year",
    "année": "year",
    "années": "year",
}

_RELATIVE: dict[str, list[tuple[str, tuple[str, int]]]] = {
    "en": [
        (r"the day before yesterday", ("day", -2)),
        (r"yesterday", ("day", -1)),
        (r"today", ("day", 0)),
        (r"tonight", ("day", 0)),
        (r"tomorrow", ("day", 1)),
        (r"the day before|the previous day|the eve", ("anchor", -1)),
        (r"the (?:next|following) day", ("anchor", 1)),
        (r"last week|the previous week", ("week", -1)),
        (r"this week|earlier this week|later this week", ("week", 0)),
        (r"next week", ("week", 1)),
        (r"last month", ("month", -1)),
        (r"this month|earlier this month|later this month", ("month", 0)),
        (r"next month", ("month", 1)),
        (r"last year", ("year", -1)),
        (r"this year|earlier this year|later this year", ("year", 0)),
        (r"next year", ("year", 1)),
        (r"in (?:the )?(?:coming|next few) days", ("days", 7)),
        (r"in (?:the )?(?:coming|next few) weeks", ("days", 28)),
        (r"in (?:the )?(?:coming|next few) months", ("days", 180)),
        (r"in recent days|in the past few days|over the past few days", ("days", -7)),
        (r"in recent weeks|in the past few weeks|over the past few weeks", ("days", -28)),
        (r"by the end of the year", ("year", 0)),
        (r"overnight|last night|this morning|earlier today|later today", ("day", 0)),
    ],
    "fr": [
        (r"avant-hier", ("day", -2)),
        (r"hier", ("day", -1)),
        (r"aujourd'hui|aujourd’hui|ce soir", ("day", 0)),
        (r"après-demain", ("day", 2)),
        (r"demain", ("day", 1)),
        (r"la veille", ("anchor", -1)),
        (r"le lendemain", ("anchor", 1)),
        (r"la semaine dernière|la semaine passée", ("week", -1)),
        (r"cette semaine", ("week", 0)),
        (r"la semaine prochaine", ("week", 1)),
        (r"le mois dernier", ("month", -1)),
        (r"ce mois-ci", ("month", 0)),
        (r"le mois prochain", ("month", 1)),
        (r"l'an dernier|l'année dernière|l'an passé|l’an dernier|l’année dernière", ("year", -1)),
        (r"cette année", ("year", 0)),
        (r"l'an prochain|l'année prochaine|l’an prochain|l’année prochaine", ("year", 1)),
        (r"dans les (?:prochains|tout prochains) jours", ("days", 7)),
        (r"dans les prochaines semaines", ("days", 28)),
        (r"dans les prochains mois", ("days", 180)),
        (r"ces derniers jours", ("days", -7)),
        (r"ces dernières semaines", ("days", -28)),
        (r"d'ici la fin de l'année|d’ici la fin de l’année", ("year", 0)),
        (r"dans la nuit|cette nuit|ce matin", ("day", 0)),
    ],
}


@dataclass(frozen=True)
class DateDraft:
    """A time expression and the date it stands for."""

    source: str
    paragraph: int
    text: str
    date: str
    """YYYY-MM-DD (day; the Monday for a week), YYYY-MM (month), YYYY (year), START/END (range)."""
    precision: str
    planned: bool


def find_dates(source_id: str, paragraphs: list[str], published: dt.date, language: str, lex: Lexicon) -> list[DateDraft]:
    """Every time expression of a source, in order, resolved against its publication date."""
    lang = language if language in _MONTHS else "en"
    pattern = _pattern(lang)
    future = re.compile(rf"(?<![\w-])(?:{lex.future})(?![\w-])", re.IGNORECASE)
    anchor = published
    found: list[DateDraft] = []
    for number, text in enumerate(paragraphs, 1):
        for match in pattern.finditer(text):
            sentence = _sentence_of(text, match.start(), match.end())
            resolved = _resolve(match, lang, published, anchor, bool(future.search(sentence)))
            if resolved is None:
                continue
            value, precision, day = resolved
            anchor = day or anchor
            planned = _after(value, published) or (value == published.isoformat() and bool(future.search(sentence)))
            found.append(DateDraft(source_id, number, match.group().strip(), value, precision, planned))
    return found


def _pattern(lang: str) -> re.Pattern[str]:
    """One alternation of every date form of the language, longest first, each in a named group."""
    months = _MONTHS[lang]
    days = "|".join(_DAYS[lang])
    relative = "|".join(f"(?:{form})" for form, _ in _RELATIVE[lang])
    number = r"\d+|" + "|".join(_NUMBERS)
    units = "|".join(_UNITS)
    if lang == "fr":
        absolute = (
            rf"(?:le\s+)?(?:1er|\d{{1,2}})\s+(?:{months})(?:\s+\d{{4}})?|(?:en\s+|depuis\s+|début\s+|fin\s+|mi-)?(?:{months})\s+\d{{4}}"
        )
        ago = rf"il y a\s+(?:{number})\s+(?:{units})|dans\s+(?:{number})\s+(?:{units})|(?:{number})\s+(?:{units})\s+(?:plus tôt|avant|auparavant)|d'ici\s+(?:{number})\s+(?:{units})"
        month = rf"(?:(?:en|depuis|début|fin|mi-|à la fin d'|au début d'|à la fin de|au début de)\s*)(?:{months})(?!\s+\d)"
        weekday = rf"(?:{days})(?:\s+(?:prochain|dernier|matin|soir|après-midi))?"
        year = r"(?:en|depuis|avant|après|dès|d'ici|fin|début)\s+(?:19|20)\d{2}"
    else:
        absolute = rf"(?:on\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{months})(?:,?\s+\d{{4}})?|(?:on\s+)?(?:{months})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|(?:in\s+|since\s+|early\s+|late\s+|mid-)?(?:{months})\s+\d{{4}}"
        ago = rf"(?:{number})\s+(?:{units})\s+ago|in\s+(?:{number})\s+(?:{units})(?:'|’)?\s*time|within\s+(?:{number})\s+(?:{units})"
        month = rf"(?:(?:in|since|by|until|early|late|mid-|(?:at|by) the (?:end|start|beginning) of|in (?:early|late|mid-))\s*)(?:{months})(?!\s+\d)"
        weekday = rf"(?:(?:on|last|next|this)\s+)?(?:{days})(?:\s+(?:morning|afternoon|evening|night))?"
        year = r"(?:in|since|before|after|by|until)\s+(?:19|20)\d{2}"
    return re.compile(
        rf"(?<![\w-])(?:(?P<years>(?:between|from|entre|de)\s+(?:19|20)\d{{2}}\s*(?:and|to|et|à|-|–)\s*(?:19|20)\d{{2}})|(?P<absolute>{absolute})|(?P<ago>{ago})|(?P<relative>{relative})|(?P<weekday>{weekday})|(?P<year>{year})|(?P<month>{month}))(?![\w-])",
        re.IGNORECASE,
    )


def _resolve(match: re.Match[str], lang: str, published: dt.date, anchor: dt.date, future: bool) -> tuple[str, str, dt.date | None] | None:
    """The date, precision and (for a day) the day a matched expression stands for."""
    text = match.group()
    if match.group("years"):
        first, last = re.findall(r"\d{4}", text)
        return f"{first}/{last}", "range", None
    if match.group("absolute"):
        return _absolute(text, lang, published)
    if match.group("year"):
        return re.findall(r"\d{4}", text)[0], "year", None
    if match.group("weekday"):
        day = _weekday(text, lang, published, future)
        return day.isoformat(), "day", day
    if match.group("ago"):
        return _ago(text, published)
    if match.group("month"):
        return _month(text, lang, published, future)
    return _relative(text, lang, published, anchor)


def _absolute(text: str, lang: str, published: dt.date) -> tuple[str, str, dt.date | None] | None:
    """Parse a written date with dateparser; a date without a year is the nearest one to publication."""
    cleaned = re.sub(r"^(?:on|le|en|in|since|depuis|début|fin|early|late|mid-|mi-)\s*", "", text.strip(), flags=re.IGNORECASE)
    has_day = bool(re.search(r"(?<!\d)\d{1,2}(?:st|nd|rd|th|er)?(?!\d)", cleaned))
    base = dt.datetime.combine(published, dt.time())
    parsed = dateparser.parse(
        cleaned, languages=[lang], settings={"RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]}
    )
    if parsed is None:
        return None
    if not re.search(r"\d{4}", cleaned) and parsed.date() > published + dt.timedelta(days=183):
        parsed = parsed.replace(year=parsed.year - 1)
    if has_day:
        return parsed.date().isoformat(), "day", parsed.date()
    return parsed.strftime("%Y-%m"), "month", None


def _month(text: str, lang: str, published: dt.date, future: bool) -> tuple[str, str, dt.date | None]:
    """A month named without its year: the last one up to publication, or the next one when the text looks ahead."""
    folded = text.lower().replace("é", "e").replace("û", "u")
    month = next(number for number, name in enumerate(_MONTH_NAMES[lang], 1) if re.search(rf"(?<!\w){name}(?!\w)", folded))
    shift = (1 if month < published.month else 0) if future else -(1 if month > published.month else 0)
    year = published.year + shift
    return f"{year:04d}-{month:02d}", "month", None


def _weekday(text: str, lang: str, published: dt.date, future: bool) -> dt.date:
    """The weekday nearest publication: the past one unless the text looks ahead ("next", "prochain", a future verb)."""
    lowered = text.lower()
    target = next(index for index, name in enumerate(_DAYS[lang]) if name.lower() in lowered)
    ahead = bool(re.search(r"next|prochain", lowered)) or (future and not re.search(r"last|dernier", lowered))
    delta = (target - published.weekday()) % 7
    if ahead:
        return published + dt.timedelta(days=(delta or 7) if re.search(r"next|prochain", lowered) else delta)
    back = (published.weekday() - target) % 7
    if re.search(r"last|dernier", lowered) and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _ago(text: str, published: dt.date) -> tuple[str, str, dt.date | None]:
    """ "three days ago", "il y a deux semaines", "dans trois jours": counted from publication."""
    words = text.lower().split()
    amount = next((int(word) if word.isdigit() else _NUMBERS[word] for word in words if word.isdigit() or word in _NUMBERS), 1)
    unit = next(_UNITS[word] for word in words if word in _UNITS)
    sign = 1 if re.match(r"(?:in|dans|within|d'ici)\b", text.lower()) else -1
    days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * amount * sign
    if re.match(r"(?:within|d'ici)\b", text.lower()):
        return _shift("days", days, published, published)
    day = published + dt.timedelta(days=days)
    precision = "day" if unit in {"day", "week"} else unit
    return (day.isoformat() if precision == "day" else day.strftime("%Y-%m") if unit == "month" else str(day.year)), precision, None


def _relative(text: str, lang: str, published: dt.date, anchor: dt.date) -> tuple[str, str, dt.date | None] | None:
    """Resolve a fixed relative expression from the language's table."""
    for form, (unit, amount) in _RELATIVE[lang]:
        if re.fullmatch(form, text.strip(), flags=re.IGNORECASE):
            return _shift(unit, amount, published, anchor)
    return None


def _shift(unit: str, amount: int, published: dt.date, anchor: dt.date) -> tuple[str, str, dt.date | None]:
    """Move from publication (or, for "the day before", from the last day named) by a unit."""
    if unit in {"day", "anchor"}:
        day = (anchor if unit == "anchor" else published) + dt.timedelta(days=amount)
        return day.isoformat(), "day", day
    if unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=amount)
        return monday.isoformat(), "week", None
    if unit == "month":
        month = published.month - 1 + amount
        return f"{published.year + month // 12:04d}-{month % 12 + 1:02d}", "month", None
    if unit == "year":
        return str(published.year + amount), "year", None
    start, end = sorted((published + dt.timedelta(days=1 if amount > 0 else -1), published + dt.timedelta(days=amount)))
    return f"{start.isoformat()}/{end.isoformat()}", "range", None


def _after(value: str, published: dt.date) -> bool:
    """True when a resolved date (any precision) starts after the publication date."""
    first = value.split("/")[0]
    parts = [int(part) for part in first.split("-")]
    if len(parts) == 3:
        return dt.date(*parts) > published
    if len(parts) == 2:
        return (parts[0], parts[1]) > (published.year, published.month)
    return parts[0] > published.year


def _sentence_of(text: str, start: int, end: int) -> str:
    """The clause around an expression (between commas, colons or sentence ends), at most 300 characters either side.

    A clause, not the sentence: in "which is due to begin on 21 September, Unite said on Tuesday"
    the future belongs to the date before the comma only.
    """
    window = max(0, start - 300)
    left = max([text.rfind(mark, window, start) for mark in (". ", ", ", "; ", ": ", "« ", '"')] + [window])
    rights = [at for at in (text.find(mark, end, end + 300) for mark in (". ", ", ", "; ", ": ")) if at >= 0]
    # A future verb counts before the date or just after it ("on Friday will decide"), not in a later clause.
    return text[left : min([*rights, end + 25, len(text)])]
