"""Evidence strength: derived from who reports a fact and how many independent sources back it (pure).

The Method page prints ATTRIBUTION_SCALE and STRENGTH_SCALE; `assess` is the only place
that turns a stance's attributions into the strength readers see, so the two cannot drift.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..content.schema import Citation, Event, ReportedBy, ReporterKind, Stance, Strength
from ..i18n import Catalogue


@dataclass(frozen=True)
class AttributionStep:
    """One class of attribution: how it is drawn and the strength it gives on its own; its words are in the catalogues."""

    value: str
    style: str
    """How a chip of this class is drawn: solid, outlined or hatched."""
    base: Strength
    kinds: tuple[ReporterKind, ...]

    @property
    def label_key(self) -> str:
        """Catalogue key of the class's label: attribution.on_record."""
        return f"attribution.{self.value}"

    @property
    def meaning_key(self) -> str:
        """Catalogue key of what the class means."""
        return f"attribution_meaning.{self.value}"


ATTRIBUTION_SCALE: tuple[AttributionStep, ...] = (
    AttributionStep("on_record", "solid", Strength.strong, (ReporterKind.actor,)),
    AttributionStep("reported", "outlined", Strength.medium, (ReporterKind.spokesperson, ReporterKind.official, ReporterKind.outlet)),
    AttributionStep("claimed", "hatched", Strength.weak, (ReporterKind.other_actor, ReporterKind.anonymous_sources)),
)
"""Who reports a fact, from the most to the least direct; each class gives a base strength."""


@dataclass(frozen=True)
class StrengthStep:
    """One step of the evidence-strength scale; its words are in the catalogues."""

    value: Strength
    symbol: str

    @property
    def label_key(self) -> str:
        """Catalogue key of the step's label: strength.strong."""
        return f"strength.{self.value.value}"

    @property
    def meaning_key(self) -> str:
        """Catalogue key of what the step means."""
        return f"strength_meaning.{self.value.value}"


STRENGTH_SCALE: tuple[StrengthStep, ...] = (
    StrengthStep(Strength.strong, "■■■"),
    StrengthStep(Strength.medium, "■■□"),
    StrengthStep(Strength.weak, "■□□"),
)
"""Evidence strength, strongest first. Independent sources are sources from different outlets."""

STRENGTH_WEIGHT = {Strength.strong: 1.0, Strength.medium: 2 / 3, Strength.weak: 1 / 3}
"""How much a pair's agreement on one question counts in an alignment score, by the weaker side's evidence."""

CORROBORATION = 2
"""Independent sources (distinct outlets) needed to raise the base strength one step."""

_ORDER = {Strength.weak: 0, Strength.medium: 1, Strength.strong: 2}
_BY_ORDER = {n: strength for strength, n in _ORDER.items()}
_CLASS_OF = {kind: step for step in ATTRIBUTION_SCALE for kind in step.kinds}
OUTLET = ReportedBy(kind=ReporterKind.outlet)
"""The attribution of an event or figure whose record names none: the outlet's own account."""


@dataclass(frozen=True)
class Assessment:
    """The evidence strength of one stance: derived, shown, and why they differ."""

    derived: Strength
    shown: Strength
    attribution: AttributionStep
    """The class of the most direct piece of evidence: it sets the chip's style."""
    independent_sources: int
    reason: str | None
    """The curator's written reason, shown to readers, when the curated strength differs."""

    @property
    def raised(self) -> bool:
        """True when the curator raised the strength above the scale, with a written reason."""
        return _ORDER[self.shown] > _ORDER[self.derived]


def strength_step(value: Strength) -> StrengthStep:
    """Look up a strength's step on the scale."""
    return next(step for step in STRENGTH_SCALE if step.value == value)


def attribution_of(kind: ReporterKind) -> AttributionStep:
    """The attribution class of a reporter kind."""
    return _CLASS_OF[kind]


def piece_attribution(citation: Citation, default: ReportedBy) -> ReportedBy:
    """Who one citation attributes the fact to: its own `reported_by`, else the record's."""
    return citation.reported_by or default


