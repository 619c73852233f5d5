"""Before and after in one run: this tree against a baseline commit, on the same content, on the same machine.

For each version: a full `build` against bare MkDocs+Material on the very same generated pages
(whole commands, interpreter start included), the preview's save → reload as Chromium sees it,
`pdf` against `build`, and the gzip weight of a chart page. Medians of `runs`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "9656408"
"""main before the static-first charts and the faster MkDocs step (adacb97, before issue 15, cannot build today's seed)."""

_ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}

_WRITE_DOCS = r"""
import json, shutil, sys
from pathlib import Path
sys.path.insert(0, {code!r})
from generator.build import plan
try:
    from generator.site.pages import PLOTLY_JS
except ImportError:  # before the pages package
    from generator.site.charts import PLOTLY_JS
from generator.site.mkdocs_plugin import plotly_js_path
from generator.project import Project
project = Project.at(Path({project!r}))
_, site_plan = plan(project)
docs = Path({docs!r})
for page in site_plan.pages:
    (docs / page.path).parent.mkdir(parents=True, exist_ok=True)
    (docs / page.path).write_text(page.markdown, encoding="utf-8")
for path, text in site_plan.downloads.items():
    (docs / path).parent.mkdir(parents=True, exist_ok=True)
    (docs / path).write_text(text, encoding="utf-8")
shutil.copytree(project.static_dir, docs, dirs_exist_ok=True)
(docs / PLOTLY_JS).parent.mkdir(parents=True, exist_ok=True)
shutil.copy(plotly_js_path(), docs / PLOTLY_JS)
print(json.dumps({{"nav": site_plan.nav, "site_name": site_plan.site_name}}))
"""


@dataclass(frozen=True)
class Version:
    """One version of the generator: where its code is and a name for the table."""

    name: str
    code: Path


def baseline(folder: Path, rev: str = BASELINE) -> Version:
    """Unpack the generator, templates and settings of a commit into `folder`."""
    archive = subprocess.run(["git", "archive", rev, "generator", "templates", "mkdocs.yml"], cwd=ROOT, capture_output=True, check=True)
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return Version(f"before ({rev})", folder)


def current() -> Version:
    """This working tree."""
    return Version("after", ROOT)


def project_for(version: Version, folder: Path, write_content: Callable[[Path], object]) -> Path:
    """A project folder with the version's templates and settings and the given content."""
    folder.mkdir(parents=True)
    shutil.copytree(version.code / "templates", folder / "templates")
    shutil.copy(version.code / "mkdocs.yml", folder / "mkdocs.yml")
    write_content(folder / "content")
    return folder


