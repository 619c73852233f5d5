"""Judgements are held to their evidence, and hedges travel with it: the confidence ceiling, the likelihood
word, the `hedged` mark and the `[hedge-dropped]` warning, each with its exact message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build import PDF_NAME, build, plan
from generator.content.validate import check_content
from generator.errors import ContentError
from generator.model import hedges
from generator.model.briefing import build_model
from generator.project import Project

ROOT = Path(__file__).resolve().parent.parent


def _edit(project: Project, name: str, old: str, new: str) -> None:
    path = project.content_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(project: Project) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check_content(project)
    return [str(p).split("content/", 1)[1] for p in caught.value.problems]


@pytest.mark.parametrize(
    ("text", "language", "marker"),
    [
        ("Le président français semble penser la même chose", "fr", "semble"),
        ("en cas d'accord de paix avec la Russie", "fr", "en cas d'"),
        ("en cas d’accord de paix", "fr", "en cas d'"),
        ("Si une rencontre bilatérale se passe bien", "fr", "Si"),
        ("Washington, comme les Européens, aussi", "fr", None),  # "si" inside "aussi" is no condition
        ("Trump offered air support", "en", None),
        ("Trump offered air support if a deal is signed", "en", "if"),
        ("Trump semble prêt", "xx", None),  # a language without a list has no markers, not English ones
    ],
)
def test_markers_are_whole_words_of_the_sources_language(text: str, language: str, marker: str | None) -> None:
    assert hedges.find_marker(text, language) == marker


def test_confidence_above_its_basis_fails_naming_the_records_that_cap_it(tiny: Project) -> None:
    _edit(tiny, "briefing.yaml", "    confidence: moderate\n", "    confidence: high\n")
    assert _problems(tiny) == [
        "briefing.yaml:15:17: briefing.key_judgements[0].confidence: [confidence-above-evidence] confidence 'high' is above"
        " what its basis allows ('moderate', see the Method page); capped by: figure countries-represented, context quota-history\n"
        "    fix: set confidence: moderate, or add confidence_reason: with why readers should trust it more"
    ]


def test_a_written_confidence_reason_lifts_the_ceiling_and_is_shown_with_the_label(tiny: Project) -> None:
    _edit(
        tiny, "briefing.yaml", "    confidence: moderate\n", "    confidence: high\n    confidence_reason: Beta said so twice on camera.\n"
    )
    build(tiny, strict=True)
    home = (tiny.site_dir / "index.html").read_text(encoding="utf-8")
    assert '<p class="bf-confidence-reason">Confidence above its basis, by the desk: Beta said so twice on camera.</p>' in home


def test_mostly_weak_basis_caps_confidence_at_low(tiny: Project) -> None:
    _edit(
        tiny,
        "briefing.yaml",
        "      stances: [beta/quota-deal]\n      figures: [countries-represented]\n      context: [quota-history]\n",
        "      events: [earlier-contact]\n",
    )
    assert _problems(tiny) == [
        "briefing.yaml:15:17: briefing.key_judgements[0].confidence: [confidence-above-evidence] confidence 'moderate' is above"
        " what its basis allows ('low', see the Method page); capped by: event earlier-contact\n"
        "    fix: set confidence: low, or add confidence_reason: with why readers should trust it more"
    ]


def test_a_likelihood_word_above_the_confidence_is_refused(tiny: Project) -> None:
    _edit(tiny, "briefing.yaml", "    likelihood: likely\n", "    likelihood: almost_certain\n")
    assert _problems(tiny) == [
        "briefing.yaml:16:17: briefing.key_judgements[0].likelihood: [likelihood-above-confidence] likelihood 'almost_certain'"
        " needs high confidence; the judgement's confidence is 'moderate'\n"
        "    fix: choose a less extreme likelihood word, or remove it"
    ]


HEDGED_QUOTE = r"""qu'il \"soutient l'accord\" sur les quotas, selon un porte-parole"""


