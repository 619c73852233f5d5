"""`make serve`: a live preview that never dies on bad content and rebuilds only what changed.

Every rebuild "succeeds" as far as MkDocs's live-reload server knows: when the content is
invalid, the preview keeps the last good pages and lays an error overlay over every one of
them, so the browser reloads to the overlay at a bad save and to the real page at the
next good one. A rebuild re-renders only the pages whose Markdown changed (MkDocs's dirty
mode) and falls back to a full build when the navigation, a title or the theme changes.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import signal
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import watchdog.events
import watchdog.observers
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from ..build import plan
from ..compat import request_rebuild, watch_files
from ..errors import ContentError, PreviewError, Problem, relative_name
from ..project import Project
from ..site.incremental import ChangeAwarePages, TitlesChanged, quiet_dirty_warning
from ..site.incremental import layout as layout_of
from ..site.pages import PLOTLY_JS, SitePlan, make_environment
from ..site.pages.memo import RenderMemo
from ..site.search_index import use_briefing_search
from ..site.template_cache import compiled_templates
from .request_guard import Refusal, RequestGuard
from .workbench.guard import is_loopback
from .workbench.handlers import PREFIX as WORKBENCH_PREFIX
from .workbench.handlers import Workbench
from .workbench.writer import SCRATCH_SUFFIX

_IMMUTABLE = re.compile(r"/assets/.+\.[0-9a-f]{8}\.min\.(?:js|css)$")
"""Material's files named by their content's hash (bundle.a5f9d56c.min.js): the same name is always the same bytes."""

_SAVE_EVENTS = frozenset({"created", "modified", "deleted", "moved", "closed"})
"""Watchdog events that can change a file; inotify also reports opens, which every rebuild causes."""


@dataclass
class Outcome:
    """What one rebuild did: the problems it found (none when it built) and what it wrote."""

    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    pages_built: int = 0
    pages_total: int = 0
    full: bool = False

    def line(self) -> str:
        """The rebuild's outcome and time, on one line."""
        stamp = time.strftime("%H:%M:%S")
        if self.problems:
            count = len(self.problems)
            return f"{stamp} {count} problem{'s' if count != 1 else ''} in the content, shown in the browser ({self.seconds:.2f} s)"
        kind = "full build" if self.full else "rebuilt"
        return f"{stamp} {kind}: {self.pages_built} of {self.pages_total} pages in {self.seconds:.2f} s"


class Previewer:
    """Rebuild the preview site from the content; remember what was built so the next rebuild can skip it."""

    def __init__(self, project: Project, site_dir: Path, url: str) -> None:
        self.project, self.site_dir, self.url = project, site_dir, url
        # One environment for the whole session: Jinja recompiles only a template whose file changed.
        self.env = make_environment(jinja2.FileSystemLoader(project.templates_dir), compiled_templates())
        # One memo too: a save renders again only the pages that read what it changed.
        self.memo = RenderMemo(disk=False)
        self.problems: list[Problem] = []
        self.todo: list[Problem] = []
        """The `make new` placeholders left in the content, listed over every page as a to-do."""
        self._built: dict[str, str] = {}
        self._titles: dict[str, str | None] = {}
        self._layout: Any = None
        self._started = False
        self.has_built = False
        """Whether any rebuild of this run succeeded: until one does, there is no page under the overlay."""

    def rebuild(self, changed: set[Path]) -> Outcome:
        """Plan and build the preview; on any failure keep the last good site and remember the problems."""
        start = time.perf_counter()
        outcome = Outcome()
        todo: list[Problem] = []
        try:
            site_plan = plan(self.project, env=self.env, todo=todo, memo=self.memo)[1]
            outcome = self._write(site_plan, full=self._needs_full_build(site_plan, changed))
        except ContentError as exc:
            outcome.problems = exc.problems
        except jinja2.TemplateError as exc:
            outcome.problems = [_template_problem(exc, self.project)]
        except Exception as exc:  # a preview must outlive any failure; the overlay says what it was
            outcome.problems = [Problem("(build)", 1, 1, "", type(exc).__name__, str(exc) or repr(exc), "fix it and save again")]
        self.problems, self.todo = outcome.problems, todo
        outcome.seconds = time.perf_counter() - start
        return outcome

    def _needs_full_build(self, site_plan: SitePlan, changed: set[Path]) -> bool:
        """Whether pages that did not change must be rebuilt too: new navigation, titles, theme or settings."""
        layout = layout_of(site_plan)
        theme_dirs = (self.project.templates_dir / "overrides", self.project.static_dir)
        theme_changed = any(path == self.project.config_file or any(path.is_relative_to(d) for d in theme_dirs) for path in changed)
        return not self._built or layout != self._layout or theme_changed

    def _write(self, site_plan: SitePlan, full: bool) -> Outcome:
        """Run MkDocs on the plan: everything when `full`, else only the files whose text changed (or all, when a title changed)."""
        try:
            return self._write_once(site_plan, full)
        except TitlesChanged:
            return self._write_once(site_plan, full=True)

    def _write_once(self, site_plan: SitePlan, full: bool) -> Outcome:
        """Run MkDocs on the plan once: everything when `full`, else only the files whose text changed."""
        built = {} if full else self._built
        plugin = ChangeAwarePages(site_plan, built, titles={} if full else self._titles)
        config = load_config(config_file=str(self.project.config_file), site_dir=str(self.site_dir), strict=False)
        config.site_url = self.url
        config.plugins["briefing"] = plugin
        use_briefing_search(config)
        if not self._started:
            config.plugins.on_startup(command="serve", dirty=True)
            self._started = True
        self._built, self._layout = {}, None  # a build that fails half-way leaves pages nobody knows
        _build_quietly(config, self.url, dirty=not full)
        self._built = {page.path: page.markdown for page in site_plan.pages} | site_plan.downloads
        self._layout, self._titles = layout_of(site_plan), plugin.titles
        self.has_built = True
        return Outcome(pages_built=plugin.changed_pages, pages_total=len(site_plan.pages), full=full)


