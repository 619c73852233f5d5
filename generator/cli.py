"""The command line: `python -m generator build|check|serve`. Errors become messages and exit codes."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import BriefingError
from .project import Project


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
    serve = commands.add_parser("serve", help="live preview that rebuilds when content/ or templates/ change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    serve.set_defaults(run=_run_serve)
    return parser


def _run_check(project: Project, args: argparse.Namespace) -> None:
    """Validate the content and say what it holds."""
    from .build import check_content

    content = check_content(project)
    print(
        f"content OK: {len(content.actors)} actors, {len(content.topics)} questions, {len(content.stances)} stances, "
        f"{len(content.events)} events, {len(content.figures)} figures, {len(content.sources)} sources"
    )


def _run_build(project: Project, args: argparse.Namespace) -> None:
    """Build the site and report pages and timings."""
    from .build import build

    report = build(project, strict=not args.no_strict)
    stages = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in report.timings.items())
    print(f"built {report.pages} pages into {project.site_dir} ({stages})")


def _run_serve(project: Project, args: argparse.Namespace) -> None:
    """Check the content, then run MkDocs's live-reloading server with the preview hook."""
    from mkdocs.commands.serve import serve

    from .build import check_content

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
