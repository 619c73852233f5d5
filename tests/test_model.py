"""The pure model: mentions, relations, background events, anchors and dates."""

from __future__ import annotations

from generator.build import check_content
from generator.model import build_model, format_date
from generator.project import Project
from generator.provenance import closest_passage, normalise, quote_in


def test_mentions_count_aliases_once_per_stretch(tiny: Project) -> None:
    model = build_model(check_content(tiny))
    # "ministre Alpha" (p2) and "ministers" do not count twice; Beta: "ministre Beta" in p4.
    assert model.mentions["alpha"] == {"wire-2024-03-05": 1}
    assert model.mentions["beta"] == {"wire-2024-03-05": 1}
    assert model.mentions["country-x"] == {"wire-2024-03-05": 0}


def test_background_and_covered_events(tiny: Project) -> None:
    model = build_model(check_content(tiny))
    assert [(e.id, model.is_background(e)) for e in model.events] == [("photo", True), ("geneva-talks", False)]


def test_relations_are_sentences_from_meetings_and_affiliation(tiny: Project) -> None:
    model = build_model(check_content(tiny))
    related = {r.actor: r.reasons for r in model.related["alpha"]}
    assert related["beta"] == ("Minister Alpha and Minister Beta took part in the meeting “Ministers meet in Geneva”.",)
    assert related["country-x"] == ("Minister Alpha represents Country X.",)
    # The same sentence, word for word, on the other actor's page.
    assert {r.actor: r.reasons for r in model.related["country-x"]}["alpha"] == ("Minister Alpha represents Country X.",)


def test_format_partial_dates() -> None:
    assert [format_date(d) for d in ("2014", "2025-08", "2025-08-18")] == ["2014", "August 2025", "18 August 2025"]


def test_normalisation_folds_typography_only() -> None:
    assert normalise("« C’est\u00a0inacceptable » …") == '"C\'est inacceptable" ...'
    assert quote_in("l’accord", "qu'il \"soutient l'accord\"")
    assert not quote_in("le accord", "qu'il \"soutient l'accord\"")
    assert "soutient l'accord" in closest_passage("soutient le accord", "qu'il \"soutient l'accord\" sur les quotas")
