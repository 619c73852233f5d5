"""The timeline as a reader reads it on screen and on paper (issue 23): one label per event, what is ahead drawn
unlike what took place (on the chart, in Plotly's redraw, in the key and in the timeline list)."""

from __future__ import annotations

import html
import itertools
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel import Locale
from conftest import make_project, reach_for_charts

from generator.build import PDF_NAME, build, plan
from generator.content.validate import check_content
from generator.model.briefing import BriefingModel, build_model
from generator.project import Project
from generator.site.charts import build_charts
from generator.site.charts.svg import LARGE_WIDTH, LINE_HEIGHT, figure_svg
from generator.site.charts.timeline import event_label

SVG = "{http://www.w3.org/2000/svg}"

EXPECTED_SUMMIT = """- id: summit
  date: "2024-03-07"
  status: expected
  kind: meeting
  actors: [alpha, beta]
  title: A summit of the two ministers and their deputies, expected by the agency once the quota vote is over
  citations:
    - source: wire-2024-03-05
      paragraph: 5
      quote: Le vote est prévu jeudi.
      translation: The vote is due on Thursday.
"""
"""An expected event with a title too long for its row, beside the tiny fixture's planned vote."""


def _with_summit(project: Project) -> Project:
    """The tiny briefing with an expected summit on the day of the planned vote."""
    with (project.content_dir / "events.yaml").open("a", encoding="utf-8") as events:
        events.write(EXPECTED_SUMMIT)
    return project


def _model(project: Project) -> BriefingModel:
    return build_model(check_content(project))


def _plain(label: str) -> str:
    """A label as the drawing's text reads: its lines run together, entities decoded."""
    return html.unescape(label.replace("<br>", ""))


def test_each_event_has_one_label_and_what_is_ahead_is_drawn_outlined(tiny: Project) -> None:
    model = _model(_with_summit(tiny))
    spec = build_charts(model)["timeline"]
    drawing = ET.fromstring(figure_svg(spec["figure"], LARGE_WIDTH, Locale("en"), "t"))
    texts = ["".join(text.itertext()) for text in drawing.iter(f"{SVG}text")]
    labels = [event_label(model.event_title(e)) for e in model.events]
    assert [_plain(label) for label in labels if texts.count(_plain(label)) != 1] == []
    summit = labels[-1]
    assert summit.count("<br>") == 1 and summit.endswith("…") and len(summit) < 70  # two short lines, ellipsised
    # Filled once it took place; outlined while ahead: a circle when planned, a diamond when expected.
    filled = [el.tag for el in drawing.iter() if el.tag in (f"{SVG}circle", f"{SVG}polygon") and el.get("fill") != "none"]
    outlined = [el.tag for el in drawing.iter() if el.tag in (f"{SVG}circle", f"{SVG}polygon") and el.get("fill") == "none"]
    assert filled == [f"{SVG}circle"] * 2  # the photo and the Geneva talks
    assert sorted(outlined) == [f"{SVG}circle", f"{SVG}polygon"]  # the planned vote, the expected summit
    (dashed,) = [line for line in drawing.iter(f"{SVG}line") if line.get("stroke-dasharray")]  # where what is ahead starts
    assert dashed.get("x1") == dashed.get("x2")


def test_labels_sit_a_row_apart_so_they_never_collide(seed_copy: Project) -> None:
    spec = build_charts(_model(seed_copy))["timeline"]
    drawing = ET.fromstring(figure_svg(spec["figure"], LARGE_WIDTH, Locale("en"), "t"))
    rows = {_plain(row) for row in spec["figure"]["layout"]["yaxis"]["ticktext"]}
    font, step = 13, 13 * LINE_HEIGHT  # the chart's font size and line spacing
    spans = sorted(  # each label's top and bottom: from its first baseline less a font size to its last baseline
        (y - font, y + (len(text.findall(f"{SVG}tspan")) - 1) * step)
        for text in drawing.iter(f"{SVG}text")
        if "".join(text.itertext()) in rows
        for y in [float(text.get("transform", "").split()[1].rstrip(")"))]
    )
    assert len(spans) == len(rows) == len([e for e in _model(seed_copy).events if e.date])
    assert all(above[1] < below[0] for above, below in itertools.pairwise(spans)), spans


