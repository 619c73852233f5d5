"""The presentation scales, declared once: positions, confidence, actor and event kinds, palette, symbols.

Pages, charts and the stylesheet all read these; `tests/test_scales.py` checks that the
colours in `templates/static/briefing.css` are the ones declared here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from ..content.schema import ActorKind


@dataclass(frozen=True)
class ScaleStep:
    """One step of a documented scale: its value, symbol and colour; its words are in the catalogues."""

    scale: str
    """The scale's name, which keys its words in the catalogues: position, confidence."""
    value: str
    symbol: str
    colour: str

    @property
    def label_key(self) -> str:
        """Catalogue key of the step's label: position.supports."""
        return f"{self.scale}.{self.value}"

    @property
    def meaning_key(self) -> str:
        """Catalogue key of what the step means: position_meaning.supports."""
        return f"{self.scale}_meaning.{self.value}"


OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999")
"""The Okabe–Ito colour-blind-safe palette (grey for the neutral), for series that are not positions."""

BLUE, ORANGE, GREEN, PINK, SKY, VERMILION, YELLOW, NEUTRAL = OKABE_ITO

POSITION_SCALE: tuple[ScaleStep, ...] = (
    ScaleStep("position", "supports", "+", BLUE),
    ScaleStep("position", "conditional", "±", SKY),
    ScaleStep("position", "proposes", "◆", PINK),
    ScaleStep("position", "undecided", "?", NEUTRAL),
    ScaleStep("position", "opposes", "−", VERMILION),
)
"""The position scale, in display order; colours from the Okabe–Ito colour-blind-safe palette."""

POSITION_SIDE = {"supports": 1, "conditional": 1, "proposes": 1, "undecided": 0, "opposes": -1}
"""Which side of a question a position is on; positions on the same side half agree."""

TOWARDS_PROPOSITION = {"supports": 2, "proposes": 2, "conditional": 1, "undecided": 0, "opposes": -1}
"""How close each position is to the proposition; a shift up this scale moves towards it (conditional → supports)."""

CHANGE_MARKS: tuple[ScaleStep, ...] = (
    ScaleStep("change_mark", "new", "✚", GREEN),
    ScaleStep("change_mark", "towards", "↗", BLUE),
    ScaleStep("change_mark", "away", "↘", VERMILION),
    ScaleStep("change_mark", "sideways", "↔", NEUTRAL),
    ScaleStep("change_mark", "withdrawn", "⊘", NEUTRAL),
)
"""How the matrix and the change lists mark what changed since an earlier edition; words in `change_mark.<value>`."""

EVIDENCE_MARKS: tuple[ScaleStep, ...] = (
    ScaleStep("evidence_mark", "stronger", "●", GREEN),
    ScaleStep("evidence_mark", "weaker", "○", NEUTRAL),
)
"""How the change lists mark a position whose evidence grew stronger (filled) or weaker (hollow) since an earlier
edition, beside the arrows of CHANGE_MARKS; words in `evidence_mark.<value>`. The shape carries the meaning, not the colour."""

CONFIDENCE_SCALE: tuple[ScaleStep, ...] = (
    ScaleStep("confidence", "high", "●●●", GREEN),
    ScaleStep("confidence", "moderate", "●●○", ORANGE),
    ScaleStep("confidence", "low", "●○○", NEUTRAL),
)
"""The analyst's confidence in a key judgement (ICD 203), not the strength of a stance's evidence; the colour borders its badge."""

LIKELIHOOD_SCALE: tuple[ScaleStep, ...] = (
    ScaleStep("likelihood", "almost_no_chance", "01–05 %", NEUTRAL),
    ScaleStep("likelihood", "very_unlikely", "05–20 %", NEUTRAL),
    ScaleStep("likelihood", "unlikely", "20–45 %", NEUTRAL),
    ScaleStep("likelihood", "roughly_even_chance", "45–55 %", NEUTRAL),
    ScaleStep("likelihood", "likely", "55–80 %", NEUTRAL),
    ScaleStep("likelihood", "very_likely", "80–95 %", NEUTRAL),
    ScaleStep("likelihood", "almost_certain", "95–99 %", NEUTRAL),
)
"""The ICD 203 likelihood words a key judgement may carry (words in the catalogues), with the probability range each stands for."""

ACTOR_KINDS: tuple[ActorKind, ...] = (ActorKind.person, ActorKind.state, ActorKind.organisation, ActorKind.coalition, ActorKind.group)
"""The actor kinds in display order; their section titles are `actor_kinds.<kind>` in the catalogues."""

EVENT_KIND_COLOURS = {"meeting": BLUE, "call": SKY, "statement": PINK, "interview": ORANGE, "military": VERMILION, "other": NEUTRAL}
"""Each event kind's colour on the timeline, in the order of its rows."""

EVENT_MARKERS = {"happened": "circle", "planned": "circle-open", "expected": "diamond-open"}
"""How the timeline draws an event by its status: what took place filled, what is ahead outlined (a circle when it is
scheduled, a diamond when only expected); the timeline list shows the same shape beside the word."""

EMPTY_CELL = "·"
"""The mark of a matrix cell with no position, beside the words that say so."""


def step(scale: tuple[ScaleStep, ...], value: Enum | str) -> ScaleStep:
    """Look up a value's step on a scale."""
    key = value.value if isinstance(value, Enum) else value
    return next(s for s in scale if s.value == key)


def css_variables() -> dict[str, str]:
    """The colour custom properties the stylesheet must declare, by name."""
    positions = {f"--bf-{s.value}": s.colour for s in POSITION_SCALE}
    return (
        positions
        | {f"--bf-conf-{s.value}": s.colour for s in CONFIDENCE_SCALE}
        | {f"--bf-change-{s.value}": s.colour for s in CHANGE_MARKS}
        | {f"--bf-evidence-{s.value}": s.colour for s in EVIDENCE_MARKS}
    )


OUTLINE = "#ffffff"
"""The ring around chart markers, so touching markers stay apart."""

REST_OF_WHOLE = "rgba(153, 153, 153, 0.35)"
"""The faint grey of the part of a whole that a share leaves over."""
