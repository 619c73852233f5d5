"""Propose the actors a source names: people, organisations, states and groups, with every surface form it uses.

Names come from capitalised sequences (and, in French, spaCy's entities to classify them),
states from CLDR country names, capitals and adjectives, roles ("le président américain")
from titles set next to a name, groups from nouns such as "porte-parole" or "officials".
The result also indexes every mention, so quotes can find their speaker.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..commands.scaffold import slugify
from .languages import Lexicon
from .places import adjective_lookup, country_name, fold, state_lookup
from .reading import KnownActor

_CAPITALISED = re.compile(
    r"(?<![\w-])(?:[A-ZÀ-Ý][\w’'.-]*|[A-Z]{2,})(?:\s+(?:(?:of|for|the|and|de|du|des|la|le|d'|l')\s+){0,2}(?:[A-ZÀ-Ý][\w’'-]*|\d+(?=[\s’']|$)))*"
)
_CREDIT = re.compile(r"\(\s*[A-Z][A-Za-z ]*/[^()]{0,80}\)")
_ORG_WORDS = re.compile(
    r"\b(?:Institute|Party|Ministry|Council|Union|Bank|Agency|Army|Forces|Commission|Committee|Project|Court|"
    r"Parliament|Congress|Senate|Department|Corporation|Company|Group|Foundation|University|Association|"
    r"Organisation|Organization|Fund|Service|Guard|Front|Coalition|Alliance|Nations|News|Post|Times|House|College|Society|"
    r"Trust|Board|Authority|Programme|Institution|Radio|Television|TV|Force|Navy|Airways|Airlines|Inc|Ltd|plc|"
    r"Holdings|Port|Ports|Airport|Railway|Railways|Media|Energy|Motors|Technologies|Systems|Partners|Capital|Industries|"
    r"Office|Kremlin|Pentagon|Reuters|Network|Federation|Police|Office|Assembly|Cabinet|Government|Street)\b"
)
_STOP = {
    fold(word)
    for word in [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "By",
        "Par",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Lundi",
        "Mardi",
        "Mercredi",
        "Jeudi",
        "Vendredi",
        "Samedi",
        "Dimanche",
        "Janvier",
        "Février",
        "Mars",
        "Avril",
        "Mai",
        "Juin",
        "Juillet",
        "Août",
        "Septembre",
        "Octobre",
        "Novembre",
        "Décembre",
        "The",
        "A",
        "An",
        "But",
        "And",
        "Or",
        "If",
        "In",
        "On",
        "At",
        "As",
        "It",
        "He",
        "She",
        "They",
        "We",
        "I",
        "This",
        "That",
        "These",
        "Those",
        "His",
        "Her",
        "Their",
        "Its",
        "Our",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sir",
        "Le",
        "La",
        "Les",
        "L",
        "Un",
        "Une",
        "Des",
        "Du",
        "De",
        "Et",
        "Mais",
        "Ou",
        "Si",
        "Car",
        "Pour",
        "Dans",
        "Sur",
        "Il",
        "Elle",
        "Ils",
        "Elles",
        "Ce",
        "Cette",
        "Ces",
        "Son",
        "Sa",
        "Ses",
        "Tous",
        "Toutes",
        "Aucune",
        "Aucun",
        "Carte",
        "Photo",
        "Map",
        "Picture",
        "GMT",
        "BST",
        "CET",
        "AFP",
        "Reuters",
        "AP",
        "BBC",
        "There",
        "Here",
        "After",
        "Before",
        "When",
        "While",
        "Since",
        "Speaking",
        "Asked",
        "However",
        "Meanwhile",
        "Earlier",
        "Later",
        "Last",
        "Next",
    ]
}
"""Capitalised words that name no actor on their own (weekdays, months, sentence openers, wire credits)."""


@dataclass
class Actor:
    """A proposed actor: its name, kind, the surface forms the text uses, and where."""

    key: str
    name: str
    kind: str
    forms: dict[str, None] = field(default_factory=dict)
    paragraphs: dict[tuple[str, int], None] = field(default_factory=dict)
    id: str = ""
    country: str = ""
    """ISO code a person is tied to by an adjacent title ("président français")."""
    heads: set[str] = field(default_factory=set)
    """The titles ("président", "chancellor") set next to a person's name."""
    merged: bool = False
    """Set when the actor is one the folder already has: it is written once, under that actor."""


