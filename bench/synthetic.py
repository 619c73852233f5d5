"""Synthetic but valid briefing content at a multiple of the seed briefing's size (fixed seed)."""

from __future__ import annotations

import random
from pathlib import Path

SEED_SIZE = {"actors": 12, "topics": 10, "stances": 29, "events": 11, "figures": 5, "paragraphs": 23}
"""Roughly the seed briefing's counts (actors that take positions, questions, records)."""

_WORDS = "accord paix garanties sécurité troupes territoire sommet alliés frontière sanctions cessez-le-feu négociation".split()
_POSITIONS = ["supports", "conditional", "opposes", "undecided", "proposes"]
_KINDS = ["meeting", "call", "statement", "interview", "military", "other"]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def write_content(folder: Path, scale: int, seed: int = 20250820) -> dict[str, int]:
    """Write a content folder `scale` times the seed's size; return the record counts."""
    rng = random.Random(seed)
    counts = {kind: n * scale for kind, n in SEED_SIZE.items()}
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    paragraphs = [f"Paragraphe {n} : {_sentence(rng, 40)}." for n in range(1, counts["paragraphs"] + 1)]
    actors = [f"actor-{n}" for n in range(counts["actors"])]
    # Every actor is named in the text so mentions have something to count.
    for n, actor in enumerate(actors):
        paragraphs[n % len(paragraphs)] += f" Acteur{n} a parlé."
    (folder / "sources" / "wire.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    _write(folder / "briefing.yaml", _briefing())
    _write(folder / "sources.yaml", "- id: wire\n  outlet: Synthetic\n  title: Synthetic wire\n  published: 2025-08-20\n  language: fr\n  text_file: sources/wire.txt\n")
    _write(folder / "actors.yaml", "".join(
        f"- id: {a}\n  name: Actor {n}\n  kind: {'person' if n % 3 else 'state'}\n  description: Synthetic actor {n}.\n  aliases: [Acteur{n}]\n"
        for n, a in enumerate(actors)))
    _write(folder / "topics.yaml", "".join(f"- id: topic-{n}\n  title: Question {n}\n  question: Proposition {n} is adopted.\n" for n in range(counts["topics"])))
    _write(folder / "stances.yaml", "".join(_stance(rng, n, actors, counts, paragraphs) for n in range(counts["stances"])))
    _write(folder / "events.yaml", "".join(_event(rng, n, actors, paragraphs) for n in range(counts["events"])))
    _write(folder / "figures.yaml", "".join(_figure(rng, n, paragraphs) for n in range(counts["figures"])))
    return counts


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _briefing() -> str:
    return """title: Synthetic briefing
as_of: 2025-08-20
authors: [Bench desk]
bluf:
  - text: A synthetic briefing for benchmarks.
    based_on: {stances: [actor-0/topic-0]}
key_judgements:
  - text: Builds must stay linear.
    confidence: moderate
    based_on: {stances: [actor-0/topic-0]}
handling: Benchmark data, not for publication.
covers:
  start: 2025-08-14
  end: 2025-08-20
"""


def _citation(rng: random.Random, paragraphs: list[str], indent: str) -> str:
    number = rng.randrange(len(paragraphs)) + 1
    words = paragraphs[number - 1].split()
    start = rng.randrange(2, max(3, len(words) - 6))
    quote = " ".join(words[start : start + 5]).replace("'", "''")
    return f"{indent}- source: wire\n{indent}  paragraph: {number}\n{indent}  quote: '{quote}'\n{indent}  translation: synthetic\n"


def _stance(rng: random.Random, n: int, actors: list[str], counts: dict[str, int], paragraphs: list[str]) -> str:
    actor, topic = actors[n % len(actors)], f"topic-{(n * 7) % counts['topics']}"
    return (f"- actor: {actor}\n  topic: {topic}\n  position: {rng.choice(_POSITIONS)}\n  option: option {n}\n  summary: Synthetic stance {n}.\n"
            f"  evidence:\n{_citation(rng, paragraphs, '    ')}  reported_by:\n    kind: actor\n")


def _event(rng: random.Random, n: int, actors: list[str], paragraphs: list[str]) -> str:
    day = 1 + n % 28
    who = rng.sample(actors, k=min(3, len(actors)))
    return (f"- id: event-{n}\n  date: \"2025-08-{day:02d}\"\n  kind: {rng.choice(_KINDS)}\n  actors: [{', '.join(who)}]\n"
            f"  title: Synthetic event {n}\n  citations:\n{_citation(rng, paragraphs, '    ')}")


def _figure(rng: random.Random, n: int, paragraphs: list[str]) -> str:
    return (f"- id: figure-{n}\n  label: Figure {n}\n  kind: count\n  value: {rng.randrange(1, 100)}\n  unit: things\n"
            f"  measures: Synthetic figure {n}\n  as_of: \"2025-08-20\"\n  citations:\n{_citation(rng, paragraphs, '    ')}")
