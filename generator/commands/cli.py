"""The command line: `python -m generator build|check|serve`. Errors become messages and exit codes."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DISK_ERRNOS, BriefingError, DiskError
from ..project import Project

if TYPE_CHECKING:
    from ..build import BuildReport
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
    except OSError as exc:
        if exc.errno not in DISK_ERRNOS:
            raise
        error = DiskError.from_os_error(exc)
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    return 0


def _parser() -> argparse.ArgumentParser:
    """Describe the commands and their options."""
    from ..i18n import site_languages  # here, as the commands import what they need only when they run

    parser = argparse.ArgumentParser(
        prog="briefing" if Path(sys.argv[0]).name == "briefing" else "python -m generator",
        description="Turn curated YAML facts into a briefing site (MkDocs Material) with verified quotes.",
    )
    parser.add_argument(
        "--root", default=".", help="project folder: its content, and mkdocs.yml and templates/ if it has its own (default: .)"
    )
    parser.add_argument("--content", default="content", help="content folder, relative to the root (default: content)")
    parser.add_argument("--site", default="site", help="output folder, relative to the root (default: site)")
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate the content only; print every problem as file:line:column")
    check.set_defaults(run=_run_check)
    build = commands.add_parser("build", help="validate, then build the site; the last good site is kept on failure")
    build.add_argument("--no-strict", action="store_true", help="do not fail on MkDocs warnings")
    build.add_argument("--full", action="store_true", help="render every page, not only those changed since the last build")
    build.set_defaults(run=_run_build)
    pdf = commands.add_parser("pdf", help="build the site and print the PDF briefing into it (site/briefing.pdf)")
    pdf.add_argument("--paper", default="a4", choices=["a4", "letter"], help="paper size (default: a4)")
    pdf.add_argument("--full", action="store_true", help="render every page, not only those changed since the last build")
    pdf.set_defaults(run=_run_pdf)
    new = commands.add_parser("new", help="start a content folder for a new article (numbered source text and skeleton files)")
    _article_arguments(new, "the new content folder to create, e.g. briefings/my-topic")
    new.add_argument(
        "--site-lang", default="en", choices=site_languages(), help="language of the site's own text and skeleton comments (default: en)"
    )
    new.set_defaults(run=_run_new)
    edition = commands.add_parser("edition", help="record the current, valid briefing as an edition (content/editions/<as_of>.json)")
    edition.add_argument("--force", action="store_true", help="replace the edition already recorded for the same as-of date")
    edition.add_argument("--again", action="store_true", help="record a further edition for the same as-of date (<as_of>-2.json)")
    edition.set_defaults(run=_run_edition)
    migrate = commands.add_parser("migrate-editions", help="rewrite recorded editions of an older snapshot format into the current one")
    migrate.set_defaults(run=_run_migrate)
    add = commands.add_parser("add-source", help="add another article to an existing content folder (text and source record)")
    _article_arguments(add, "the existing content folder, e.g. briefings/my-topic")
    add.set_defaults(run=_run_add_source)
    drafting = commands.add_parser("draft", help="propose actors, quotes, dates and figures from a folder's sources into <dir>/drafts.yaml")
    drafting.add_argument("--dir", type=Path, required=True, help="the content folder whose sources are read, e.g. briefings/my-topic")
    drafting.set_defaults(run=_run_draft)
    schemas = commands.add_parser("schemas", help="write the JSON Schemas of the content files into schemas/")
    schemas.set_defaults(run=_run_schemas)
    serve = commands.add_parser("serve", help="live preview that rebuilds when content/ or templates/ change")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="address to serve on (default: 127.0.0.1:8000)")
    serve.set_defaults(run=_run_serve)
    return parser


def _article_arguments(command: argparse.ArgumentParser, folder_help: str) -> None:
    """The arguments `new` and `add-source` share: the article and what is known about it."""
    command.add_argument(
        "article",
        type=Path,
        help="the article: a web page as a browser saved it (.html, .htm), or a UTF-8 text file, paragraphs separated by blank lines",
    )
    command.add_argument("--dir", type=Path, required=True, help=folder_help)
    command.add_argument(
        "--title", help="the article's headline (else the page's, or a text's first line when that is a headline, else the file name)"
    )
    command.add_argument(
        "--lang", help="language code of the article (else the one its page declares, else identified from the text; never guessed)"
    )
    command.add_argument("--outlet", help="who published the article (else the page's site name)")
    command.add_argument("--author", help="who wrote the article (else the page's author)")
    command.add_argument("--url", help="where the article is online (else the page's own address)")
    command.add_argument(
        "--published", help="publication date YYYY-MM-DD, or YYYY-MM / YYYY when the day is unknown (else the page's; required for a text)"
    )


def _article_request(args: argparse.Namespace) -> NewBriefing:
    """The scaffold request the command line describes."""
    from .scaffold import NewBriefing

    return NewBriefing(
        args.article,
        args.dir,
        args.title or None,
        args.lang or None,
        args.outlet or None,
        args.published or None,
        getattr(args, "site_lang", "en"),
        author=args.author or None,
        url=args.url or None,
    )


def _run_check(project: Project, args: argparse.Namespace) -> None:
    """Validate the content and its recorded editions, and say what they hold."""
    from ..content.validate import check_content, content_summary, require_finished
    from ..model.editions import check_order, load_editions

    content = check_content(project)
    require_finished(content)
    editions = load_editions(project.content_dir)
    check_order(content, project.content_dir, editions)
    for warning in content.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"content OK: {content_summary(content)}, {len(editions)} edition{'s' if len(editions) != 1 else ''}")


def _run_build(project: Project, args: argparse.Namespace) -> None:
    """Build the site and report pages and timings."""
    from ..build import build

    report = build(project, strict=not args.no_strict, full=args.full)
    stages = ", ".join(f"{stage} {seconds:.2f}s" for stage, seconds in report.timings.items())
    print(f"built {report.pages} pages into {project.site_dir} ({_rendered(report)}; {stages})")


def _run_pdf(project: Project, args: argparse.Namespace) -> None:
    """Build the site with the PDF briefing in it."""
    from ..build import PDF_NAME, build

    report = build(project, paper=args.paper, full=args.full)
    print(
        f"printed {report.pdf_pages} pages to {project.site_dir / PDF_NAME} in {report.timings['pdf']:.1f}s; "
        f"site: {report.pages} pages ({_rendered(report)})"
    )


def _rendered(report: BuildReport) -> str:
    """Whether a build rendered every page or only the changed ones."""
    return "full build" if report.full else f"incremental: {report.pages_rendered} rendered, the others kept"


def _run_new(project: Project, args: argparse.Namespace) -> None:
    """Scaffold a content folder and check that it validates."""
    from ..content.validate import check_content
    from .scaffold import create

    done = create(_article_request(args))
    _print_notes(args.article, done.notes)
    content = check_content(Project.at(project.root, content=str(args.dir.resolve())))
    todo = f"; make check lists its {len(content.unfinished)} TODO placeholders as [unfinished]" if content.unfinished else ""
    print(f"created {len(done.files)} files in {args.dir}; it validates{todo}. Next: fill in actors, topics, stances, events, figures")
    folder = shlex.quote(str(args.dir))  # a line to paste into a shell: the folder's name must stay one word, never run
    print(f"  check:   CONTENT={folder} make check\n  preview: CONTENT={folder} make serve")


def _run_draft(project: Project, args: argparse.Namespace) -> None:
    """Write the folder's drafts.yaml and say how many proposals it holds."""
    from ..draft.drafts import draft

    if not (args.dir / "sources.yaml").is_file():
        raise BriefingError(f"{args.dir} is not a content folder (no sources.yaml); give DIR= the folder `make new` created")
    path, counts = draft(args.dir)
    summary = ", ".join(f"{count} {name}" for name, count in counts.items())
    print(f"wrote {path}: {summary}. Proposals only: copy what holds into the content files, then `make check`")


