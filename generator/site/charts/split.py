"""Where do the actors split? The questions, most contested first, with the camps on each.

Drawn as HTML, not as a plot: every camp is named in words and its actors listed, so the chart
reads the same at 390 px, at 1280 px and on paper, with nothing to hover.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...content.schema import Strength, Topic
from ...model.briefing import BriefingModel
from ...model.scales import POSITION_SCALE
from .kit import words


@dataclass(frozen=True)
class Camp:
    """Actors who take the same position (and the same option) on one question."""

    position: str
    """The position's value on the scale (supports, opposes, …)."""
    label: str
    """The camp in words: the position's label, with the option when there is one."""
    actors: tuple[str, ...]
    """The ids of the actors in the camp, in content order."""
    weak: tuple[str, ...] = ()
    """Those whose position here rests only on weak evidence (another actor's claim, anonymous sources): marked in the list."""


@dataclass(frozen=True)
class Split:
    """One question and its camps, largest first."""

    topic: Topic
    camps: tuple[Camp, ...]
    actors: int
    """How many actors take a position on the question."""
    outside_largest: int
    """How many of them disagree with the largest camp: 0 when all agree. Only camps on the same option disagree."""


def splits(model: BriefingModel) -> list[Split]:
    """Every question with a position, ordered by how contested it is, then in content order."""
    rows = [_split(model, topic) for topic in model.topics.values()]
    rows = [row for row in rows if row.actors]
    return sorted(rows, key=lambda row: (-row.outside_largest, -row.actors, -len(row.camps)))


def _split(model: BriefingModel, topic: Topic) -> Split:
    """Group a question's positions into camps by position and option."""
    labels = {step.value: words(model).text(step.label_key) for step in POSITION_SCALE}
    colon = words(model).text("punct.colon")
    order = {step.value: n for n, step in enumerate(POSITION_SCALE)}
    members: dict[tuple[str, str], list[str]] = {}
    strong: set[tuple[str, str, str]] = set()
    for stance in model.stances_by_topic.get(topic.id, []):
        key = (stance.position.value, stance.option or "")
        if stance.actor not in members.setdefault(key, []):
            members[key].append(stance.actor)
        if model.strength(stance).shown is not Strength.weak:
            strong.add((*key, stance.actor))
    camps = [
        Camp(
            position,
            f"{labels[position]}{colon}{option}" if option else labels[position],
            tuple(actors),
            tuple(a for a in actors if (position, option, a) not in strong),
        )
        for (position, option), actors in members.items()
    ]
    camps.sort(key=lambda camp: (-len(camp.actors), order[camp.position]))
    everyone = {actor for camp in camps for actor in camp.actors}
    return Split(topic, tuple(camps), len(everyone), _outside(members))


def _outside(members: dict[tuple[str, str], list[str]]) -> int:
    """How many actors disagree with the largest camp on the same option: different options are not disagreement."""
    options = dict.fromkeys(option for _, option in members)
    outside: set[str] = set()
    for option in options:
        camps = sorted((actors for (_, o), actors in members.items() if o == option), key=len, reverse=True)
        largest = set(camps[0])
        outside |= {a for camp in camps[1:] for a in camp if a not in largest}
    return len(outside)
