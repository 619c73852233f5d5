"""What changed between two states of a briefing (pure, no I/O).

Records keep their identity across editions: events, figures, sources, actors and questions
by id (an id listed in a record's `was` maps an earlier id to it), a stance by actor, question
and option. Anything else that is renamed counts as removed and added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from ..content.record_kinds import LIST_KINDS, RecordSet
from ..content.schema import Actor, Event, Figure, Position, ReporterKind, Source, Stance, Strength, Topic
from ..i18n import Catalogue
from . import evidence
from .scales import CHANGE_MARKS, TOWARDS_PROPOSITION

if TYPE_CHECKING:
    from .editions import Edition

Identity = tuple[str, str, str]
"""A stance's identity: actor id, question id, option ("" when none)."""


DIRECTNESS = (
    ReporterKind.actor,
    ReporterKind.spokesperson,
    ReporterKind.official,
    ReporterKind.other_actor,
    ReporterKind.outlet,
    ReporterKind.anonymous_sources,
)
"""When one identity has several stances (told by different reporters), the most direct report speaks for it."""


_R = TypeVar("_R", Event, Source, Actor, Topic)
_State = tuple[dict[Identity, list[Stance]], dict[str, str]]


@dataclass(frozen=True, order=True)
class StrengthRank:
    """How strong a position's evidence is, as a rank (higher is stronger) and a reader's label."""

    rank: int
    label: str


def derived_strength(stances: list[Stance], outlets: Mapping[str, str]) -> StrengthRank:
    """The strength readers see for a position's agreeing stances, pooled as in the matrix (generator/model/evidence.py)."""
    shown = evidence.assess_pooled(stances, outlets).shown
    return StrengthRank(list(Strength).index(shown), shown.value)


EVIDENCE_STRENGTH: Callable[[list[Stance], Mapping[str, str]], StrengthRank] = derived_strength
"""The one place that says how strong a position's evidence is, given the outlet of each source id of the same
edition (independent outlets strengthen evidence); the diff compares its ranks."""


@dataclass(frozen=True)
class PositionChange:
    """A position that is new, shifted or withdrawn."""

    kind: str
    """new, shifted or withdrawn."""
    actor: str
    topic: str
    option: str
    actor_name: str
    topic_title: str
    old: str | None
    new: str | None
    direction: str | None
    """towards or away (from the proposition), or sideways; None unless shifted."""


@dataclass(frozen=True)
class StrengthChange:
    """A position whose evidence grew stronger or weaker."""

    actor: str
    topic: str
    option: str
    actor_name: str
    topic_title: str
    old: str
    new: str
    stronger: bool


@dataclass(frozen=True)
class FigureChange:
    """A key figure that is new, has another value, or is gone."""

    kind: str
    """new, changed or removed."""
    id: str
    label: str
    unit: str
    old: float | None
    new: float | None
    old_as_of: str | None
    new_as_of: str | None


@dataclass(frozen=True)
class Changes:
    """Everything that changed since an earlier edition (`since` is None for the first edition)."""

    since: str | None
    since_date: dt.date | None
    positions: list[PositionChange] = field(default_factory=list)
    evidence: list[StrengthChange] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    """New events, in date order."""
    removed_events: list[Event] = field(default_factory=list)
    """Events no longer in the briefing (an id renamed without `was` is removed and added)."""
    figures: list[FigureChange] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    """New sources."""
    removed_sources: list[Source] = field(default_factory=list)
    """Sources no longer in the briefing."""
    actors: list[Actor] = field(default_factory=list)
    """New actors."""
    removed_actors: list[Actor] = field(default_factory=list)
    """Actors no longer in the briefing."""
    topics: list[Topic] = field(default_factory=list)
    """New questions."""
    removed_topics: list[Topic] = field(default_factory=list)
    """Questions no longer in the briefing."""

    @property
    def first(self) -> bool:
        """True when there is no earlier edition to compare with."""
        return self.since is None

    @property
    def count(self) -> int:
        """How many changes there are."""
        lists = (self.positions, self.evidence, self.events, self.removed_events, self.figures, self.sources, self.removed_sources)
        return sum(len(changes) for changes in (*lists, self.actors, self.removed_actors, self.topics, self.removed_topics))

    def cell(self, actor: str, topic: str) -> list[PositionChange]:
        """The new and shifted positions of one matrix cell."""
        return [c for c in self.positions if c.actor == actor and c.topic == topic and c.kind != "withdrawn"]


