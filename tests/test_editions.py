"""Editions: recording, reading back, refusing, migrating, and what changed between them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from editions_fixture import day_two, edit, record, set_as_of, three_editions

from generator.build import build
from generator.commands.cli import main
from generator.content.validate import check_content
from generator.errors import ContentError
from generator.i18n import Catalogue
from generator.model import editions as editions_module
from generator.model.changes import compare, describe, history
from generator.model.editions import EditionError, load_editions
from generator.project import Project


def _lines(changes: object) -> list[str]:
    return describe(changes, Catalogue("en"))


def _names(project: Project) -> list[str]:
    return sorted(p.name for p in (project.content_dir / "editions").iterdir())


def test_three_editions_say_what_changed(tiny: Project) -> None:
    three_editions(tiny)
    assert _names(tiny) == ["2024-03-05.json", "2024-03-06.json", "2024-03-07.json"]
    first, second, third = load_editions(tiny.content_dir)
    assert compare(None, first).first
    assert _lines(compare(first, second, first.edition)) == [
        "Minister Alpha on Quota deal: Supports → Conditional (↘ away from the proposition)",
        "Minister Beta on Quota deal: weaker evidence (strong → medium)",
        "Countries represented: 12 → 14 countries (as of 5 March 2024)",
    ]
    assert _lines(compare(second, third, second.edition)) == [
        "Minister Alpha on Quota deal: Conditional → Supports (↗ towards the proposition)",
        "Minister Beta on Quota deal: Opposes withdrawn",
        # renamed without `was`: removed and added; the figure renamed with `was` is not a change
        "New event: Ministers photographed in Geneva (3 March 2024)",
        "New event: Talks resume in Geneva (7 March 2024)",
        "Event removed: Ministers photographed in Geneva (3 March 2024)",
        "New source: Test Agency, Talks resume (7 March 2024)",
    ]


def test_history_compares_today_with_the_latest_earlier_edition(tiny: Project) -> None:
    three_editions(tiny)
    content = check_content(tiny)
    past = history(load_editions(tiny.content_dir), content)
    assert [e.edition.edition for e in past.entries] == ["2024-03-07", "2024-03-06", "2024-03-05"]
    assert past.since.since == "2024-03-06" and past.version == "2024-03-07"
    alpha = next(t for t in past.trajectories["quota-deal"] if t.actor == "alpha")
    assert [(s.date.isoformat(), s.position) for s in alpha.steps] == [
        ("2024-03-05", "supports"),
        ("2024-03-06", "conditional"),
        ("2024-03-07", "supports"),
    ]
    beta = next(t for t in past.trajectories["quota-deal"] if t.actor == "beta")
    assert [(s.date.isoformat(), s.position) for s in beta.steps] == [("2024-03-05", "opposes"), ("2024-03-07", None)]


def test_the_seed_is_its_first_edition() -> None:
    root = Path(__file__).parent.parent
    project = Project.at(root)
    recorded = load_editions(project.content_dir)
    assert [e.edition for e in recorded] == ["2025-08-20"]
    past = history(recorded, check_content(project))
    assert past.since.first and past.version == "2025-08-20" and past.trajectories == {}


def test_snapshot_is_diff_friendly_and_stable(tiny: Project) -> None:
    record(tiny)
    path = tiny.content_dir / "editions" / "2024-03-05.json"
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert data["format"] == editions_module.EDITION_FORMAT and data["edition"] == "2024-03-05"
    # Reordering records in the YAML does not change the snapshot: it is in identity order.
    stances = tiny.content_dir / "stances.yaml"
    body = stances.read_text(encoding="utf-8")
    cut = body.index("- actor: beta")
    stances.write_text(body[cut:] + body[:cut], encoding="utf-8")
    record(tiny, "--force")
    assert path.read_text(encoding="utf-8") == text


def test_edition_refuses_to_overwrite_and_records_a_second_one_the_same_day(tiny: Project, capsys: pytest.CaptureFixture[str]) -> None:
    record(tiny)
    assert main(["--root", str(tiny.root), "edition"]) == 2
    err = capsys.readouterr().err
    assert "briefing.yaml:3:8: briefing.as_of: [edition-exists] an edition for 2024-03-05 is already recorded" in err
    assert "make edition FORCE=1" in err and "make edition AGAIN=1" in err
    edit(tiny, "figures.yaml", "value: 12", "value: 13")
    record(tiny, "--again")
    assert _names(tiny) == ["2024-03-05-2.json", "2024-03-05.json"]
    first, second = load_editions(tiny.content_dir)
    assert (first.edition, second.edition, second.sequence) == ("2024-03-05", "2024-03-05-2", 2)
    past = history([first, second], check_content(tiny))
    assert _lines(past.entries[0].changes) == ["Countries represented: 12 → 13 countries (as of 5 March 2024)"]
    assert past.since.first and past.version == "2024-03-05-2"  # nothing older than today's date


def test_edition_refuses_invalid_content_and_writes_nothing(tiny: Project, capsys: pytest.CaptureFixture[str]) -> None:
    edit(tiny, "stances.yaml", "topic: quota-deal", "topic: quota-dael")
    assert main(["--root", str(tiny.root), "edition"]) == 2
    assert "[unknown-id] no question has the id 'quota-dael'" in capsys.readouterr().err
    assert not (tiny.content_dir / "editions").exists()


def test_as_of_before_the_latest_edition_is_refused_by_edition_and_build(tiny: Project, capsys: pytest.CaptureFixture[str]) -> None:
    record(tiny)
    day_two(tiny)
    record(tiny)
    set_as_of(tiny, "2024-03-06", "2024-03-04")
    assert main(["--root", str(tiny.root), "edition"]) == 2
    message = "briefing.yaml:3:8: briefing.as_of: [as-of-before-edition] as_of 2024-03-04 is earlier than the latest edition, 2024-03-06"
    assert message in capsys.readouterr().err
    with pytest.raises(EditionError, match=r"as-of-before-edition"):
        build(tiny)
    assert not tiny.site_dir.exists()
    assert _names(tiny) == ["2024-03-05.json", "2024-03-06.json"]


def test_an_edition_that_no_longer_fits_the_model_names_the_file_and_the_migration(tiny: Project) -> None:
    record(tiny)
    path = tiny.content_dir / "editions" / "2024-03-05.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["briefing"]["handling"]
    data["briefing"]["bottom_line"] = "a field this model does not know"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(EditionError) as caught:
        load_editions(tiny.content_dir)
    text = str(caught.value)
    assert "editions/2024-03-05.json:1:1: briefing.handling: [edition-schema] no longer matches the content model: field required" in text
    assert "briefing.bottom_line: [edition-schema]" in text
    assert "run `make migrate-editions`" in text


def test_an_older_snapshot_format_asks_for_the_migration_which_rewrites_it(tiny: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    record(tiny)
    path = tiny.content_dir / "editions" / "2024-03-05.json"
    before = json.loads(path.read_text(encoding="utf-8"))
    # A newer generator whose format 2 renamed `briefing.handling` to `briefing.caveat`, read back as `handling`.
    monkeypatch.setattr(editions_module, "EDITION_FORMAT", 2)
    with pytest.raises(EditionError, match=r"recorded in snapshot format 1; this generator reads format 2"):
        load_editions(tiny.content_dir)
    monkeypatch.setitem(editions_module.MIGRATIONS, 1, lambda data: data | {"migrated_from": 1})
    with pytest.raises(EditionError, match=r"migrated_from: \[edition-schema\]"):
        editions_module.migrate_editions(tiny.content_dir)  # a migration that leaves a bad file is reported, file by file
    path.write_text(json.dumps(before), encoding="utf-8")
    monkeypatch.setitem(editions_module.MIGRATIONS, 1, lambda data: data)
    assert editions_module.migrate_editions(tiny.content_dir) == [path]
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == 2
    assert [e.edition for e in load_editions(tiny.content_dir)] == ["2024-03-05"]


def test_a_broken_edition_file_is_named_with_its_position(tiny: Project) -> None:
    record(tiny)
    path = tiny.content_dir / "editions" / "2024-03-05.json"
    path.write_text('{\n  "format": 1,\n  oops\n}\n', encoding="utf-8")
    with pytest.raises(EditionError, match=r"2024-03-05.json:3:3: \[edition-unreadable\]"):
        load_editions(tiny.content_dir)


def test_a_was_id_still_in_use_is_refused(tiny: Project) -> None:
    edit(tiny, "events.yaml", "- id: photo\n", "- id: photo\n  was: [geneva-talks]\n")
    with pytest.raises(ContentError, match=r"events.yaml:15:9: events\[1\].was\[0\]: \[was-in-use\] 'geneva-talks' is the id"):
        check_content(tiny)


def test_check_reads_the_editions_and_counts_them(tiny: Project, capsys: pytest.CaptureFixture[str]) -> None:
    record(tiny)
    assert main(["--root", str(tiny.root), "check"]) == 0
    assert capsys.readouterr().out.strip().endswith("1 source, 1 edition")
    (tiny.content_dir / "editions" / "2024-03-05.json").write_text("{}", encoding="utf-8")
    assert main(["--root", str(tiny.root), "check"]) == 2
    assert "2024-03-05.json:1:1: format: [edition-format]" in capsys.readouterr().err


def _private_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point the between-runs cache (the user's cache folder) at a folder of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_later_run_takes_unchanged_editions_from_the_cache_and_reads_changed_ones(
    tiny: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = _private_cache(monkeypatch, tmp_path)
    three_editions(tiny)
    editions_module._READ.clear()  # a new process: nothing read yet
    first = load_editions(tiny.content_dir)
    assert len(list(cache.rglob("*.pickle"))) == 3

    parsed: list[str] = []
    parse = editions_module._parse_edition
    monkeypatch.setattr(editions_module, "_parse_edition", lambda data, path, name: parsed.append(path.name) or parse(data, path, name))
    editions_module._READ.clear()
    assert load_editions(tiny.content_dir) == first
    assert parsed == []  # nothing parsed again

    path = tiny.content_dir / "editions" / "2024-03-06.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"value": 14', '"value": 15'), encoding="utf-8")
    editions_module._READ.clear()
    again = load_editions(tiny.content_dir)
    assert parsed == ["2024-03-06.json"]
    assert again[0] == first[0] and again[2] == first[2]
    assert 15 in [f.value for f in again[1].figures] and 15 not in [f.value for f in first[1].figures]


def test_a_broken_edition_is_reported_on_every_run_and_a_broken_cache_entry_is_read_again(
    tiny: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = _private_cache(monkeypatch, tmp_path)
    record(tiny)
    editions_module._READ.clear()
    good = load_editions(tiny.content_dir)
    for entry in cache.rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    editions_module._READ.clear()
    assert load_editions(tiny.content_dir) == good

    path = tiny.content_dir / "editions" / "2024-03-05.json"
    path.write_text('{\n  "format": 1,\n  oops\n}\n', encoding="utf-8")
    for _ in range(2):
        editions_module._READ.clear()
        with pytest.raises(EditionError, match=r"2024-03-05.json:3:3: \[edition-unreadable\]"):
            load_editions(tiny.content_dir)


def test_a_cache_folder_others_can_write_to_is_never_used(tiny: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = _private_cache(monkeypatch, tmp_path)
    shared = cache / "briefing-generator"
    shared.mkdir(parents=True)
    shared.chmod(0o777)
    record(tiny)
    editions_module._READ.clear()
    assert [e.edition for e in load_editions(tiny.content_dir)] == ["2024-03-05"]
    assert list(shared.rglob("*")) == []
