"""The orchestrator: load → validate → model → charts → pages → site. Reads like the recipe it is.

Everything is gathered and validated before anything is written; the site is swapped
in only when the whole build and its checks succeed.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .content.validate import check_content, require_finished
from .errors import ContentError, Problem
from .i18n import Catalogue
from .model.briefing import BriefingModel, build_model
from .model.changes import history
from .model.editions import check_order, load_editions
from .model.publishing import excerpt_notes
from .print.pdf import PdfMetadata, Printer, find_browser
from .project import Project
from .site.charts import build_charts
from .site.exports import edition_downloads
from .site.incremental import layout_key
from .site.output import build_site, check_output_dir
from .site.pages import SitePlan, make_environment, plan_site
from .site.pages.memo import RenderMemo
from .site.template_cache import compiled_templates

PDF_NAME = "briefing.pdf"
"""The PDF's file name in the site."""

PRINT_PAGE = "print/index.html"
"""The built page that is printed to the PDF."""


@dataclass
class BuildReport:
    """What a build did and how long each stage took, in seconds."""

    pages: int = 0
    pages_rendered: int = 0
    """How many pages MkDocs rendered: all of them in a full build, the changed ones in an incremental build."""
    full: bool = True
    pdf_pages: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def plan(
    project: Project,
    report: BuildReport | None = None,
    pdf_name: str | None = None,
    env: jinja2.Environment | None = None,
    strict: bool = False,
    todo: list[Problem] | None = None,
    memo: RenderMemo | None = None,
) -> tuple[BriefingModel, SitePlan]:
    """Validate the content and render every page, without writing anything; link the PDF if one is printed.

    A running preview passes its own `env`, so templates are compiled once, not at every rebuild, and a
    `todo` list: the `make new` placeholders left in the content go there instead of failing the build.
    Content warnings are printed; a strict build refuses those in STRICT_WARNINGS as errors.
    A running preview also passes its `memo`: pages whose reads have not changed come from it, byte
    for byte what rendering them would give (a one-off build renders every page: see BENCHMARKS.md).
    """
    report = report or BuildReport()
    with _timed(report, "load+validate"):
        content = check_content(project)
        if todo is None:
            require_finished(content)
        else:
            todo.extend(content.unfinished)
        report_warnings(content.warnings, strict)
        editions = load_editions(project.content_dir)
        check_order(content, project.content_dir, editions)
    with _timed(report, "model"):
        model = build_model(content, history(editions, content))
        for note in excerpt_notes(model):
            print(f"note: {note}", file=sys.stderr)
    with _timed(report, "charts"):
        charts = build_charts(model)
    with _timed(report, "pages"):
        env = env or make_environment(jinja2.FileSystemLoader(project.templates_dir), compiled_templates())
        site_plan = plan_site(model, env, charts, pdf_name=pdf_name, memo=memo)
        site_plan.downloads.update(edition_downloads(model, os.environ.get("SITE_URL", "")))
    return model, site_plan


def build(project: Project, strict: bool = True, paper: str | None = None, full: bool = False) -> BuildReport:
    """Build the site (and the PDF when a paper size is given): gather and validate, write, check, swap in.

    Only the pages whose Markdown changed since the last build are rendered, unless `full` or
    something every page shows changed (see site/incremental.py).
    """
    report = BuildReport()
    check_output_dir(project.site_dir, project.protected)
    model, site_plan = plan(project, report, pdf_name=PDF_NAME if paper else None, strict=strict)
    finish, printer, printed = None, None, ""
    if paper:
        find_browser()  # fail before building when no browser can print
        printer = Printer(paper)  # Chromium starts on the other core while MkDocs builds
        metadata = _pdf_metadata(model)
        finish = _pdf_printer(metadata, report, printer)
        printed = repr((paper, metadata))
    key = layout_key(site_plan, project.config_file, (project.templates_dir / "overrides", project.static_dir), printed)
    try:
        with _timed(report, "mkdocs+pdf+checks" if paper else "mkdocs+checks"):
            outcome = build_site(site_plan, project.config_file, project.site_dir, key, strict=strict, finish=finish, full=full)
    finally:
        if printer is not None:
            printer.close()
    report.pages = len(site_plan.pages)
    report.pages_rendered, report.full = outcome.pages_rendered, outcome.full
    return report


STRICT_WARNINGS = frozenset({"hedge-dropped", "outcome-missing"})
"""The warnings a strict build refuses as errors: words that overstate the source, and expected events left unresolved."""


def report_warnings(warnings: list[Problem], strict: bool) -> None:
    """Print the content's warnings to stderr; a strict build refuses those in STRICT_WARNINGS as errors."""
    refused = [w for w in warnings if w.rule in STRICT_WARNINGS] if strict else []
    if refused:
        raise ContentError(refused)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)


def _pdf_metadata(model: BriefingModel) -> PdfMetadata:
    """What the PDF says about itself: title, author, subject, date line, handling, page numbers, language."""
    briefing = model.content.briefing
    words = Catalogue(briefing.language)
    return PdfMetadata(
        title=briefing.title,
        author=", ".join(briefing.authors),
        subject=briefing.subtitle or briefing.bluf[0].text,
        as_of=words.text("print.header_as_of", date=words.date(briefing.as_of)),
        handling=briefing.handling,
        page_of=words.text("print.footer_page", page="{page}", pages="{pages}"),
        language=briefing.language,
    )


def _pdf_printer(metadata: PdfMetadata, report: BuildReport, printer: Printer) -> Callable[[Path], None]:
    """Return the step that prints the new site's print page to its PDF."""

    def finish(new_site: Path) -> None:
        start = time.perf_counter()
        printer.start(new_site, PRINT_PAGE, new_site / PDF_NAME, metadata)
        report.pdf_pages = printer.result()
        report.timings["pdf"] = time.perf_counter() - start

    return finish


class _timed:
    """Add the wall time of a `with` block to a report under a stage name."""

    def __init__(self, report: BuildReport, stage: str) -> None:
        self.report, self.stage = report, stage

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.report.timings[self.stage] = time.perf_counter() - self.start