def _build_quietly(config: MkDocsConfig, url: str, dirty: bool) -> None:
    """Run MkDocs's build for the preview, without its dirty-build warning."""
    with quiet_dirty_warning():
        mkdocs_build(config, serve_url=url, dirty=dirty)


def _template_problem(exc: jinja2.TemplateError, project: Project) -> Problem:
    """Describe a template error at its file and line, as content problems are."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None) or "templates"
    if not os.path.isabs(name):
        name = str(project.templates_dir / "pages" / name) if (project.templates_dir / "pages" / name).exists() else name
    line = getattr(exc, "lineno", None) or 1
    return Problem(relative_name(Path(name), Path.cwd()), line, 1, "", "template", exc.message or str(exc), "fix the template and save")


def overlay_html(problems: list[Problem], built: bool = True) -> str:
    """The error overlay: every problem with its file:line:column, rule, message and fix, all as text."""
    underneath = (
        "The preview shows the last good build underneath."
        if built
        else "There is no good build yet: the pages appear once the content is valid."
    )
    count = len(problems)
    items = "".join(_overlay_item(problem) for problem in problems)
    return (
        '<div id="preview-problems" role="alertdialog" aria-modal="true" aria-labelledby="preview-problems-title" '
        'style="position:fixed;inset:0;z-index:100000;overflow:auto;background:rgba(0,0,0,.7);'
        'font:16px/1.5 system-ui,sans-serif;text-align:left">'
        '<div style="max-width:60rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;color:#1b1b1b;'
        "box-shadow:0 0 0 100vmax rgba(0,0,0,.6);"
        'border-top:.5rem solid #b71c1c;border-radius:4px">'
        f'<h1 id="preview-problems-title" style="margin:0 0 .5rem;font-size:1.5rem;color:#b71c1c">'
        f"{count} problem{'s' if count != 1 else ''} in the content</h1>"
        f'<p style="margin:0 0 1rem">{underneath} Fix the content and save: '
        "this page reloads by itself as soon as the content is valid.</p>"
        f'<ol style="margin:0;padding-left:1.5rem">{items}</ol></div></div>'
    )


def _overlay_item(problem: Problem) -> str:
    """One problem of the overlay; every part is escaped, since content is shown as text, never run."""
    where = html.escape(f"{problem.file}:{problem.line}:{problem.column}")
    key = f" <code>{html.escape(problem.key_path)}</code>" if problem.key_path else ""
    fix = f'<br><span style="color:#1b5e20">fix: {html.escape(problem.hint)}</span>' if problem.hint else ""
    return (
        f'<li class="preview-problem" style="margin:0 0 .75rem"><code style="font-weight:bold">{where}</code>{key} '
        f'<span class="preview-rule">[{html.escape(problem.rule)}]</span> {html.escape(problem.message)}{fix}</li>'
    )


def todo_html(todo: list[Problem]) -> str:
    """The to-do list of `make new` placeholders, in a corner of every page: the briefing builds meanwhile, `make check` does not pass."""
    items = "".join(
        f'<li class="preview-todo-item"><code>{html.escape(f"{item.file}:{item.line}")}</code> {html.escape(item.key_path)}</li>'
        for item in todo
    )
    return (
        '<aside id="preview-todo" role="note" aria-labelledby="preview-todo-title" style="position:fixed;right:1rem;bottom:1rem;'
        "z-index:100000;max-width:28rem;max-height:40vh;overflow:auto;padding:.75rem 1rem;background:#fffbe6;color:#1b1b1b;"
        'border:1px solid #c9a400;border-radius:4px;font:14px/1.4 system-ui,sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.2)">'
        f'<strong id="preview-todo-title">To do: {len(todo)} placeholder{"s" if len(todo) != 1 else ""} left by make new</strong>'
        '<p style="margin:.25rem 0">Write the real text in place of each TODO; <code>make check</code> fails until then.</p>'
        f'<ol style="margin:0;padding-left:1.25rem">{items}</ol></aside>'
    )


def _overlay_page(problems: list[Problem], built: bool) -> bytes:
    """A page holding only the overlay, for addresses with no good build behind them."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>Preview: problems in the content</title></head><body>{overlay_html(problems, built)}</body></html>"
    ).encode()