def compare(
    previous: RecordSet | Edition | None, current: RecordSet | Edition, since: str | None = None, since_date: dt.date | None = None
) -> Changes:
    """What changed from `previous` (an earlier edition) to `current`; a first edition when there is none."""
    if previous is None:
        return Changes(since=None, since_date=None)
    previous, current = _record_set(previous), _record_set(current)
    renames = renamed_ids(current)
    old_groups = {_rename_key(k, renames): g for k, g in stance_groups(previous.stances).items()}
    new_groups = stance_groups(current.stances)
    old_stances, new_stances = ({k: g[0] for k, g in groups.items()} for groups in (old_groups, new_groups))
    names = _names(previous, current, renames)
    return Changes(
        since=since,
        since_date=since_date,
        positions=_position_changes(old_stances, new_stances, names),
        evidence=_strength_changes((old_groups, _outlets(previous)), (new_groups, _outlets(current)), names),
        events=sorted(_added(previous.events, current.events, renames), key=lambda e: (e.date, e.id)),
        removed_events=_removed(previous.events, current.events, renames),
        figures=_figure_changes(previous.figures, current.figures, renames),
        sources=_added(previous.sources, current.sources, renames),
        removed_sources=_removed(previous.sources, current.sources, renames),
        actors=_added(previous.actors, current.actors, renames),
        removed_actors=_removed(previous.actors, current.actors, renames),
        topics=_added(previous.topics, current.topics, renames),
        removed_topics=_removed(previous.topics, current.topics, renames),
    )


def _record_set(records: RecordSet | Edition) -> RecordSet:
    """The records of the current content or of a recorded edition, typed alike."""
    return records if isinstance(records, RecordSet) else records.record_set()


def renamed_ids(current: RecordSet) -> dict[str, str]:
    """Each earlier id a record lists under `was`, mapped to the record's id now."""
    renamable = [record for kind in LIST_KINDS if kind.renamable for record in current.records[kind.name]]
    return {old: record.id for record in renamable for old in record.was}


def stance_groups(stances: list[Stance]) -> dict[Identity, list[Stance]]:
    """Each stance identity with its stances that agree with the most direct report, that report first."""
    groups: dict[Identity, list[Stance]] = {}
    # A joint position is each of its actors' position: adding or dropping an actor from it is a new or withdrawn position.
    each = [s if not i else s.model_copy(update={"actor": a}) for s in stances for i, a in enumerate([s.actor, *s.joint_with])]
    for stance in sorted(each, key=lambda s: DIRECTNESS.index(s.reported_by.kind)):
        group = groups.setdefault((stance.actor, stance.topic, stance.option or ""), [])
        if not group or group[0].position == stance.position:
            group.append(stance)
    return groups


def stance_identities(stances: list[Stance]) -> dict[Identity, Stance]:
    """Each stance identity with the stance that speaks for it (the most direct report)."""
    return {key: group[0] for key, group in stance_groups(stances).items()}


def _rename_key(key: Identity, renames: dict[str, str]) -> Identity:
    """A stance identity with renamed actor and question ids replaced by today's."""
    actor, topic, option = key
    return (renames.get(actor, actor), renames.get(topic, topic), option)


def _names(previous: RecordSet, current: RecordSet, renames: dict[str, str]) -> dict[str, str]:
    """Display names of actors and questions by (current) id; a removed one keeps its old name."""
    pairs = [*((a.id, a.name) for a in previous.actors), *((t.id, t.title) for t in previous.topics)]
    old = {renames.get(key, key): name for key, name in pairs}
    return old | {a.id: a.name for a in current.actors} | {t.id: t.title for t in current.topics}


def direction(old: Position, new: Position) -> str:
    """Whether a shift moves towards the proposition, away from it, or sideways (e.g. supports → proposes)."""
    delta = TOWARDS_PROPOSITION[new.value] - TOWARDS_PROPOSITION[old.value]
    return "towards" if delta > 0 else "away" if delta < 0 else "sideways"


def _position_changes(old: dict[Identity, Stance], new: dict[Identity, Stance], names: dict[str, str]) -> list[PositionChange]:
    """New, shifted and withdrawn positions, by question then actor."""
    changes: list[PositionChange] = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (k[1], k[0], k[2])):
        before, after = old.get(key), new.get(key)
        if before and after and before.position == after.position:
            continue
        kind = "new" if before is None else "withdrawn" if after is None else "shifted"
        change = PositionChange(
            kind=kind,
            actor=key[0],
            topic=key[1],
            option=key[2],
            actor_name=names.get(key[0], key[0]),
            topic_title=names.get(key[1], key[1]),
            old=before.position.value if before else None,
            new=after.position.value if after else None,
            direction=direction(before.position, after.position) if before and after else None,
        )
        changes.append(change)
    return changes