def weakest(strengths: Iterable[Strength]) -> Strength:
    """The weakest of some strengths."""
    return min(strengths, key=_ORDER.__getitem__)


def strongest(strengths: Iterable[Strength]) -> Strength:
    """The strongest of some strengths."""
    return max(strengths, key=_ORDER.__getitem__)


def stronger(a: Strength, b: Strength) -> bool:
    """True when strength a is above strength b."""
    return _ORDER[a] > _ORDER[b]


def derive(citations: Iterable[Citation], default: ReportedBy, outlets: Mapping[str, str]) -> tuple[Strength, AttributionStep, int]:
    """Derive (strength, most direct attribution, independent sources) from a record's citations."""
    pieces = list(citations)
    best = min((attribution_of(piece_attribution(c, default).kind) for c in pieces), key=ATTRIBUTION_SCALE.index)
    independent = len({outlets.get(c.source, c.source).casefold() for c in pieces})
    level = _ORDER[best.base] + (1 if independent >= CORROBORATION else 0)
    return _BY_ORDER[min(level, _ORDER[Strength.strong])], best, independent


def assess(stance: Stance, outlets: Mapping[str, str]) -> Assessment:
    """Assess a stance: the curated strength may lower the derived one; it raises it only with a reason."""
    derived, best, independent = derive(stance.evidence, stance.reported_by, outlets)
    shown = derived
    if stance.strength is not None and (not stronger(stance.strength, derived) or stance.strength_reason):
        shown = stance.strength
    return Assessment(derived, shown, best, independent, stance.strength_reason)


def exceeds_scale(stance: Stance, outlets: Mapping[str, str]) -> Strength | None:
    """The derived strength when the curated one is above it without a written reason, else None."""
    derived, _, _ = derive(stance.evidence, stance.reported_by, outlets)
    if stance.strength is not None and stronger(stance.strength, derived) and not stance.strength_reason:
        return derived
    return None


def claimed_only(event: Event) -> bool:
    """True when only others' claims or anonymous sources report an event: its title is shown with "According to"."""
    return all(attribution_of(piece_attribution(c, event.reported_by or OUTLET).kind).value == "claimed" for c in event.citations)


def event_hedge(event: Event, names: Mapping[str, str], words: Catalogue) -> str | None:
    """The words that must precede an event's title when only others' claims or anonymous sources report it."""
    reporters = [piece_attribution(c, event.reported_by or OUTLET) for c in event.citations]
    if not claimed_only(event):
        return None
    if all(r.kind is ReporterKind.anonymous_sources for r in reporters):
        return words.text("hedge.anonymous")
    who = list(dict.fromkeys(_reporter_name(r, names, words) for r in reporters))
    return words.text("hedge.according_to", who=words.text("hedge.and").join(who))


def _reporter_name(reporter: ReportedBy, names: Mapping[str, str], words: Catalogue) -> str:
    """Name who makes a claim: the other actor, or "anonymous sources"."""
    if reporter.kind is ReporterKind.other_actor and reporter.actor:
        return names.get(reporter.actor, reporter.actor)
    return words.text("hedge.anonymous_sources" if reporter.kind is ReporterKind.anonymous_sources else "hedge.another_party")


def event_title(event: Event, names: Mapping[str, str], words: Catalogue) -> str:
    """An event's title as shown everywhere: hedged when only claims or anonymous sources report it."""
    hedge = event_hedge(event, names, words)
    return f"{hedge}{words.text('punct.colon')}{event.title}" if hedge else event.title


def event_date(event: Event, words: Catalogue) -> str:
    """An event's date as the source gives it: a day, a month, a week, a range, or about one of them ("" when undated)."""
    if event.date is None:
        return ""
    date = words.date(event.date)
    if event.date_to:
        date = words.text("timeline.range", start=date, end=words.date(event.date_to))
    elif event.week:
        date = words.text("timeline.week_of", date=date)
    return words.text("timeline.about", date=date) if event.approximate else date


