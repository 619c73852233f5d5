"""The seed briefing switched to `language: fr`, built for real and read in Chromium: the whole interface is French."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, make_project, reach_for_charts
from test_i18n import english_interface_phrases

from generator.build import build

MATERIAL_ENGLISH = [
    "Skip to content",
    "Back to top",
    "Table of contents",
    "Type to start searching",
    "Made with",
    "Switch to",
    "Permanent link",
]
"""Material's own English words (and mkdocs.yml's), which the French site replaces."""


@pytest.fixture(scope="session")
def french_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed briefing with `language: fr`, built once with strict MkDocs."""
    project = make_project(tmp_path_factory.mktemp("french"), ROOT / "content")
    briefing = project.content_dir / "briefing.yaml"
    briefing.write_text(re.sub(r"(?m)^language: en$", "language: fr", briefing.read_text(encoding="utf-8")), encoding="utf-8")
    build(project, strict=True)
    return project.site_dir


@pytest.fixture
def french_tab(browser: Any, french_site: Path, serve_site: Any) -> Iterator[Any]:
    """A page of the French site that fails the test on a console error."""
    base = serve_site(french_site, "/note/")
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.errors = []
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.base = base
    yield tab
    assert tab.errors == [], tab.errors
    tab.close()


def _english_on(tab: Any) -> list[str]:
    """The English interface phrases found in the page's text, hidden text, titles and labels included."""
    text = tab.evaluate(
        "document.documentElement.textContent + [...document.querySelectorAll('[title], [aria-label], meta[name=description]')]"
        ".map(e => [e.title, e.getAttribute('aria-label'), e.getAttribute('content')].join(' ')).join(' ')"
    )
    # The seed's own words are English ("According to Starmer's spokesperson"): a phrase the content uses proves nothing.
    content = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "content").rglob("*.yaml"))
    interface = [phrase for phrase in english_interface_phrases() if phrase not in content]
    return [phrase for phrase in [*interface, *MATERIAL_ENGLISH, "Permanent link"] if phrase in text]


@pytest.mark.parametrize(
    ("path", "french"),
    [
        (
            "",
            [
                "L'essentiel",
                "Jugements clés",
                "À surveiller",
                "Chiffres clés",
                "La matrice des positions en un coup d'œil",
                "Dans cette note",
            ],
        ),
        ("matrix/", ["Matrice des positions", "Légende", "aucune position rapportée", "Éléments solides", "Trop peu pour comparer"]),
        ("actors/donald-trump/", ["Type", "Positions", "Acteurs liés", "La position de chacun sur cette question", "Éléments"]),
        (
            "charts/",
            ["Graphiques", "Où les acteurs se divisent-ils", "événements sur", "a rencontré le plus", "Afficher les données"],
        ),
    ],
)
def test_french_pages_read_as_french(french_tab: Any, path: str, french: list[str]) -> None:
    french_tab.goto(french_tab.base + path)
    assert french_tab.evaluate("document.documentElement.lang") == "fr"
    body = french_tab.inner_text("body")
    assert [words for words in french if words not in body] == []
    assert _english_on(french_tab) == []


def test_french_search_index(french_site: Path) -> None:
    index = json.loads((french_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["fr"]  # Material's search stems French words
    assert any(doc["title"] == "Matrice des positions" for doc in index["docs"])


def test_french_dates_and_chart_axes(french_tab: Any) -> None:
    french_tab.goto(french_tab.base + "charts/")
    drawn = french_tab.locator("#chart-timeline .bf-chart-large text").all_text_contents()
    assert any("août" in label for label in drawn), drawn  # the drawing (Babel)
    key = french_tab.locator("#chart-timeline .bf-chart-key").inner_text()
    assert "Réunion" in key and "prévu" in key and "Meeting" not in key and "planned" not in key, key  # the key under it
    reach_for_charts(french_tab)
    ticks = french_tab.locator("#chart-timeline-plot .x2tick text").all_text_contents()
    assert any("août" in tick for tick in ticks), ticks  # Plotly's date axis in French, from the registered locale
    panels = french_tab.locator("#chart-timeline-plot .annotation-text").all_text_contents()
    assert any(panel.startswith("Période couverte") for panel in panels), panels
    assert "20 août 2025" in french_tab.inner_text("body")
