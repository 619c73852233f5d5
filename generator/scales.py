"""The presentation scales, declared once: positions, confidence, actor and event kinds, palette, symbols.

Pages, charts and the stylesheet all read these; `tests/test_scales.py` checks that the
colours in `templates/static/briefing.css` are the ones declared here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .schema import ActorKind


@dataclass(frozen=True)
class ScaleStep:
    """One step of a documented scale: its value, label, symbol, colour and meaning."""

    value: str
    label: str
    symbol: str
    colour: str
    meaning: str


OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
"""The Okabe–Ito colour-blind-safe palette (grey for the neutral), for series that are not positions."""

BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, YELLOW, NEUTRAL = OKABE_ITO

POSITION_SCALE: tuple[ScaleStep, ...] = (
    ScaleStep("supports", "Supports", "+", BLUE, "Backs the proposition as stated."),
    ScaleStep("conditional", "Conditional", "±", SKY, "Backs it only if a stated condition is met."),
    ScaleStep("proposes", "Proposes", "◆", PINK, "Puts the option forward itself (see the option named)."),
    ScaleStep("undecided", "Undecided", "?", NEUTRAL, "Has spoken on it without taking a side."),
    ScaleStep("opposes", "Opposes", "−", VERMILION, "Rejects the proposition or the option named."),
)
"""The position scale, in display order; colours from the Okabe–Ito colour-blind-safe palette."""

POSITION_SIDE = {"supports": 1, "conditional": 1, "proposes": 1, "undecided": 0, "opposes": -1}
"""Which side of a question a position is on; positions on the same side half agree."""

CONFIDENCE_SCALE: tuple[ScaleStep, ...] = (
    ScaleStep(
        "high",
        "High confidence",
        "●●●",
        GREEN,
        "The judgement rests on strong evidence from more than one record; it could still be wrong.",
    ),
    ScaleStep(
        "moderate", "Moderate confidence", "●●○", ORANGE, "The evidence is credible but incomplete, one-sided or open to another reading."
    ),
    ScaleStep("low", "Low confidence", "●○○", NEUTRAL, "The evidence is thin, claimed by others or anonymous, or conflicting."),
)
"""The analyst's confidence in a key judgement (ICD 203), not the strength of a stance's evidence; the colour borders its badge."""

LIKELIHOOD_SCALE: tuple[ScaleStep, ...] = (
    ScaleStep("almost_no_chance", "Almost no chance", "01–05 %", NEUTRAL, "Remote."),
    ScaleStep("very_unlikely", "Very unlikely", "05–20 %", NEUTRAL, "Highly improbable."),
    ScaleStep("unlikely", "Unlikely", "20–45 %", NEUTRAL, "Improbable."),
    ScaleStep("roughly_even_chance", "Roughly even chance", "45–55 %", NEUTRAL, "Roughly even odds."),
    ScaleStep("likely", "Likely", "55–80 %", NEUTRAL, "Probable."),
    ScaleStep("very_likely", "Very likely", "80–95 %", NEUTRAL, "Highly probable."),
    ScaleStep("almost_certain", "Almost certain", "95–99 %", NEUTRAL, "Nearly certain."),
)
"""The ICD 203 likelihood words a key judgement may carry, with the probability range each stands for."""

KIND_TITLES = {
    ActorKind.person: "People",
    ActorKind.state: "States",
    ActorKind.organisation: "Organisations",
    ActorKind.coalition: "Coalitions",
    ActorKind.group: "Groups",
}
"""Section titles of the actor index, in display order."""

EVENT_KIND_COLOURS = {"meeting": BLUE, "call": SKY, "statement": PINK, "interview": ORANGE, "military": VERMILION, "other": NEUTRAL}
"""Each event kind's colour on the timeline, in the order of its rows."""

EMPTY_CELL = "·"
"""The mark of a matrix cell with no position, beside the words that say so."""


def step(scale: tuple[ScaleStep, ...], value: Enum | str) -> ScaleStep:
    """Look up a value's step on a scale."""
    key = value.value if isinstance(value, Enum) else value
    return next(s for s in scale if s.value == key)


def css_variables() -> dict[str, str]:
    """The colour custom properties the stylesheet must declare, by name."""
    return {f"--bf-{s.value}": s.colour for s in POSITION_SCALE} | {f"--bf-conf-{s.value}": s.colour for s in CONFIDENCE_SCALE}


OUTLINE = "#ffffff"
"""The ring around chart markers, so touching markers stay apart."""

REST_OF_WHOLE = "rgba(153, 153, 153, 0.35)"
"""The faint grey of the part of a whole that a share leaves over."""
