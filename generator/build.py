"""The orchestrator: load → validate → model → pages → site. Reads like the recipe it is.

Everything is gathered and validated before anything is written; the site is swapped
in only when the whole build and its checks succeed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .checks import check_site
from .load import load_content
from .model import BriefingModel, build_model
from .output import build_site, check_output_dir
from .pages import SitePlan, make_environment, plan_site
from .project import Project
from .validate import Content, validate


@dataclass
class BuildReport:
    """What a build did and how long each stage took, in seconds."""

    pages: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def check_content(project: Project) -> Content:
    """Load and validate the content; raise ContentError with every problem found."""
    return validate(load_content(project.content_dir, cwd=Path.cwd()))


def plan(project: Project, report: BuildReport | None = None) -> tuple[BriefingModel, SitePlan]:
    """Validate the content and render every page, without writing anything."""
    report = report or BuildReport()
    with _timed(report, "load+validate"):
        content = check_content(project)
    with _timed(report, "model"):
        model = build_model(content)
    with _timed(report, "pages"):
        env = make_environment(jinja2.FileSystemLoader(project.templates_dir))
        site_plan = plan_site(model, env)
    return model, site_plan


def build(project: Project, strict: bool = True) -> BuildReport:
    """Build the site: first gather and validate everything, then write, then swap in."""
    report = BuildReport()
    check_output_dir(project.site_dir, project.protected)
    _, site_plan = plan(project, report)
    with _timed(report, "mkdocs+checks"):
        build_site(site_plan, project.config_file, project.site_dir, check=check_site, strict=strict)
    report.pages = len(site_plan.pages)
    return report


class _timed:
    """Add the wall time of a `with` block to a report under a stage name."""

    def __init__(self, report: BuildReport, stage: str) -> None:
        self.report, self.stage = report, stage

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.report.timings[self.stage] = time.perf_counter() - self.start
