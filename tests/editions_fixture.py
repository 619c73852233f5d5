"""The tiny briefing followed over three days: three editions with a shift, a withdrawal, a figure change and renamed ids."""

from __future__ import annotations

from generator.commands.cli import main
from generator.project import Project

SECOND_SOURCE = """Les ministres se retrouvent jeudi à Genève.

Les discussions reprennent jeudi, selon l'agence.
"""


def edit(project: Project, name: str, old: str, new: str) -> None:
    """Replace the first `old` in a content file, failing loudly when the fixture no longer holds it."""
    path = project.content_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def set_as_of(project: Project, old: str, new: str) -> None:
    """Move the briefing (and the end of the period it covers) to a new as-of date."""
    edit(project, "briefing.yaml", f"as_of: {old}", f"as_of: {new}")
    edit(project, "briefing.yaml", f"end: {old}", f"end: {new}")


def record(project: Project, *flags: str) -> None:
    """Record an edition the way `make edition` does."""
    assert main(["--root", str(project.root), "edition", *flags]) == 0


def day_two(project: Project) -> None:
    """Alpha hedges (supports → conditional), Beta's evidence is curated down to medium, the figure moves from 12 to 14."""
    set_as_of(project, "2024-03-05", "2024-03-06")
    edit(project, "stances.yaml", "position: supports", "position: conditional")
    edit(project, "stances.yaml", "  reported_by:\n    kind: actor\n", "  reported_by:\n    kind: actor\n  strength: medium\n")
    edit(project, "figures.yaml", "value: 12", "value: 14")


def day_three(project: Project) -> None:
    """Alpha is back to supports, Beta's stance is withdrawn, two ids renamed (one with `was`), a new source and event."""
    set_as_of(project, "2024-03-06", "2024-03-07")
    edit(project, "stances.yaml", "position: conditional", "position: supports")
    stances = project.content_dir / "stances.yaml"
    text = stances.read_text(encoding="utf-8")
    stances.write_text(text[: text.index("- actor: beta")], encoding="utf-8")
    edit(project, "figures.yaml", "- id: countries-represented\n", "- id: countries-at-talks\n  was: [countries-represented]\n")
    edit(project, "briefing.yaml", "stances: [alpha/quota-deal, beta/quota-deal]", "stances: [alpha/quota-deal]")
    edit(project, "briefing.yaml", "stances: [beta/quota-deal]", "stances: [alpha/quota-deal]")
    edit(project, "briefing.yaml", "figures: [countries-represented]", "figures: [countries-at-talks]")
    edit(project, "events.yaml", "- id: photo\n", "- id: photo-call\n")
    (project.content_dir / "sources" / "wire2.txt").write_text(SECOND_SOURCE, encoding="utf-8")
    with (project.content_dir / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write(
            "- id: wire-2024-03-07\n  outlet: Test Agency\n  title: Talks resume\n  published: 2024-03-07\n"
            "  language: fr\n  text_file: sources/wire2.txt\n"
        )
    with (project.content_dir / "events.yaml").open("a", encoding="utf-8") as events:
        events.write(
            '- id: talks-resume\n  date: "2024-03-07"\n  kind: meeting\n  actors: [alpha]\n  title: Talks resume in Geneva\n'
            "  citations:\n    - source: wire-2024-03-07\n      paragraph: 2\n"
            "      quote: Les discussions reprennent jeudi\n      translation: Talks resume on Thursday\n"
        )


def three_editions(project: Project) -> Project:
    """Record the tiny briefing on 5, 6 and 7 March 2024, changing it in between."""
    record(project)
    day_two(project)
    record(project)
    day_three(project)
    record(project)
    return project