def _outlets(records: RecordSet) -> dict[str, str]:
    """The outlet of each source id of one state."""
    return {source.id: source.outlet for source in records.sources}


def _strength_changes(old_state: _State, new_state: _State, names: dict[str, str]) -> list[StrengthChange]:
    """Positions held in both states whose evidence strength changed."""
    (old, old_outlets), (new, new_outlets) = old_state, new_state
    changes: list[StrengthChange] = []
    for key in sorted(old.keys() & new.keys(), key=lambda k: (k[1], k[0], k[2])):
        before, after = EVIDENCE_STRENGTH(old[key], old_outlets), EVIDENCE_STRENGTH(new[key], new_outlets)
        if before.rank != after.rank:
            changes.append(
                StrengthChange(
                    key[0], key[1], key[2], names.get(key[0], key[0]), names.get(key[1], key[1]), before.label, after.label, after > before
                )
            )
    return changes


def _added(previous: list[_R], current: list[_R], renames: dict[str, str]) -> list[_R]:
    """RecordSet of `current` whose id (or earlier id) is not in `previous`."""
    known = {renames.get(record.id, record.id) for record in previous}
    return [record for record in current if record.id not in known]


def _removed(previous: list[_R], current: list[_R], renames: dict[str, str]) -> list[_R]:
    """Records of `previous` that `current` no longer holds, under their id or a new one listing it in `was`."""
    known = {record.id for record in current}
    return [record for record in previous if renames.get(record.id, record.id) not in known]


def _figure_changes(previous: list[Figure], current: list[Figure], renames: dict[str, str]) -> list[FigureChange]:
    """Figures whose value, unit or date changed, and new and removed figures, in current order."""
    old = {renames.get(f.id, f.id): f for f in previous}
    now = {f.id: f for f in current}
    changes = [_figure_change(old.get(f.id), f) for f in current]
    changes += [_figure_change(f, None) for key, f in old.items() if key not in now]
    return [c for c in changes if c is not None]


def _figure_key(figure: Figure) -> tuple[object, ...]:
    """What makes a figure's number: its value or ends, its bound, unit and date."""
    return (figure.value, figure.value_to, figure.bound, figure.change, figure.unit, figure.as_of)


def _figure_change(before: Figure | None, after: Figure | None) -> FigureChange | None:
    """One figure's change, or None when value, unit and date are the same."""
    figure = after or before
    assert figure is not None
    if before and after and _figure_key(before) == _figure_key(after):
        return None
    kind = "new" if before is None else "removed" if after is None else "changed"
    return FigureChange(
        kind=kind,
        id=figure.id,
        label=figure.label,
        unit=figure.unit,
        old=before.value if before else None,
        new=after.value if after else None,
        old_as_of=before.as_of if before else None,
        new_as_of=after.as_of if after else None,
    )


@dataclass(frozen=True)
class EditionEntry:
    """A recorded edition and what changed since the one before it."""

    edition: Edition
    changes: Changes


@dataclass(frozen=True)
class Step:
    """One point of an actor's trajectory on a question: its position from a date on (None: no position)."""

    date: dt.date
    position: str | None


@dataclass(frozen=True)
class Trajectory:
    """An actor's positions on a question (one option) across the editions and today."""

    actor: str
    option: str
    steps: list[Step]

    @property
    def moved(self) -> bool:
        """True when the position changed at least once."""
        return len(self.steps) > 1


@dataclass(frozen=True)
class History:
    """The recorded editions, what changed since the last one, and each actor's trajectory per question."""

    entries: list[EditionEntry]
    """Recorded editions, newest first."""
    since: Changes
    """The current content compared with the latest edition older than its as-of date."""
    version: str
    """The current edition's id: the latest edition's when it has today's as-of date, else the as-of date."""
    trajectories: dict[str, list[Trajectory]]
    """By question id; empty when there is no earlier edition."""


NO_HISTORY = History(entries=[], since=Changes(since=None, since_date=None), version="", trajectories={})
"""The history of content that is built without its editions (e.g. a synthetic benchmark)."""


def history(editions: list[Edition], current: RecordSet) -> History:
    """Compare each edition with the one before, and the current content with the latest earlier edition."""
    as_of = current.briefing.as_of
    entries = [
        EditionEntry(e, compare(p, e, p.edition, p.as_of) if p else compare(None, e))
        for p, e in zip([None, *editions], editions, strict=False)
    ]
    earlier = [e for e in editions if e.as_of < as_of]
    base = earlier[-1] if earlier else None
    same_day = [e for e in editions if e.as_of == as_of]
    return History(
        entries=entries[::-1],
        since=compare(base, current, base.edition, base.as_of) if base else compare(None, current),
        version=same_day[-1].edition if same_day else as_of.isoformat(),
        trajectories=_trajectories(earlier, current) if earlier else {},
    )