def test_the_caption_says_only_what_is_drawn(tiny: Project) -> None:
    caption = build_charts(_model(tiny))["timeline"]["caption"]
    assert "outlined one is still ahead" in caption and "dashed line" in caption  # the planned vote, after the as-of date
    assert "to the month" not in caption  # no month-only date in the tiny briefing
    events = tiny.content_dir / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("  status: planned\n", ""), encoding="utf-8")
    caption = build_charts(_model(tiny))["timeline"]["caption"]
    assert "outlined" not in caption


def test_the_key_names_each_marker_drawn(tiny: Project) -> None:
    key = build_charts(_model(_with_summit(tiny)))["timeline"]["key"]
    assert [(entry["symbol"], entry["label"]) for entry in key] == [
        ("circle", "took place"),
        ("circle-open", "planned (scheduled)"),
        ("diamond-open", "expected (announced, not fixed)"),
        ("circle", "Meeting"),
        ("circle", "Other"),
        ("ahead", "Ahead: after the as-of date, 5 March 2024"),
    ]


# In Chromium -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ahead_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny briefing with a planned vote and an expected summit ahead of its as-of date, built strictly."""
    project = _with_summit(make_project(tmp_path_factory.mktemp("ahead")))
    build(project, strict=True)
    return project.site_dir


_MARKERS = """(points) => [...document.querySelectorAll(points)]
  .map(p => getComputedStyle(p).fill === 'none' ? 'outlined' : 'filled')"""

_LABELS = """(texts) => [...document.querySelectorAll(texts)].map(t => t.textContent)"""


def test_plotly_redraws_the_labels_and_markers_of_the_drawing(browser: Any, ahead_site: Path, serve_site: Any) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.goto(serve_site(ahead_site) + "timeline/")
    shapes = "#chart-timeline .bf-chart-large svg :is(circle, polygon)"
    drawn = (tab.evaluate(_MARKERS, shapes), tab.evaluate(_LABELS, "#chart-timeline .bf-chart-large svg text"))
    key = tab.locator("#chart-timeline .bf-chart-key li").all_inner_texts()
    reach_for_charts(tab)
    points, rows = "#chart-timeline-plot .scatterlayer path.point", "#chart-timeline-plot .ytick text"
    plotted = (tab.evaluate(_MARKERS, points), tab.evaluate(_LABELS, rows))
    tab.close()
    assert sorted(drawn[0]) == sorted(plotted[0]) == ["filled", "filled", "outlined", "outlined"]
    assert plotted[1] and set(plotted[1]) <= set(drawn[1])  # every row label Plotly writes, the drawing wrote
    assert [entry.strip() for entry in key][:3] == ["took place", "planned (scheduled)", "expected (announced, not fixed)"]


_STATUS_MARKS = """() => {
  const luminance = (rgb) => {
    const [r, g, b] = rgb.match(/[\\d.]+/g).slice(0, 3).map(Number).map(c => c / 255)
      .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    for (; el; el = el.parentElement) {
      const colour = getComputedStyle(el).backgroundColor;
      if (colour && !/rgba\\(.*, 0\\)$/.test(colour) && colour !== 'transparent') return colour;
    }
    return 'rgb(255, 255, 255)';
  };
  return [...document.querySelectorAll('.bf-event-status-planned, .bf-event-status-expected')]
    .filter(el => el.getClientRects().length)
    .map(el => {
      const [a, b] = [luminance(getComputedStyle(el).color), luminance(background(el))];
      const icon = el.querySelector('svg.bf-key-icon :is(circle, polygon)');
      return {
        status: el.className.match(/bf-event-status-(planned|expected)/)[1],
        word: el.textContent.trim(),
        size: parseFloat(getComputedStyle(el).fontSize),
        contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
        shape: icon ? icon.tagName + (getComputedStyle(icon).fill === 'none' ? '-open' : '') : null,
      };
    });
}"""


