"""The static chart drawings: well-formed, faithful to the figure, in the briefing's language, and strict about what they draw."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from babel import Locale

from generator.build import check_content
from generator.model.briefing import build_model
from generator.project import Project
from generator.site.charts import build_charts
from generator.site.charts.svg import UnsupportedFigureError, check_supported, figure_svg

SVG = "{http://www.w3.org/2000/svg}"


def _charts(project: Project) -> dict[str, Any]:
    return build_charts(build_model(check_content(project)))


def _texts(svg: str) -> list[str]:
    """Every line of text of a drawing, as a reader sees it."""
    return ["".join(span.itertext()) for span in ET.fromstring(svg).iter(f"{SVG}tspan")]


def test_every_chart_of_the_seed_draws_as_well_formed_svg_with_its_labels(seed_copy: Project) -> None:
    for name, spec in _charts(seed_copy).items():
        figure = spec["figure"]
        for width in (760, 480):
            svg = figure_svg(figure, width, Locale("en"), name)
            root = ET.fromstring(svg)  # raises on anything that is not well-formed XML
            assert root.get("viewBox") == f"0 0 {width} {figure['layout']['height']}"
            texts = _texts(svg)
            labels = figure["layout"]["yaxis"].get("ticktext", [])
            ticks = [line.replace("&#x27;", "'").replace("&amp;", "&") for t in labels for line in t.split("<br>")]
            assert set(ticks) <= set(texts), name
            assert svg == figure_svg(figure, width, Locale("en"), name)  # the same figure draws the same bytes


def test_the_drawing_is_made_of_shapes_for_the_data(seed_copy: Project) -> None:
    charts = _charts(seed_copy)
    heatmap = charts["alignment"]["figure"]["data"][0]
    cells = sum(z is not None for row in heatmap["z"] for z in row)
    svg = figure_svg(charts["alignment"]["figure"], 760, Locale("en"), "a")
    assert len(re.findall(r'<rect [^>]*fill="#[0-9a-f]{6}"/>', svg)) == cells  # one coloured cell per pair with a score
    network = charts["network"]["figure"]["data"]
    nodes = len(network[-1]["x"])
    svg = figure_svg(charts["network"]["figure"], 760, Locale("en"), "n")
    assert svg.count("<circle ") == nodes and svg.count("<polygon ") == len(network[-2]["x"])  # actors, and a diamond per link


def test_content_is_text_in_the_drawing() -> None:
    figure = _figure(ticktext=["&lt;script&gt;alert(1)&lt;/script&gt; &amp; <b>co</b>"])
    svg = figure_svg(figure, 400, Locale("en"), "x")
    assert "<script" not in svg and "<b>" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in svg
    ET.fromstring(svg)


def test_date_axes_speak_the_briefings_language_and_never_crowd() -> None:
    axis = {
        "type": "date",
        "range": ["2025-08-15 00:00", "2025-08-21 00:00"],
        "nticks": 8,
        "tickformatstops": [
            {"dtickrange": [None, 518400000], "value": "%a<br>%-d %b"},
            {"dtickrange": [518400000, None], "value": "%b<br>%Y"},
        ],
    }
    figure = _figure(xaxis=axis, x=["2025-08-16 12:00"], y=[0])
    wide = _texts(figure_svg(figure, 900, Locale("fr"), "x"))
    assert "ven." in wide and "15 août" in wide and "20 août" in wide  # every day, in French
    narrow = _texts(figure_svg(figure, 200, Locale("fr"), "x"))
    days = [t for t in narrow if "août" in t]
    assert 1 <= len(days) < 6  # fewer, wider-spaced ticks where the labels would touch
    long = _figure(xaxis=axis | {"range": ["2023-01-01", "2025-06-01"]}, x=["2024-01-01"], y=[0])
    assert "2024" in _texts(figure_svg(long, 900, Locale("en"), "x"))  # months and years for a long span


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda f: f["data"][0].update(type="pie"), "data[0].type = 'pie'"),
        (lambda f: f["layout"].update(legend={"x": 1}), "layout.legend"),
        (lambda f: f["data"][0]["marker"].update(gradient={"type": "radial"}), "data[0].marker.gradient"),
        (lambda f: f["layout"]["xaxis"].update(tickformat="%d"), "layout.xaxis.tickformat"),
        (
            lambda f: f["layout"].update(shapes=[{"type": "circle", "x0": 0, "x1": 1, "y0": 0, "y1": 1, "xref": "x", "yref": "y"}]),
            "layout.shapes[0].type",
        ),
    ],
)
def test_a_feature_the_renderer_does_not_draw_is_refused_by_name(change: Any, named: str) -> None:
    figure = _figure()
    change(figure)
    with pytest.raises(UnsupportedFigureError, match=re.escape(named)):
        check_supported(figure)


def test_every_chart_uses_only_what_the_renderer_draws(seed_copy: Project) -> None:
    for spec in _charts(seed_copy).values():
        check_supported(spec["figure"])


def _figure(**parts: Any) -> dict[str, Any]:
    """A one-trace scatter figure; keyword parts replace its x axis, points or y tick labels."""
    yaxis = {"tickvals": [0], "ticktext": parts.get("ticktext", ["Row"])}
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "markers",
                "x": parts.get("x", [1]),
                "y": parts.get("y", [0]),
                "marker": {"size": 10, "color": "#0072B2"},
            }
        ],
        "layout": {
            "height": 200,
            "font": {"size": 13},
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "xaxis": parts.get("xaxis", {"range": [0, 2]}),
            "yaxis": yaxis,
        },
    }


def _bars() -> dict[str, Any]:
    """Two stacked bar traces over two categories: 2 + 1 on the first, 0 + 3 on the second."""
    bar = {"type": "bar", "orientation": "h", "y": ["a", "b"], "textposition": "inside", "insidetextanchor": "middle"}
    return {
        "data": [
            bar | {"x": [2, 0], "marker": {"color": "#0072B2"}, "text": ["+ 2", ""]},
            bar | {"x": [1, 3], "marker": {"color": "#D55E00"}, "text": ["− 1", "− 3"], "textfont": {"color": "#ffffff"}},
        ],
        "layout": {
            "height": 200,
            "font": {"size": 13},
            "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
            "barmode": "stack",
            "xaxis": {"range": [0, 3], "tickvals": [0, 1, 2, 3], "showgrid": True},
            "yaxis": {"type": "category", "tickvals": ["a", "b"], "ticktext": ["First", "Second"]},
        },
    }


def test_bars_stack_in_trace_order_with_their_text_inside() -> None:
    svg = figure_svg(_bars(), 600, Locale("en"), "b")
    bars = [
        (float(x), float(w), float(y), colour)
        for x, y, w, colour in re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="[\d.]+" fill="(#\w+)"/>', svg)
    ]
    (blue, a_red, b_red) = bars  # a zero-length bar is not drawn
    assert [bar[3] for bar in bars] == ["#0072B2", "#D55E00", "#D55E00"]
    assert a_red[0] == pytest.approx(blue[0] + blue[1], abs=0.1)  # the second trace starts where the first ends
    assert b_red[0] == pytest.approx(blue[0], abs=0.1) and b_red[1] == pytest.approx(1.5 * blue[1], abs=0.2)
    assert a_red[2] == blue[2] and b_red[2] < blue[2]  # one row per category, the first at the bottom (as Plotly)
    assert {"+ 2", "− 1", "− 3", "First", "Second", "0", "3"} <= set(_texts(svg))
    assert svg.count('class="bf-svg-grid"') == 4


def test_bar_text_that_does_not_fit_is_left_out() -> None:
    figure = _bars()
    figure["data"][1]["text"] = ["− 1 is far too long a label for its bar", "− 3"]
    assert "− 1 is far too long a label for its bar" not in _texts(figure_svg(figure, 600, Locale("en"), "b"))


def test_a_value_outside_what_a_property_allows_is_refused_by_name() -> None:
    figure = _bars()
    figure["data"][0]["orientation"] = "v"
    with pytest.raises(UnsupportedFigureError, match=re.escape("data[0].orientation = 'v'")):
        check_supported(figure)


def test_an_axis_line_is_drawn_only_when_the_axis_asks_for_one() -> None:
    assert "bf-svg-axis" not in figure_svg(_figure(), 400, Locale("en"), "x")
    lined = figure_svg(_figure(xaxis={"range": [0, 2], "showline": True}), 400, Locale("en"), "x")
    assert lined.count('class="bf-svg-axis"') == 1


def test_a_linear_axis_without_tick_labels_gets_round_ones() -> None:
    texts = _texts(figure_svg(_figure(xaxis={"range": [0, 10]}), 600, Locale("en"), "x"))
    assert [t for t in texts if t.isdigit()] == ["0", "2", "4", "6", "8", "10"]
