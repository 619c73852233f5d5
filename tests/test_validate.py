"""Each class of bad content fails with its exact, positioned message, and all problems come together."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import content_problems as _problems
from conftest import edit_content as _edit

from generator.build import check_content
from generator.project import Project


def test_tiny_fixture_is_valid(tiny: Project) -> None:
    content = check_content(tiny)
    assert [a.id for a in content.actors] == ["alpha", "beta", "country-x"]
    assert len(content.paragraphs["wire-2024-03-05"]) == 5


def test_real_content_is_valid() -> None:
    content = check_content(Project.at(Path(__file__).parent.parent))
    assert len(content.paragraphs["afp-2025-08-20-nato-ukraine"]) == 23


def test_unknown_actor_names_position_and_near_matches(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", "- actor: beta", "- actor: betta")
    assert _problems(tiny) == [
        f"{tiny.content_dir}/stances.yaml:15:10: stances[1].actor: [unknown-id] no actor has the id 'betta'\n    fix: did you mean beta?"
    ]


def test_broken_quote_names_quote_paragraph_and_closest_passage(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", """quote: qu'il "soutient l'accord\"""", """quote: qu'il "soutient le accord\"""")
    (problem,) = _problems(tiny)
    assert problem.endswith(
        """stances.yaml:8:14: stances[0].evidence[0].quote: [quote-not-found] quote "qu'il "soutient le accord"" is not in """
        """paragraph 2 of wire-2024-03-05; closest passage: "qu'il "soutient l[-e -]{+'+}accord"", """
        """where [-…-] is as quoted and {+…+} as in the source\n"""
        "    fix: copy the words exactly from the source text"
    )


def test_quote_in_another_paragraph_says_which(tiny: Project) -> None:
    _edit(tiny, "figures.yaml", "paragraph: 4", "paragraph: 2")
    (problem,) = _problems(tiny)
    assert "[quote-not-found]" in problem and "it is in paragraph 4" in problem and "fix: set paragraph: 4" in problem


def test_paragraph_that_does_not_exist(tiny: Project) -> None:
    _edit(tiny, "figures.yaml", "paragraph: 4", "paragraph: 9")
    (problem,) = _problems(tiny)
    assert (
        "figures.yaml:10:18: figures[0].citations[0].paragraph: [no-such-paragraph] source 'wire-2024-03-05' has 5 paragraphs, not 9"
        in problem
    )


def test_impossible_date_and_bad_format(tiny: Project) -> None:
    _edit(tiny, "briefing.yaml", "as_of: 2024-03-05", "as_of: 2024-02-30")
    _edit(tiny, "events.yaml", 'date: "2024-03-05"', 'date: "5 March 2024"')
    problems = _problems(tiny)
    assert len(problems) == 2
    assert "briefing.yaml:3:8: briefing.as_of: [date-from-datetime-parsing]" in problems[0]
    assert "events.yaml:2:9: events[0].date: [value-error]" in problems[1] and "expected a date as YYYY-MM-DD" in problems[1]


def test_wrong_type_unknown_key_missing_key_and_off_scale(tiny: Project) -> None:
    _edit(tiny, "actors.yaml", "  name: Minister Beta", "  name: 12")
    _edit(tiny, "actors.yaml", "  role: Minister", "  rank: Minister")
    _edit(tiny, "topics.yaml", "  title: Quota deal\n", "")
    _edit(tiny, "stances.yaml", "position: opposes", "position: against")
    problems = _problems(tiny)
    joined = "\n".join(problems)
    assert "actors.yaml:4:3: actors[0].rank: [extra-forbidden] unknown key 'rank'" in joined
    assert "accepted keys here: id, name, kind, role, affiliation, description, aliases, wikidata" in joined
    assert "actors.yaml:9:9: actors[1].name: [string-type] expected text, got a number (12)\n    fix: put the value in quotes" in joined
    assert "topics.yaml:1:3: topics[0].title: [missing] required key 'title' is missing" in joined
    assert (
        "stances.yaml:17:13: stances[1].position: [enum] Input should be 'supports', 'conditional', 'opposes', 'undecided' or 'proposes'"
        in joined
    )
    assert [p.split(":")[0].rsplit("/", 1)[-1] for p in problems] == ["actors.yaml", "actors.yaml", "stances.yaml", "topics.yaml"]