def assess_pooled(stances: list[Stance], outlets: Mapping[str, str]) -> Assessment:
    """Assess several stances of one actor that agree on one question: their evidence is pooled.

    Each piece keeps its own attribution; a curated strength on any of them keeps the highest shown one.
    """
    singles = [assess(stance, outlets) for stance in stances]
    if len(singles) == 1:
        return singles[0]
    pieces = [c if c.reported_by else c.model_copy(update={"reported_by": s.reported_by}) for s in stances for c in s.evidence]
    derived, best, independent = derive(pieces, OUTLET, outlets)
    curated = any(stance.strength is not None for stance in stances)
    shown = max((single.shown for single in singles), key=_ORDER.__getitem__) if curated else derived
    reasons = "; ".join(dict.fromkeys(single.reason for single in singles if single.reason))
    return Assessment(derived, shown, best, independent, reasons or None)


@dataclass(frozen=True)
class BasisRecord:
    """One record a judgement rests on, as the confidence ceiling weighs it."""

    ref: str
    """How an editor names it: `stance actor/question`, `event id`, `figure id`, `context id`."""
    strength: Strength
    voices: frozenset[str]
    """Who speaks in it: an actor (also through a spokesperson), the outlet, or a named reporter."""


LIKELIHOOD_NEEDS = {
    "almost_no_chance": "high",
    "almost_certain": "high",
    "very_unlikely": "moderate",
    "very_likely": "moderate",
}
"""The confidence the extreme likelihood words need; the others are allowed at any confidence."""

_CONFIDENCE_ORDER = {"low": 0, "moderate": 1, "high": 2}


def voice(citation: Citation, default: ReportedBy, speaker: str | None, outlets: Mapping[str, str]) -> str:
    """Who speaks in one piece: a spokesperson speaks for the actor, the outlet for itself, others as named."""
    reporter = piece_attribution(citation, default)
    if reporter.kind in (ReporterKind.actor, ReporterKind.spokesperson) and speaker:
        return f"actor:{speaker}"
    if reporter.kind is ReporterKind.outlet:
        return f"outlet:{outlets.get(citation.source, citation.source).casefold()}"
    return f"{reporter.kind.value}:{reporter.actor or reporter.note or ''}"


def basis_record(ref: str, citations: list[Citation], default: ReportedBy, speaker: str | None, outlets: Mapping[str, str]) -> BasisRecord:
    """Weigh an event or figure named by a basis: its derived strength and its voices."""
    strength, _, _ = derive(citations, default, outlets)
    return BasisRecord(ref, strength, frozenset(voice(c, default, speaker, outlets) for c in citations))


def stance_record(ref: str, stances: list[Stance], outlets: Mapping[str, str]) -> BasisRecord:
    """Weigh the stances an `actor/question` reference names: pooled strength, every voice."""
    shown = assess_pooled(stances, outlets).shown
    voices = frozenset(voice(c, s.reported_by, s.actor, outlets) for s in stances for c in s.evidence)
    return BasisRecord(ref, shown, voices)


def confidence_ceiling(records: list[BasisRecord]) -> tuple[str, list[BasisRecord]]:
    """The highest confidence a basis allows, and the records that keep it from the next step up."""
    weak = [r for r in records if r.strength is Strength.weak]
    strong = [r for r in records if r.strength is Strength.strong]
    speakers = {v for r in strong for v in r.voices}
    if len(strong) >= 2 and len(speakers) >= 2 and not weak:
        return "high", []
    if records and 2 * (len(records) - len(weak)) >= len(records):
        return "moderate", [r for r in records if r.strength is not Strength.strong] or strong
    return "low", weak


def above(confidence: str, ceiling: str) -> bool:
    """True when a confidence is above a ceiling."""
    return _CONFIDENCE_ORDER[confidence] > _CONFIDENCE_ORDER[ceiling]


def likelihood_needs(likelihood: str) -> str:
    """The lowest confidence a likelihood word may be used at."""
    return LIKELIHOOD_NEEDS.get(likelihood, "low")
