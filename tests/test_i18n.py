"""The interface in the briefing's language: complete catalogues, Babel dates, a French fixture (its golden pages are in test_pages)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, make_project

from generator import i18n
from generator.build import plan
from generator.content.record_kinds import LIST_KINDS
from generator.content.schema import FACTS, LINE, shown_fields
from generator.i18n import Catalogue, available_languages, read_catalogue, site_languages, value_names
from generator.project import Project

TINY_FR = ROOT / "tests" / "fixtures" / "tiny-fr"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("language", [lang for lang in site_languages() if lang != "en"])
def test_every_catalogue_has_every_english_key_with_the_same_placeholders(language: str) -> None:
    english, other = read_catalogue("en"), read_catalogue(language)
    missing = sorted(set(english) - set(other))
    assert not missing, f"{language}.yaml lacks keys that en.yaml has: {', '.join(missing)}"
    assert not sorted(set(other) - set(english)), f"{language}.yaml has keys en.yaml does not"
    for key, text in english.items():
        assert value_names(other[key]) == value_names(text), f"{language}.yaml {key}: placeholders differ"


_PLURAL_FORMS = {"zero", "one", "two", "few", "many", "other"}
"""CLDR plural categories: `count(key, n)` reads `key.<form>`."""


def _catalogue_key_users() -> tuple[str, set[str], set[str]]:
    """The code and templates that may name a catalogue key: their text, the key prefixes they build keys from, their words."""
    sources = [p for d in ("generator", "templates") for p in (ROOT / d).rglob("*") if p.suffix in {".py", ".j2", ".html", ".js", ".md"}]
    text = "\n".join(p.read_text(encoding="utf-8") for p in sources if "vendor" not in p.parts)
    # f"event_kind.{kind}" in Python, 'strength_word.' ~ value in Jinja: every key under such a prefix may be asked for.
    prefixes = set(re.findall(r"""["']([a-z_]+\.[a-z_.]*)(?:\{|["']\s*~)""", text))
    words = set(re.findall(r"""["']([a-z_]+)["']""", text))
    return text, prefixes, words


def _used(key: str, text: str, prefixes: set[str], words: set[str], scale_keys: set[str]) -> bool:
    """Whether the code names a key: whole, as a scale step's, or as a prefix plus a word the code holds."""
    if re.search(rf"""["']{re.escape(key)}["']""", text) or key in scale_keys:
        return True
    for prefix in (p for p in prefixes if key.startswith(p)):
        rest = key[len(prefix) :]  # relation.event.meeting: "relation." + "event." + a word, as model.py composes it
        if any(rest == w or rest.startswith((w + ".", w + "_")) for w in words) or any(rest.startswith(p) for p in prefixes):
            return True
    parent, _, form = key.rpartition(".")
    return form in _PLURAL_FORMS and _used(parent, text, prefixes, words, scale_keys)


def test_every_catalogue_key_is_used_by_the_code_or_the_templates() -> None:
    from generator.model import scales

    steps = [s for value in vars(scales).values() if isinstance(value, tuple) for s in value if isinstance(s, scales.ScaleStep)]
    scale_keys = {key for step in steps for key in (step.label_key, step.meaning_key)}
    # A field declared Shown is labelled `<noun>.<field>` (actor.role), asked for by the field's name.
    scale_keys |= {f"{kind.noun}.{name}" for kind in LIST_KINDS for place in (FACTS, LINE) for name in shown_fields(kind.model, place)}
    text, prefixes, words = _catalogue_key_users()
    assert {"event_kind.", "strength_word.", "relation."} <= prefixes  # the dynamic keys are recognised, not deleted
    for language in available_languages():
        unused = sorted(key for key in read_catalogue(language) if not _used(key, text, prefixes, words, scale_keys))
        assert not unused, f"{language}.yaml has keys nothing uses (delete them): {', '.join(unused)}"
    assert not _used("relation.affiliated", text, prefixes, words, scale_keys)


def test_a_third_language_is_one_catalogue_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in i18n.CATALOGUE_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "de.yaml").write_text("page:\n  home: Startseite\n", encoding="utf-8")
    monkeypatch.setattr(i18n, "CATALOGUE_DIR", tmp_path)
    read_catalogue.cache_clear()
    try:
        german = Catalogue("de")
        assert german.text("page.home") == "Startseite"
        assert german.text("page.matrix") == "Stance matrix"  # a missing key falls back to English
        assert german.date("2025-08-20") == "20 August 2025"  # Babel's German month names, English's date pattern until de.yaml sets one
        assert "de" in available_languages()
    finally:
        read_catalogue.cache_clear()


