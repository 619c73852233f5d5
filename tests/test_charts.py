"""Charts: each spec says what the facts say (golden files), pages show them drawn at build time,
and plotly.js redraws them when a reader reaches for one."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import pytest
from conftest import reach_for_charts

from generator.build import build, check_content
from generator.content.schema import Stance
from generator.errors import SiteBuildError
from generator.model.briefing import LINKING_EVENTS, BriefingModel, build_model
from generator.project import Project
from generator.site.charts import CHARTS, build_charts, chart_id, meeting_links, order_by_agreement, question_agreement, splits
from generator.site.checks import check_site
from generator.site.mkdocs_plugin import plotly_js_path
from generator.site.pages import CHARTS_JS, PLOTLY_JS

GOLDEN = Path(__file__).parent / "golden" / "charts"
ROOT = Path(__file__).parent.parent
_ENV = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}
CHART_PAGES = ["matrix/", "timeline/", "charts/"]
TEXT_PAGES = ["", "sources/", "method/", "actors/", "actors/donald-trump/", "questions/territorial-concessions/"]


def _model(project: Project) -> BriefingModel:
    return build_model(check_content(project))


def _stance(position: str, option: str | None = None) -> Stance:
    evidence = [{"source": "s", "paragraph": 1, "quote": "q"}]
    record = {
        "actor": "a",
        "topic": "t",
        "position": position,
        "option": option,
        "summary": "s",
        "evidence": evidence,
        "reported_by": {"kind": "actor"},
    }
    return Stance.model_validate(record)


def _script_srcs(html: str) -> list[str]:
    return re.findall(r'<script src="([^"]+)"', html)


# Specs: what the facts say ----------------------------------------------------------


def test_chart_specs_match_golden_files(tiny: Project, update_golden: bool) -> None:
    rendered = {f"{name}.json": json.dumps(spec, indent=1, ensure_ascii=False) + "\n" for name, spec in build_charts(_model(tiny)).items()}
    if update_golden:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for old in GOLDEN.glob("*.json"):
            old.unlink()
        for name, text in rendered.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    expected = {p.name: p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.json"))}
    assert sorted(rendered) == sorted(expected), "charts added or removed: run pytest --update-golden and review the diff"
    for name, text in rendered.items():
        assert text == expected[name], f"{name} changed: run pytest --update-golden and review the diff"


def test_tiny_briefing_gets_every_chart_of_the_registry_with_its_id(tiny: Project) -> None:
    charts = build_charts(_model(tiny))
    assert list(charts) == list(CHARTS)
    assert [spec["id"] for spec in charts.values()] == [chart_id(name) for name in CHARTS]


def test_positions_chart_stacks_each_questions_positions(seed_copy: Project) -> None:
    model = _model(seed_copy)
    spec = build_charts(model)["positions"]
    bars = {trace["name"]: dict(zip(trace["y"], trace["x"], strict=True)) for trace in spec["figure"]["data"]}
    assert list(bars) == ["Supports", "Proposes", "Opposes"]  # the positions taken, in the scale's order
    assert (bars["Supports"]["territorial-concessions"], bars["Opposes"]["territorial-concessions"]) == (2, 2)
    totals = {t: sum(bar.get(t, 0) for bar in bars.values()) for t in model.topics}
    # The one count: each actor once per position, a joint position once per actor (Trump's own and joint stance: once).
    assert totals == {t: sum(len(actors) for actors in model.sides(t).values()) for t in model.topics}
    shown = spec["figure"]["layout"]["yaxis"]["tickvals"]
    assert [totals[t] for t in shown] == sorted((totals[t] for t in shown), reverse=True)  # the most discussed first
    assert spec["table"]["rows"][0] == ["Security guarantees for Ukraine", "6", "0", "0", "6"]


def test_an_unsupported_figure_stops_the_build_with_a_message_not_a_traceback(tiny: Project) -> None:
    build(tiny)
    before = (tiny.site_dir / "charts" / "index.html").read_bytes()
    # A developer adds a pie chart the static renderer cannot draw (as a bar chart once crashed `make build`).
    script = (
        "import sys\n"
        "from generator.commands.cli import main\n"
        "from generator.site.charts import registry\n"
        "def pie(model):\n"
        "    spec = registry.CHARTS['positions'](model)\n"
        "    return spec | {'figure': {'data': [{'type': 'pie', 'values': [1, 2]}], 'layout': {'height': 300, 'legend': {}}}}\n"
        "registry.CHARTS['shares'] = pie\n"
        f"sys.exit(main(['--root', {str(tiny.root)!r}, 'build']))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120, env=_ENV)
    assert result.returncode == 1
    assert "error: chart 'shares': the static renderer does not draw layout.legend, data[0].type = 'pie':" in result.stderr
    assert "generator/site/charts/figure.py" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tiny.site_dir / "charts" / "index.html").read_bytes() == before  # the last good site is kept


def test_split_puts_the_most_contested_question_first_with_its_camps(seed_copy: Project) -> None:
    rows = splits(_model(seed_copy))
    assert [row.outside_largest for row in rows] == sorted((row.outside_largest for row in rows), reverse=True)
    first = rows[0]
    assert first.topic.id == "territorial-concessions"
    assert [(camp.label, set(camp.actors)) for camp in first.camps] == [
        ("Supports", {"donald-trump", "russia"}),
        ("Opposes", {"friedrich-merz", "ukraine"}),
    ]
    venue = next(row for row in rows if row.topic.id == "summit-venue")
    assert {camp.label for camp in venue.camps} == {"Proposes: Moscow", "Proposes: Geneva", "Opposes: Moscow"}
    assert rows[-1].outside_largest == 0  # questions where all agree come last


def test_split_of_the_tiny_briefing(tiny: Project) -> None:
    (row,) = splits(_model(tiny))
    assert (row.topic.id, row.actors, row.outside_largest) == ("quota-deal", 2, 1)
    assert [(camp.position, camp.actors) for camp in row.camps] == [("supports", ("alpha",)), ("opposes", ("beta",))]


def test_network_links_come_from_meetings_calls_and_statements(seed_copy: Project) -> None:
    model = _model(seed_copy)
    linking = [e for e in model.events if e.kind.value in LINKING_EVENTS and e.took_place]  # a planned meeting has not taken place
    expected = {tuple(sorted((a, b))) for e in linking for a in e.actors for b in e.actors if a != b}
    assert {tuple(sorted(pair)) for pair in meeting_links(model)} == expected
    assert ("nato-chiefs-of-defence", "nato") not in meeting_links(model)  # their video conference was still planned
    assert ("russia", "ukraine") not in meeting_links(model)  # linked only by the invasion, a military event


def test_network_of_the_tiny_briefing_ignores_the_photo(tiny: Project) -> None:
    model = _model(tiny)
    assert meeting_links(model) == {("alpha", "beta"): ["geneva-talks"]}
    table = build_charts(model)["network"]["table"]
    assert table["rows"] == [["Minister Alpha", "Minister Beta", "Ministers meet in Geneva"]]


def test_alignment_counts_shared_questions(tiny: Project) -> None:
    trace = build_charts(_model(tiny))["alignment"]["figure"]["data"][0]
    assert trace["z"] == [[None, 0.0], [0.0, None]]
    assert trace["text"] == [["", "1"], ["1", ""]]
    table = build_charts(_model(tiny))["alignment"]["table"]
    # A score resting on one question is said in words, never as a percentage; the weaker side's evidence is named.
    assert table["rows"] == [["Minister Alpha", "Minister Beta", "1", "medium", "differ (1 question)"]]


def test_alignment_weights_each_question_by_its_evidence() -> None:
    from generator.content.schema import Strength
    from generator.site.charts.agreement import weighted_mean

    scores = {"a": 1.0, "b": 0.0}
    assert weighted_mean(scores, {"a": Strength.strong, "b": Strength.strong}) == 0.5
    assert weighted_mean(scores, {"a": Strength.strong, "b": Strength.weak}) == 0.75  # the weak disagreement counts a third


def test_timeline_puts_background_in_its_own_panel_and_what_lies_ahead_in_a_band(tiny: Project) -> None:
    figure = build_charts(_model(tiny))["timeline"]["figure"]
    background, covered = figure["data"]
    assert (background["xaxis"], background["x"]) == ("x", ["photo"])
    assert figure["layout"]["xaxis"]["ticktext"] == ["2024"]  # a background label is a year, never a crowded date
    assert (covered["xaxis"], covered["x"]) == ("x2", ["2024-03-05 12:00", "2024-03-07 12:00"])  # the planned vote too
    assert figure["layout"]["xaxis"]["type"] == "category" and figure["layout"]["xaxis2"]["type"] == "date"
    band, line = figure["layout"]["shapes"]
    assert (band["x0"], band["x1"]) == ("2024-03-06 00:00", "2024-03-08 00:00")  # from the day after the as-of date
    assert (line["type"], line["x0"], line["x1"], line["line"]["dash"]) == ("line", band["x0"], band["x0"], "dash")  # a dashed start
    assert "Ahead" in [note["text"] for note in figure["layout"]["annotations"]]


def test_timeline_draws_a_month_only_date_across_its_month(tiny: Project) -> None:
    events = tiny.content_dir / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace('date: "2024-03-07"', 'date: "2024-04"'), encoding="utf-8")
    figure = build_charts(_model(tiny))["timeline"]["figure"]
    (bar,) = [trace for trace in figure["data"] if trace["mode"] == "lines"]
    assert bar["x"] == ["2024-04-01", "2024-05-01"]
    assert "2024-04-15 12:00" in figure["data"][-1]["x"]  # the point sits mid-month, not on the 1st
    assert figure["layout"]["shapes"][0]["x1"] == "2024-05-01 00:00"


def test_timeline_ticks_suit_any_span(seed_copy: Project) -> None:
    axis = build_charts(_model(seed_copy))["timeline"]["figure"]["layout"]["xaxis2"]
    assert "dtick" not in axis and axis["nticks"] <= 10  # Plotly spaces the ticks for the span and the width
    formats = [stop["value"] for stop in axis["tickformatstops"]]
    assert formats[0].startswith("%a") and formats[-1] == "%Y"  # days for a week, years for a decade


@pytest.mark.parametrize(
    ("mine", "theirs", "score"),
    [
        (("supports", None), ("supports", None), 1.0),
        (("supports", None), ("conditional", None), 0.5),
        (("proposes", "Geneva"), ("supports", None), 0.5),
        (("proposes", "Geneva"), ("proposes", "Moscow"), None),  # different options: neither agreement nor opposition
        (("proposes", "Geneva"), ("opposes", "Moscow"), None),  # refusing Moscow is not opposing Geneva
        (("supports", None), ("opposes", None), 0.0),
        (("undecided", None), ("supports", None), 0.0),
    ],
)
def test_question_agreement(mine: tuple[str, str | None], theirs: tuple[str, str | None], score: float | None) -> None:
    assert question_agreement([_stance(*mine)], [_stance(*theirs)]) == score


def test_actors_who_agree_sit_together(tiny: Project) -> None:
    actors, stances = tiny.content_dir / "actors.yaml", tiny.content_dir / "stances.yaml"
    gamma = "- id: gamma\n  name: Gamma\n  kind: person\n  description: Agrees with Alpha.\n"
    actors.write_text(actors.read_text(encoding="utf-8") + gamma, encoding="utf-8")
    alpha = stances.read_text(encoding="utf-8").split("- actor: beta")[0]
    stances.write_text(stances.read_text(encoding="utf-8") + alpha.replace("actor: alpha", "actor: gamma"), encoding="utf-8")
    model = _model(tiny)
    assert [a.id for a in model.matrix_actors] == ["alpha", "beta", "gamma"]
    assert order_by_agreement(model) == ["alpha", "gamma", "beta"]


def test_specs_are_valid_plotly_and_deterministic(seed_copy: Project) -> None:
    model = _model(seed_copy)
    first, second = build_charts(model), build_charts(model)
    assert json.dumps(first) == json.dumps(second)
    for name, spec in first.items():
        go.Figure(spec["figure"])  # raises on any property plotly does not know
        assert "uid" not in json.dumps(spec["figure"]), name
        assert spec["id"].startswith("chart-") and spec["alt"] and spec["sources"] and spec["table"]["rows"]


def test_missing_data_leaves_charts_out(tiny: Project) -> None:
    for name in ("events.yaml", "figures.yaml"):
        (tiny.content_dir / name).write_text("[]\n", encoding="utf-8")
    briefing = tiny.content_dir / "briefing.yaml"
    text = briefing.read_text(encoding="utf-8").replace("      events: [quota-vote]", "      context: [quota-history]")
    briefing.write_text(text.replace("      figures: [countries-represented]\n", ""), encoding="utf-8")
    assert list(build_charts(_model(tiny))) == ["positions", "alignment"]  # the charts of positions need no events
    build(tiny)
    home = (tiny.site_dir / "index.html").read_text(encoding="utf-8")
    assert "bf-chart" not in home and not any("plotly" in src for src in _script_srcs(home))


def test_content_in_charts_is_escaped(tiny: Project) -> None:
    path = tiny.content_dir / "actors.yaml"
    hostile = "Beta </script><script>alert(1)</script> & <b>co</b>"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Minister Beta", f"name: '{hostile}'"), encoding="utf-8")
    build(tiny)
    page = (tiny.site_dir / "matrix" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "<b>co</b>" not in page
    blocks = re.findall(r'<script type="application/json" class="bf-chart-spec">(.*?)</script>', page, flags=re.DOTALL)
    figure = json.loads(blocks[0])
    assert "Beta &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;" in figure["layout"]["yaxis"]["ticktext"]
    assert "<td>Beta &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;</td>" in page


# The built site ---------------------------------------------------------------------


def test_chart_pages_load_only_the_loader_which_names_plotly_and_text_pages_load_neither(tiny_site: Path) -> None:
    for page in sorted(tiny_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        ours = [src for src in _script_srcs(html) if src.endswith((PLOTLY_JS, CHARTS_JS))]
        if 'class="bf-chart"' in html:
            up = "../" * (len(page.relative_to(tiny_site).parts) - 1)
            assert ours == [up + CHARTS_JS], page  # plotly.js is fetched by the loader, on demand
            assert f'<script src="{up}{CHARTS_JS}" data-plotly="{up}{PLOTLY_JS}" defer></script>' in html, page
            assert html.rindex('class="bf-chart"') < html.index(f'src="{ours[0]}"'), page
        else:
            assert ours == [] and "plotly" not in html, page
    pages = tiny_site.rglob("*.html")
    charted = {p.relative_to(tiny_site).as_posix() for p in pages if 'class="bf-chart"' in p.read_text(encoding="utf-8")}
    assert charted == {"matrix/index.html", "timeline/index.html", "charts/index.html"}


def test_every_chart_is_drawn_in_the_page_at_two_widths(tiny_site: Path) -> None:
    html = (tiny_site / "charts" / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure class="bf-chart" id="([^"]+)">(.*?)</figure>', html, flags=re.DOTALL)
    assert [figure_id for figure_id, _ in figures] == [chart_id(name) for name in CHARTS]
    for figure_id, body in figures:
        widths = re.findall(r'<div class="bf-chart-static bf-chart-(large|small)"><svg class="bf-svg"[^>]* viewBox="0 0 (\d+) (\d+)"', body)
        figure = json.loads(re.search(r'class="bf-chart-spec">(.*?)</script>', body, flags=re.DOTALL).group(1))
        height = figure["layout"]["height"]
        small = 480 if "bf-chart-wide" in body else 360
        assert [(size, int(w), int(h)) for size, w, h in widths] == [("large", 760, height), ("small", small, height)], figure_id
        labels = figure["layout"]["yaxis"].get("ticktext", [])
        labels += [t for trace in figure["data"] if "text" in trace.get("mode", "") for t in trace["text"]]
        drawn = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", body)
        assert labels and [label for label in labels if not set(label.split("<br>")) <= set(drawn)] == [], figure_id


def test_plotly_is_the_installed_bundle_served_once(tiny_site: Path) -> None:
    assert (tiny_site / PLOTLY_JS).read_bytes() == Path(plotly_js_path()).read_bytes()
    assert [p.name for p in tiny_site.rglob("plotly*.js")] == ["plotly.min.js"]


def test_numbers_are_readable_without_javascript(tiny_site: Path) -> None:
    html = (tiny_site / "matrix" / "index.html").read_text(encoding="utf-8")
    assert html.count("<summary>Show data</summary>") == 1
    assert "<td>Minister Alpha</td><td>Minister Beta</td><td>1</td><td>medium</td><td>differ (1 question)</td>" in html
    title = "Too little to compare: 1 of 1 pair of actors shares a single question"
    assert f'role="img" aria-label="{title}" aria-describedby="chart-alignment-alt"' in html
    assert "Source: Test Agency, 5 March 2024. As of 5 March 2024." in html


def test_no_inline_javascript(tiny_site: Path) -> None:
    for page in ("index.html", "matrix/index.html", "charts/index.html"):
        html = (tiny_site / page).read_text(encoding="utf-8")
        content = html[html.index('<article class="md-content__inner') : html.index("</article>")]
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", content, flags=re.DOTALL)
        data_types = ('type="application/json"', 'type="application/ld+json"')  # data blocks, never executed
        assert [attrs for attrs, body in scripts if body.strip() and not any(t in attrs for t in data_types)] == []


def test_the_site_check_catches_a_missing_script(tiny_site: Path, tmp_path: Path) -> None:
    site = shutil.copytree(tiny_site, tmp_path / "site")
    (site / PLOTLY_JS).unlink()
    with pytest.raises(SiteBuildError, match=r"matrix/index.html: loads ../assets/plotly.min.js, which is not in the site"):
        check_site(site)


# In Chromium ------------------------------------------------------------------------


@pytest.fixture
def tab(site_tab: Any) -> Any:
    """The shared real-site tab (see conftest): no console error, no request to another host."""
    return site_tab


@pytest.mark.parametrize("path", CHART_PAGES)
def test_charts_show_at_first_paint_and_plotly_loads_when_a_reader_points_at_one(tab: Any, path: str) -> None:
    tab.goto(tab.base + path)
    tab.wait_for_load_state("load")
    figures = tab.locator("figure.bf-chart")
    assert figures.count() > 0
    for n in range(figures.count()):
        drawing = figures.nth(n).locator(".bf-chart-large svg")
        assert drawing.is_visible() and drawing.bounding_box()["height"] > 200
        assert figures.nth(n).locator("figcaption").inner_text()
    assert [url for url in tab.requests if url.endswith(PLOTLY_JS)] == []  # nothing but the page until a reader reaches
    reach_for_charts(tab)
    for n in range(figures.count()):
        assert figures.nth(n).locator(".bf-chart-plot .main-svg").count() > 0
        assert figures.nth(n).locator(".bf-chart-static").count() == 0  # Plotly's chart replaces the drawing
    assert sum(url.endswith(PLOTLY_JS) for url in tab.requests) == 1


def test_the_charts_page_opens_with_where_the_actors_split(tab: Any) -> None:
    tab.goto(tab.base + "charts/")
    assert tab.locator("h2").first.inner_text().startswith("Where do the actors split?")
    first = tab.locator(".bf-split-row").first
    assert first.locator(".bf-split-question a").inner_text() == "Pressing Ukraine to cede territory"
    supports, opposes = first.locator(".bf-camps li").all_inner_texts()
    assert supports.startswith("+ Supports") and "Donald Trump" in supports and "Russia" in supports
    assert opposes.startswith("− Opposes") and "Friedrich Merz" in opposes and "Ukraine" in opposes
    ids = tab.locator("figure.bf-chart").evaluate_all("figures => figures.map(f => f.id)")
    assert ids == [chart_id(name) for name in CHARTS]


@pytest.mark.parametrize("path", TEXT_PAGES)
def test_text_pages_download_no_plotly(tab: Any, path: str) -> None:
    tab.goto(tab.base + path)
    tab.wait_for_load_state("load")
    assert [url for url in tab.requests if "plotly" in url or url.endswith(CHARTS_JS)] == []


_PLOTTED_LINES = """() => [...document.querySelectorAll(
    '.bf-chart-plot path.xlines-above, .bf-chart-plot path.ylines-above, .bf-chart-plot path.ticks'
)].filter(path => (path.getAttribute('d') || 'M0,0') !== 'M0,0').length"""


def test_plotly_redraws_the_charts_with_the_axis_lines_and_tick_marks_of_the_drawing(tab: Any) -> None:
    tab.goto(tab.base + "charts/")
    drawn = tab.locator(".bf-chart-large svg .bf-svg-axis").count()
    reach_for_charts(tab)
    assert drawn == tab.evaluate(_PLOTTED_LINES) == 0  # neither draws axis lines or tick marks (Plotly would, from a line colour)


def test_drawings_follow_the_theme(tab: Any) -> None:
    tab.goto(tab.base + "charts/")
    label = tab.locator("#chart-alignment .bf-chart-large .bf-svg-text").first
    before = label.evaluate("t => getComputedStyle(t).fill")
    tab.locator("form[data-md-component='palette'] label").first.click()
    tab.wait_for_function("fill => getComputedStyle(document.querySelector('#chart-alignment .bf-svg-text')).fill !== fill", arg=before)
    assert label.evaluate("t => getComputedStyle(t).fill") != before


def test_charts_follow_the_theme(tab: Any) -> None:
    tab.goto(tab.base + "charts/")
    reach_for_charts(tab)
    tick = tab.locator("#chart-alignment-plot .ytick text").first
    before = tick.evaluate("t => getComputedStyle(t).fill")
    tab.locator("form[data-md-component='palette'] label").first.click()
    tab.wait_for_function("fill => getComputedStyle(document.querySelector('#chart-alignment-plot .ytick text')).fill !== fill", arg=before)
    assert tick.evaluate("t => getComputedStyle(t).fill") != before


def test_charts_resize_with_the_window(tab: Any) -> None:
    tab.goto(tab.base + "charts/")
    reach_for_charts(tab)
    wide = tab.locator("#chart-alignment-plot .main-svg").first.evaluate("svg => svg.getBoundingClientRect().width")
    tab.set_viewport_size({"width": 390, "height": 800})
    tab.wait_for_function("w => document.querySelector('#chart-alignment-plot .main-svg').getBoundingClientRect().width < w", arg=wide)
    assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1


def test_hover_shows_the_evidence(tab: Any) -> None:
    tab.goto(tab.base + "matrix/")
    reach_for_charts(tab)
    tab.locator("#chart-alignment").scroll_into_view_if_needed()
    box = tab.locator("#chart-alignment-plot .nsewdrag").first.bounding_box()
    n = tab.locator("table.bf-matrix tbody tr").count()  # the alignment chart has one row and one column per actor of the matrix
    tab.mouse.move(box["x"] + box["width"] * 1.5 / n, box["y"] + box["height"] * 0.5 / n)  # the cell of two actors
    tab.mouse.move(box["x"] + box["width"] * 1.5 / n + 2, box["y"] + box["height"] * 0.5 / n + 2)
    hover = tab.locator("#chart-alignment-plot .hoverlayer .hovertext")
    hover.wait_for()
    text = hover.text_content()
    assert " and " in text and "shared question" in text and ("agree" in text or "differ" in text)


def test_data_tables_open_without_javascript(browser: Any, real_site: Path, serve_site: Callable[[Path], str]) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve_site(real_site) + "matrix/")
    page.locator("#chart-alignment summary").click()
    rows = page.locator("#chart-alignment table tbody tr")
    pairs = build_charts(build_model(check_content(Project.at(ROOT))))["alignment"]["table"]["rows"]
    assert rows.count() == len(pairs) > 10 and rows.first.is_visible()  # one row per pair of actors with a shared question
    context.close()


_CLIPPED_AND_COLLIDING = """([svgs, networkLabels]) => {
    const clipped = [];
    for (const svg of document.querySelectorAll(svgs)) {
        const box = svg.getBoundingClientRect();
        if (!box.width) continue;  /* the drawing for the other screen width */
        for (const text of svg.querySelectorAll('text')) {
            const r = text.getBoundingClientRect();
            if (r.width && (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1))
                clipped.push(text.textContent);
        }
    }
    const labels = [...document.querySelectorAll(networkLabels)].filter(t => t.getBoundingClientRect().width)
        .map(t => [t.textContent, t.getBoundingClientRect()]);
    const collisions = [];
    labels.forEach(([a, r], i) => labels.slice(i + 1).forEach(([b, s]) => {
        if (r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom) collisions.push(a + ' / ' + b);
    }));
    return [clipped, collisions];
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_chart_labels_are_whole_and_the_network_labels_do_not_collide(browser: Any, real_site: Path, serve_site: Any, width: int) -> None:
    tab = browser.new_page(viewport={"width": width, "height": 800})
    tab.goto(serve_site(real_site) + "charts/")
    labels = "#chart-network .bf-chart-static svg text, #chart-timeline .bf-chart-static svg text"  # the timeline's rows and titles too
    drawn = tab.evaluate(_CLIPPED_AND_COLLIDING, [".bf-chart-static svg", labels])
    reach_for_charts(tab)
    labels = "#chart-network-plot .textpoint text, #chart-timeline-plot :is(.ytick text, .annotation-text)"
    plotted = tab.evaluate(_CLIPPED_AND_COLLIDING, [".bf-chart-plot svg.main-svg", labels])
    tab.close()
    assert drawn == [[], []] and plotted == [[], []]