def _trajectories(earlier: list[Edition], current: RecordSet) -> dict[str, list[Trajectory]]:
    """Each identity's positions over the earlier editions and today, by question, collapsing repeats."""
    renames = renamed_ids(current)
    states: list[tuple[dt.date, dict[Identity, Stance]]] = [
        (e.as_of, {_rename_key(k, renames): s for k, s in stance_identities(e.record_set().stances).items()}) for e in earlier
    ]
    states.append((current.briefing.as_of, stance_identities(current.stances)))
    result: dict[str, list[Trajectory]] = {}
    for key in sorted({k for _, state in states for k in state}):
        steps: list[Step] = []
        for date, state in states:
            position = state[key].position.value if key in state else None
            if not steps or steps[-1].position != position:
                steps.append(Step(date, position))
        while steps and steps[0].position is None:
            steps.pop(0)  # before its first position the actor had not spoken
        result.setdefault(key[1], []).append(Trajectory(key[0], key[2], steps))
    return result


DIRECTION_SYMBOLS = {s.value: s.symbol for s in CHANGE_MARKS if s.value in ("towards", "away", "sideways")}
"""The arrow that says which way a shifted position moved; its words are `change_mark.<direction>` in the catalogues."""


def describe(changes: Changes, words: Catalogue) -> list[str]:
    """Every change as one plain sentence in the briefing's language, for the feed and for readers without styles."""
    if changes.first:
        return [words.text("changes.first")]
    lines = [_describe_position(c, words) for c in changes.positions]
    lines += [
        words.text(
            "changes.evidence",
            who=words.text("changes.who", actor=c.actor_name, topic=c.topic_title),
            direction=words.text("changes.stronger" if c.stronger else "changes.weaker"),
            old=words.text(f"strength_word.{c.old}"),
            new=words.text(f"strength_word.{c.new}"),
        )
        for c in changes.evidence
    ]
    lines += [words.text("changes.new_event", title=e.title, date=_date(e.date, words)) for e in changes.events]
    lines += [words.text("changes.removed_event", title=e.title, date=_date(e.date, words)) for e in changes.removed_events]
    lines += [_describe_figure(c, words) for c in changes.figures]
    lines += [words.text("changes.new_source", outlet=s.outlet, title=s.title, date=_date(s.published, words)) for s in changes.sources]
    lines += [words.text("changes.removed_source", outlet=s.outlet, title=s.title) for s in changes.removed_sources]
    lines += [words.text("changes.new_actor", name=a.name) for a in changes.actors]
    lines += [words.text("changes.removed_actor", name=a.name) for a in changes.removed_actors]
    lines += [words.text("changes.new_topic", title=t.title) for t in changes.topics]
    lines += [words.text("changes.removed_topic", title=t.title) for t in changes.removed_topics]
    return lines or [words.text("changes.none")]


def _date(value: str | dt.date | None, words: Catalogue) -> str:
    """A record's date in the language, or the word for undated."""
    return words.date(value) if value else words.text("timeline.undated")


def _describe_position(change: PositionChange, words: Catalogue) -> str:
    """One position change as a sentence."""
    who = words.text("changes.who", actor=change.actor_name, topic=change.topic_title) + (f" ({change.option})" if change.option else "")

    def label(value: str) -> str:
        return words.text(f"position.{value}")

    if change.kind == "new" and change.new:
        return words.text("changes.new_position", who=who, position=label(change.new))
    if change.kind == "withdrawn" and change.old:
        return words.text("changes.withdrawn_position", who=who, position=label(change.old))
    direction = change.direction or "sideways"
    return words.text(
        "changes.shifted",
        who=who,
        old=label(change.old or ""),
        new=label(change.new or ""),
        arrow=DIRECTION_SYMBOLS[direction],
        direction=words.text(f"change_mark.{direction}"),
    )


def _describe_figure(change: FigureChange, words: Catalogue) -> str:
    """One figure change as a sentence, old and new value with the unit."""
    old, new = (words.number(v) if v is not None else "–" for v in (change.old, change.new))
    if change.kind == "new":
        return words.text("changes.new_figure", label=change.label, value=new, unit=change.unit)
    if change.kind == "removed":
        return words.text("changes.removed_figure", label=change.label, value=old, unit=change.unit)
    return words.text("changes.figure", label=change.label, old=old, new=new, unit=change.unit, date=_date(change.new_as_of, words))