def _timed(args: list[str], code: Path, runs: int, cwd: Path) -> tuple[float, float, float]:
    """Median, min and max wall time of a command with `code` first on the import path."""
    env = _ENV | {"PYTHONPATH": str(code)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=cwd, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def write_floor(version: Version, project: Path) -> Path:
    """Write the version's generated pages into `floor-docs/` and a bare MkDocs+Material config for them; return the config."""
    py = sys.executable
    docs, floor_site = project / "floor-docs", project / "floor-site"
    docs.mkdir(exist_ok=True)
    out = subprocess.run(
        [py, "-c", _WRITE_DOCS.format(code=str(version.code), project=str(project), docs=str(docs))],
        env=_ENV, capture_output=True, text=True, check=True,
    ).stdout
    planned = json.loads(out.strip().splitlines()[-1])
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: templates/static", f"docs_dir: {docs}")
    config = config.replace("custom_dir: templates/overrides", f"custom_dir: {project / 'templates' / 'overrides'}")
    config += f"\nsite_dir: {floor_site}\nnav: {json.dumps(planned['nav'])}\n"
    config = re.sub(r"^site_name: .*$", f"site_name: {json.dumps(planned['site_name'])}", config, count=1, flags=re.M)
    (project / "floor.yml").write_text(config, encoding="utf-8")
    return project / "floor.yml"


def build_vs_floor(version: Version, project: Path, runs: int) -> dict[str, tuple[float, float, float]]:
    """`generator build` and bare `mkdocs build` on the same generated pages, both as whole commands."""
    py = sys.executable
    write_floor(version, project)
    floor = _timed([py, "-m", "mkdocs", "build", "-q", "-f", str(project / "floor.yml")], version.code, runs, project)
    build = _timed([py, "-m", "generator", "--root", str(project), "build"], version.code, runs, project)
    return {"build": build, "floor": floor}


def pdf_vs_build(version: Version, project: Path, runs: int) -> dict[str, tuple[float, float, float]]:
    """`generator pdf` and `generator build` on the same content, whole commands."""
    py = sys.executable
    build = _timed([py, "-m", "generator", "--root", str(project), "build"], version.code, runs, project)
    pdf = _timed([py, "-m", "generator", "--root", str(project), "pdf"], version.code, runs, project)
    return {"build": build, "pdf": pdf}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_http(url: str, seconds: float = 300) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200 and b"<html" in response.read()[:2000].lower():
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


def save_to_show(url: str, source: Path, edits: list[tuple[str, str]], browser: Any, wait: float) -> list[float]:
    """Open the page in a tab, then save each edit to `source` and time until the tab shows it (the preview's loop, any server)."""
    _wait_http(url, wait)
    tab = browser.new_page()
    tab.goto(url)
    tab.wait_for_load_state("load")
    time.sleep(1.0)  # let the page start its live-reload connection, as an editor's open tab has
    times = []
    for old, new in edits:
        text = source.read_text(encoding="utf-8")
        start = time.perf_counter()
        source.write_text(text.replace(old, new, 1), encoding="utf-8")
        tab.wait_for_function("t => document.body && document.body.innerText.includes(t)", arg=new, timeout=120_000, polling=10)
        times.append(time.perf_counter() - start)
        time.sleep(1.0)
    tab.close()
    return times


def save_to_reload(version: Version, project: Path, page: str, edits: list[tuple[str, str]], browser: Any) -> list[float]:
    """Seconds from writing actors.yaml to the open tab showing the edit, for each edit, on a running preview."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "--root", str(project), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=_ENV | {"PYTHONPATH": str(version.code)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        return save_to_show(f"http://127.0.0.1:{port}/{page}", project / "content" / "actors.yaml", edits, browser, 300)
    finally:
        server.terminate()
        server.wait(timeout=30)


def launch_browser() -> tuple[Any, Any]:
    """Debian's Chromium under Playwright, with its profile in a temp folder."""
    home = tempfile.mkdtemp(prefix="bench-chromium-")
    for var in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        os.environ[var] = home
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
    return playwright, browser


def fmt(t: tuple[float, float, float]) -> str:
    """A median with its spread."""
    return f"{t[0]:.2f} s ({t[1]:.2f}–{t[2]:.2f})"


SEED_EDITS = [("The US president (", "The US president, edit0, (", "edit0"), ("edit0", "edit1", "edit1"), ("edit1", "edit2", "edit2")]
SYNTHETIC_EDITS = [("Synthetic actor 1.", "Synthetic actor 1 edit0.", "edit0"), ("edit0", "edit1", "edit1"), ("edit1", "edit2", "edit2")]


def _copy_seed(folder: Path) -> None:
    shutil.copytree(ROOT / "content", folder)


def _print_seed_extras(pdf: dict[str, Any], weights: dict[str, tuple[int, int]], scores: dict[str, Any]) -> None:
    """The seed's pdf/build ratio, chart page weight and Lighthouse scores, before and after."""
    from lighthouse import PAGES

    print("\n| version | `pdf` | `build` | pdf / build | chart page (charts/) gzip: first paint, with plotly.js |\n|---|---|---|---|---|")
    for name, t in pdf.items():
        ratio = t["pdf"][0] / t["build"][0]
        first, whole = weights[name]
        print(f"| {name} | {t['pdf'][0]:.2f} s | {t['build'][0]:.2f} s | {ratio:.2f}× | {first / 1000:,.0f} KB, {whole / 1000:,.0f} KB |")
    if scores:
        print("\n| page | version | performance | accessibility | CLS | TBT | LCP |\n|---|---|---|---|---|---|---|")
        for page in PAGES:
            for name, result in scores.items():
                r = result[page]
                print(f"| {page} | {name} | {r['performance']:.0f} | {r['accessibility']:.0f} | {r['cls']:.2f} | "
                      f"{r['tbt_ms']:,.0f} ms | {r['lcp_s']:.1f} s |", flush=True)
    print(flush=True)


def compare(scales: list[int], runs: int, big: int | None, lighthouse: bool = True, baselines: tuple[str, ...] = (BASELINE,)) -> None:
    """Print the before/after tables: build against the floor, preview, pdf against build, page weight."""
    from lighthouse import site_scores
    from page_weight import page_gzip
    from synthetic import write_content

    with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp_name:
        tmp = Path(tmp_name)
        versions = [*(baseline(tmp / f"baseline-{rev}", rev) for rev in baselines), current()]
        playwright, browser = launch_browser()
        print("\n| content | version | build | bare MkDocs+Material, same pages | ratio | preview save → reload (each edit) |")
        print("|---|---|---|---|---|---|")
        weights: dict[str, tuple[int, int]] = {}
        pdf: dict[str, dict[str, tuple[float, float, float]]] = {}
        scores: dict[str, dict[str, dict[str, float]]] = {}
        cases: list[tuple[str, Callable[[Path], object], list[tuple[str, str, str]], str]] = [
            ("seed", _copy_seed, SEED_EDITS, "actors/donald-trump/"),
            *((f"{n}×", lambda f, n=n: write_content(f, n), SYNTHETIC_EDITS, "actors/actor-1/") for n in scales),
        ]
        for case, (label, content, edits, page) in enumerate(cases):
            for n, version in enumerate(versions):
                project = project_for(version, tmp / f"case{case}-{n}", content)
                timing = build_vs_floor(version, project, runs)
                reload = save_to_reload(version, project, page, [(old, new) for old, new, _ in edits], browser)
                ratio = timing["build"][0] / timing["floor"][0]
                shown = ", ".join(f"{t:.2f}" for t in reload)
                print(f"| {label} | {version.name} | {fmt(timing['build'])} | {fmt(timing['floor'])} | {ratio:.2f}× | "
                      f"median {statistics.median(reload):.2f} s ({shown}) |", flush=True)
                if label == "seed":
                    site = project / "site"
                    weights[version.name] = (page_gzip(site, on_demand=False), page_gzip(site))
                    pdf[version.name] = pdf_vs_build(version, project, 1)
                    if lighthouse:
                        scores[version.name] = site_scores(project / "site")
            if label == "seed":
                _print_seed_extras(pdf, weights, scores)
                print("| content | version | build | bare MkDocs+Material, same pages | ratio | preview save → reload (each edit) |")
                print("|---|---|---|---|---|---|")
        browser.close()
        playwright.stop()
        if big:
            print(f"\n| {big}× full build (one run) | time |\n|---|---|")
            for n, version in enumerate(versions):
                project = project_for(version, tmp / f"big{n}", lambda f: write_content(f, big))
                t = _timed([sys.executable, "-m", "generator", "--root", str(project), "build"], version.code, 1, project)
                print(f"| {version.name} | {t[0]:.1f} s |", flush=True)


if __name__ == "__main__":
    import argparse

    sys.path.insert(0, str(Path(__file__).parent))
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,10")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--big", type=int, default=100, help="scale of the one-run big build (0: none)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse scores")
    parser.add_argument("--baseline", default=BASELINE, help="commits to compare this tree with, comma-separated")
    args = parser.parse_args()
    compare([int(s) for s in args.scales.split(",")], args.runs, args.big or None, not args.no_lighthouse, tuple(args.baseline.split(",")))
