"""`make bench-peers`: this generator side by side with its peers, in one run, on the very same pages.

For the seed and synthetic content at 1x, 10x and 100x the seed (`synthetic.py`), the generator plans
its pages once; those Markdown pages (and their static files) are then built by every peer:

- this tree's `python -m generator build` (full: `--full` when the build is incremental; with its
  between-runs cache, and with an emptied one), and main before issue 25 (`--baseline`, unpacked
  with `git archive`, as `compare.py` does);
- bare `python -m mkdocs build` with the same mkdocs.yml, theme and navigation (`compare.write_floor`);
- Zensical (PyPI, pinned below), in its own venv under the cache folder, from the same mkdocs.yml,
  with a cold cache (its `.cache/` removed) and a warm one;
- Hugo (Debian's package), the same Markdown as content under a minimal layout written here.

Then one edit (one stance's position in stances.yaml) and a build: ours from the YAML; the peers
from the pages that edit changed, rewritten in place. Then the preview's save → browser (a real
server, a real Chromium tab, as `compare.save_to_reload`), and the search index's gzip weight.
Commands run in turn (A B C D A B C D …) so a drifting machine moves them all; figures are medians.
Nothing is asserted: the tables go into BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import gzip
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from compare import (
    _ENV,
    ROOT,
    SYNTHETIC_EDITS,
    Version,
    _free_port,
    baseline,
    current,
    launch_browser,
    project_for,
    save_to_reload,
    save_to_show,
    write_floor,
)
from synthetic import write_content

ZENSICAL = "0.0.73"
"""The newest Zensical whose dependencies install from PyPI here (0.0.74 and later need `zensical-ui`, which pip cannot find)."""

BASELINE = "95d55f9"
"""main before issue 25 (render only what changed, incremental build, own search index, imports on demand)."""

CACHE = ROOT / "bench" / ".cache"
"""Where the peers' own venvs are kept between runs (never committed)."""

HUGO_CONFIG = """baseURL = "/"
title = "Briefing"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[markup.goldmark.renderer]
unsafe = true
"""
# The generated pages carry their own HTML blocks: Goldmark passes them through only when "unsafe".