class PreviewServer(LiveReloadServer):
    """MkDocs's live-reload server, told of saves by inotify at once, showing the overlay while the content is invalid."""

    def __init__(self, previewer: Previewer, host: str, port: int) -> None:
        super().__init__(builder=self._rebuild, host=host, port=port, root=str(previewer.site_dir))
        self.previewer = previewer
        self.guard = RequestGuard(host, port)
        project = previewer.project
        self.sources = (project.content_dir, project.templates_dir, project.config_file)
        # MkDocs polls every 0.5 s; the native observer (inotify on Linux) reports a save as it happens.
        self.observer = watchdog.observers.Observer()  # type: ignore[assignment]
        self.build_delay = 0.05  # editors write a file in several events within a few milliseconds
        self._changed: set[Path] = set()
        self._changed_lock = threading.Lock()
        self.error_handler = self._error_page
        # The workbench writes content files, so only a preview nobody else can reach offers it.
        self.workbench = Workbench(project, self.guard) if is_loopback(host) else None

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Rebuild when a file under `path` is saved, remembering which file it was."""
        path = os.path.abspath(path)
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._on_event  # type: ignore[method-assign]
        watch_files(self, path, handler, recursive)

    def _on_event(self, event: watchdog.events.FileSystemEvent) -> None:
        """Note a saved file and wake the rebuild loop."""
        if event.is_directory or event.event_type not in _SAVE_EVENTS:
            return
        paths = {Path(os.fsdecode(path)) for path in (event.src_path, getattr(event, "dest_path", "")) if path}
        paths = {path for path in paths if any(path == source or path.is_relative_to(source) for source in self.sources)}
        paths = {path for path in paths if not path.name.endswith(SCRATCH_SUFFIX)}  # the workbench's rename is the save
        if not paths:
            return
        with self._changed_lock:
            self._changed |= paths
        request_rebuild(self)

    def _rebuild(self) -> None:
        """Rebuild for the files saved since the last rebuild, and print the outcome."""
        with self._changed_lock:
            changed, self._changed = self._changed, set()
        report(self.previewer.rebuild(changed))

    def serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """Answer only this person's browser: a foreign Host (DNS rebinding) or an unchecked write is refused."""
        if self.workbench is not None and self.workbench.handles(str(environ.get("PATH_INFO", ""))):
            return self.workbench(environ, start_response)  # checked by the same guard, plus the workbench's own rules
        refusal = self.guard.check(environ)
        if refusal is None and str(environ.get("REQUEST_METHOD", "GET")).upper() not in {"GET", "HEAD"}:
            refusal = Refusal("405 Method Not Allowed", "refused: the preview only shows pages; nothing here accepts a change")
        if refusal is not None:
            body = (refusal.reason + "\n").encode()
            start_response(refusal.status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
            return [body]
        return super().serve_request(environ, start_response)

    def _serve_request(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        """Serve a file; let the browser keep the theme's fingerprinted files and plotly.js, so a reload fetches only the page."""
        path = str(environ.get("PATH_INFO", ""))
        if _IMMUTABLE.search(path) or path.endswith(f"/{PLOTLY_JS}"):

            def start(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
                return start_response(status, [*headers, ("Cache-Control", "max-age=86400, immutable")], *rest)

            return super()._serve_request(environ, start)
        return super()._serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        """Add the live-reload script, and the overlay over the page while the content is invalid."""
        problems = self.previewer.problems
        if problems:
            try:
                end = content.rindex(b"</body>")
            except ValueError:
                end = len(content)
            content = content[:end] + overlay_html(problems).encode() + content[end:]
        elif self.previewer.todo:
            end = content.rfind(b"</body>")
            end = len(content) if end < 0 else end
            content = content[:end] + todo_html(self.previewer.todo).encode() + content[end:]
        content = _with_meta(content, self.guard.meta_tag())
        return bytes(super()._inject_js_into_html(content, epoch))  # type: ignore[no-untyped-call]

    def _error_page(self, code: int) -> bytes | None:
        """The overlay on any address while the content is invalid; else the site's own 404 page."""
        if self.previewer.problems:
            overlay = _overlay_page(self.previewer.problems, self.previewer.has_built)
            return bytes(LiveReloadServer._inject_js_into_html(self, overlay, self._visible_epoch))  # type: ignore[no-untyped-call]
        page = self.previewer.site_dir / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None


def _with_meta(content: bytes, meta: bytes) -> bytes:
    """Put a `<meta>` element at the start of the page's head, where the page's own scripts can read it."""
    head = content.find(b"<head>")
    return content if head < 0 else content[: head + 6] + meta + content[head + 6 :]


def report(outcome: Outcome) -> None:
    """Print a rebuild's outcome on one line, then the problems, if any, as `make check` does."""
    lines = [outcome.line(), *(f"  {problem}".replace("\n", "\n  ") for problem in outcome.problems)]
    print("\n".join(lines), flush=True)


def serve(project: Project, dev_addr: str) -> None:
    """Serve a live preview of the project until interrupted; bad content never stops it."""
    host, _, port = dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise PreviewError(f"--dev-addr {dev_addr!r} is not HOST:PORT; use e.g. 127.0.0.1:8000")
    _quiet_mkdocs_logs()
    _stop_on_signals()
    site_dir = Path(tempfile.mkdtemp(prefix="briefing-preview-"))
    try:
        _serve_from(project, site_dir, host, int(port))
    except KeyboardInterrupt:
        pass
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _stop_on_signals() -> None:
    """Stop on SIGTERM and SIGHUP as on Ctrl+C, so the temp site is removed whichever way the preview ends."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):  # Windows has no SIGHUP
            signal.signal(getattr(signal, name), stop)


def _serve_from(project: Project, site_dir: Path, host: str, port: int) -> None:
    """Build the preview into `site_dir` and serve it until interrupted."""
    url = f"http://{host}:{port}/"
    previewer = Previewer(project, site_dir, url)
    server = PreviewServer(previewer, host, port)
    try:
        try:
            server.server_bind()
        except OSError as exc:
            raise PreviewError(f"cannot listen on {host}:{port}: {exc.strerror}; choose another with --dev-addr") from None
        server.server_bind = lambda: None  # type: ignore[method-assign]  # bound above, to fail before building
        curate = f"; curate records at {WORKBENCH_PREFIX}" if server.workbench is not None else ""
        folder = relative_name(project.content_dir, Path.cwd())
        print(f"preview of {folder} at {url} (rebuilds on save{curate}; Ctrl+C stops it)", flush=True)
        server.watch(str(project.content_dir))
        server.watch(str(project.templates_dir))
        # The folder, not the file: an editor that saves by renaming would leave a file watch behind.
        server.watch(str(project.config_file.parent), recursive=False)
        # Watch before the first build, so a save made while it runs (or just after its line) is not lost.
        server.observer.start()
        server.observer.start = lambda: None  # type: ignore[method-assign]  # started above; MkDocs's serve() starts it again
        report(previewer.rebuild(set()))
        server.serve()  # type: ignore[no-untyped-call]
    finally:
        server.shutdown()


def _quiet_mkdocs_logs() -> None:
    """Show MkDocs's warnings only; the preview prints its own one line per rebuild."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    mkdocs = logging.getLogger("mkdocs")
    mkdocs.addHandler(handler)
    mkdocs.setLevel(logging.WARNING)
    mkdocs.propagate = False
    logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)  # a 404 per missing favicon is noise