@dataclass(frozen=True)
class Mention:
    """Where an actor, or a pronoun standing for one, occurs in a paragraph."""

    start: int
    end: int
    key: str | None
    """None for a pronoun, resolved when a quote needs a speaker."""
    kind: str


@dataclass
class Cast:
    """Every actor proposed from a folder's sources, and the mentions in each paragraph."""

    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: dict[tuple[str, int], list[Mention]] = field(default_factory=dict)


def find_actors(
    source_id: str,
    paragraphs: list[str],
    entities: list[dict[tuple[int, int], str]],
    lex: Lexicon,
    language: str,
    site_language: str,
    cast: Cast,
) -> None:
    """Add the actors of one source to the cast, then index their mentions paragraph by paragraph."""
    states = state_lookup(language)
    adjectives = adjective_lookup()
    for text, labels in zip(paragraphs, entities, strict=True):
        _collect_names(text, labels, lex, states, site_language, cast)
        _collect_named_by_noun(text, cast)
        _collect_groups(text, lex, cast)
        _collect_adjective_states(text, adjectives, site_language, cast)
    for text in paragraphs:
        _collect_titles(text, lex, adjectives, cast)
    for text in paragraphs:
        _resolve_standalone_titles(text, lex, adjectives, cast)
    for number, text in enumerate(paragraphs, 1):
        cast.mentions[(source_id, number)] = _index_mentions(text, lex, adjectives, cast)
        for mention in cast.mentions[(source_id, number)]:
            if mention.key:
                cast.actors[mention.key].paragraphs[(source_id, number)] = None
    _place_nested(source_id, paragraphs, cast)


def _place_nested(source_id: str, paragraphs: list[str], cast: Cast) -> None:
    """An actor named only inside a longer name ("l'Otan" in "chefs d'état-major des armées de l'Otan") is still in that paragraph."""
    for actor in cast.actors.values():
        if actor.paragraphs or actor.key.startswith("known:"):
            continue
        for number, text in enumerate(paragraphs, 1):
            if any(re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text) for form in actor.forms):
                actor.paragraphs[(source_id, number)] = None


def assign_ids(cast: Cast, known: list[KnownActor]) -> None:
    """Give every actor an id: an existing actor's when any form matches it, otherwise one made as `make new` makes ids."""
    taken = {actor.id for actor in known}
    by_form = {_form_key(form): actor for actor in known for form in (actor.name, actor.id, *actor.aliases)}
    for actor in cast.actors.values():
        if actor.key.startswith("known:"):
            actor.id = actor.key[len("known:") :]
            continue
        match = next((by_form[_form_key(form)] for form in (actor.name, *actor.forms) if _form_key(form) in by_form), None)
        if match:
            _merge(actor, cast.actors[f"known:{match.id}"], match)
            continue
        base = slugify(actor.name, limit=48)
        actor.id = base
        suffix = 2
        while actor.id in taken:
            actor.id, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(actor.id)


def _merge(actor: Actor, into: Actor, known: KnownActor) -> None:
    """Fold a proposed actor into the existing one it names, so the draft has one entry under the existing id."""
    actor.id = into.id = known.id
    into.forms.update(actor.forms)
    into.paragraphs.update(actor.paragraphs)
    actor.merged = True


def add_known_forms(known: list[KnownActor], cast: Cast) -> None:
    """Search the text for the folder's existing actors too, under their names and aliases."""
    for actor in known:
        key = f"known:{actor.id}"
        if key not in cast.actors:
            cast.actors[key] = Actor(key, actor.name, actor.kind or "group", forms={alias: None for alias in (actor.name, *actor.aliases)})


