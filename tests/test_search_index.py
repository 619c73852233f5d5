"""The search index is written from the briefing, not parsed from the pages: what it holds, where it
leads, and Material's real search box finding an actor and a quote in a built site."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TINY, make_project
from mkdocs.config import load_config

from generator.build import plan
from generator.content.validate import check_content
from generator.project import Project
from generator.site.search_index import MATERIAL_SEARCH, SEARCH_INDEX, index_settings, use_briefing_search

sys.path.insert(0, str(ROOT / "bench"))


def _index(site: Path) -> dict[str, Any]:
    return dict(json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8")))


def test_the_index_has_every_actor_and_question_page_and_not_the_print_page(real_site: Path) -> None:
    content = check_content(Project.at(ROOT))
    locations = [doc["location"] for doc in _index(real_site)["docs"]]
    for kind, records in (("actors", content.records["actors"]), ("questions", content.records["topics"])):
        assert [r.id for r in records if f"{kind}/{r.id}/" not in locations] == []
    assert not [location for location in locations if location.startswith("print/")]
    names = {doc["title"] for doc in _index(real_site)["docs"]}
    assert {"Emmanuel Macron", "Volodymyr Zelensky", "Stance matrix"} <= names


def test_every_location_of_the_index_is_a_page_and_an_anchor_of_the_site(real_site: Path) -> None:
    missing = []
    for doc in _index(real_site)["docs"]:
        path, _, anchor = doc["location"].partition("#")
        page = real_site / path / "index.html"
        html = page.read_text(encoding="utf-8") if page.is_file() else ""
        if not html or (anchor and f'id="{anchor}"' not in html):
            missing.append(doc["location"])
    assert missing == []


def test_a_quote_is_indexed_at_its_stance_with_its_translation(real_site: Path) -> None:
    docs = {doc["location"]: doc for doc in _index(real_site)["docs"]}
    stance = docs["actors/ukraine/#renewed-invasion-risk"]
    assert stance["title"] == "Risk of a renewed Russian invasion"
    assert "Moscou retentera une invasion" in stance["text"]  # the quote, verbatim
    assert "Moscow will attempt another invasion" in stance["text"]  # its translation
    assert "<" not in "".join(doc["text"] + doc["title"] for doc in docs.values())  # text, never markup


def test_content_markup_in_the_index_is_escaped_text(seed_copy: Project) -> None:
    actors = seed_copy.content_dir / "actors.yaml"
    actors.write_text(
        actors.read_text(encoding="utf-8").replace("name: Keir Starmer", "name: Keir <b>Starmer</b> & co", 1), encoding="utf-8"
    )
    index = json.loads(plan(seed_copy)[1].downloads[SEARCH_INDEX])
    titles = [doc["title"] for doc in index["docs"] if doc["location"] == "actors/keir-starmer/"]
    assert titles == ["Keir &lt;b&gt;Starmer&lt;/b&gt; &amp; co"]  # the worker shows titles as HTML


@pytest.mark.parametrize("language", ["en", "fr", "de"])
def test_index_settings_are_those_materials_own_plugin_computes(tmp_path: Path, language: str) -> None:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.theme["language"] = language
    stock = config.plugins[MATERIAL_SEARCH]
    stock.on_config(config)
    expected = {key: stock.config[key] for key in ("lang", "separator", "pipeline", "fields")}
    assert index_settings(language) == expected


def test_materials_search_plugin_keeps_its_name_and_parses_no_page(tmp_path: Path) -> None:
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    stock = config.plugins[MATERIAL_SEARCH]
    use_briefing_search(config)
    ours = config.plugins[MATERIAL_SEARCH]
    assert ours is not stock and ours.config.enabled and not stock.config.enabled  # Material's header shows the box
    page = type("Page", (), {"meta": {}, "content": "<h1 id='x'>Title</h1><p>words</p>", "toc": [], "url": "x/", "title": "x"})()
    for plugin in (ours, stock):
        plugin.on_page_context({}, page=page, config=config, nav=None)
    assert not (tmp_path / "site").exists()
    for plugin in (ours, stock):
        plugin.on_post_build(config=config)
    assert not (tmp_path / "site" / SEARCH_INDEX).exists()


def test_french_index_follows_the_briefing_language(seed_copy: Project) -> None:
    briefing = seed_copy.content_dir / "briefing.yaml"
    briefing.write_text(re.sub(r"(?m)^language: en$", "language: fr", briefing.read_text(encoding="utf-8")), encoding="utf-8")
    index = json.loads(plan(seed_copy)[1].downloads[SEARCH_INDEX])
    assert index["config"]["lang"] == ["fr"]
    assert any(doc["title"] == "Matrice des positions" for doc in index["docs"])


@pytest.fixture
def search_tab(browser: Any, real_site: Path, serve_site: Any) -> Iterator[Any]:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(serve_site(real_site) + "matrix/")
    yield tab
    assert errors == []
    tab.close()


def _search(tab: Any, query: str) -> list[str]:
    """Type a query into Material's search box and return the result links, as hrefs relative to the site."""
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query)
    tab.wait_for_selector(".md-search-result__item a")
    return [str(href) for href in tab.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")]


@pytest.mark.parametrize(
    ("query", "page", "anchor"),
    [
        ("Starmer", "actors/keir-starmer/", ""),  # an actor's name
        ("retentera", "actors/ukraine/", "renewed-invasion-risk"),  # a word only in one quote, in French
        ("Kiev", "actors/ukraine/", ""),  # an alias
    ],
)
def test_the_search_box_finds_an_actor_and_a_quote_at_its_stance(search_tab: Any, query: str, page: str, anchor: str) -> None:
    links = [link.split("/briefing/", 1)[1].replace(f"?h={query.lower()}", "") for link in _search(search_tab, query)]
    wanted = page + (f"#{anchor}" if anchor else "")
    assert wanted in links, links
    search_tab.locator(".md-search-result__link").nth(links.index(wanted)).click()
    search_tab.wait_for_url(re.compile(re.escape(page) + r"\?h="))  # search.highlight marks the words on the page
    assert search_tab.locator("mark[data-md-highlight]").count() > 0
    if anchor:
        assert search_tab.evaluate("location.hash") == f"#{anchor}"
        assert search_tab.locator(f"[id='{anchor}']").is_visible()


def test_the_index_at_100x_the_seed_stays_under_150_kb_gzipped(tmp_path: Path) -> None:
    from synthetic import write_content

    project = make_project(tmp_path, TINY)
    shutil.rmtree(project.content_dir)
    write_content(project.content_dir, 100)
    index = plan(project)[1].downloads[SEARCH_INDEX].encode()
    docs = json.loads(index)["docs"]
    assert len(docs) > 6000  # every actor, question, stance, event and source
    assert len(gzip.compress(index, compresslevel=6)) <= 150_000  # Material's plugin wrote 520 kB
