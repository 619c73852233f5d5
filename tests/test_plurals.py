"""Counted words agree with their numbers in every catalogue: "1 pair", "0 paire", "2 pairs" (issue 23).

A catalogue counts in two ways: a plural group (`key.one`, `key.other`, read by `Catalogue.count`)
and an ICU-style choice inside a text (`{total, plural, one {# pair} other {# pairs}}`), so a text
that counts two things has each agree with its own number. These tests walk every counted string of
every catalogue with 0, 1 and 2, and check the words that follow each number against Babel's plural
rule for the language (French counts 0 as singular, English as plural).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.content.validate import check_content
from generator.i18n import Catalogue, available_languages, read_catalogue, value_names
from generator.model.briefing import build_model
from generator.project import Project
from generator.site.charts import build_charts

ROOT = Path(__file__).parent.parent
FORMS = ("zero", "one", "two", "few", "many", "other")
_CHOICE = re.compile(r"\{(\w+), plural,")
_NUMBER_WORD = re.compile(r"(?<![\w.,])(\d+) (\w+)")


def _groups(language: str) -> dict[str, set[str]]:
    """The plural groups of a catalogue (and of English, which it falls back to): key → the forms it has."""
    groups: dict[str, set[str]] = {}
    for key in read_catalogue("en").keys() | read_catalogue(language).keys():
        parent, _, form = key.rpartition(".")
        if form in FORMS:
            groups.setdefault(parent, set()).add(form)
    return {key: forms for key, forms in groups.items() if "other" in forms and len(forms) > 1}  # not `event_kind.other`, a word


def _choices(words: str) -> Iterator[tuple[str, dict[str, str]]]:
    """Each ICU-style plural choice in a text: the number it counts and its forms (by the catalogue's own parser)."""
    from generator.i18n import _plural_forms

    for match in _CHOICE.finditer(words):
        yield match.group(1), _plural_forms(words, match.end())[0]


def _lexicon() -> dict[str, tuple[set[str], set[str]]]:
    """By language: the words that follow a count in the singular forms and in the plural ones (pair / pairs, paire / paires).

    Read from the catalogues' own counted strings; a word found in both (of, sur) says nothing and is left out.
    """
    lexicon = {}
    for language in ("en", "fr"):
        singular, plural = set(), set()
        texts = read_catalogue(language)
        for key, text in texts.items():
            form = key.rpartition(".")[2]
            if form in FORMS:
                (singular if form == "one" else plural).update(re.findall(r"\{n\} (\w+)", text))
            for _, forms in _choices(text):
                singular.update(re.findall(r"# (\w+)", forms.get("one", "")))
                plural.update(re.findall(r"# (\w+)", forms["other"]))
        lexicon[language] = (singular - plural, plural - singular)
    return lexicon


def _values(words: str, counted: str, n: int) -> dict[str, object]:
    """Values for every name a text uses: `n` for the one counted, 7 (plural in both languages) for the others."""
    return {name: (n if name == counted else 7) for name in value_names(words)}


def _renderings(language: str) -> Iterator[tuple[str, int, str]]:
    """Every counted string of a catalogue rendered with 0, 1 and 2 for each number it counts: (key, n, text)."""
    catalogue = Catalogue(language)
    texts = read_catalogue("en") | read_catalogue(language)
    for key in _groups(language):
        words = texts.get(f"{key}.other", "")
        for n in (0, 1, 2):
            others = {name: 7 for name in value_names(words) if name != "n"}
            yield key, n, catalogue.count(key, n, **others)
    for key, words in texts.items():
        for name in {name for name, _ in _choices(words)}:
            for n in (0, 1, 2):
                values = _values(words, name, n)
                if key.rpartition(".")[2] in FORMS:
                    values["n"] = catalogue.number(7)
                yield key, n, catalogue.text(key, **values)


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_every_counted_string_agrees_with_0_1_and_2(language: str) -> None:
    catalogue = Catalogue(language)
    singular, plural = _lexicon()["fr" if catalogue.primary == "fr" else "en"]  # German falls back to English words
    wrong, checked = [], 0
    for key, n, text in _renderings(language):
        for number, word in _NUMBER_WORD.findall(text):
            if int(number) != n or word not in singular | plural:
                continue
            checked += 1
            expected = singular if catalogue.locale.plural_form(n) == "one" else plural
            if word not in expected:
                wrong.append(f"{key} with {n}: {text}")
    assert wrong == []
    assert checked > 60  # the walk reaches the counted nouns of every group and every choice


def test_a_counted_noun_never_follows_a_plain_placeholder() -> None:
    # A number written straight into a text ("{total} events") cannot agree with it: it must be a plural
    # group's {n} or a plural choice. Walk every text of every catalogue with its choices taken out.
    lexicon = _lexicon()
    found = []
    for language in available_languages():
        singular, plural = lexicon["fr" if language == "fr" else "en"]
        for key, text in read_catalogue(language).items():
            plain = re.sub(r"\{\w+, plural,(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}", "", text)
            counted_n = key.rpartition(".")[2] in FORMS
            for name, word in re.findall(r"\{(\w+)\} (\w+)", plain):
                if word in singular | plural and not (counted_n and name == "n"):
                    found.append(f"{language}.yaml {key}: {{{name}}} {word}")
    assert found == []


def test_french_and_english_counts_follow_babel_rules() -> None:
    en, fr = Catalogue("en"), Catalogue("fr")
    assert [en.count("count.event", n) for n in (0, 1, 2)] == ["0 events", "1 event", "2 events"]
    assert [fr.count("count.event", n) for n in (0, 1, 2)] == ["0 événement", "1 événement", "2 événements"]
    thin = "chart.alignment.title_thin"
    assert fr.text(thin, single=1, total=1) == "Trop peu pour comparer : 1 paire d'acteurs sur 1 n'a qu'une question en commun"
    assert fr.text(thin, single=2, total=3) == "Trop peu pour comparer : 2 paires d'acteurs sur 3 n'ont qu'une question en commun"
    assert en.text(thin, single=1, total=1) == "Too little to compare: 1 of 1 pair of actors shares a single question"
    assert en.text(thin, single=20, total=25) == "Too little to compare: 20 of 25 pairs of actors share a single question"
    assert re.fullmatch(r"Positions de 1\s200 acteurs sur 1 question en jeu", fr.text("matrix.caption", actors=1200, topics=1))


def test_a_malformed_plural_choice_is_refused() -> None:
    from generator.i18n import _plural_forms

    with pytest.raises(ValueError, match="without an `other` form"):
        _plural_forms("{n, plural, one {# pair}}", len("{n, plural,"))
    with pytest.raises(ValueError, match="malformed plural choice"):
        _plural_forms("{n, plural, single {# pair} other {# pairs}}", len("{n, plural,"))


def test_the_french_alignment_title_of_a_two_actor_briefing_agrees() -> None:
    # The bug as a reader met it: the tiny French fixture has one pair of actors, once titled "1 paires … sur 1".
    model = build_model(check_content(Project.at(ROOT, content="tests/fixtures/tiny-fr")))
    charts = build_charts(model)
    assert charts["alignment"]["title"] == "Trop peu pour comparer : 1 paire d'acteurs sur 1 n'a qu'une question en commun"
    assert "1 paire partage" in charts["alignment"]["alt"] and "0 paire s'accorde" in charts["alignment"]["alt"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_counted_string_has_in_its_own_language_the_forms_0_1_and_2_take(language: str) -> None:
    # Catalogue.count falls back to English, and a choice to `other`: a French group without `one`
    # would print "0 pair" or "1 paires". Every form the language's rule picks for 0, 1, 2 is its own.
    catalogue, texts = Catalogue(language), read_catalogue(language)
    needed = {catalogue.locale.plural_form(n) for n in (0, 1, 2)}
    missing = [f"{key}.{form}" for key in _groups("en") for form in needed if f"{key}.{form}" not in texts]
    for key, words in texts.items():
        missing += [f"{key} ({name}): {form}" for name, forms in _choices(words) for form in needed if form not in forms]
    assert missing == []
