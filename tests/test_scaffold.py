"""A new briefing from a new article: scaffold, fill in a few facts, build, read the result."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, TINY, make_project

from generator.build import build, check_content
from generator.commands.scaffold import NewBriefing, add_source, create, headline, slugify
from generator.errors import BriefingError, ContentError
from generator.project import Project

ARTICLE = TINY / "sources" / "wire.txt"


def _scaffold(tmp_path: Path) -> Project:
    make_project(tmp_path)  # the templates and mkdocs.yml the new briefing builds with
    folder = tmp_path / "briefings" / "quotas"
    create(NewBriefing(ARTICLE, folder, "Ministers split on quotas", "fr", "Test Agency", dt.date(2024, 3, 5)))
    return Project.at(tmp_path, content="briefings/quotas")


def test_scaffold_validates_at_once_with_numbered_paragraphs(tmp_path: Path) -> None:
    project = _scaffold(tmp_path)
    content = check_content(project)
    assert content.sources[0].id == "test-agency-2024-03-05-ministers-split-on-quotas"
    assert len(content.paragraphs[content.sources[0].id]) == 5
    listing = (project.content_dir / "sources.yaml").read_text(encoding="utf-8")
    assert "# ¶4: La ministre Beta s'y oppose" in listing
    first_line = (project.content_dir / "actors.yaml").read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first_line.startswith(prefix)
    assert (project.content_dir / first_line[len(prefix) :]).resolve() == (ROOT / "schemas" / "actors.schema.json").resolve()


def test_filled_in_scaffold_builds_into_a_readable_site(tmp_path: Path) -> None:
    project = _scaffold(tmp_path)
    source = check_content(project).sources[0].id
    (project.content_dir / "actors.yaml").write_text(
        "- id: beta\n  name: Minister Beta\n  kind: person\n  description: Rejects the deal.\n  aliases: [ministre Beta]\n",
        encoding="utf-8",
    )
    (project.content_dir / "topics.yaml").write_text(
        "- id: quotas\n  title: Quotas\n  question: The quota deal is adopted.\n", encoding="utf-8"
    )
    (project.content_dir / "stances.yaml").write_text(
        f"""- actor: beta
  topic: quotas
  position: opposes
  summary: Beta rejects the deal.
  evidence:
    - source: {source}
      paragraph: 4
      quote: C'est inacceptable
      translation: It is unacceptable
  reported_by:
    kind: actor