def test_duplicate_id_and_unsafe_id(tiny: Project) -> None:
    _edit(tiny, "actors.yaml", "- id: beta", "- id: Alpha")
    _edit(tiny, "actors.yaml", "- id: country-x", "- id: ../x")
    joined = "\n".join(_problems(tiny))
    assert "actors.yaml:8:7: actors[1].id: [string-pattern-mismatch] 'Alpha' is not a valid id" in joined
    assert "actors.yaml:13:7: actors[2].id: [string-pattern-mismatch] '../x' is not a valid id" in joined


def test_duplicate_key_names_both_lines(tiny: Project) -> None:
    _edit(tiny, "topics.yaml", "  title: Quota deal", "  title: Quota deal\n  title: Again")
    (problem,) = _problems(tiny)
    assert "topics.yaml:3:3: [duplicate-key]" in problem and 'duplicate key "title"' in problem and "(first at line 2)" in problem


def test_yaml_syntax_error_and_empty_file_reported_together(tiny: Project) -> None:
    (tiny.content_dir / "figures.yaml").write_text("- id: [unclosed\n", encoding="utf-8")
    (tiny.content_dir / "topics.yaml").write_text("\n", encoding="utf-8")
    problems = _problems(tiny)
    assert any("figures.yaml:1:7: [yaml-syntax] a list or mapping opened here with [ or { is not closed" in p for p in problems)
    assert any("topics.yaml:1:1: [empty-file] the file is empty" in p for p in problems)


def test_root_of_wrong_kind(tiny: Project) -> None:
    (tiny.content_dir / "actors.yaml").write_text("id: alpha\n", encoding="utf-8")
    (problem,) = _problems(tiny)
    assert "actors.yaml:1:1: [root-kind] the file must hold a list of records" in problem


def test_invalid_utf8_gives_byte_offset(tiny: Project) -> None:
    (tiny.content_dir / "topics.yaml").write_bytes(b"- id: quota\n  title: caf\xe9\n")
    (problem,) = _problems(tiny)
    assert "topics.yaml:2:13: [not-utf8] invalid UTF-8 at byte offset 24" in problem


def test_missing_translation_for_foreign_source(tiny: Project) -> None:
    _edit(tiny, "figures.yaml", "      translation: 12 countries were represented\n", "")
    (problem,) = _problems(tiny)
    assert "[missing-translation] the source is in 'fr' and the site in 'en'" in problem


def test_caption_number_beyond_text(tiny: Project) -> None:
    _edit(tiny, "sources.yaml", "captions: [1]", "captions: [1, 7]")
    (problem,) = _problems(tiny)
    assert "sources.yaml:8:17: sources[0].captions[1]: [no-such-paragraph] paragraph 7 does not exist" in problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- id: &a quota\n  title: T\n  question: Q\n", "topics.yaml:1:7: [yaml-anchor] anchor &a is not allowed"),
        (
            "- id: quota\n  title: !!str T\n  question: Q\n",
            "topics.yaml:2:10: [yaml-tag] explicit tag tag:yaml.org,2002:str is not allowed",
        ),
        ("%YAML 1.2\n---\n- id: quota\n", "topics.yaml:1:1: [yaml-directive] %YAML and %TAG directives are not allowed"),
        ("- id: quota\n---\n- id: other\n", "topics.yaml:2:1: [second-document] the file holds more than one YAML document"),
        ("- " * 10 + "x\n", "topics.yaml:1:17: [too-deep] nesting deeper than 8 levels"),
        ("- id: quota\n\ttitle: T\n", "topics.yaml:2:1: [yaml-syntax]"),
    ],
)
def test_risky_yaml_is_refused_before_it_is_built(tiny: Project, text: str, expected: str) -> None:
    (tiny.content_dir / "topics.yaml").write_text(text, encoding="utf-8")
    assert any(expected in problem for problem in _problems(tiny)), _problems(tiny)


