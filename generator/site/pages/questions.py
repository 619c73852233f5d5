"""The questions at stake: the index with each question's tally, and one page per question."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...content.schema import Topic
from ...model.briefing import BriefingModel
from ...model.changes import Trajectory
from ...model.scales import NEUTRAL, POSITION_SCALE, ScaleStep
from .common import Site
from .editions import trajectories
from .evidence_views import Entry, topic_entries

CONFLICT = ScaleStep("conflict", "conflicting", "≠", NEUTRAL)
"""The group of entries whose reports disagree; shown after the positions."""


@dataclass(frozen=True)
class Tally:
    """How many stances take one position on a question."""

    step: ScaleStep
    count: int


@dataclass(frozen=True)
class PositionGroup:
    """The entries on a question that take one position (or whose reports conflict)."""

    step: ScaleStep
    entries: list[Entry]

    @property
    def count(self) -> int:
        """How many actors take the position: each once, whatever its options (the questions index counts the same way)."""
        return len(dict.fromkeys(entry.actor for entry in self.entries))


@dataclass(frozen=True)
class QuestionsView:
    """The index of questions with their tallies."""

    tallies: dict[str, list[Tally]]


@dataclass(frozen=True)
class QuestionView:
    """One question and its stances grouped by position."""

    topic: Topic
    groups: list[PositionGroup]
    trajectories: list[Trajectory]
    """Each actor's positions on the question across the editions (empty before a second edition)."""


def questions_view(site: Site, record: Any = None) -> QuestionsView:
    """Count the positions on each question, in scale order."""
    model = site.model
    tallies: dict[str, list[Tally]] = {}
    for topic in model.topics:
        sides = model.sides(topic)
        tallies[topic] = [Tally(s, len(sides[s.value])) for s in POSITION_SCALE if s.value in sides]
    return QuestionsView(tallies=tallies)


def question_view(site: Site, topic: Topic) -> QuestionView:
    """One question's page: its stances grouped by position."""
    return QuestionView(topic=topic, groups=position_groups(site.model, topic.id), trajectories=trajectories(site.model, topic.id))


def position_groups(model: BriefingModel, topic: str) -> list[PositionGroup]:
    """Group the entries on a question by position, in scale order, conflicting reports last."""
    entries = topic_entries(model, topic)
    groups = [PositionGroup(s, [e for e in entries if not e.conflicting and e.positions[0].value == s.value]) for s in POSITION_SCALE]
    groups.append(PositionGroup(CONFLICT, [e for e in entries if e.conflicting]))
    return [group for group in groups if group.entries]
