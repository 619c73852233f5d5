"""One registry per idea: what goes through every kind of record is derived from RECORD_KINDS,
and what a field shows is declared on the field."""

from __future__ import annotations

from typing import Annotated

from generator.build import check_content
from generator.content.record_kinds import LIST_KINDS, RecordSet
from generator.content.schema import FACTS, LINE, Actor, ShortText, Shown, shown_fields
from generator.i18n import Catalogue
from generator.model.briefing import build_model
from generator.model.editions import EditionSnapshot, snapshot
from generator.project import Project
from generator.site.pages.common import count_totals
from generator.site.pages.print import actor_line


def test_an_edition_snapshots_every_list_kind_in_identity_order(tiny: Project) -> None:
    content = check_content(tiny)
    edition = snapshot(content, "2024-03-05")
    assert set(EditionSnapshot.model_fields) == {"format", "edition", "as_of", "briefing", *(kind.name for kind in LIST_KINDS)}
    for kind in LIST_KINDS:
        assert getattr(edition, kind.name) == sorted(content.records[kind.name], key=kind.order), kind.name
    records = edition.record_set()
    assert isinstance(records, RecordSet) and records.stances == edition.stances  # type: ignore[attr-defined]


def test_counts_and_citations_cover_every_kind(tiny: Project) -> None:
    content = check_content(tiny)
    counts = count_totals(build_model(content))
    assert {kind.name: counts[kind.name] for kind in LIST_KINDS} == {kind.name: len(content.records[kind.name]) for kind in LIST_KINDS}
    citing = [kind for kind in LIST_KINDS if kind.citations]
    assert [kind.name for kind in citing] == ["stances", "events", "figures"]
    expected = [c for kind in citing for record in content.records[kind.name] for c in getattr(record, kind.citations or "")]
    assert content.citations() == expected and counts["citations"] == len(expected)


def test_renamable_kinds_are_those_whose_records_list_earlier_ids() -> None:
    assert [kind.name for kind in LIST_KINDS if kind.renamable] == ["actors", "topics", "events", "figures"]


class _RegionalActor(Actor):
    """An actor with one more field, declared as a new field would be in schema.py."""

    region: Annotated[ShortText | None, Shown(FACTS, LINE)] = None
    """The region the actor belongs to."""


def test_a_field_declared_shown_appears_where_it_says_with_no_template_change() -> None:
    assert shown_fields(Actor, FACTS) == ["role"] and shown_fields(Actor, LINE) == ["role"]
    actor = _RegionalActor(id="a", name="A", kind="person", role="Minister", description="d", region="Western Europe")
    assert actor.shown(FACTS) == [("role", "Minister"), ("region", "Western Europe")]
    assert actor_line(Catalogue("en"), actor) == "Person · Minister · Western Europe"
    assert _RegionalActor(id="b", name="B", kind="state", description="d").shown(LINE) == []  # unset fields are left out
