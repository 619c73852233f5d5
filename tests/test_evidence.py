"""Evidence strength is derived from attribution and independent sources; the seed holds to the Method page's scale."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import check_content
from generator.content.schema import Citation, Event, ReportedBy, ReporterKind, Stance, Strength
from generator.errors import ContentError
from generator.i18n import Catalogue
from generator.model import evidence
from generator.model.briefing import build_model
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent
OUTLETS = {"a": "Agency A", "a2": "agency a", "b": "Paper B"}


ENGLISH = Catalogue("en")
"""The English catalogue the hedges are written in."""


def _citation(source: str = "a", kind: ReporterKind | None = None) -> Citation:
    reporter = ReportedBy(kind=kind) if kind else None
    return Citation(source=source, paragraph=1, quote="q", reported_by=reporter)


def _stance(kind: ReporterKind, *citations: Citation, strength: Strength | None = None, reason: str | None = None) -> Stance:
    return Stance.model_validate(
        {
            "actor": "x",
            "topic": "t",
            "position": "supports",
            "summary": "s",
            "evidence": [c.model_dump(exclude_none=True) for c in citations] or [{"source": "a", "paragraph": 1, "quote": "q"}],
            "reported_by": {"kind": kind.value},
            "strength": strength,
            "strength_reason": reason,
        }
    )


@pytest.mark.parametrize(
    ("kind", "strength", "style"),
    [
        (ReporterKind.actor, Strength.strong, "solid"),
        (ReporterKind.spokesperson, Strength.medium, "outlined"),
        (ReporterKind.official, Strength.medium, "outlined"),
        (ReporterKind.outlet, Strength.medium, "outlined"),
        (ReporterKind.other_actor, Strength.weak, "hatched"),
        (ReporterKind.anonymous_sources, Strength.weak, "hatched"),
    ],
)
def test_one_source_gives_the_attributions_base_strength(kind: ReporterKind, strength: Strength, style: str) -> None:
    assessment = evidence.assess(_stance(kind), OUTLETS)
    assert (assessment.shown, assessment.derived, assessment.attribution.style, assessment.independent_sources) == (
        strength,
        strength,
        style,
        1,
    )


def test_two_independent_outlets_raise_one_step_and_one_outlet_twice_does_not() -> None:
    two_outlets = _stance(ReporterKind.anonymous_sources, _citation("a"), _citation("b"))
    same_outlet = _stance(ReporterKind.anonymous_sources, _citation("a"), _citation("a2"))  # same outlet, other case
    assert evidence.assess(two_outlets, OUTLETS).shown is Strength.medium
    assert evidence.assess(same_outlet, OUTLETS).shown is Strength.weak
    assert evidence.assess(_stance(ReporterKind.outlet, _citation("a"), _citation("b")), OUTLETS).shown is Strength.strong
    assert evidence.assess(_stance(ReporterKind.actor, _citation("a"), _citation("b")), OUTLETS).shown is Strength.strong


def test_the_most_direct_piece_sets_strength_and_chip_style() -> None:
    mixed = _stance(ReporterKind.outlet, _citation("a"), _citation("a", ReporterKind.spokesperson), _citation("a", ReporterKind.actor))
    assessment = evidence.assess(mixed, OUTLETS)
    assert (assessment.shown, assessment.attribution.value) == (Strength.strong, "on_record")


def test_curated_strength_lowers_freely_and_raises_only_with_a_reason() -> None:
    lowered = evidence.assess(_stance(ReporterKind.actor, strength=Strength.weak), OUTLETS)
    assert (lowered.shown, lowered.raised) == (Strength.weak, False)
    assert evidence.exceeds_scale(_stance(ReporterKind.anonymous_sources, strength=Strength.medium), OUTLETS) is Strength.weak
    unjustified = evidence.assess(_stance(ReporterKind.anonymous_sources, strength=Strength.strong), OUTLETS)
    assert unjustified.shown is Strength.weak  # never shown above the scale without a reason
    justified = evidence.assess(_stance(ReporterKind.anonymous_sources, strength=Strength.medium, reason="Confirmed by video."), OUTLETS)
    assert (justified.shown, justified.raised, justified.reason) == (Strength.medium, True, "Confirmed by video.")


def _event(reported_by: dict[str, str] | None, *citation_kinds: str | None) -> Event:
    citations = [
        {"source": "a", "paragraph": 1, "quote": "q", **({"reported_by": {"kind": k}} if k else {})} for k in citation_kinds or (None,)
    ]
    data = {"id": "e", "date": "2025", "kind": "call", "title": "Putin proposes Moscow", "citations": citations}
    return Event.model_validate(data | ({"reported_by": reported_by} if reported_by else {}))


def test_event_titles_keep_the_hedge_of_their_attribution() -> None:
    names = {"trump": "Donald Trump"}
    assert (
        evidence.event_title(_event({"kind": "anonymous_sources"}), names, ENGLISH)
        == "According to anonymous sources: Putin proposes Moscow"
    )
    assert (
        evidence.event_title(_event({"kind": "other_actor", "actor": "trump"}), names, ENGLISH)
        == "According to Donald Trump: Putin proposes Moscow"
    )
    assert evidence.event_title(_event(None), names, ENGLISH) == "Putin proposes Moscow"  # the outlet's own account
    # One citation on the record lifts the hedge; all claimed keeps it.
    assert evidence.event_title(_event({"kind": "anonymous_sources"}, None, "actor"), names, ENGLISH) == "Putin proposes Moscow"
    assert evidence.event_title(_event(None, "anonymous_sources", "anonymous_sources"), names, ENGLISH).startswith(
        "According to anonymous sources"
    )


def test_seed_stances_hold_to_the_method_scale_without_overrides() -> None:
    content = check_content(Project.at(ROOT))
    model = build_model(content)
    assert [s for s in content.stances if s.strength is not None or s.strength_reason] == []
    for stance in model.stances:
        assessment = model.strength(stance)
        assert assessment.shown == assessment.derived
        # One source: nothing may be shown above what its most direct piece allows on its own.
        allowed = [evidence.attribution_of((c.reported_by or stance.reported_by).kind).base for c in stance.evidence]
        assert not any(evidence.stronger(assessment.shown, a) for a in allowed if all(not evidence.stronger(b, a) for b in allowed))
    shown = {(s.actor, s.topic, s.option): model.strength(s).shown.value for s in model.stances}
    # Lines the review found overstated: anonymous sources and another actor's claim are weak, the outlet's account medium.
    assert shown[("vladimir-putin", "summit-venue", "Moscow")] == "weak"
    assert shown[("volodymyr-zelensky", "summit-venue", "Moscow")] == "weak"
    assert shown[("vladimir-putin", "leaders-summit", None)] == "weak"
    assert shown[("russia", "territorial-concessions", None)] == "medium"
    assert shown[("ukraine", "renewed-invasion-risk", None)] == "medium"
    assert shown[("donald-trump", "territorial-concessions", None)] == "medium"


def test_seed_judgements_and_takeaways_name_their_basis() -> None:
    briefing = check_content(Project.at(ROOT)).briefing
    assert 1 <= len(briefing.bluf) <= 5
    for item in [*briefing.bluf, *briefing.key_judgements]:
        basis = item.based_on
        assert basis.stances or basis.events or basis.figures or basis.context, item.text


def test_seed_anonymous_event_title_is_hedged() -> None:
    model = build_model(check_content(Project.at(ROOT)))
    titles = {e.id: model.event_title(e) for e in model.events + model.undated_events}
    assert titles["putin-trump-call"].startswith("According to anonymous sources: ")
    assert titles["putin-zelensky-summit"].startswith("According to Participants in the White House meetings: ")
    assert titles["trump-offers-air-support"] == (
        "Trump says the US is ready to provide air support in the event of a peace deal, rules out soldiers on the ground"
    )


def test_raising_strength_without_a_reason_fails_at_its_position(tiny: Project) -> None:
    path = tiny.content_dir / "stances.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('  date: "2024-03-04"\n', '  date: "2024-03-04"\n  strength: strong\n', 1),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as caught:
        check_content(tiny)
    (problem,) = [str(p) for p in caught.value.problems]
    assert problem.endswith(
        "stances.yaml:14:13: stances[0].strength: [strength-above-scale] strength 'strong' is above what its attribution allows"
        " ('medium', see the Method page's scale)\n"
        "    fix: set strength: medium (or remove it), or add strength_reason: with why readers should trust it more"
    )
    path.write_text(
        path.read_text(encoding="utf-8").replace("  strength: strong\n", "  strength: strong\n  strength_reason: Seen on video.\n"),
        encoding="utf-8",
    )
    model = build_model(check_content(tiny))
    assessment = model.strength(model.stances[0])
    assert (assessment.shown, assessment.raised, assessment.reason) == (Strength.strong, True, "Seen on video.")
