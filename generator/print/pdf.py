"""Stage 6: print the built site's print page to a PDF briefing with headless Chromium.

Chromium loads only the built site's own files: every other URL, network or other
file:// path, is refused. The PDF is printed twice: the first pass finds the page of
every section from the PDF's named destinations, the second prints the contents with those numbers.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from ..errors import BrowserNotFoundError, PrintError

BROWSER_ENV = "BRIEFING_BROWSER"
"""Environment variable naming the browser executable to print with."""

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""Executables looked for on PATH, in order."""

PAPER_SIZES = {"a4": "A4", "letter": "Letter"}
"""Paper sizes `make pdf` accepts."""

PRINTABLE_WIDTH_PX = {"a4": 688, "letter": 710}
"""Width inside the margins, in CSS pixels: the page is laid out at this width, so the charts' drawings scale to fit it."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
"""Flags for a headless Chromium that stays quiet on a machine with no network."""


@dataclass(frozen=True)
class PdfMetadata:
    """What the PDF says about itself."""

    title: str
    author: str
    subject: str
    as_of: str
    """The running header's date line, in the briefing's language: As of 20 August 2025."""
    handling: str
    page_of: str = "Page {page} of {pages}"
    """The running footer's page count, in the briefing's language; {page} and {pages} are filled in by Chromium."""
    language: str = "en"
    """The briefing's language, for the PDF's metadata."""


def find_browser() -> str:
    """Return the browser to print with: $BRIEFING_BROWSER, or the first Chromium-family browser on PATH."""
    named = os.environ.get(BROWSER_ENV)
    if named:
        found = shutil.which(named)
        if not found:
            raise BrowserNotFoundError(f"{BROWSER_ENV}={named} is not an executable on PATH")
        return found
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserNotFoundError(
        "no Chromium-family browser found to print the PDF (looked for "
        + ", ".join(BROWSER_NAMES)
        + ").\n    fix: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium"
        + f"\n    or name a browser: {BROWSER_ENV}=/path/to/chrome make pdf"
    )


@dataclass(frozen=True)
class _Job:
    """What to print, and where to."""

    site_dir: Path
    print_page: str
    output: Path
    metadata: PdfMetadata


class Printer:
    """A headless Chromium started in a worker thread as soon as a PDF is asked for, so it starts while the site builds.

    The browser and its page are ready before the site is; the page count is handed back as soon
    as the PDF is written, and the browser closes while the build checks and swaps in the site.
    Playwright's sync API refuses to run where an event loop is already running (a caller's own
    Playwright session, a notebook); the worker thread has none. `close` stops it, printed or not.
    """

    def __init__(self, paper: str = "a4") -> None:
        self.paper = paper
        self._jobs: queue.Queue[_Job | None] = queue.Queue()
        self._pages: Future[int] = Future()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="briefing-chromium")
        self._worker.submit(self._run)

    def start(self, site_dir: Path, print_page: str, output: Path, metadata: PdfMetadata) -> None:
        """Start printing `print_page` of a built site to `output`; `result` waits for it."""
        self._jobs.put(_Job(site_dir, print_page, output, metadata))

    def result(self) -> int:
        """Wait for the PDF; return its number of pages, or raise what went wrong."""
        return self._pages.result()

    def close(self) -> None:
        """Stop the browser (unused when the build failed before printing) and its thread."""
        self._jobs.put(None)
        self._worker.shutdown(wait=True)

    def _run(self) -> None:
        """Start Chromium and open its page, wait for the job, print it; a start-up failure is told when there is a job."""
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        with tempfile.TemporaryDirectory(prefix="briefing-chromium-") as home, sync_playwright() as playwright:
            browser, page, failure = None, None, None
            try:
                browser = playwright.chromium.launch(executable_path=find_browser(), args=CHROMIUM_ARGS, env=_browser_env(home))
                # The print page has no script to run: its charts are drawn at build time.
                width = PRINTABLE_WIDTH_PX.get(self.paper, 688)
                page = browser.new_page(viewport={"width": width, "height": 1000}, java_script_enabled=False)
                page.emulate_media(media="print")  # lay out as printed
            except PlaywrightError as exc:
                failure = exc
            job = self._jobs.get()
            try:
                if job is None:
                    return
                if failure is not None or page is None:
                    raise failure or PrintError("Chromium did not start")
                self._pages.set_result(_print(page, job, self.paper))
            except PlaywrightError as exc:
                self._pages.set_exception(PrintError(f"Chromium could not print the briefing: {exc.message.splitlines()[0]}"))
            except Exception as exc:  # handed to the thread that waits for the PDF
                self._pages.set_exception(exc)
            finally:
                if browser is not None:
                    browser.close()


def _print(page: Any, job: _Job, paper: str) -> int:
    """Load the print page, print twice (the first pass only finds the page of every section, so it skips the tags and
    the outline), write with metadata."""
    page.route("**/*", lambda route: _allow_only_site(route, job.site_dir.resolve()))
    page.goto((job.site_dir / job.print_page).resolve().as_uri(), wait_until="load")
    options = _pdf_options(job.metadata, paper)
    numbers = _section_pages(page.pdf(**(options | {"tagged": False, "outline": False})))
    page.evaluate(_FILL_CONTENTS_JS, numbers)
    return _write_with_metadata(page.pdf(**options), job.output, job.metadata)


def _browser_env(home: str) -> dict[str, str | float | bool]:
    """Give Chromium a throwaway HOME and XDG folders, since it writes there."""
    env: dict[str, str | float | bool] = dict(os.environ)
    env.update({"HOME": home, "XDG_CONFIG_HOME": home, "XDG_CACHE_HOME": home, "XDG_DATA_HOME": home})
    return env


def _allow_only_site(route: Any, site_dir: Path) -> None:
    """Let through file:// requests inside the built site; abort everything else."""
    url = route.request.url
    if url.startswith("file://"):
        from urllib.parse import unquote, urlsplit

        path = Path(unquote(urlsplit(url).path)).resolve()
        if path.is_relative_to(site_dir):
            route.continue_()
            return
    route.abort()


