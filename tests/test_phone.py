"""What a reader's phone downloads and waits for: the plotly.js partial bundle, page weight, no blocking scripts."""

from __future__ import annotations

import re
import sys
from importlib.resources import files as package_files
from pathlib import Path

from generator.build import check_content
from generator.model.briefing import build_model
from generator.project import Project
from generator.site.charts import build_charts
from generator.site.mkdocs_plugin import PLOTLY_BUNDLE
from generator.site.pages import PLOTLY_JS

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from page_weight import page_gzip  # noqa: E402  (bench/ is no package; its measure is the test's)

CHART_PAGE_BUDGET_GZIP = 650_000
"""Most bytes (gzip) a chart page may cost a reader: HTML, styles, scripts and chart data."""

_HEADER_VERSION = re.compile(r"\* plotly\.js (?:\([^)]*\) )?v(\d+\.\d+\.\d+)")


def _version(script: Path) -> str:
    """The plotly.js version in a bundle's licence header."""
    match = _HEADER_VERSION.search(script.read_text(encoding="utf-8")[:400])
    assert match, script
    return match.group(1)


def _bundle_traces() -> set[str]:
    """The trace types the vendored bundle contains, as its own README lists them."""
    readme = (PLOTLY_BUNDLE.parent / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.splitlines() if line.startswith("Contains trace modules"))
    return set(re.findall(r"`([a-z0-9]+)`", line))


def test_bundle_is_the_plotly_js_version_of_the_pinned_plotly_package() -> None:
    full = Path(str(package_files("plotly") / "package_data" / "plotly.min.js"))
    assert _version(PLOTLY_BUNDLE) == _version(full)
    assert "(cartesian - minified)" in PLOTLY_BUNDLE.read_text(encoding="utf-8")[:200]
    assert (PLOTLY_BUNDLE.parent / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_every_chart_uses_only_traces_the_bundle_has(tiny: Project) -> None:
    bundle = _bundle_traces()
    assert {"bar", "heatmap", "scatter"} <= bundle
    for project in (Project.at(ROOT), tiny):
        for name, spec in build_charts(build_model(check_content(project))).items():
            used = {trace.get("type", "scatter") for trace in spec["figure"]["data"]}
            assert used <= bundle, f"chart {name} uses {used - bundle}, which {PLOTLY_BUNDLE.name} lacks"


def test_chart_pages_stay_within_the_phone_budget_and_never_block_first_paint(real_site: Path) -> None:
    assert (real_site / PLOTLY_JS).read_bytes() == PLOTLY_BUNDLE.read_bytes()
    for page in ("index.html", "matrix/index.html", "timeline/index.html", "charts/index.html"):
        size = page_gzip(real_site, page)  # plotly.js included: a reader who touches a chart downloads it
        scripts = re.findall(r"<script\b[^>]*>", (real_site / page).read_text(encoding="utf-8"))
        assert size <= CHART_PAGE_BUDGET_GZIP, f"{page}: {size:,} bytes gzip"
        ours = [tag for tag in scripts if "plotly" in tag or "charts.js" in tag]
        if page == "index.html":
            assert ours == []  # the home page has no chart since the reader's briefing (issue 13)
            continue
        assert len(ours) == 1 and " defer" in ours[0] and 'data-plotly="' in ours[0], ours  # plotly.js only when a reader reaches
        assert size - page_gzip(real_site, page, on_demand=False) > 300_000, page  # the budget counts the bundle fetched on demand


def test_charts_take_their_height_at_first_paint(real_site: Path) -> None:
    html = (real_site / "charts" / "index.html").read_text(encoding="utf-8")
    plots = re.findall(r'<div class="bf-chart-plot[^"]*" id="([^"]+)"', html)
    assert plots
    for plot_id in plots:
        body = html[html.index(f'id="{plot_id}"') :]
        drawn = body[: body.index("bf-chart-spec")]
        drawings = re.findall(r'<svg class="bf-svg"[^>]* viewBox="0 0 (\d+) (\d+)" width="\1" height="\2"', drawn)
        layout_height = re.search(r'"height":\s*(\d+)', body[body.index("bf-chart-spec") :])
        assert layout_height and [h for _, h in drawings] == [layout_height.group(1)] * 2, plot_id  # sized in the HTML: nothing moves