def _form_key(form: str) -> str:
    """Compare forms without case, accents or a leading article."""
    return re.sub(r"^(?:le |la |les |l'|the |un |une |a |an )", "", fold(form))


# ------------------------------------------------------------------ collect


def _collect_names(
    text: str, labels: dict[tuple[int, int], str], lex: Lexicon, states: dict[str, str], site_language: str, cast: Cast
) -> None:
    """Turn each capitalised sequence into a person, organisation or state; leave places and openers out."""
    credits = [match.span() for match in _CREDIT.finditer(text)]
    honorific = re.compile(rf"^(?:{lex.honorifics})\s+")
    for match in _CAPITALISED.finditer(text):
        if any(start <= match.start() < end for start, end in credits):
            continue
        for part in _split_and(match.group()):
            pieces = _split_title(part, lex)
            for piece in pieces:
                institution = len(pieces) == 2 and piece is pieces[0] and " " not in piece
                _collect_name(text, match.start(), piece, labels, lex, states, honorific, site_language, cast, institution)


def _split_title(sequence: str, lex: Lexicon) -> list[str]:
    """ "Nato Secretary General Mark Rutte" names two actors: what comes before the title, and the person after it."""
    titled = re.match(rf"^(?P<prefix>.*?)(?:(?:{lex.titles})\s+)+(?P<name>[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){{1,2}})$", sequence)
    if not titled:
        return [sequence]
    return [piece for piece in (titled.group("prefix").strip(), titled.group("name")) if piece]


def _split_and(sequence: str) -> list[str]:
    """ "Dock and Railway Company" is one name; "Institute for the Study of War and AEI's Critical Threats Project" is two."""
    left, sep, right = sequence.partition(" and ")
    if sep and _ORG_WORDS.search(left) and (_ORG_WORDS.search(right) or re.match(r"[A-Z]{2,}", right)):
        return [left, right]
    return [sequence] if not sep or _ORG_WORDS.search(right) else [left, right]


def _collect_name(
    text: str,
    offset: int,
    piece: str,
    labels: dict[tuple[int, int], str],
    lex: Lexicon,
    states: dict[str, str],
    honorific: re.Pattern[str],
    site_language: str,
    cast: Cast,
    institution: bool = False,
) -> None:
    """Classify one capitalised name as a state, a person or an organisation ("Nato" in "Nato Secretary General X" is one)."""
    surface = _trim(piece, lex)
    if not surface:
        return
    start = text.find(surface, offset)
    label = _label_at(labels, start, start + len(surface))
    code = states.get(fold(surface))
    if code:
        _add(cast, f"state:{code}", country_name(code, site_language), "state", surface)
    elif not _ORG_WORDS.search(surface) and (
        honorific.match(surface) or (label == "PER" and " " in surface) or (not label and _looks_like_person(surface))
    ):
        _add_person(cast, honorific.sub("", surface), surface)
    elif (
        institution or label in {"ORG", "MISC"} or _ORG_WORDS.search(surface) or re.search(r"(?<![\w-])[A-Z]{2,6}(?![\w-])", surface)
    ) and (fold(surface) not in _STOP or surface.isupper()):
        _add(cast, f"org:{fold(surface)}", surface, "organisation", surface)


_ORG_NOUNS = re.compile(
    r"(?<![\w-])([A-ZÀ-Ý][\w'’-]+) (union|party|group|agency|company|firm|council|ministry|militia|movement|charity|bank|network|broadcaster|newspaper|syndicat|parti|groupe|agence|ministère|milice|mouvement|banque)(?![\w-])"
)


def _collect_named_by_noun(text: str, cast: Cast) -> None:
    """ "the Unite union", "le parti Renaissance"-style names: the capitalised word is the organisation, "the union" takes it up."""
    for match in _ORG_NOUNS.finditer(text):
        name = match.group(1)
        if fold(name) in _STOP or f"person:{fold(name)}" in cast.actors:
            continue
        actor = _add(cast, f"org:{fold(name)}", name, "organisation", name)
        actor.forms[match.group()] = None
        actor.forms[f"the {match.group(2)}"] = None


