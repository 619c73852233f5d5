"""A new briefing from a new article: scaffold, fill in a few facts, build, read the result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import ROOT, TINY, make_project

from generator.build import build, check_content
from generator.errors import BriefingError
from generator.project import Project
from generator.scaffold import NewBriefing, create

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
    create(NewBriefing(article, tmp_path / "b", None, "en", "X", None), today=dt.date(2026, 1, 2))
    text = next((tmp_path / "b" / "sources").glob("*.txt")).read_text(encoding="utf-8")
    assert text == "First paragraph.\n\nSecond paragraph.\n\nThird.\n"
    assert "published_inferred: true" in (tmp_path / "b" / "sources.yaml").read_text(encoding="utf-8")