def _pdf_options(metadata: PdfMetadata, paper: str) -> dict[str, Any]:
    """Paper, margins, running header and footer, outline and tags."""
    if paper not in PAPER_SIZES:
        raise PrintError(f"unknown paper size {paper!r}; use one of {', '.join(PAPER_SIZES)}")
    style = "font-family: 'DejaVu Sans', sans-serif; font-size: 7.5pt; color: #555; width: 100%; margin: 0 14mm;"
    page_number = '<span class="pageNumber"></span>'
    total = '<span class="totalPages"></span>'
    return {
        "format": PAPER_SIZES[paper],
        "print_background": True,
        "display_header_footer": True,
        "header_template": f'<div style="{style} display: flex; justify-content: space-between;">'
        f"<span>{_escape(metadata.title)}</span><span>{_escape(metadata.as_of)}</span></div>",
        "footer_template": f'<div style="{style} display: flex; justify-content: space-between;">'
        f"<span>{_escape(metadata.handling)}</span><span>{_escape(metadata.page_of).format(page=page_number, pages=total)}</span></div>",
        "margin": {"top": "18mm", "bottom": "18mm", "left": "14mm", "right": "14mm"},
        "prefer_css_page_size": True,
        "outline": True,
        "tagged": True,
    }


def _escape(text: str) -> str:
    """Escape text for Chromium's header and footer templates."""
    import html

    return html.escape(text)


def _section_pages(pdf_bytes: bytes) -> dict[str, int]:
    """Map each link target's anchor to the 1-based page it lands on."""
    import io

    from pypdf import PdfReader

    # Keyed by anchor, not by title: a title also heads many subsections ("Donald Trump" under
    # every question he answers), and the first of them is not the section the contents mean.
    reader = PdfReader(io.BytesIO(pdf_bytes))
    numbers: dict[str, int] = {}
    for name, destination in reader.named_destinations.items():
        page = reader.get_destination_page_number(destination)
        if page is not None:
            numbers[name.lstrip("/")] = page + 1
    return numbers


_FILL_CONTENTS_JS = """
numbers => {
  for (const entry of document.querySelectorAll('[data-toc-title]')) {
    const page = numbers[entry.querySelector('a').getAttribute('href').slice(1)];
    entry.querySelector('.bf-toc-page').textContent = page ? String(page) : '';
  }
  for (const reference of document.querySelectorAll('[data-page-of]')) {
    reference.textContent = String(numbers[reference.dataset.pageOf] || '');
  }
}
"""


def _write_with_metadata(pdf_bytes: bytes, output: Path, metadata: PdfMetadata) -> int:
    """Set the document information and write the PDF next to `output`, then move it in place; return its page count.

    The information is appended as an incremental update (PDF 32000-1, 7.5.6): Chromium's bytes stay as
    printed, and a new version of its information dictionary follows them, so nothing is parsed again
    (rewriting the whole file took 0.3 s). pypdf's own incremental writer (`PdfWriter(..., incremental=True)`,
    pypdf 7.1) parses and compares every object first: 0.70 s against 0.036 s here on the seed's 22 pages.
    Chromium already writes the language (/Lang) from the page."""
    import io

    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, NameObject, NumberObject, TextStringObject

    reader = PdfReader(io.BytesIO(pdf_bytes))  # reads the cross-reference table and trailer, not the pages
    info_ref = reader.trailer.raw_get("/Info")
    previous = int(pdf_bytes[pdf_bytes.rindex(b"startxref") + 9 :].split()[0])
    stamp = _creation_date()
    info = DictionaryObject(
        {
            NameObject(key): TextStringObject(value)
            for key, value in {
                "/Title": metadata.title,
                "/Author": metadata.author,
                "/Subject": metadata.subject,
                "/Creator": "briefing generator (MkDocs + Chromium)",
                "/Producer": "briefing generator",
                "/CreationDate": stamp,
                "/ModDate": stamp,
            }.items()
        }
    )
    update = io.BytesIO()
    update.write(pdf_bytes if pdf_bytes.endswith(b"\n") else pdf_bytes + b"\n")
    offset = update.tell()
    update.write(f"{info_ref.idnum} 0 obj\n".encode())
    info.write_to_stream(update)
    update.write(b"\nendobj\n")
    xref = update.tell()
    update.write(f"xref\n{info_ref.idnum} 1\n{offset:010d} 00000 n \ntrailer\n".encode())
    trailer = DictionaryObject({NameObject(k): v for k, v in reader.trailer.items() if k != "/Prev"})
    trailer[NameObject("/Prev")] = NumberObject(previous)
    trailer.write_to_stream(update)
    update.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.partial")
    partial.write_bytes(update.getvalue())
    partial.replace(output)
    pages = cast(DictionaryObject, cast(DictionaryObject, reader.trailer["/Root"])["/Pages"])
    return int(cast(NumberObject, pages["/Count"]))


def _creation_date() -> str:
    """The PDF date: from SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")