def _trim(surface: str, lex: Lexicon) -> str:
    """Drop openers ("Le", "The"), stop words and dangling connectors from a capitalised sequence."""
    words = surface.replace("’", "'").split()
    while (
        words
        and fold(words[0]) in _STOP
        and not re.fullmatch(rf"(?:{lex.honorifics})", words[0])
        and not re.fullmatch(r"[A-Z]{2,6}", words[0])
    ):
        words = words[1:]
    while words and words[-1] in {"of", "for", "the", "and", "on", "de", "du", "des", "la", "le", "d'", "l'"}:
        words = words[:-1]
    trimmed = " ".join(words).rstrip(".'")
    # "Prime Minister Keir Starmer": the title is tied to the person separately; the name is the rest.
    untitled = re.sub(rf"^(?:(?:{lex.titles})\s+)+(?=[A-ZÀ-Ý][\w'-]+\s+[A-ZÀ-Ý])", "", trimmed)
    trimmed = untitled or trimmed
    if re.fullmatch(rf"(?:{lex.honorifics})", trimmed) or len(trimmed) < 2:
        return ""
    if re.fullmatch(r"[A-Z]{2,6}", trimmed):
        return trimmed  # "UN" is no French article
    return trimmed if fold(trimmed) not in _STOP else ""


def _label_at(labels: dict[tuple[int, int], str], start: int, end: int) -> str:
    """The entity label of the model over this span, if its entity overlaps it."""
    return next((label for (s, e), label in labels.items() if s < end and start < e), "")