def test_alias_bomb_is_refused_fast(tiny: Project) -> None:
    import time

    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 9)]
    (tiny.content_dir / "briefing.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    problems = _problems(tiny)
    assert time.perf_counter() - start < 5
    assert problems and all("[yaml-anchor]" in p or "[yaml-alias]" in p for p in problems)


def test_huge_file_is_refused_before_parsing(tiny: Project) -> None:
    with (tiny.content_dir / "events.yaml").open("wb") as handle:
        handle.truncate(50_000_000)
    (problem,) = _problems(tiny)
    assert "events.yaml:1:1: [too-big] file is 50,000,000 bytes, over the 2,000,000-byte cap" in problem


@pytest.mark.parametrize(
    ("char", "name"), [("\u202e", "RIGHT-TO-LEFT OVERRIDE"), ("\u200b", "ZERO WIDTH SPACE"), ("\u2066", "LEFT-TO-RIGHT ISOLATE")]
)
def test_invisible_characters_are_refused(tiny: Project, char: str, name: str) -> None:
    _edit(tiny, "actors.yaml", "name: Minister Beta", f'name: "Minister{char}Beta"')
    (problem,) = _problems(tiny)
    if char == "\u200b":
        assert f"actors[1].name: [value-error] Value error, invisible character U+{ord(char):04X} ({name}) at position 9" in problem
    else:  # direction-changing characters are refused anywhere in a file, comments included, at their line and column
        assert f"actors.yaml:9:18: [bidi-control] character U+{ord(char):04X} ({name}) changes the direction" in problem


@pytest.mark.parametrize("bad", ["index", "con", "CON", "café", "a b"])
def test_ids_that_cannot_be_page_names_are_refused(tiny: Project, bad: str) -> None:
    _edit(tiny, "topics.yaml", "- id: quota-deal", f"- id: '{bad}'")
    assert any("topics[0].id:" in p for p in _problems(tiny))


def test_numbers_and_booleans_where_text_is_expected(tiny: Project) -> None:
    _edit(tiny, "topics.yaml", "  title: Quota deal", "  title: 1.10")
    _edit(tiny, "actors.yaml", "  role: Minister", "  role: true")
    joined = "\n".join(_problems(tiny))
    assert "topics[0].title: [string-type] expected text, got a number (1.1)" in joined
    assert "actors[0].role: [string-type] expected text, got true/false (True)" in joined


def test_control_characters_are_refused_with_their_position(tiny: Project) -> None:
    _edit(tiny, "actors.yaml", "name: Minister Beta", "name: Minister\x07Beta")
    (problem,) = _problems(tiny)
    assert "actors.yaml:9:17: [control-character] character U+0007 is not allowed in YAML" in problem


@pytest.mark.parametrize("word", ["no", "Yes", "off", "y"])
def test_words_older_yaml_reads_as_booleans_must_be_quoted(tiny: Project, word: str) -> None:
    _edit(tiny, "actors.yaml", "  role: Minister", f"  role: {word}")
    (problem,) = _problems(tiny)
    assert f"actors.yaml:4:9: [ambiguous-scalar] {word} is text in YAML 1.2 but true/false in YAML 1.1" in problem
    _edit(tiny, "actors.yaml", f"  role: {word}", f'  role: "{word}"')
    check_content(tiny)


def test_a_broken_source_record_is_reported_once_not_at_every_citation(tiny: Project) -> None:
    _edit(tiny, "sources.yaml", "  outlet: Test Agency", "  outlet: 12")
    assert [p.split(": ", 2)[1] for p in _problems(tiny)] == ["sources[0].outlet"]


def test_takeaway_without_basis_and_judgement_citing_unknown_records(tiny: Project) -> None:
    _edit(tiny, "briefing.yaml", "    based_on:\n      events: [quota-vote]\n", "    based_on: {}\n")
    _edit(tiny, "briefing.yaml", "      stances: [beta/quota-deal]", "      stances: [beta/quota-dael]")
    _edit(tiny, "briefing.yaml", "      context: [quota-history]", "      context: [quota-histry]")
    problems = [p.split("content/", 1)[1] for p in _problems(tiny)]
    assert problems == [
        "briefing.yaml:11:5: briefing.bluf[1].based_on: [missing-basis] names no stance, event, figure or context fact\n"
        "    fix: list what it rests on, e.g. based_on: {stances: [actor-id/question-id], events: [event-id]}",
        "briefing.yaml:17:17: briefing.key_judgements[0].based_on.stances[0]: [unknown-id] no stance of 'beta/quota-dael'\n"
        "    fix: did you mean beta/quota-deal, alpha/quota-deal?",
        "briefing.yaml:19:17: briefing.key_judgements[0].based_on.context[0]: [unknown-id] no context fact has the id 'quota-histry'\n"
        "    fix: did you mean quota-history?",
    ]


def test_judgement_without_based_on_and_bluf_as_text_are_refused(tiny: Project) -> None:
    _edit(
        tiny,
        "briefing.yaml",
        "    likelihood: likely\n    based_on:\n      stances: [beta/quota-deal]\n"
        "      figures: [countries-represented]\n      context: [quota-history]\n",
        "",
    )
    joined = "\n".join(_problems(tiny))
    assert "briefing.yaml:14:5: briefing.key_judgements[0].based_on: [missing] required key 'based_on' is missing" in joined
    tiny_bluf = tiny.content_dir / "briefing.yaml"
    text = tiny_bluf.read_text(encoding="utf-8")
    start, end = text.index("bluf:"), text.index("key_judgements:")
    tiny_bluf.write_text(text[:start] + "bluf: One paragraph of text.\n" + text[end:], encoding="utf-8")
    assert any("briefing.bluf: [list-type]" in p for p in _problems(tiny))


def test_event_needs_a_date_or_words_for_when(tiny: Project) -> None:
    _edit(tiny, "events.yaml", "  when: recently\n", "")
    _edit(tiny, "events.yaml", '- id: photo\n  date: "2024-03-03"\n', "- id: photo\n")
    problems = [p.split("content/", 1)[1] for p in _problems(tiny)]
    assert problems[0].startswith("events.yaml:14:3: events[1]: [missing-date] the event has neither 'date' nor 'when'")
    assert problems[1].startswith("events.yaml:35:3: events[3]: [missing-date]")


def test_unknown_joint_subject_claimant_and_citation_reporter(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", "  reported_by:\n    kind: actor\n", "  joint_with: [beta, gamma]\n  reported_by:\n    kind: actor\n")
    _edit(
        tiny,
        "events.yaml",
        "  actors: [alpha, beta]\n  title: Ministers meet",
        "  actors: [alpha, beta]\n  subjects: [delta]\n  title: Ministers meet",
    )
    _edit(tiny, "figures.yaml", "  claimed_by: beta", "  claimed_by: betaa")
    _edit(
        tiny, "stances.yaml", "      translation: that he", "      reported_by: {kind: official, actor: omega}\n      translation: that he"
    )
    joined = "\n".join(_problems(tiny))
    assert "stances[0].evidence[0].reported_by.actor: [unknown-id] no actor has the id 'omega'" in joined
    assert "stances[1].joint_with[0]: [self-joint] an actor cannot hold a position jointly with itself" in joined
    assert "stances[1].joint_with[1]: [unknown-id] no actor has the id 'gamma'" in joined
    assert "events[0].subjects[0]: [unknown-id] no actor has the id 'delta'" in joined
    assert "figures[1].claimed_by: [unknown-id] no actor has the id 'betaa'\n    fix: did you mean beta?" in joined


def test_source_published_may_be_a_month(tiny: Project) -> None:
    _edit(tiny, "sources.yaml", "  published: 2024-03-05", '  published: "2024-03"')
    assert check_content(tiny).sources[0].published == "2024-03"
    _edit(tiny, "sources.yaml", '  published: "2024-03"', '  published: "2024-13"')
    assert any("sources[0].published: [value-error]" in p for p in _problems(tiny))


def test_joint_stance_that_repeats_an_actors_own_stance_is_refused(tiny: Project) -> None:
    _edit(tiny, "stances.yaml", "  reported_by:\n    kind: actor\n", "  joint_with: [alpha]\n  reported_by:\n    kind: actor\n")
    _edit(
        tiny,
        "stances.yaml",
        "- actor: alpha\n  topic: quota-deal\n  position: supports",
        "- actor: alpha\n  topic: quota-deal\n  position: opposes",
    )
    _edit(tiny, "stances.yaml", "    kind: spokesperson\n", "    kind: actor\n")
    (problem,) = _problems(tiny)
    assert (
        "stances[1].joint_with[0]: [duplicate-stance] alpha already has a stance on quota-deal, reported the same way, at line 1" in problem
    )


def test_time_and_approximate_qualify_a_date(tiny: Project) -> None:
    _edit(tiny, "events.yaml", "  when: recently\n", "  when: recently\n  approximate: true\n")
    (problem,) = _problems(tiny)
    assert "events[3]: [needs-date] 'derived', 'time' and 'approximate' qualify a date, and the event has none" in problem


def test_same_primary_language_needs_no_translation(tiny: Project) -> None:
    _edit(tiny, "briefing.yaml", "language: en", "language: fr-CA")
    _edit(tiny, "figures.yaml", "      translation: 12 countries were represented\n", "")
    assert check_content(tiny).figures  # the source is in fr: no translation needed on an fr-CA site


def test_missing_translation_says_which_languages_differ(tiny: Project) -> None:
    _edit(tiny, "briefing.yaml", "language: en", "language: en-GB")
    _edit(tiny, "figures.yaml", "      translation: 12 countries were represented\n", "")
    (problem,) = _problems(tiny)
    assert "the source is in 'fr' and the site in 'en-GB', another language (only the primary subtags are compared" in problem
    assert "fix: add 'translation:' with the quote in the site's language (en-GB)" in problem