HUGO_BASEOF = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title>
<link rel="stylesheet" href="/briefing.css"></head><body>
<nav>{{ range .Site.Home.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""

Timing = tuple[float, float, float]


@dataclass
class Command:
    """One timed command: what runs, where, and what is done before each run (untimed)."""

    name: str
    args: list[str]
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] = lambda: None


def alternate(commands: list[Command], runs: int) -> dict[str, Timing]:
    """Run the commands in turn `runs` times (A B C A B C …); the median, min and max wall time of each (NaN for one that failed)."""
    times: dict[str, list[float]] = {c.name: [] for c in commands}
    for _ in range(runs):
        for command in commands:
            command.before()
            start = time.perf_counter()
            done = subprocess.run(command.args, cwd=command.cwd, env=_ENV | command.env, capture_output=True, text=True)
            times[command.name].append(time.perf_counter() - start if done.returncode == 0 else math.nan)
            if done.returncode != 0:  # said, and the run goes on: the other columns still count
                print(f"{command.name} failed ({' '.join(command.args)}):\n{done.stderr[-3000:]}", file=sys.stderr, flush=True)
    return {name: (statistics.median(t), min(t), max(t)) if not any(map(math.isnan, t)) else (math.nan,) * 3 for name, t in times.items()}


def zensical_command(cache: Path) -> Path:
    """The pinned Zensical's command, installed into its own venv under `cache` the first time."""
    venv = cache / f"zensical-{ZENSICAL}"
    command = venv / "bin" / "zensical"
    if not command.is_file():
        subprocess.run(["python3", "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", f"zensical=={ZENSICAL}"]
        done = subprocess.run(pip, capture_output=True, text=True)
        if done.returncode != 0:
            shutil.rmtree(venv)
            raise SystemExit(f"Zensical {ZENSICAL} did not install into {venv}:\n{done.stderr[-3000:]}")
    return command


def hugo_command() -> str:
    """Debian's Hugo, or a clear stop saying how to install it."""
    hugo = shutil.which("hugo")
    if hugo is None:
        raise SystemExit("Hugo is not installed: `apt-get install hugo` (Debian's package) first; `make bench-peers` needs it")
    return hugo


def sync_tree(
    source: Path, target: Path, rename: Callable[[Path], Path] = lambda p: p, edit: Callable[[Path, bytes], bytes] = lambda p, b: b
) -> int:
    """Copy into `target` every file of `source` (renamed, edited) whose bytes differ (as an editor's save would); return how many."""
    changed = 0
    for path in source.rglob("*"):
        if not path.is_file():
            continue
        relative = path.relative_to(source)
        destination = target / rename(relative)
        data = edit(relative, path.read_bytes())
        if destination.is_file() and destination.read_bytes() == data:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
        changed += 1
    return changed


def hugo_path(relative: Path) -> Path:
    """Where a generated page goes in Hugo's tree: Markdown in content/ (a folder's index.md as its _index.md), the rest in static/."""
    if relative.suffix != ".md":
        return Path("static") / relative
    return Path("content") / (relative.with_name("_index.md") if relative.name == "index.md" else relative)


@dataclass(frozen=True)
class Peers:
    """One content's project and the same pages laid out for each peer."""

    project: Path
    floor: Path
    zensical: Path
    hugo: Path
    unsearched: set[Path] = field(default_factory=set)
    """Pages kept out of Zensical's search: its index refuses a page of more than 65,536 word positions."""

    def sync(self) -> None:
        """Copy the pages that changed in floor-docs/ to Zensical's and Hugo's trees."""
        sync_tree(self.project / "floor-docs", self.zensical / "docs", edit=self._unsearched)
        sync_tree(self.project / "floor-docs", self.hugo, hugo_path)

    def _unsearched(self, relative: Path, data: bytes) -> bytes:
        """The page with `search: {exclude: true}` in its front matter when Zensical's search refused it."""
        if relative not in self.unsearched or not data.startswith(b"---\n"):
            return data
        return b"---\nsearch: {exclude: true}\n" + data[4:]


def fit_zensical(peers: Peers, zensical: Path) -> None:
    """Build once with Zensical, keeping out of its search each page it refuses there, as its message advises."""
    for _ in range(20):
        done = subprocess.run([str(zensical), "build"], cwd=peers.zensical, env=_ENV, capture_output=True, text=True)
        refused = re.search(r"Search field '\w+' at '([^']*)' exceeds the search index limit", done.stderr)
        if done.returncode == 0 or refused is None:
            return
        url = refused.group(1)
        page = next(p for p in (Path(url.rstrip("/") + ".md"), Path(url) / "index.md") if (peers.project / "floor-docs" / p).is_file())
        peers.unsearched.add(page)
        peers.sync()


def lay_out(version: Version, project: Path) -> Peers:
    """Plan the version's pages into floor-docs/ and lay them out for bare MkDocs, Zensical and Hugo."""
    floor = write_floor(version, project)
    zensical = project / "zensical"
    zensical.mkdir(exist_ok=True)
    # Zensical reads mkdocs.yml from the folder it runs in, with its folders relative to it.
    config = floor.read_text(encoding="utf-8")
    config = re.sub(r"^docs_dir: .*$", "docs_dir: docs", config, flags=re.M)
    config = re.sub(r"^site_dir: .*$", "site_dir: site", config, flags=re.M)
    config = re.sub(r"custom_dir: .*$", "custom_dir: overrides", config, flags=re.M)
    (zensical / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(project / "templates" / "overrides", zensical / "overrides", dirs_exist_ok=True)
    hugo = project / "hugo"
    (hugo / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (hugo / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (hugo / "layouts" / "_default" / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    for kind in ("single", "list"):
        (hugo / "layouts" / "_default" / f"{kind}.html").write_text('{{ define "main" }}{{ .Content }}{{ end }}\n', encoding="utf-8")
    peers = Peers(project, floor, zensical, hugo)
    peers.sync()
    return peers


def full_flag(version: Version) -> list[str]:
    """`--full` when the version's build is incremental, so that a full build is timed."""
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--help"],
        cwd=version.code,  # `-m` looks in the working folder first: the version's own code, not this tree's
        env=_ENV | {"PYTHONPATH": str(version.code)},
        capture_output=True,
        text=True,
        check=True,
    )
    return ["--full"] if "--full" in done.stdout else []


def ours(version: Version, project: Path, full: bool = True) -> Command:
    """The generator's whole `build` command of a version on a project."""
    flag = full_flag(version) if full else []
    return Command(
        f"ours {version.name}",
        [sys.executable, "-m", "generator", "--root", str(project), "build", *flag],
        project,
        {"PYTHONPATH": str(version.code)},
    )


def full_builds(versions: list[Version], layouts: list[Peers], zensical: Path, hugo: str, runs: int) -> dict[str, Timing]:
    """Full builds of the same pages in turn: ours (each version; this one with an emptied cache too), MkDocs, Zensical, Hugo."""
    peers = layouts[-1]
    commands = [ours(v, p.project) for v, p in zip(versions, layouts, strict=True)]
    cold = peers.project / "cold-cache"
    mine = ours(versions[-1], peers.project)
    commands += [
        Command(
            f"{mine.name}, cold cache", mine.args, mine.cwd, mine.env | {"XDG_CACHE_HOME": str(cold)}, lambda: shutil.rmtree(cold, True)
        ),
        Command("mkdocs", [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(peers.floor)], peers.project),
        Command(
            "zensical cold",
            [str(zensical), "build"],
            peers.zensical,
            before=lambda: shutil.rmtree(peers.zensical / ".cache", ignore_errors=True),
        ),
        Command("zensical warm", [str(zensical), "build"], peers.zensical),
        Command("hugo", [hugo, "--quiet"], peers.hugo),
    ]
    return alternate(commands, runs)


def edit_stance(project: Path, n: int) -> None:
    """Turn the first stance's position to the next one on the scale, as an editor would (a different one at each `n`)."""
    stances = project / "content" / "stances.yaml"
    text = stances.read_text(encoding="utf-8")
    positions = ["supports", "conditional", "opposes", "undecided", "proposes"]
    old = re.search(r"^  position: (\w+)$", text, flags=re.M)
    assert old is not None
    new = positions[(positions.index(old.group(1)) + 1 + n) % len(positions)]
    if new == old.group(1):
        new = positions[(positions.index(new) + 1) % len(positions)]
    stances.write_text(text[: old.start(1)] + new + text[old.end(1) :], encoding="utf-8")


def edit_then_build(versions: list[Version], layouts: list[Peers], zensical: Path, hugo: str, runs: int) -> dict[str, Timing]:
    """One stance edited, then a build: ours from the YAML (incremental where it is); the peers from the changed pages."""
    peers = layouts[-1]
    counter = iter(range(10_000))

    def edit_pages() -> None:
        edit_stance(peers.project, next(counter))
        write_floor(versions[-1], peers.project)  # untimed: the pages the edit changes, then only those rewritten
        peers.sync()

    commands = [
        Command(
            f"ours {v.name}",
            ours(v, p.project, full=False).args,
            p.project,
            {"PYTHONPATH": str(v.code)},
            before=lambda p=p: edit_stance(p.project, next(counter)),
        )
        for v, p in zip(versions, layouts, strict=True)
    ]
    commands += [
        Command("zensical warm", [str(zensical), "build"], peers.zensical, before=edit_pages),
        Command("hugo", [hugo, "--quiet"], peers.hugo),  # the same edit's pages, already in its tree
    ]
    return alternate(commands, runs)


def search_weight(index: Path) -> int:
    """Bytes a first search downloads, gzip -6: the search index (ours and Material's search/search_index.json, Zensical's search.json)."""
    return len(gzip.compress(index.read_bytes(), 6))


def peer_save_to_show(args: list[str], cwd: Path, url: str, page: Path, edits: list[tuple[str, str]], browser: Any) -> list[float]:
    """Seconds from saving a Markdown page to an open tab showing the edit, on a peer's own live-reloading server (NaN: never shown)."""
    server = subprocess.Popen(args, cwd=cwd, env=_ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return save_to_show(url, page, edits, browser, 120)
    except Exception as exc:  # a peer's server that never shows the edit is said; the other columns still count
        print(f"{' '.join(args)}: {exc}", file=sys.stderr, flush=True)
        return [math.nan]
    finally:
        server.terminate()
        server.wait(timeout=30)

def previews(versions: list[Version], layouts: list[Peers], zensical: Path, hugo: str, browser: Any) -> dict[str, list[float]]:
    """Save → browser for ours (each version, actors.yaml) and for Zensical's and Hugo's servers (the actor's Markdown page)."""
    edits = [(old, new) for old, new, _ in SYNTHETIC_EDITS]
    shown = {
        f"ours {v.name}": save_to_reload(v, p.project, "actors/actor-1/", edits, browser) for v, p in zip(versions, layouts, strict=True)
    }
    peers = layouts[-1]
    port = _free_port()
    shown["zensical"] = peer_save_to_show(
        [str(zensical), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        peers.zensical,
        f"http://127.0.0.1:{port}/actors/actor-1/",
        peers.zensical / "docs" / "actors" / "actor-1.md",
        edits,
        browser,
    )
    port = _free_port()
    shown["hugo"] = peer_save_to_show(
        [hugo, "server", "--port", str(port), "--bind", "127.0.0.1"],
        peers.hugo,
        f"http://127.0.0.1:{port}/actors/actor-1/",
        peers.hugo / "content" / "actors" / "actor-1.md",
        edits,
        browser,
    )
    return shown


def cold_starts(versions: list[Version], seed: list[Peers], runs: int) -> dict[str, Timing]:
    """Interpreter start to exit on the seed: `--help`, `check` and `build` of each version against bare MkDocs's `--help` and `build`."""
    py = sys.executable
    commands = []
    for version, peers in zip(versions, seed, strict=True):
        env = {"PYTHONPATH": str(version.code)}
        root = ["--root", str(peers.project)]
        commands += [
            Command(f"ours {version.name}|--help", [py, "-m", "generator", "--help"], peers.project, env),
            Command(f"ours {version.name}|check", [py, "-m", "generator", *root, "check"], peers.project, env),
            Command(f"ours {version.name}|build", [py, "-m", "generator", *root, "build", *full_flag(version)], peers.project, env),
        ]
    floor = seed[-1]
    commands += [
        Command("bare MkDocs|--help", [py, "-m", "mkdocs", "--help"], floor.project),
        Command("bare MkDocs|build", [py, "-m", "mkdocs", "build", "-q", "-f", str(floor.floor)], floor.project),
    ]
    return alternate(commands, runs)


def print_cold_starts(timings: dict[str, Timing]) -> None:
    """One row per version (and bare MkDocs), one column per command."""
    rows: dict[str, dict[str, Timing]] = {}
    for name, timing in timings.items():
        who, command = name.split("|")
        rows.setdefault(who, {})[command] = timing
    print("\nCold start on the seed: whole commands, interpreter start included (median, min–max)\n")
    print("| | `--help` | `check` | `build` (full) |\n|---|---|---|---|")
    for who, cells in rows.items():
        print(f"| {who} | {' | '.join(fmt(cells[c]) if c in cells else '–' for c in ('--help', 'check', 'build'))} |", flush=True)


def fmt(t: Timing) -> str:
    """A median with its spread."""
    return "failed" if math.isnan(t[0]) else f"{t[0]:.2f} s ({t[1]:.2f}–{t[2]:.2f})"


def print_table(title: str, rows: dict[str, dict[str, Timing]], reference: str) -> None:
    """A Markdown table, one row per content and a column per command, each with `reference`'s time over its own (> 1: faster)."""
    names = list(next(iter(rows.values())))
    print(f"\n{title} (median, min–max; × = {reference}'s median over the column's: above 1, faster than it)\n")
    print(f"| content | {' | '.join(names)} |\n|---|{'---|' * len(names)}")
    for label, timings in rows.items():
        cells = [fmt(timings[n]) + ("" if n == reference else f", {timings[reference][0] / timings[n][0]:.2f}×") for n in names]
        print(f"| {label} | {' | '.join(cells)} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scales", default="1,10,100", help="multiples of the seed (default 1,10,100)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--big-runs", type=int, default=3, help="runs at 100x and more (default 3)")
    parser.add_argument("--baseline", default=BASELINE, help="the commit to compare this tree with ('' for none)")
    parser.add_argument("--no-preview", action="store_true", help="skip the save → browser timings")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where Zensical's venv is kept")
    args = parser.parse_args()
    zensical, hugo = zensical_command(args.cache), hugo_command()
    load = os.getloadavg()
    print(
        f"peers: Zensical {ZENSICAL}, {subprocess.run([hugo, 'version'], capture_output=True, text=True).stdout.split()[1]}; "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        flush=True,
    )
    scales = [int(s) for s in args.scales.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="bench-peers-") as tmp_name:
        tmp = Path(tmp_name)
        versions = [*([baseline(tmp / "baseline", args.baseline)] if args.baseline else []), current()]
        cases: list[tuple[str, Callable[[Path], object]]] = [
            ("seed", lambda f: shutil.copytree(ROOT / "content", f)),
            *((f"{n}×", lambda f, n=n: write_content(f, n)) for n in scales),
        ]
        layouts = {
            label: [lay_out(v, project_for(v, tmp / f"{label}-{i}", content)) for i, v in enumerate(versions)] for label, content in cases
        }
        for label, _ in cases:
            fit_zensical(layouts[label][-1], zensical)
        print_cold_starts(cold_starts(versions, layouts["seed"], args.runs))
        full = {}
        for label, _ in cases:
            runs = args.big_runs if label.endswith("×") and int(label[:-1]) >= 100 else args.runs
            full[label] = full_builds(versions, layouts[label], zensical, hugo, runs)
            print(f"full build, {label}: " + ", ".join(f"{n} {fmt(t)}" for n, t in full[label].items()), flush=True)
        print_table("Full build of the same pages", full, f"ours {versions[-1].name}")
        print("\n| content | search index gzip, ours | Material's search plugin (bare MkDocs) | Zensical's |\n|---|---|---|---|")
        for label, _ in cases:
            peers = layouts[label][-1]
            weights = [
                search_weight(index) / 1000
                for index in (
                    peers.project / "site" / "search" / "search_index.json",
                    peers.project / "floor-site" / "search" / "search_index.json",
                    peers.zensical / "site" / "search.json",
                )
            ]
            print(f"| {label} | {' | '.join(f'{w:,.0f} KB' for w in weights)} |", flush=True)
        for label, _ in cases:
            if layouts[label][-1].unsearched:
                names = ", ".join(str(p) for p in sorted(layouts[label][-1].unsearched))
                print(f"\n{label}: kept out of Zensical's search, which refuses a page of more than 65,536 word positions: {names}")
        edits = {}
        for label, _ in cases[1:]:
            runs = args.big_runs if int(label[:-1]) >= 100 else args.runs
            edits[label] = edit_then_build(versions, layouts[label], zensical, hugo, runs)
        print_table("One stance's position edited, then a build", edits, f"ours {versions[-1].name}")
        if not args.no_preview:
            playwright, browser = launch_browser()
            try:
                print("\nSave → the open tab shows the edit (median of 3 edits; each edit)\n")
                print(f"| content | {' | '.join(f'ours {v.name}' for v in versions)} | `zensical serve` | `hugo server` |")
                print(f"|---|{'---|' * (len(versions) + 2)}")
                for label, _ in cases[1:]:
                    if int(label[:-1]) > 10:
                        continue
                    shown = previews(versions, layouts[label], zensical, hugo, browser)
                    cells = " | ".join(f"{statistics.median(t):.2f} s ({', '.join(f'{x:.2f}' for x in t)})" for t in shown.values())
                    print(f"| {label} | {cells} |", flush=True)
            finally:
                browser.close()
                playwright.stop()
    print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