def test_a_dropped_hedge_warns_at_every_record_resting_on_it_and_fails_strict_builds(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", """quote: qu'il "soutient l'accord\"""", f'quote: "{HEDGED_QUOTE}"')
    warnings = [str(w).split("content/", 1)[1] for w in check_content(tiny).warnings]
    fix = (
        "    fix: keep the hedge or condition in the words (could, appears, if, in the event of, according to…),"
        " or add hedge_checked: true once a person has checked it"
    )
    assert warnings == [
        "briefing.yaml:7:11: briefing.bluf[0].text: [hedge-dropped] the cited passage says “selon”, and these words state it"
        " without any hedge or condition\n" + fix,
        "stances.yaml:4:12: stances[0].summary: [hedge-dropped] the cited passage says “selon”, and these words state it"
        " without any hedge or condition\n" + fix,
    ]
    with pytest.raises(ContentError, match=r"\[hedge-dropped\]"):
        build(tiny, strict=True)
    assert not tiny.site_dir.exists()  # nothing was written
    build(tiny, strict=False)  # a non-strict build shows the warnings and goes on


def test_hedge_checked_or_a_hedge_word_keeps_the_build_quiet(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", """quote: qu'il "soutient l'accord\"""", f'quote: "{HEDGED_QUOTE}"')
    _edit(
        tiny, "stances.yaml", "  summary: Alpha supports the deal.\n", "  summary: According to a spokesperson, Alpha supports the deal.\n"
    )
    _edit(
        tiny,
        "briefing.yaml",
        "      stances: [alpha/quota-deal, beta/quota-deal]\n",
        "      stances: [alpha/quota-deal, beta/quota-deal]\n    hedge_checked: true\n",
    )
    assert check_content(tiny).warnings == []
    build(tiny, strict=True)
    page = (tiny.site_dir / "actors" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert (
        'class="bf-hedged" title="The cited passage carries a hedge or condition (“selon”): it is not stated flat.">hedged <q>selon</q>'
        in page
    )


def test_the_seed_passes_the_rules_with_its_hedges_marked(real_site: Path) -> None:
    content = check_content(Project.at(ROOT))
    assert content.warnings == []
    assert [j.confidence.value for j in content.briefing.key_judgements] == ["moderate", "moderate", "low", "moderate", "moderate"]
    model = build_model(content)
    marks = {f"{s.actor}/{s.topic}": model.hedge(s) for s in model.content.stances}
    assert marks["emmanuel-macron/renewed-invasion-risk"] == "semble"
    assert marks["donald-trump/us-air-support"] == "en cas d'"
    question = (real_site / "questions" / "renewed-invasion-risk" / "index.html").read_text(encoding="utf-8")
    assert "hedged <q>semble</q>" in question


def test_a_piece_with_its_own_reporter_and_no_date_is_shown_undated(real_site: Path) -> None:
    page = (real_site / "questions" / "us-ground-troops" / "index.html").read_text(encoding="utf-8")
    dates = [line.split("</span>")[-1] for line in page.splitlines() if line.startswith('<p class="bf-reported">')]
    assert dates == [" · 19 August 2025</p>", " · undated</p>"]


def test_an_expected_event_past_its_date_without_outcome_warns(tiny: Project) -> None:
    _edit(tiny, "briefing.yaml", "as_of: 2024-03-05\n", "as_of: 2024-03-08\n")
    _edit(tiny, "briefing.yaml", "  end: 2024-03-05\n", "  end: 2024-03-08\n")
    warnings = [str(w).split("content/", 1)[1] for w in check_content(tiny).warnings]
    assert warnings == [
        "events.yaml:28:11: events[2].status: [outcome-missing] the event was planned for 2024-03-07, before the briefing's"
        " as_of (2024-03-08), and has no outcome\n"
        "    fix: add outcome: happened, postponed, cancelled or not_reported"
    ]
    _edit(tiny, "events.yaml", "  status: planned\n", "  status: planned\n  outcome: postponed\n")
    assert check_content(tiny).warnings == []
    build(tiny, strict=True)
    timeline = (tiny.site_dir / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'planned</span> <span class="bf-outcome">postponed</span>' in timeline


def test_an_outcome_on_an_event_that_happened_is_refused(tiny: Project) -> None:
    _edit(tiny, "events.yaml", "  place: Geneva\n", "  place: Geneva\n  outcome: cancelled\n")
    assert _problems(tiny) == [
        "events.yaml:6:12: events[0].outcome: [outcome-on-happened] 'outcome' says what became of a planned or expected event,"
        " and this one has status 'happened'\n"
        "    fix: remove 'outcome', or set status: planned or expected"
    ]


def test_a_planned_meeting_links_no_one_until_it_took_place(tiny: Project) -> None:
    from generator.site.charts.network import meeting_links

    _edit(tiny, "events.yaml", "  status: planned\n  kind: other\n", "  status: planned\n  kind: meeting\n  actors: [alpha, beta]\n")
    model = build_model(check_content(tiny))
    assert meeting_links(model)[("alpha", "beta")] == ["geneva-talks"]
    assert [r.actor for r in model.related["alpha"]].count("beta") == 1
    _edit(tiny, "events.yaml", "  status: planned\n", "  status: planned\n  outcome: happened\n")
    assert meeting_links(build_model(check_content(tiny)))[("alpha", "beta")] == ["geneva-talks", "quota-vote"]


def test_the_reasoning_behind_an_inferred_date_is_shown_where_inferred_is(real_site: Path) -> None:
    page = (real_site / "sources" / "index.html").read_text(encoding="utf-8")
    assert '<span class="bf-tag">inferred</span> <span class="bf-published-note">The dispatch carries no date line.' in page


def test_one_count_of_actors_per_position_everywhere(real_site: Path) -> None:
    from generator.site.charts.positions import _tally
    from generator.site.pages.questions import position_groups

    model = build_model(check_content(Project.at(ROOT)))
    sides = model.sides("security-guarantees")
    # Trump's own stance and the joint one count him once: six supporters, not seven.
    assert {position: len(actors) for position, actors in sides.items()} == {"supports": 6}
    assert _tally(model)["security-guarantees"] == sides
    assert [(g.step.value, g.count) for g in position_groups(model, "security-guarantees")] == [("supports", 6)]
    index = (real_site / "questions" / "index.html").read_text(encoding="utf-8")
    page = (real_site / "questions" / "security-guarantees" / "index.html").read_text(encoding="utf-8")
    assert "Supports: 6</span>" in index and ">Supports (6)<" in page


def test_different_options_are_not_disagreement_and_claims_are_marked(real_site: Path) -> None:
    from generator.site.charts.split import splits

    model = build_model(check_content(Project.at(ROOT)))
    venue = next(row for row in splits(model) if row.topic.id == "summit-venue")
    # Only Zelensky's refusal of Moscow disagrees with Putin's proposal; Macron's Geneva disagrees with no one.
    assert venue.outside_largest == 1
    camps = {camp.label: camp.weak for camp in venue.camps}
    assert camps["Proposes: Moscow"] == ("vladimir-putin",) and camps["Proposes: Geneva"] == ()
    charts = (real_site / "charts" / "index.html").read_text(encoding="utf-8")
    assert 'Vladimir Putin <span class="bf-weak-mark">(claimed)</span>' in charts


@pytest.mark.parametrize(
    ("keys", "shown"),
    [
        ("  bound: more_than\n", "more than 100,000"),
        ("  value_to: 140000\n", "100,000 to 140,000"),
        ("  value_to: 140000\n  change: true\n", "from 100,000 to 140,000"),
    ],
)
def test_a_figure_is_shown_with_its_bound_or_range_on_the_site_in_the_pdf_and_in_json(tiny: Project, keys: str, shown: str) -> None:
    _edit(tiny, "figures.yaml", "  value: 12\n", "  value: 100000\n" + keys + "  as_written: cent mille\n")
    build(tiny, strict=True)
    expected = f'{shown} <span class="bf-unit">countries</span> <span class="bf-as-written">(cent mille)</span></p>'
    assert expected in (tiny.site_dir / "index.html").read_text(encoding="utf-8")
    printed = {page.path: page.markdown for page in plan(tiny, pdf_name=PDF_NAME)[1].pages}["print.md"]
    assert expected in printed  # the PDF's key figures
    exported = json.loads((tiny.site_dir / "data" / "briefing.json").read_text(encoding="utf-8"))
    figure = next(f for f in exported["figures"] if f["id"] == "countries-represented")
    assert (figure["value"], figure["as_written"]) == (100000, "cent mille")
    assert figure["bound"] == ("more_than" if "bound" in keys else None)
    assert figure["value_to"] == (None if "bound" in keys else 140000)


def test_a_figure_bounded_and_ranged_at_once_is_refused(tiny: Project) -> None:
    _edit(tiny, "figures.yaml", "  value: 12\n", "  value: 12\n  bound: up_to\n  value_to: 15\n")
    assert _problems(tiny) == [
        "figures.yaml:5:10: figures[0].bound: [figure-bound-and-range] a figure is either bounded ('more than 100,000') or a range"
        " ('60 to 65'), not both\n"
        "    fix: keep 'bound' with 'value', or 'value_to' for the range's other end"
    ]


def test_cited_paragraphs_that_are_most_of_the_article_are_cut_to_the_cited_passages(
    tiny: Project, capsys: pytest.CaptureFixture[str]
) -> None:
    wire = tiny.content_dir / "sources" / "wire.txt"
    filler = "Il a longuement détaillé sa position."
    wire.write_text(
        wire.read_text(encoding="utf-8").replace("selon un porte-parole.", f"selon un porte-parole. {filler}"), encoding="utf-8"
    )
    build(tiny, strict=True)  # tiny cites 4 of its 5 paragraphs
    err = capsys.readouterr().err
    assert "note: wire-2024-03-05: the cited paragraphs are 4 of 5 (" in err and "only the cited passages are shown (" in err
    page = (tiny.site_dir / "sources" / "index.html").read_text(encoding="utf-8")
    assert filler not in page  # the uncited sentences of a cited paragraph are not published
    assert "qu&#39;il &#34;soutient l&#39;accord&#34;" in page
    exported = json.loads((tiny.site_dir / "data" / "briefing.json").read_text(encoding="utf-8"))
    assert all(filler not in p["text"] for p in exported["sources"][0]["cited_paragraphs"])
    _edit(tiny, "briefing.yaml", "covers:\n", "publish_full_text: true\ncovers:\n")
    build(tiny, strict=True)
    assert "note:" not in capsys.readouterr().err
    assert filler in (tiny.site_dir / "sources" / "index.html").read_text(encoding="utf-8")


def test_an_edition_lists_new_and_removed_actors_questions_and_joint_positions(tiny: Project) -> None:
    from generator.i18n import Catalogue
    from generator.model.changes import compare, describe

    before = check_content(tiny)
    actors = tiny.content_dir / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    removed = text[text.index("- id: country-x") :]
    gamma = "- id: gamma\n  name: Gamma\n  kind: person\n  description: Joins Beta.\n"
    actors.write_text(text.replace(removed, gamma), encoding="utf-8")
    topics = tiny.content_dir / "topics.yaml"
    topics.write_text(topics.read_text(encoding="utf-8") + "- id: fleet-size\n  title: Fleet size\n  question: Fleets should shrink.\n")
    _edit(tiny, "stances.yaml", "  position: opposes\n", "  joint_with: [gamma]\n  position: opposes\n")
    _edit(tiny, "actors.yaml", "  affiliation: [country-x]\n", "")  # Alpha no longer names the removed actor
    lines = describe(compare(before, check_content(tiny), since="2024-03-04"), Catalogue("en"))
    assert "Gamma on Quota deal: new position, Opposes" in lines  # a joint position is each of its actors' position
    assert lines[-3:] == ["New actor: Gamma", "Actor removed: Country X", "New question: Fleet size"]


def test_citations_name_their_source_unambiguously_when_two_share_an_outlet(tiny: Project) -> None:
    (tiny.content_dir / "sources" / "second.txt").write_text("Les discussions reprennent jeudi.\n", encoding="utf-8")
    second = (
        "- id: wire-2024-03-05-b\n  outlet: Test Agency\n  title: Quota talks to resume on Thursday after a long night\n"
        "  published: 2024-03-05\n  language: fr\n  text_file: sources/second.txt\n"
    )
    sources = tiny.content_dir / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + second, encoding="utf-8")
    _edit(
        tiny,
        "events.yaml",
        "      quote: Le vote est prévu jeudi.\n      translation: The vote is due on Thursday.\n",
        "      quote: Le vote est prévu jeudi.\n      translation: The vote is due on Thursday.\n"
        "    - source: wire-2024-03-05-b\n      paragraph: 1\n      quote: Les discussions reprennent jeudi.\n"
        "      translation: Talks resume on Thursday.\n",
    )
    build(tiny, strict=True)
    timeline = (tiny.site_dir / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "Test Agency, 5 March 2024, “Ministers split on quotas”, ¶5</a>" in timeline
    assert "Test Agency, 5 March 2024, “Quota talks to resume on Thursday…”, ¶1</a>" in timeline
    printed = {page.path: page.markdown for page in plan(tiny, pdf_name=PDF_NAME)[1].pages}["print.md"]
    assert ">Test Agency, 5 March 2024, “Quota talks to resume on Thursday…”, ¶1</a>" in printed


def test_dates_as_articles_give_them_weeks_ranges_and_months_after_their_days(tiny: Project) -> None:
    extra = (
        '- id: talks-range\n  date: "2024-03-04"\n  date_to: "2024-03-06"\n  kind: meeting\n  title: Technical talks\n'
        "  citations:\n    - source: wire-2024-03-05\n      paragraph: 5\n      quote: Le vote est prévu jeudi.\n"
        "      translation: The vote is due on Thursday.\n"
        '- id: month-only\n  date: "2024-03"\n  approximate: true\n  kind: other\n  title: Fleet survey\n'
        "  citations:\n    - source: wire-2024-03-05\n      paragraph: 5\n      quote: Le vote est prévu jeudi.\n"
        "      translation: The vote is due on Thursday.\n"
        '- id: next-week\n  date: "2024-03-11"\n  week: true\n  status: expected\n  when: next week\n  kind: meeting\n'
        "  title: Follow-up meeting\n  citations:\n    - source: wire-2024-03-05\n      paragraph: 5\n"
        "      quote: Le vote est prévu jeudi.\n      translation: The vote is due on Thursday.\n"
    )
    events = tiny.content_dir / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + extra, encoding="utf-8")
    model = build_model(check_content(tiny))
    assert [e.id for e in model.events][-3:] == ["quota-vote", "next-week", "month-only"]  # about March after March's days
    build(tiny, strict=True)
    timeline = (tiny.site_dir / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "<strong>4 March 2024 to 6 March 2024</strong>" in timeline
    assert "<strong>week of 11 March 2024 (“next week”)</strong>" in timeline
    assert "<strong>about March 2024</strong>" in timeline
    # The heading covers every event listed under it: the vote on 7 March and next week's meeting included.
    heading = timeline[timeline.index('<h2 id="4-march-2024-to-') :].split("</h2>")[0]
    assert "4 March 2024 to 11 March 2024" in heading


def test_a_range_that_ends_before_it_starts_is_refused(tiny: Project) -> None:
    _edit(tiny, "events.yaml", '  date: "2024-03-07"\n', '  date: "2024-03-07"\n  date_to: "2024-03-06"\n')
    assert _problems(tiny) == [
        "events.yaml:26:12: events[2].date_to: [bad-date-range] 'date_to' ends a range that starts at 'date': it needs a 'date'"
        " no later than it, and no 'week'\n"
        "    fix: set date: to the range's first day and date_to: to its last"
    ]
