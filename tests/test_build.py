"""End-to-end builds with the real MkDocs: the tiny fixture, the real briefing, and failures that keep the last good site."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from generator.build import build
from generator.errors import ContentError, OutputError
from generator.project import Project


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_tiny_build_writes_every_page(tiny_site: Path) -> None:
    expected = [
        "index.html",
        "matrix/index.html",
        "questions/index.html",
        "questions/quota-deal/index.html",
        "actors/index.html",
        "actors/alpha/index.html",
        "actors/beta/index.html",
        "actors/country-x/index.html",
        "timeline/index.html",
        "sources/index.html",
        "method/index.html",
        "briefing.css",
    ]
    for name in expected:
        assert (tiny_site / name).is_file(), name


def test_real_build_has_a_page_per_actor_and_question(real_site: Path) -> None:
    from generator.build import check_content

    content = check_content(Project.at(Path(__file__).parent.parent))
    for actor in content.actors:
        assert (real_site / "actors" / actor.id / "index.html").is_file()
    for topic in content.topics:
        assert (real_site / "questions" / topic.id / "index.html").is_file()
    sources_page = (real_site / "sources" / "index.html").read_text(encoding="utf-8")
    cited = {c.paragraph for s in content.stances for c in s.evidence} | {c.paragraph for e in content.events for c in e.citations}
    for number in cited:
        assert f'id="afp-2025-08-20-nato-ukraine-p{number}"' in sources_page


def test_only_cited_paragraphs_are_published_by_default(tiny_site: Path) -> None:
    page = (tiny_site / "sources" / "index.html").read_text(encoding="utf-8")
    assert 'id="wire-2024-03-05-p2"' in page and 'id="wire-2024-03-05-p4"' in page
    assert 'id="wire-2024-03-05-p3"' not in page  # the uncited sub-heading stays unpublished


def test_content_strings_are_shown_literally(tiny: Project) -> None:
    path = tiny.content_dir / "actors.yaml"
    hostile = "Beta <script>alert(1)</script> {{ config.site_name }} {% raw %} *stars* [x](javascript:alert(1))"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Minister Beta", f"name: '{hostile}'"), encoding="utf-8")
    build(tiny)
    page = (tiny.site_dir / "actors" / "beta" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{ config.site_name }}" in page and "{% raw %}" in page
    assert "*stars*" in page and "<em>stars</em>" not in page
    assert 'href="javascript:' not in page


def test_failed_build_keeps_previous_site(tiny: Project) -> None:
    build(tiny)
    before = _digest(tiny.site_dir)
    stances = tiny.content_dir / "stances.yaml"
    stances.write_text(stances.read_text(encoding="utf-8").replace("soutient l'accord", "soutient un accord"), encoding="utf-8")
    with pytest.raises(ContentError):
        build(tiny)
    assert _digest(tiny.site_dir) == before
    assert not list(tiny.root.glob(".site.new-*"))


def test_two_builds_are_byte_identical(tiny: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1755648000")  # fixes the sitemap's dates, the only clock in a build
    build(tiny)
    first = _digest(tiny.site_dir)
    build(tiny)
    assert _digest(tiny.site_dir) == first


@pytest.mark.parametrize("target", [".", "content", "templates"])
def test_refuses_to_build_over_the_project(tiny: Project, target: str) -> None:
    unsafe = Project(root=tiny.root, content_dir=tiny.content_dir, site_dir=(tiny.root / target).resolve())
    with pytest.raises(OutputError, match="refusing to build into"):
        build(unsafe)
    assert (tiny.content_dir / "actors.yaml").is_file()


def test_no_page_loads_anything_from_another_host(real_site: Path) -> None:
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', html), page
        assert "fonts.googleapis" not in html


def test_compiled_templates_are_keyed_by_the_code_that_compiled_them() -> None:
    """Compiled code depends on the filters it was compiled for: a cache entry from other code is never reused."""
    from generator.site.template_cache import _fingerprint, compiled_templates

    assert f"__briefing_{_fingerprint()}_" in compiled_templates().pattern  # type: ignore[attr-defined]