""",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as unfinished:  # make new's TODO placeholders stop a build until they are written
        build(project)
    assert {problem.rule for problem in unfinished.value.problems} == {"unfinished"}
    for name in ("briefing.yaml", "sources.yaml"):
        path = project.content_dir / name
        path.write_text(re.sub(r"TODO ?: ", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    build(project)
    page = (project.site_dir / "actors" / "beta" / "index.html").read_text(encoding="utf-8")
    assert "C&#39;est inacceptable" in page or "C'est inacceptable" in page
    assert "Ministers split on quotas" in (project.site_dir / "index.html").read_text(encoding="utf-8")


def test_scaffold_refuses_an_existing_folder(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "briefing.yaml").write_text("x", encoding="utf-8")
    with pytest.raises(BriefingError, match="already exists"):
        create(NewBriefing(ARTICLE, tmp_path / "taken", None, "fr", "X", None))


def test_article_with_one_paragraph_per_line(tmp_path: Path) -> None:
    article = tmp_path / "lines.txt"
    article.write_text("First paragraph.\nSecond paragraph.\nThird.\n", encoding="utf-8")
    create(NewBriefing(article, tmp_path / "b", None, "en", "X", "2026-01-02"))
    text = next((tmp_path / "b" / "sources").glob("*.txt")).read_text(encoding="utf-8")
    assert text == "First paragraph.\n\nSecond paragraph.\n\nThird.\n"
    assert "published: 2026-01-02\n  published_inferred: false" in (tmp_path / "b" / "sources.yaml").read_text(encoding="utf-8")


def test_make_new_takes_language_title_outlet_and_date_from_its_arguments(tmp_path: Path) -> None:
    article = tmp_path / "bbc.txt"
    article.write_text("MPs to vote on the assisted dying bill\n\nMPs will vote on Wednesday, the Speaker said.\n", encoding="utf-8")
    folder = tmp_path / "briefings" / "vote"
    env = {**os.environ, "LANG": "C.UTF-8"}  # the shell's locale must not be taken for the article's language
    subprocess.run(
        ["make", "-s", "new", f"ARTICLE={article}", f"DIR={folder}", "LANG=en", "OUTLET=BBC News", "PUBLISHED=2025-06"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    sources = (folder / "sources.yaml").read_text(encoding="utf-8")
    assert "- id: bbc-news-2025-06-mps-to-vote-on-the-assisted\n" in sources  # cut at a word, within 48 characters
    assert 'outlet: "BBC News"' in sources and 'published: "2025-06"' in sources and "language: en\n" in sources
    assert 'title: "MPs to vote on the assisted dying bill"\n  title_assigned: false' in sources  # the first line is the headline
    assert "translation:" not in (folder / "stances.yaml").read_text(encoding="utf-8")  # article and site share a language
    source = check_content(Project.at(ROOT, content=str(folder))).sources[0]
    assert (source.published, source.language) == ("2025-06", "en")


def test_ids_are_cut_at_a_word_boundary_and_captions_are_not_headlines() -> None:
    slug = slugify("Agence France-Presse 2025-08-20 Les chefs d'état-major de l'Otan se réunissent")
    assert slug == "agence-france-presse-2025-08-20-les-chefs-d-etat" and len(slug) <= 48
    assert slugify("x" * 60) == "x" * 48
    assert headline(["Trump meets Zelensky ( AFP / Jane DOE )", "Body."]) is None
    assert headline(["A whole first sentence of body text.", "Body."]) is None
    assert headline(["Only one paragraph"]) is None


def test_skeleton_comments_follow_the_sites_language(tmp_path: Path) -> None:
    create(NewBriefing(ARTICLE, tmp_path / "fr", None, "fr", "Agence Test", "2024-03-05", site_language="fr"))
    stances = (tmp_path / "fr" / "stances.yaml").read_text(encoding="utf-8")
    assert "# Qui se tient où" in stances and "Who stands where" not in stances
    assert "translation:" not in stances  # a French article on a French site needs none
    assert "language: fr\n" in (tmp_path / "fr" / "briefing.yaml").read_text(encoding="utf-8")
    check_content(Project.at(tmp_path, content="fr"))
    create(NewBriefing(ARTICLE, tmp_path / "en", None, "fr", "Agence Test", "2024-03-05"))
    assert "# Who stands where" in (tmp_path / "en" / "stances.yaml").read_text(encoding="utf-8")


def test_add_source_adds_a_second_article_that_validates(tmp_path: Path) -> None:
    project = _scaffold(tmp_path)
    second = tmp_path / "follow-up.txt"
    second.write_text("Quota vote delayed\n\nLe vote a été reporté, selon la présidence.\n", encoding="utf-8")
    subprocess.run(
        ["make", "-s", "add-source", f"ARTICLE={second}", f"DIR={project.content_dir}", "OUTLET=Test Agency", "PUBLISHED=2024-03-06"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    content = check_content(project)
    assert [s.id for s in content.sources] == [
        "test-agency-2024-03-05-ministers-split-on-quotas",
        "test-agency-2024-03-06-quota-vote-delayed",
    ]
    assert content.paragraphs["test-agency-2024-03-06-quota-vote-delayed"][1] == "Le vote a été reporté, selon la présidence."
    assert "# ¶2: Le vote a été reporté" in (project.content_dir / "sources.yaml").read_text(encoding="utf-8")
    with pytest.raises(BriefingError, match="already in"):
        add_source(NewBriefing(second, project.content_dir, None, "fr", "Test Agency", "2024-03-06"))
