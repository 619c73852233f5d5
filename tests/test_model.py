"""The pure model: mentions, relations, background events, anchors and dates."""

from __future__ import annotations

from generator.build import check_content
from generator.content.provenance import closest_passage, normalise, quote_in
from generator.i18n import Catalogue
from generator.model.briefing import build_model
from generator.project import Project
from generator.site.pages.common import reason_text
from generator.site.pages.routes import stance_anchors


def test_mentions_count_aliases_once_per_stretch(tiny: Project) -> None:
    model = build_model(check_content(tiny))
    # "ministre Alpha" (p2) and "ministers" do not count twice; Beta: "ministre Beta" in p4; both again in p5.
    assert model.mentions["alpha"] == {"wire-2024-03-05": 2}
    assert model.mentions["beta"] == {"wire-2024-03-05": 3}
    assert model.mentions["country-x"] == {"wire-2024-03-05": 0}


def test_background_and_covered_events(tiny: Project) -> None:
    model = build_model(check_content(tiny))
    assert [(e.id, model.is_background(e)) for e in model.events] == [("photo", True), ("geneva-talks", False), ("quota-vote", False)]
    assert [e.id for e in model.undated_events] == ["earlier-contact"]


def test_relations_are_sentences_from_meetings_and_affiliation(tiny: Project) -> None:
    model = build_model(check_content(tiny))
    related = {r.actor: r.reasons for r in model.related["alpha"]}
    english, french = Catalogue("en"), Catalogue("fr")
    # The call only anonymous sources report keeps its hedge here too.
    assert [reason_text(english, r) for r in related["beta"]] == [
        "Minister Alpha and Minister Beta took part in the meeting “Ministers meet in Geneva”.",
        "Minister Alpha and Minister Beta took part in the call “According to anonymous sources: Alpha and Beta talked”.",
    ]
    assert [reason_text(english, r) for r in related["country-x"]] == ["Minister Alpha represents Country X."]
    # The same sentence, word for word, on the other actor's page; in French from the French catalogue.
    (tie,) = {r.actor: r.reasons for r in model.related["country-x"]}["alpha"]
    assert tie == related["country-x"][0]
    assert reason_text(french, tie) == "Minister Alpha représente Country X."


def test_format_partial_dates() -> None:
    assert [Catalogue("en").date(d) for d in ("2014", "2025-08", "2025-08-18")] == ["2014", "August 2025", "18 August 2025"]


def test_normalisation_folds_typography_only() -> None:
    assert normalise("« C’est\u00a0inacceptable » …") == '"C\'est inacceptable" ...'
    assert quote_in("l’accord", "qu'il \"soutient l'accord\"")
    assert not quote_in("le accord", "qu'il \"soutient l'accord\"")
    assert "soutient l'accord" in closest_passage("soutient le accord", "qu'il \"soutient l'accord\" sur les quotas")


def test_a_joint_stance_fills_every_holders_cell_naming_the_others(tiny: Project) -> None:
    path = tiny.content_dir / "stances.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("- actor: alpha\n", "- actor: alpha\n  joint_with: [country-x]\n", 1), encoding="utf-8"
    )
    model = build_model(check_content(tiny))
    (joint,) = model.cell("country-x", "quota-deal")
    (own,) = model.cell("alpha", "quota-deal")
    assert (joint.actor, joint.joint_with, own.joint_with) == ("country-x", ["alpha"], ["country-x"])
    assert joint.evidence == own.evidence
    assert stance_anchors(model.stances)[joint.key] == ("quota-deal", "country-x") and model.strength(joint).shown.value == "medium"


def test_what_to_watch_lists_planned_and_expected_events_still_ahead(tiny: Project) -> None:
    path = tiny.content_dir / "events.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  when: recently\n  kind: call\n", "  when: in the coming weeks\n  status: expected\n  kind: call\n"
    )
    path.write_text(
        text.replace('- id: photo\n  date: "2024-03-03"\n', '- id: photo\n  date: "2024-03-03"\n  status: planned\n'), encoding="utf-8"
    )
    model = build_model(check_content(tiny))
    # The planned photo of 3 March is before the as-of date (5 March): no longer something to watch.
    assert [e.id for e in model.watch] == ["quota-vote", "earlier-contact"]


def test_subjects_see_the_event_but_are_not_linked_as_having_met(tiny: Project) -> None:
    path = tiny.content_dir / "events.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("  actors: [alpha, beta]\n  title: Ministers meet", "  actors: [alpha]\n  subjects: [beta]\n  title: Ministers meet"),
        encoding="utf-8",
    )
    model = build_model(check_content(tiny))
    assert "geneva-talks" in [e.id for e in model.events_by_actor["beta"]]
    assert all("Ministers meet in Geneva" not in reason for r in model.related.get("beta", []) for reason in r.reasons)
