"""States the text may name by country, capital or adjective; names in any language come from Babel's CLDR data."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from babel import Locale


@dataclass(frozen=True)
class Place:
    """A state: its ISO code, and the capitals and adjectives that stand for it in the text."""

    code: str
    capitals: tuple[str, ...]
    adjectives: tuple[str, ...]
    """Masculine/feminine, singular/plural forms in English and French, lowercase for French."""
    short: tuple[str, ...] = ()
    """Short names a wire uses besides CLDR's: US, UK, Britain."""


PLACES = (
    Place("US", ("Washington",), ("American", "US", "américain", "américaine", "américains", "américaines"), ("US", "USA", "America")),
    Place("GB", ("London", "Londres"), ("British", "UK", "britannique", "britanniques"), ("UK", "Britain", "Grande-Bretagne")),
    Place("FR", ("Paris",), ("French", "français", "française", "françaises")),
    Place("DE", ("Berlin",), ("German", "allemand", "allemande", "allemands", "allemandes")),
    Place("RU", ("Moscow", "Moscou"), ("Russian", "russe", "russes")),
    Place("UA", ("Kyiv", "Kiev"), ("Ukrainian", "ukrainien", "ukrainienne", "ukrainiens", "ukrainiennes")),
    Place("CN", ("Beijing", "Pékin"), ("Chinese", "chinois", "chinoise", "chinoises")),
    Place("IT", ("Rome",), ("Italian", "italien", "italienne", "italiens", "italiennes")),
    Place("ES", ("Madrid",), ("Spanish", "espagnol", "espagnole", "espagnols", "espagnoles")),
    Place("PL", ("Warsaw", "Varsovie"), ("Polish", "polonais", "polonaise", "polonaises")),
    Place("TR", ("Ankara",), ("Turkish", "turc", "turque", "turcs", "turques")),
    Place("IL", ("Jerusalem", "Jérusalem"), ("Israeli", "israélien", "israélienne", "israéliens", "israéliennes")),
    Place("IR", ("Tehran", "Téhéran"), ("Iranian", "iranien", "iranienne", "iraniens", "iraniennes")),
    Place("IN", ("Delhi", "New Delhi"), ("Indian", "indien", "indienne", "indiens", "indiennes")),
    Place("JP", ("Tokyo",), ("Japanese", "japonais", "japonaise", "japonaises")),
    Place("CA", ("Ottawa",), ("Canadian", "canadien", "canadienne", "canadiens", "canadiennes")),
    Place("BR", ("Brasília", "Brasilia"), ("Brazilian", "brésilien", "brésilienne", "brésiliens")),
    Place("BY", ("Minsk",), ("Belarusian", "bélarusse", "biélorusse", "biélorusses")),
    Place("NL", ("Amsterdam", "The Hague", "La Haye"), ("Dutch", "néerlandais", "néerlandaise")),
    Place("BE", ("Brussels", "Bruxelles"), ("Belgian", "belge", "belges")),
    Place("SE", ("Stockholm",), ("Swedish", "suédois", "suédoise")),
    Place("FI", ("Helsinki",), ("Finnish", "finlandais", "finlandaise")),
    Place("NO", ("Oslo",), ("Norwegian", "norvégien", "norvégienne")),
    Place("DK", ("Copenhagen", "Copenhague"), ("Danish", "danois", "danoise")),
    Place("HU", ("Budapest",), ("Hungarian", "hongrois", "hongroise")),
    Place("SA", ("Riyadh", "Riyad"), ("Saudi", "saoudien", "saoudienne")),
    Place("QA", ("Doha",), ("Qatari", "qatari", "qatarie")),
    Place("EG", ("Cairo", "Le Caire"), ("Egyptian", "égyptien", "égyptienne")),
    Place("SY", ("Damascus", "Damas"), ("Syrian", "syrien", "syrienne")),
    Place("KP", ("Pyongyang",), ("North Korean", "nord-coréen", "nord-coréenne")),
    Place("KR", ("Seoul", "Séoul"), ("South Korean", "sud-coréen", "sud-coréenne")),
    Place("AU", ("Canberra",), ("Australian", "australien", "australienne")),
    Place("MX", ("Mexico City",), ("Mexican", "mexicain", "mexicaine")),
    Place("ZA", ("Pretoria",), ("South African", "sud-africain", "sud-africaine")),
    Place("PS", ("Ramallah",), ("Palestinian", "palestinien", "palestinienne", "palestiniens")),
    Place("LB", ("Beirut", "Beyrouth"), ("Lebanese", "libanais", "libanaise")),
    Place("GR", ("Athens", "Athènes"), ("Greek", "grec", "grecque")),
    Place("CH", ("Bern", "Berne"), ("Swiss", "suisse")),
    Place("AT", ("Vienna", "Vienne"), ("Austrian", "autrichien", "autrichienne")),
    Place("IE", ("Dublin",), ("Irish", "irlandais", "irlandaise")),
    Place("PT", ("Lisbon", "Lisbonne"), ("Portuguese", "portugais", "portugaise")),
    Place("RO", ("Bucharest", "Bucarest"), ("Romanian", "roumain", "roumaine")),
    Place("MD", ("Chisinau", "Chișinău"), ("Moldovan", "moldave")),
    Place("GE", ("Tbilisi",), ("Georgian", "géorgien", "géorgienne")),
    Place("AF", ("Kabul", "Kaboul"), ("Afghan", "afghan", "afghane")),
    Place("PK", ("Islamabad",), ("Pakistani", "pakistanais", "pakistanaise")),
    Place("VE", ("Caracas",), ("Venezuelan", "vénézuélien", "vénézuélienne")),
    Place("NG", ("Abuja",), ("Nigerian", "nigérian", "nigériane")),
)
"""Capitals and adjectives are not in CLDR; this table covers the states most often in the news."""


def fold(text: str) -> str:
    """Fold case, accents and apostrophes so "Etats-Unis" finds "États-Unis"."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode("ascii")
    return text.casefold().strip()


def country_name(code: str, language: str) -> str:
    """The state's name in a language, from CLDR."""
    return str(Locale.parse(language).territories.get(code, code))


def state_lookup(language: str) -> dict[str, str]:
    """Map every folded country name, short name and capital to its ISO code."""
    lookup: dict[str, str] = {}
    for code, name in Locale.parse(language).territories.items():
        if len(code) == 2 and code.isalpha():
            lookup.setdefault(fold(name), code)
    for place in PLACES:
        for form in (*place.capitals, *place.short):
            lookup[fold(form)] = place.code
    return lookup


def adjective_lookup() -> dict[str, str]:
    """Map every adjective of a state (case kept for English, where it is capitalised) to its ISO code."""
    return {form: place.code for place in PLACES for form in place.adjectives}
