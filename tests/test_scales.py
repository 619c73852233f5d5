"""The presentation scales are declared once: the stylesheet's colours are the scales module's."""

from __future__ import annotations

import re
from pathlib import Path

from generator.model.scales import CHANGE_MARKS, CONFIDENCE_SCALE, POSITION_SCALE, css_variables

CSS = Path(__file__).parent.parent / "templates" / "static" / "briefing.css"


def _declared(css: str) -> dict[str, str]:
    """The custom properties declared in the stylesheet's root rule."""
    return {name: value.strip() for name, value in re.findall(r"(--bf-[a-z-]+):\s*([^;]+);", css)}


def test_stylesheet_colours_are_the_scales_colours() -> None:
    declared = _declared(CSS.read_text(encoding="utf-8"))
    for name, colour in css_variables().items():
        assert declared.get(name, "").upper() == colour.upper(), f"{name} in briefing.css is not {colour} (generator/model/scales.py)"


def test_every_step_has_a_style_rule_that_uses_its_colour() -> None:
    css = CSS.read_text(encoding="utf-8")
    for step in POSITION_SCALE:
        assert re.search(rf"\.bf-pos-{step.value} \{{[^}}]*var\(--bf-{step.value}\)", css), step.value
    for step in CONFIDENCE_SCALE:
        assert re.search(rf"\.bf-conf-{step.value} \{{[^}}]*var\(--bf-conf-{step.value}\)", css), step.value
    for step in CHANGE_MARKS:
        assert re.search(rf"\.bf-mark-{step.value} \{{[^}}]*var\(--bf-change-{step.value}\)", css), step.value


def test_no_scale_colour_is_typed_twice_in_the_stylesheet() -> None:
    css = CSS.read_text(encoding="utf-8")
    for colour in {s.colour for s in (*POSITION_SCALE, *CONFIDENCE_SCALE)}:
        assert len(re.findall(re.escape(colour), css, flags=re.IGNORECASE)) == sum(1 for c in css_variables().values() if c == colour), (
            f"{colour} is typed outside the custom properties"
        )
