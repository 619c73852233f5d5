"""`make bench`: time every stage of a build at 1x, 10x and 100x the seed briefing, and weigh the real pages.

Each measurement runs in a fresh subprocess (so peak memory is the build's own) several
times; the table shows the median and the spread (min–max). Nothing here is asserted:
the figures go into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))

_ONE_BUILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from generator.build import BuildReport, plan
from generator.site.checks import check_site
from generator.site.output import _run_mkdocs
from generator.project import Project
project = Project.at(Path({project!r}))
start = time.perf_counter()
report = BuildReport()
model, site_plan = plan(project, report)
t = time.perf_counter()
_run_mkdocs(project.config_file, site_plan, {{"site_dir": str(project.site_dir), "strict": True}})
report.timings["mkdocs"] = time.perf_counter() - t
t = time.perf_counter()
check_site(project.site_dir)
report.timings["checks"] = time.perf_counter() - t
report.timings["total"] = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"timings": report.timings, "pages": len(site_plan.pages), "peak_mib": peak}}))
"""


_FLOOR = r"""
import json, sys, time, tempfile
sys.path.insert(0, {root!r})
from pathlib import Path
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from generator.build import plan
from generator.project import Project
project = Project.at(Path({project!r}))
_, site_plan = plan(project)
docs = Path(tempfile.mkdtemp())
for page in site_plan.pages:
    (docs / page.path).parent.mkdir(parents=True, exist_ok=True)
    (docs / page.path).write_text(page.markdown, encoding="utf-8")
(docs / "briefing.css").write_bytes((project.static_dir / "briefing.css").read_bytes())
config = load_config(config_file=str(project.config_file), docs_dir=str(docs), site_dir=str(Path(tempfile.mkdtemp())), nav=site_plan.nav)
config.plugins.on_startup(command="build", dirty=False)
start = time.perf_counter()
mkdocs_build(config)
print(json.dumps({{"floor": time.perf_counter() - start}}))
"""

_PREVIEW = r"""
import json, sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from generator.commands.preview import Previewer
from generator.project import Project
project = Project.at(Path({project!r}))
preview = Previewer(project, project.root / "preview-site", "http://127.0.0.1:8000/")
preview.rebuild(set())  # the first, full build of a running preview
actors = project.content_dir / "actors.yaml"
actors.write_text(actors.read_text(encoding="utf-8").replace("Synthetic actor 0.", "Synthetic actor 0, edited."), encoding="utf-8")
start = time.perf_counter()
preview.rebuild({{actors}})
print(json.dumps({{"preview": time.perf_counter() - start}}))
"""


def bench_floor_and_preview(scale: int) -> tuple[float, float]:
    """MkDocs alone on the generated pages (the floor), and a running preview's rebuild after one YAML edit."""
    with tempfile.TemporaryDirectory(prefix=f"bench-floor-{scale}x-") as tmp:
        project = _project(Path(tmp), scale)
        floor = float(_run(_FLOOR.format(root=str(ROOT), project=str(project)))["floor"])  # type: ignore[arg-type]
        preview = float(_run(_PREVIEW.format(root=str(ROOT), project=str(project)))["preview"])  # type: ignore[arg-type]
    return floor, preview


def _project(folder: Path, scale: int) -> Path:
    """A project folder with the repo's templates and synthetic content at `scale`."""
    from synthetic import write_content

    for name in ("templates", "mkdocs.yml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    write_content(folder / "content", scale)
    return folder


def _run(code: str) -> dict[str, object]:
    """Run one measured build in a fresh interpreter and return what it printed."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def _site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def bench_scale(scale: int, runs: int) -> dict[str, object]:
    """Build synthetic content `runs` times and summarise stage times, memory and size."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{scale}x-") as tmp:
        project = _project(Path(tmp), scale)
        results = [_run(_ONE_BUILD.format(root=str(ROOT), project=str(project))) for _ in range(runs)]
        size = _site_bytes(project / "site")
    stages = {stage: [r["timings"][stage] for r in results] for stage in results[0]["timings"]}  # type: ignore[index]
    pages = int(results[0]["pages"])  # type: ignore[arg-type]
    total = statistics.median(stages["total"])
    return {
        "scale": scale,
        "pages": pages,
        "stages": {k: (statistics.median(v), min(v), max(v)) for k, v in stages.items()},
        "peak_mib": max(float(r["peak_mib"]) for r in results),  # type: ignore[arg-type]
        "site_mib": size / 2**20,
        "ms_per_page": 1000 * total / pages,
    }