@pytest.fixture(params=["light", "dark"])
def scheme_tab(request: Any, browser: Any, real_site: Path, serve_site: Any) -> Iterator[Any]:
    """A tab of the real site in a light or a dark scheme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    tab = context.new_page()
    tab.base = serve_site(real_site)
    yield tab
    context.close()


def test_the_timeline_list_marks_what_is_ahead_with_the_charts_shape_and_a_readable_word(scheme_tab: Any) -> None:
    scheme_tab.goto(scheme_tab.base + "timeline/")
    marks = scheme_tab.evaluate(_STATUS_MARKS)
    shapes = {"planned": "circle-open", "expected": "polygon-open"}  # as the chart draws them (EVENT_MARKERS)
    assert sorted(m["status"] for m in marks) == ["expected", "expected", "planned"]  # the seed's three events ahead
    for mark in marks:
        assert mark["shape"] == shapes[mark["status"]] and mark["word"] == mark["status"], mark
        assert mark["size"] >= 12 and mark["contrast"] >= 4.5, mark


def test_the_printed_timeline_annex_marks_what_is_ahead_as_the_chart_does(tiny: Project) -> None:
    _, site_plan = plan(_with_summit(tiny), pdf_name=PDF_NAME)  # the print page is made only for the PDF
    (printed,) = [page.markdown for page in site_plan.pages if page.path == "print.md"]
    annex = printed[printed.index('<table class="bf-register bf-events">') :]
    planned = annex[annex.index('<tr id="quota-vote"') :].split("</tr>")[0]
    expected = annex[annex.index('<tr id="summit"') :].split("</tr>")[0]
    assert '<circle cx="8" cy="8" r="6" fill="none"' in planned and "planned</span>" in planned
    assert '<polygon points="8,2 14,8 8,14 2,8" fill="none"' in expected and "expected</span>" in expected


def test_an_approximate_date_stays_marked_in_the_charts_hover_and_table(tiny: Project) -> None:
    events = tiny.content_dir / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("  place: Geneva\n", "  place: Geneva\n  approximate: true\n"), encoding="utf-8")
    spec = build_charts(_model(tiny))["timeline"]
    (talks,) = [row for row in spec["table"]["rows"] if row[1] == "Ministers meet in Geneva"]
    assert talks[0] == "about 5 March 2024"
    assert any("<br>about 5 March 2024 · Geneva<br>" in hover for trace in spec["figure"]["data"] for hover in trace.get("hovertext", []))


def test_a_long_timeline_draws_its_latest_events_and_says_so(tiny: Project) -> None:
    from generator.site.charts.kit import CHART_MAX_EVENTS

    extra = "".join(
        f'- id: call-{n}\n  date: "2024-03-04"\n  kind: call\n  title: Call number {n}\n'
        "  citations:\n    - source: wire-2024-03-05\n      paragraph: 5\n      quote: Le vote est prévu jeudi.\n"
        "      translation: The vote is due on Thursday.\n"
        for n in range(CHART_MAX_EVENTS)
    )
    with (tiny.content_dir / "events.yaml").open("a", encoding="utf-8") as events:
        events.write(extra)
    model = _model(tiny)
    spec = build_charts(model)["timeline"]
    dated = [e for e in model.events if e.date]
    assert len(spec["figure"]["layout"]["yaxis"]["ticktext"]) == CHART_MAX_EVENTS < len(dated)
    assert spec["figure"]["layout"]["yaxis"]["ticktext"][-1] == "Vote on the quota deal"  # what lies ahead is kept
    assert f"It draws the latest {CHART_MAX_EVENTS} of the {len(dated)} dated events" in spec["caption"]
    assert len(spec["table"]["rows"]) == len(model.events)