def _looks_like_person(surface: str) -> bool:
    """Two or three capitalised words, no organisation word: a full name."""
    words = surface.split()
    return 2 <= len(words) <= 3 and all(re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ'’-]+", word) for word in words) and not _ORG_WORDS.search(surface)


def _add_person(cast: Cast, name: str, surface: str) -> None:
    """Add a person under their surname, so "Donald Trump", "M. Trump" and "Trump" are one actor."""
    surname = fold(name.split()[-1])
    key = f"person:{surname}"
    actor = _add(cast, key, name, "person", surface)
    if len(name) > len(actor.name):
        actor.name = name


def _add(cast: Cast, key: str, name: str, kind: str, surface: str) -> Actor:
    """Add an actor, or a surface form to one already known."""
    if key.startswith("org:") and f"person:{key[4:]}" in cast.actors:
        key = f"person:{key[4:]}"
    actor = cast.actors.setdefault(key, Actor(key, name, kind))
    actor.forms[surface] = None
    return actor


def _collect_adjective_states(text: str, adjectives: dict[str, str], site_language: str, cast: Cast) -> None:
    """A state named only by its adjective ("dirigeants allemand", "British troops") is still an actor of the text."""
    for match in re.finditer(r"(?<![\w-])[\w-]+", text):
        code = adjectives.get(match.group())
        if code:
            cast.actors.setdefault(f"state:{code}", Actor(f"state:{code}", country_name(code, site_language), "state"))


def _group_pattern(lex: Lexicon) -> re.Pattern[str]:
    """Group nouns with what qualifies them: "trois sources proches du dossier", "a senior US official"."""
    before = (
        r"(?:(?:[A-Z][\w.'-]*|senior|top|high-ranking|military|government|defence|defense|security|intelligence|local|regional|"
        r"foreign|western|Western|emergency|health|rescue|police|unnamed|anonymous)\s+){0,3}(?:[a-z]+\s+(?=(?i:officials?)\b))?"
    )
    complement = rf"(?:\s+(?:{lex.linkers})\s*(?:(?:{lex.honorifics}|the)\s+)?(?:[A-ZÀ-Ý][\w'’-]*(?:\s+(?:and\s+)?[A-ZÀ-Ý][\w'’-]*)*|[a-zà-ÿ][\w'’-]+))"
    after = r"(?:\s+(?:proches?|[a-zé]+(?:éens|éennes|ains|aines|ais|aises|iens|iennes|ois|oises|iques|aires|aux)))?"
    return re.compile(
        rf"(?<![\w'’-])(?:(?:{lex.articles})\s+)*{before}[\"“«]?\s*((?i:{lex.groups}))(?![\w-]){after}{complement}{{0,2}}[\"”»]?",
        re.UNICODE,
    )


def _collect_groups(text: str, lex: Lexicon, cast: Cast) -> None:
    """Add each group named by a group noun, unless the noun is a title set before a person's name."""
    articles = re.compile(rf"^(?:(?:{lex.articles}|all|All|Tous les|Toutes les)\s+|l'|d')+", re.IGNORECASE)
    for match in _group_pattern(lex).finditer(text):
        phrase = match.group().strip(' "“”«»')
        rest = text[match.end() : match.end() + 40]
        name = articles.sub("", phrase).strip(' "“”«»')
        if re.match(r",?\s+(?:(?:M\.|Mr|Mrs|Ms|Dr)\s+)?[A-ZÀ-Ý][a-zà-ÿ]+\s+[A-ZÀ-Ý]", rest) and name.lower() == match.group(1).lower():
            continue  # "sa porte-parole, Karoline Leavitt": a title, handled with the person
        name = re.sub(r"[\"“”«»]\s*|\s*[\"“”«»]", "", name)
        bare = name.lower() == match.group(1).lower()
        if len(name) < 4 or (bare and re.fullmatch(rf"(?i:sources?|{lex.spokespeople})", name)):
            continue  # a bare "sources" names nobody; a bare "spokeswoman" speaks for the organisation named before (quotes.py)
        kind = "coalition" if re.match(r"(?i)coalition|alli", match.group(1)) else "group"
        actor = _add(cast, f"group:{fold(name)}", name, kind, name)
        shorter = re.match(rf"^.*?{re.escape(match.group(1))}\s+(?:{lex.linkers})\s*(?:(?:{lex.honorifics})\s+)?[^\s,]+", name)
        if shorter and shorter.group() != name:
            actor.forms[shorter.group()] = None


def _title_pattern(lex: Lexicon, adjectives: dict[str, str]) -> re.Pattern[str]:
    """A title with the state it belongs to on either side: "le président américain", "the US president"."""
    adjective = "|".join(sorted((re.escape(a) for a in adjectives), key=len, reverse=True))
    return re.compile(
        rf"(?<![\w'’-])(?:(?:le|la|l'|son|sa|leur|the|its|his|her|their)\s+)?(?:(?P<pre>{adjective}|[A-Z][a-z]+'s)\s+)?"
        rf"(?P<head>{lex.titles})(?:\s+(?P<post>{adjective}))?(?![\w-])"
    )


def _collect_titles(text: str, lex: Lexicon, adjectives: dict[str, str], cast: Cast) -> None:
    """Tie a title set next to a name ("Le chancelier allemand, Friedrich Merz") to that person, as an alias."""
    persons = _person_forms(cast)
    if not persons:
        return
    name_at = re.compile(r",?\s+(?:the\s+)?(" + "|".join(re.escape(form) for form in sorted(persons, key=len, reverse=True)) + r")(?![\w])")
    for match in _title_pattern(lex, adjectives).finditer(text):
        following = name_at.match(text, match.end())
        if following:
            _link_title(cast.actors[persons[following.group(1)]], match, adjectives)
    after_name = re.compile(r"(" + "|".join(re.escape(form) for form in sorted(persons, key=len, reverse=True)) + r"),\s+")
    title = _title_pattern(lex, adjectives)
    for match in after_name.finditer(text):
        following_title = title.match(text, match.end())
        if following_title:
            _link_title(cast.actors[persons[match.group(1)]], following_title, adjectives)


def _link_title(person: Actor, match: re.Match[str], adjectives: dict[str, str]) -> None:
    """Record the title's role and state on the person; a title with its state is a surface form."""
    state = match.group("pre") or match.group("post")
    code = adjectives.get(state or "") or ""
    person.heads.add(fold(match.group("head")))
    if code and not person.country:
        person.country = code
    if code:
        person.forms[re.sub(r"^(?:le|la|l'|son|sa|leur|the|its|his|her|their)\s+", "", match.group(), flags=re.IGNORECASE)] = None


def _resolve_standalone_titles(text: str, lex: Lexicon, adjectives: dict[str, str], cast: Cast) -> None:
    """A title on its own ("le chef d'Etat ukrainien") is an alias of the one person it can mean."""
    for match in _title_pattern(lex, adjectives).finditer(text):
        state = match.group("pre") or match.group("post")
        code = adjectives.get(state or "") or ""
        head = fold(match.group("head"))
        persons = [actor for actor in cast.actors.values() if actor.kind == "person" and actor.heads]
        same = [p for p in persons if head in p.heads and (not code or p.country == code)]
        candidates = same or ([p for p in persons if p.country == code] if code else [])
        if len(candidates) == 1:
            surface = re.sub(r"^(?:le|la|l'|son|sa|leur|the|its|his|her|their)\s+", "", match.group(), flags=re.IGNORECASE)
            if code or surface[0].isupper():
                candidates[0].forms[surface] = None


def _person_forms(cast: Cast) -> dict[str, str]:
    """Every surface form of every person, to its actor key."""
    return {form: actor.key for actor in cast.actors.values() if actor.kind == "person" for form in actor.forms}


# ------------------------------------------------------------------ index


def _index_mentions(text: str, lex: Lexicon, adjectives: dict[str, str], cast: Cast) -> list[Mention]:
    """Every mention of an actor in a paragraph, longest form first, plus the pronouns that may stand for a speaker."""
    forms: dict[str, str] = {}
    for actor in cast.actors.values():
        for form in actor.forms:
            for variant in {form, form[:1].upper() + form[1:], form[:1].lower() + form[1:]}:
                forms.setdefault(variant, actor.key)
        if actor.kind == "person":
            surname = actor.name.split()[-1]
            forms.setdefault(surname, actor.key)
        if actor.kind == "group" and " " in actor.name and lex.linkers.startswith("of"):
            # "the spokesperson" takes up the group the text named in full before
            forms.setdefault(f"the {actor.name.split()[0]}", actor.key)
    mentions: list[Mention] = []
    if forms:
        pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)) + r")(?![\w-])")
        for match in pattern.finditer(text):
            key = forms[match.group(1)]
            mentions.append(Mention(match.start(), match.end(), key, cast.actors[key].kind))
    for match in re.finditer(rf"(?<![\w-])(?:-t-|-)?(?:{lex.pronouns})(?![\w-])", text, flags=re.IGNORECASE):
        mentions.append(Mention(match.start(), match.end(), None, "pronoun"))
    taken = sorted((mention.start, mention.end) for mention in mentions)
    starts = [start for start, _ in taken]
    for match in re.finditer(rf"(?<![\w-])(?:{lex.spokespeople})(?![\w-])", text, flags=re.IGNORECASE):
        index = bisect.bisect_right(starts, match.start()) - 1
        apposition = re.match(r",?\s+(?:(?:M\.|Mr|Mrs|Ms|Dr)\s+)?[A-ZÀ-Ý]", text[match.end() : match.end() + 8])
        if (index < 0 or match.start() >= taken[index][1]) and not apposition:
            mentions.append(Mention(match.start(), match.end(), None, "spokesperson"))
    named = sorted((mention.start, mention.end) for mention in mentions)
    starts = [start for start, _ in named]
    for match in re.finditer(r"(?<![\w-])[\w-]+", text):
        code = adjectives.get(match.group())
        if not code or f"state:{code}" not in cast.actors:
            continue
        index = bisect.bisect_right(starts, match.start()) - 1
        if index < 0 or match.start() >= named[index][1]:
            mentions.append(Mention(match.start(), match.end(), f"state:{code}", "adjective"))
    return sorted(mentions, key=lambda mention: mention.start)