_ITALIAN = """language:
  site: true
punct:
  colon: ": "
  open_quote: «
  close_quote: »
  inner_open_quote: “
  inner_close_quote: ”
page:
  home: Pagina iniziale
grammar:
  elide_before_vowel: di
  vowels: aeiou
"""


def test_a_throwaway_third_language_is_one_catalogue_file_and_builds_the_seed(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "generator", tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "generator" / "i18n" / "it.yaml").write_text(_ITALIAN, encoding="utf-8")  # the one file a translator adds
    project = make_project(tmp_path / "desk", ROOT / "content")
    briefing = project.content_dir / "briefing.yaml"
    briefing.write_text(briefing.read_text(encoding="utf-8").replace("\nlanguage: en\n", "\nlanguage: it\n"), encoding="utf-8")
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)}
    run = [sys.executable, "-m", "generator"]
    offered = subprocess.run([*run, "new", "--help"], cwd=tmp_path, capture_output=True, text=True, env=env, check=True).stdout
    assert "--site-lang {en,fr,it}" in offered  # German (typography only) is no site language
    built = subprocess.run([*run, "--root", str(project.root), "build"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert built.returncode == 0, built.stderr
    page = (project.site_dir / "actors" / "donald-trump" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="it"' in (project.site_dir / "index.html").read_text(encoding="utf-8")
    assert "Pagina iniziale" in page and "Stance matrix" in page  # its words, English for the keys it lacks
    assert re.search(r'<span lang="it">«[^“»]', page) and '<span lang="it">“' not in page  # translations in the file's quote marks
    assert re.search(r"<blockquote class=\"bf-quote\" lang=\"fr\"[^>]*><p>«", page)  # quotes keep their source language's marks


def test_french_elision_and_german_quote_marks_are_catalogue_data() -> None:
    assert read_catalogue("fr")["grammar.elide_before_vowel"] == "de que" and read_catalogue("en")["grammar.elide_before_vowel"] == ""
    assert read_catalogue("de")["punct.open_quote"] == "„" and "de" in available_languages() and "de" not in site_languages()


def test_dates_and_numbers_follow_the_language_not_the_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LC_ALL", "C")
    french, english = Catalogue("fr"), Catalogue("en")
    assert [french.date(d) for d in ("2025-08-20", "2025-08", "2014")] == ["20 août 2025", "août 2025", "2014"]
    assert english.date("2025-08-20") == "20 August 2025"
    assert (french.number(1200.5), english.number(1200.5)) == ("1\u202f200,5", "1,200.5")
    assert english.number(1e25) == "10,000,000,000,000,000,000,000,000"  # past Decimal's 28 default digits (the fuzz test found it)
    assert (french.count("count.event", 0), english.count("count.event", 0)) == ("0 événement", "0 events")
    assert Catalogue("fr-CA").text("page.home") == "Accueil"  # a regional variant uses its language's catalogue


def test_french_elides_de_and_que_before_a_vowel_of_a_filled_in_value() -> None:
    french = Catalogue("fr")
    assert french.text("actor.about", name="Emmanuel Macron") == "À propos d'Emmanuel Macron"
    assert french.text("actor.about", name="Donald Trump") == "À propos de Donald Trump"
    assert "la position d'Ukraine sur" in french.markup("relation.reported", a="A", b="Ukraine", topic="T")
    assert Catalogue("en").text("actor.about", name="Emmanuel Macron") == "About Emmanuel Macron"  # English has no elision


def test_french_navigation_and_theme_language(tmp_path: Path) -> None:
    _, site_plan = plan(make_project(tmp_path, TINY_FR))
    assert site_plan.language == "fr"
    titles = [next(iter(entry)) for entry in site_plan.nav]
    assert titles == [
        "Accueil",
        "Matrice des positions",
        "Questions en jeu",
        "Acteurs",
        "Chronologie",
        "Graphiques",
        "Sources",
        "Méthode",
        "Données à télécharger",
        "Éditions",
    ]
    actors = next(entry["Acteurs"] for entry in site_plan.nav if "Acteurs" in entry)
    assert [next(iter(group)) for group in actors[1:]] == ["Personnes", "États"]


def english_interface_phrases() -> list[str]:
    """English catalogue texts a French page must not show: those French translates differently, cut at placeholders."""
    english, french = read_catalogue("en"), read_catalogue("fr")
    phrases = set()
    for key, text in english.items():
        if french[key] == text or key.startswith(("stance_columns.", "event_columns.")):
            continue  # the same word in both languages, or column meanings that quote the content format's English values
        for part in _PLACEHOLDER.split(text)[::2]:
            part = re.sub(r"<[^>]+>|\*\*", "", part).strip(" :;,.()«»“”")
            if len(part) >= 12 and " " in part:
                phrases.add(part)
    return sorted(phrases)


def test_the_english_phrase_list_is_long_enough_to_mean_something() -> None:
    phrases = english_interface_phrases()
    assert len(phrases) > 100
    assert "Bottom line up front" in phrases and "no position reported" in phrases and "Show data" not in phrases


def test_french_plan_shows_no_english_interface_words(tmp_path: Path) -> None:
    _, site_plan = plan(make_project(tmp_path, TINY_FR))
    text = "\n".join(page.markdown for page in site_plan.pages)
    leaks = [phrase for phrase in english_interface_phrases() if phrase in text]
    assert not leaks, leaks


def test_french_charts_speak_french(tmp_path: Path) -> None:
    from generator.content.validate import check_content
    from generator.model.briefing import build_model
    from generator.site.charts import build_charts

    charts = build_charts(build_model(check_content(make_project(tmp_path, TINY_FR))))
    assert charts["timeline"]["title"] == "Les 2 événements ont eu lieu ; aucun n'est prévu"
    assert charts["timeline"]["table"]["columns"] == ["Date", "Événement", "Type", "Acteurs", "Source"]
    assert charts["timeline"]["figure"]["locale"]["format"]["shortMonths"][2] == "mars"
    assert "Réunion" in [entry["label"] for entry in charts["timeline"]["key"]]  # the key under the chart says what each colour is
    assert "Les ministres se réunissent à<br>Genève" in charts["timeline"]["figure"]["layout"]["yaxis"]["ticktext"]
    assert charts["timeline"]["as_of"] == "5 mars 2024"


def test_seed_switched_to_french_plans_a_french_interface(seed_copy: Project) -> None:
    briefing = seed_copy.content_dir / "briefing.yaml"
    briefing.write_text(re.sub(r"(?m)^language: en$", "language: fr", briefing.read_text(encoding="utf-8")), encoding="utf-8")
    _, site_plan = plan(seed_copy)
    text = "\n".join(page.markdown for page in site_plan.pages)
    # The seed's own words are English ("three anonymous sources"): a phrase the content itself uses proves nothing.
    content = "\n".join(path.read_text(encoding="utf-8") for path in seed_copy.content_dir.rglob("*.yaml"))
    leaks = [phrase for phrase in english_interface_phrases() if phrase in text and phrase not in content]
    assert not leaks, leaks
    assert "Matrice des positions" in text and "L'essentiel" in text and "bf-translation" not in text  # French quotes need none
