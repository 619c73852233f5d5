"""The command line: `python -m generator build|check|serve`. Errors become messages and exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BriefingError
from .project import Project

if TYPE_CHECKING:
    from .scaffold import NewBriefing


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    project = Project.at(Path(args.root), content=args.content, site=args.site)
    command: Callable[[Project, argparse.Namespace], None] = args.run
    try:
        command(project, args)
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


def _parser() -> argparse.ArgumentParser:
    """Describe the commands and their options."""
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Turn curated YAML facts into a briefing site (MkDocs Material) with verified quotes.",
    )
    parser.add_argument("--root", default=".", help="project folder holding mkdocs.yml and templates/ (default: .)")
    parser.add_argument("--content", default="content", help="content folder, relative to the root (default: content)")
    parser.add_argument("--site", default="site", help="output folder, relative to the root (default: site)")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate the content only; print every problem as file:line:column")
    check.set_defaults(run=_run_check)
    build = commands.add_parser("build", help="validate, then build the site; the last good site is kept on failure")
    build.add_argument("--no-strict", action="store_true", help="do not fail on MkDocs warnings")
    build.set_defaults(run=_run_build)
    pdf = commands.add_parser("pdf", help="build the site and print the PDF briefing into it (site/briefing.pdf)")
    pdf.add_argument("--paper", default="a4", choices=["a4", "letter"], help="paper size (default: a4)")
    pdf.set_defaults(run=_run_pdf)
    new = commands.add_parser("new", help="start a content folder for a new article (numbered source text and skeleton files)")
    _article_arguments(new, "the new content folder to create, e.g. briefings/my-topic")
    new.add_argument(
        "--site-lang", default="en", choices=["en", "fr"], help="language of the site's own text and skeleton comments (default: en)"
    )
    new.set_defaults(run=_run_new)
    add = commands.add_parser("add-source", help="add another article to an existing content folder (text and source record)")
    _article_arguments(add, "the existing content folder, e.g. briefings/my-topic")
    add.set_defaults(run=_run_add_source)
    schemas = commands.add_parser("schemas", help="write the JSON Schemas of the content files into schemas/")
    schemas.set_defaults(run=_run_schemas)
    serve = commands.add_parser("serve", help="live preview that rebuilds when content/ or templates/ change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    serve.set_defaults(run=_run_serve)
    return parser


def _article_arguments(command: argparse.ArgumentParser, folder_help: str) -> None:
    """The arguments `new` and `add-source` share: the article and what is known about it."""
    command.add_argument("article", type=Path, help="the article as a UTF-8 text file, paragraphs separated by blank lines")
    command.add_argument("--dir", type=Path, required=True, help=folder_help)
    command.add_argument(
        "--title", help="the article's headline (else its first line when that is a headline, else assigned from the file name)"
    )
    command.add_argument("--lang", default="fr", help="language code of the article (default: fr)")
    command.add_argument("--outlet", default="TODO outlet", help="who published the article")
    command.add_argument(
        "--published", help="publication date YYYY-MM-DD, or YYYY-MM / YYYY when the day is unknown (else today, marked inferred)"
    )


def _article_request(args: argparse.Namespace) -> NewBriefing:
    """The scaffold request the command line describes."""
    from .scaffold import NewBriefing

    return NewBriefing(
        args.article, args.dir, args.title or None, args.lang, args.outlet, args.published or None, getattr(args, "site_lang", "en")
    )


def _run_check(project: Project, args: argparse.Namespace) -> None:
    """Validate the content and say what it holds."""
    from .validate import check_content, content_summary

    content = check_content(project)
    print(f"content OK: {content_summary(content)}")


def _run_build(project: Project, args: argparse.Namespace) -> None:
    """Build the site and report pages and timings."""
    from .build import build

    report = build(project, strict=not args.no_strict)
    stages = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in report.timings.items())
    print(f"built {report.pages} pages into {project.site_dir} ({stages})")


def _run_pdf(project: Project, args: argparse.Namespace) -> None:
    """Build the site with the PDF briefing in it."""
    from .build import PDF_NAME, build

    report = build(project, paper=args.paper)
    print(f"printed {report.pdf_pages} pages to {project.site_dir / PDF_NAME} in {report.timings['pdf']:.1f}s; site: {report.pages} pages")


def _run_new(project: Project, args: argparse.Namespace) -> None:
    """Scaffold a content folder and check that it validates."""
    from .scaffold import create
    from .validate import check_content

    written = create(_article_request(args))
    check_content(Project.at(project.root, content=str(args.dir.resolve())))
    print(f"created {len(written)} files in {args.dir}; it validates. Next: fill in actors, topics, stances, events, figures")
    print(f"  check:   CONTENT={args.dir} make check\n  preview: CONTENT={args.dir} make serve")


def _run_add_source(project: Project, args: argparse.Namespace) -> None:
    """Add an article to an existing content folder and check that the folder still validates."""
    from .scaffold import add_source
    from .validate import check_content

    written = add_source(_article_request(args))
    check_content(Project.at(project.root, content=str(args.dir.resolve())))
    print(f"added {written[0].name} to {args.dir}; it validates. Its numbered paragraphs are at the end of {written[1]}")


def _run_schemas(project: Project, args: argparse.Namespace) -> None:
    """Write one JSON Schema per content file, for editors."""
    from .editor_schemas import content_schemas

    folder = project.root / "schemas"
    folder.mkdir(exist_ok=True)
    schemas = content_schemas()
    for name, text in schemas.items():
        (folder / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(schemas)} schemas into {folder}")


def _run_serve(project: Project, args: argparse.Namespace) -> None:
    """Check the content, then run MkDocs's live-reloading server with the preview hook."""
    from mkdocs.commands.serve import serve

    from .validate import check_content

    check_content(project)
    os.environ["BRIEFING_ROOT"] = str(project.root)
    os.environ["BRIEFING_CONTENT"] = str(project.content_dir)
    serve(
        config_file=str(project.config_file),
        livereload=True,
        watch=[str(project.content_dir), str(project.templates_dir)],
        hooks=[str(Path(__file__).with_name("preview_hook.py"))],
        dev_addr=args.dev_addr,
    )