def _run_edition(project: Project, args: argparse.Namespace) -> None:
    """Validate the content and record it as an edition."""
    from ..content.validate import check_content, require_finished
    from ..model.changes import compare
    from ..model.editions import RecordRequest, load_editions, record_edition

    content = check_content(project)
    require_finished(content)
    earlier = [e for e in load_editions(project.content_dir) if e.as_of < content.briefing.as_of]
    path = record_edition(content, project.content_dir, RecordRequest(force=args.force, again=args.again))
    base = earlier[-1] if earlier else None
    changes = compare(base, content, base.edition if base else None)
    summary = f"{changes.count} changes since {changes.since}" if base else "the first edition"
    print(f"recorded {path.relative_to(project.root) if path.is_relative_to(project.root) else path}: {summary}")


def _run_migrate(project: Project, args: argparse.Namespace) -> None:
    """Bring every recorded edition up to the current snapshot format."""
    from ..model.editions import EDITION_FORMAT, migrate_editions

    changed = migrate_editions(project.content_dir)
    print(f"migrated {len(changed)} editions to snapshot format {EDITION_FORMAT}; every edition reads. Review with git diff")


def _run_add_source(project: Project, args: argparse.Namespace) -> None:
    """Add an article to an existing content folder and check that the folder still validates."""
    from ..content.validate import check_content
    from .scaffold import add_source

    done = add_source(_article_request(args))
    _print_notes(args.article, done.notes)
    check_content(Project.at(project.root, content=str(args.dir.resolve())))
    print(f"added {done.files[0].name} to {args.dir}; it validates. Its numbered paragraphs are at the end of {done.files[1]}")


def _print_notes(article: Path, notes: list[str]) -> None:
    """Say what was read from the article and where each fact of its source record came from."""
    print(f"read {article}: {notes[0]}")
    for line in notes[1:]:
        print(f"  {line}")


def _run_schemas(project: Project, args: argparse.Namespace) -> None:
    """Write one JSON Schema per content file, for editors."""
    from ..content.editor_schemas import content_schemas
    from ..model.editions import edition_schema

    folder = project.root / "schemas"
    folder.mkdir(exist_ok=True)
    schemas = content_schemas()
    schemas["edition.schema.json"] = edition_schema()
    for name, text in schemas.items():
        (folder / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(schemas)} schemas into {folder}")


def _run_serve(project: Project, args: argparse.Namespace) -> None:
    """Run the live preview; invalid content shows in the browser and never stops it."""
    from .preview import serve

    serve(project, args.dev_addr)