def _time_command(args: list[str], runs: int) -> tuple[float, float, float]:
    """Median, min and max wall time of a command run from the repo root."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=ROOT, capture_output=True, check=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def page_weight(site: Path, page: str) -> tuple[int, int]:
    """Bytes (raw, gzip) a reader downloads for a page: the HTML and every local script and style it loads."""
    html_path = site / page
    html = html_path.read_text(encoding="utf-8")
    files = [html_path]
    for ref in re.findall(r'<(?:script[^>]+src|link[^>]+href)="([^"#?]+)', html):
        if ref.startswith(("http:", "https:", "//")) or not ref.endswith((".js", ".css")):
            continue
        path = (html_path.parent / ref).resolve()
        if path.is_file():
            files.append(path)
    raw = sum(p.stat().st_size for p in files)
    zipped = sum(len(gzip.compress(p.read_bytes(), 9)) for p in files)
    return raw, zipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1,10,100", help="comma-separated multiples of the seed (default 1,10,100)")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--pdf", action="store_true", help="also time make pdf on the seed briefing")
    args = parser.parse_args()
    py = str(ROOT / ".venv" / "bin" / "python")
    print("| scale | pages | load+validate | model | charts | pages | mkdocs | checks | total (min–max) | ms/page | peak MiB | site MiB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for scale in (int(s) for s in args.scales.split(",")):
        r = bench_scale(scale, args.runs)
        st = r["stages"]  # type: ignore[assignment]
        cell = lambda k: f"{st[k][0]:.2f}" if k in st else "–"  # noqa: E731
        total = st["total"]
        print(f"| {scale}x | {r['pages']} | {cell('load+validate')} | {cell('model')} | {cell('charts')} | {cell('pages')} | "
              f"{cell('mkdocs')} | {cell('checks')} | {total[0]:.2f} ({total[1]:.2f}–{total[2]:.2f}) | {r['ms_per_page']:.1f} | "
              f"{r['peak_mib']:.0f} | {r['site_mib']:.1f} |", flush=True)
    print("\n| scale | MkDocs alone on the generated pages (floor) | preview rebuild after one YAML edit (in process) |\n|---|---|---|")
    for scale in (int(s) for s in args.scales.split(",")):
        floor, preview = bench_floor_and_preview(scale)
        print(f"| {scale}x | {floor:.2f}s | {preview:.2f}s |", flush=True)
    check = _time_command([py, "-m", "generator", "check"], args.runs)
    print(f"\nmake check (seed, whole command incl. interpreter start): median {check[0]:.2f}s ({check[1]:.2f}–{check[2]:.2f})")
    if args.pdf:
        with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
            for name in ("templates", "mkdocs.yml", "content"):
                source = ROOT / name
                (shutil.copytree if source.is_dir() else shutil.copy)(source, Path(tmp) / name)
            pdf = _time_command([py, "-m", "generator", "--root", tmp, "pdf"], 1)
        print(f"make pdf (seed, site and PDF, whole command): {pdf[0]:.1f}s")
    site = ROOT / "site"
    if (site / "index.html").is_file():
        print("\n| page | raw KB | gzip KB |\n|---|---|---|")
        for label, page in (("home", "index.html"), ("text page (actor)", "actors/donald-trump/index.html"),
                            ("text page (sources)", "sources/index.html"), ("chart page (charts)", "charts/index.html")):
            if (site / page).is_file():
                raw, zipped = page_weight(site, page)
                print(f"| {label} | {raw / 1000:.0f} | {zipped / 1000:.0f} |")


if __name__ == "__main__":
    main()
