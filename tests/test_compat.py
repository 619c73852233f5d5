"""The workarounds where MkDocs, Material and Python-Markdown have no public seam: tested versions, and what each one does."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from mkdocs.config import load_config

from generator import compat
from generator.build import plan
from generator.project import Project
from generator.site.mkdocs_plugin import BriefingPages
from generator.site.template_cache import compiled_templates

ROOT = Path(__file__).parent.parent


def test_the_installed_versions_are_those_the_workarounds_were_checked_against() -> None:
    installed = {name: version(name) for name in compat.TESTED}
    assert installed == compat.TESTED, "re-check each part of generator/compat.py against these versions, then update TESTED"


def test_every_theme_environment_shares_the_compiled_templates(tiny: Project) -> None:
    _, site_plan = plan(tiny)
    config = load_config(config_file=str(tiny.config_file), site_dir=str(tiny.site_dir))
    config.plugins["briefing"] = BriefingPages(lambda: site_plan)
    config = config.plugins.on_config(config)
    # MkDocs's build and Material's search (which translates its words) each ask the theme for an environment.
    first, second = config.theme.get_env(), config.theme.get_env()
    assert first is not second and first.bytecode_cache is second.bytecode_cache is compiled_templates()
    assert "partials/language.html" in first.loader.list_templates()
    assert first.filters["url"] and first.globals.get("_")  # still MkDocs's own environment, filters and translations
