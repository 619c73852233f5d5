"""Stage 3: the briefing as readers see it, computed from validated content (pure, no I/O)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..content.schema import Actor, Citation, Event, Figure, Source, Stance, Topic
from ..content.validate import Content
from ..i18n import Catalogue, primary_subtag
from . import evidence, hedges
from .changes import NO_HISTORY, History
from .scales import POSITION_SCALE

LINKING_EVENTS = {"meeting", "call", "statement"}
"""Event kinds that link their participants as having met."""


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph of a source and what sort of block it is."""

    source: str
    number: int
    text: str
    kind: str
    """body, caption or heading."""


SHORT_TITLE_WORDS = 6
"""Words of a source's title a citation adds when two sources share an outlet and a day."""

Reason = tuple[str, tuple[tuple[str, str], ...]]
"""Why two actors are related, as a sentence: its catalogue key and the names and titles it is filled in with."""


@dataclass(frozen=True)
class Relation:
    """Why two actors are related: shared events, affiliation or reporting."""

    actor: str
    reasons: tuple[Reason, ...]
    """Each reason as (catalogue key, values): ("relation.tie.represents", (("a", "Minister Alpha"), ("b", "Country X")))."""


@dataclass(frozen=True)
class BriefingModel:
    """Validated content plus the indices every page needs."""

    content: Content
    actors: dict[str, Actor]
    topics: dict[str, Topic]
    sources: dict[str, Source]
    paragraphs: dict[str, list[Paragraph]]
    stances_by_actor: dict[str, list[Stance]]
    stances_by_topic: dict[str, list[Stance]]
    events: list[Event]
    events_by_actor: dict[str, list[Event]]
    mentions: dict[str, dict[str, int]]
    related: dict[str, list[Relation]]
    cited: dict[str, set[int]]
    """Paragraph numbers cited anywhere, by source id."""
    stances: list[Stance]
    """Every stance, a joint stance repeated once per actor holding it."""
    undated_events: list[Event]
    """Events known only by words for when ("recently"), in content order."""
    watch: list[Event]
    """Planned and expected events on or after the as-of date, or undated: the "What to watch" list."""
    assessments: dict[int, evidence.Assessment]
    """Each stance's evidence strength, by the stance's id()."""
    names: dict[str, str]
    """Each actor's display name, by id."""
    matrix_actors: list[Actor]
    """Actors with at least one stance, in content order."""
    cells: dict[tuple[str, str], list[Stance]]
    """The stances of each (actor, question) pair that has any."""
    history: History = NO_HISTORY
    """The recorded editions and what changed since the last one."""

    @property
    def figures(self) -> list[Figure]:
        """The key figures, in content order."""
        return self.content.figures

    def is_background(self, event: Event) -> bool:
        """True when the event happened before the period the briefing covers."""
        return event.date is not None and event.date < self.content.briefing.covers.start.isoformat()  # partial ISO dates sort as text

    def strength(self, stance: Stance) -> evidence.Assessment:
        """The stance's evidence strength as readers see it."""
        return self.assessments[id(stance)]

    def event_title(self, event: Event) -> str:
        """The event's title, hedged when only claims or anonymous sources report it."""
        return evidence.event_title(event, self.names, Catalogue(self.content.briefing.language))

    def hedge(self, record: Stance | Event) -> str | None:
        """The hedge or condition marker of a stance's or event's cited passages, read in each source's language, or None."""
        cited = record.evidence if isinstance(record, Stance) else record.citations
        return hedges.passage_marker(cited, {s.id: s.language for s in self.sources.values()})

    def translation(self, citation: Citation) -> str | None:
        """The citation's translation, shown only when its source is in another language than the site (primary subtags)."""
        source = primary_subtag(self.sources[citation.source].language)
        return citation.translation if source != primary_subtag(self.content.briefing.language) else None

    def source_name(self, source_id: str, dated: bool = False) -> str:
        """How a citation names its source: the outlet, with the date and then a short title when another source shares them."""
        source = self.sources[source_id]
        words = Catalogue(self.content.briefing.language)
        same_outlet = [s for s in self.sources.values() if s.outlet == source.outlet]
        same_day = [s for s in same_outlet if s.published == source.published]
        name = source.outlet
        if dated or len(same_outlet) > 1:
            name += f", {words.date(source.published)}"
        if len(same_day) > 1:
            title = source.title.split()
            name += ", “" + " ".join(title[:SHORT_TITLE_WORDS]) + ("…" if len(title) > SHORT_TITLE_WORDS else "") + "”"
        return name

    def sides(self, topic: str) -> dict[str, list[str]]:
        """Each position taken on a question, in scale order, with its actors: the one count every page, chart and the PDF use.

        Each actor counts once per position, however many stances report it; a joint position counts once for each of its actors.
        """
        by_position: dict[str, list[str]] = {}
        for stance in self.stances_by_topic.get(topic, []):
            actors = by_position.setdefault(stance.position.value, [])
            if stance.actor not in actors:
                actors.append(stance.actor)
        return {step.value: by_position[step.value] for step in POSITION_SCALE if step.value in by_position}

    def cell(self, actor: str, topic: str) -> list[Stance]:
        """The stances of one actor on one question (several when options differ)."""
        return self.cells.get((actor, topic), [])


def build_model(content: Content, history: History = NO_HISTORY) -> BriefingModel:
    """Index the validated content (and its editions' history) for the pages."""
    topic_order = {topic.id: n for n, topic in enumerate(content.topics)}
    position_order = {step.value: n for n, step in enumerate(POSITION_SCALE)}
    actor_order = {actor.id: n for n, actor in enumerate(content.actors)}
    expanded = expand_joint(content.stances)
    by_actor: dict[str, list[Stance]] = defaultdict(list)
    by_topic: dict[str, list[Stance]] = defaultdict(list)
    for stance in expanded:
        by_actor[stance.actor].append(stance)
        by_topic[stance.topic].append(stance)
    for stances in by_actor.values():
        stances.sort(key=lambda s: topic_order[s.topic])
    for stances in by_topic.values():
        stances.sort(key=lambda s: (position_order[s.position.value], actor_order[s.actor]))
    events = sorted((e for e in content.events if e.date), key=date_order)
    undated = [e for e in content.events if not e.date]
    events_by_actor: dict[str, list[Event]] = defaultdict(list)
    for event in events + undated:
        for actor in dict.fromkeys([*event.actors, *event.subjects]):
            events_by_actor[actor].append(event)
    outlets = {source.id: source.outlet for source in content.sources}
    return BriefingModel(
        content=content,
        actors={actor.id: actor for actor in content.actors},
        topics={topic.id: topic for topic in content.topics},
        sources={source.id: source for source in content.sources},
        paragraphs=_paragraphs(content),
        stances_by_actor=dict(by_actor),
        stances_by_topic=dict(by_topic),
        events=events,
        events_by_actor=dict(events_by_actor),
        mentions=count_mentions(content),
        related=_relations(content),
        cited=_cited(content),
        stances=expanded,
        undated_events=undated,
        watch=_watch(events + undated, content.briefing.as_of.isoformat()),
        assessments={id(stance): evidence.assess(stance, outlets) for stance in expanded},
        names={actor.id: actor.name for actor in content.actors},
        matrix_actors=[actor for actor in content.actors if by_actor.get(actor.id)],
        cells=_cells(by_actor),
        history=history,
    )


def date_order(event: Event) -> tuple[str, str]:
    """Sort an event by date: a month or a year goes after the days it holds ("about February" after 3 February)."""
    date = event.date or ""
    padded = date + {4: "-13", 7: "-32"}.get(len(date), "")  # no month 13 or day 32: after every real one
    return (padded, event.time or "")


def expand_joint(stances: list[Stance]) -> list[Stance]:
    """Repeat each joint stance for every actor holding it, each copy naming the others in `joint_with`."""
    result: list[Stance] = []
    for stance in stances:
        result.append(stance)
        holders = [stance.actor, *stance.joint_with]
        for actor in stance.joint_with:
            result.append(stance.model_copy(update={"actor": actor, "joint_with": [h for h in holders if h != actor]}))
    return result


def _watch(events: list[Event], as_of: str) -> list[Event]:
    """Planned and expected events that are still ahead (on or after the as-of date) or undated."""
    ahead = [e for e in events if not e.took_place and e.outcome is None and (e.date is None or e.date >= as_of[: len(e.date)])]
    return sorted(ahead, key=lambda e: (e.date is None, *date_order(e)))


def _cells(by_actor: dict[str, list[Stance]]) -> dict[tuple[str, str], list[Stance]]:
    """Index the stances by (actor, question), keeping each actor's question order."""
    cells: dict[tuple[str, str], list[Stance]] = defaultdict(list)
    for actor, stances in by_actor.items():
        for stance in stances:
            cells[(actor, stance.topic)].append(stance)
    return dict(cells)


def all_citations(content: Content) -> list[Citation]:
    """Every citation in the content, in kind and file order."""
    return content.citations()


def _cited(content: Content) -> dict[str, set[int]]:
    """Collect the cited paragraph numbers per source."""
    cited: dict[str, set[int]] = defaultdict(set)
    for citation in all_citations(content):
        cited[citation.source].add(citation.paragraph)
    return dict(cited)


def _paragraphs(content: Content) -> dict[str, list[Paragraph]]:
    """Number each source's paragraphs and mark captions and headings."""
    result: dict[str, list[Paragraph]] = {}
    for source in content.sources:
        kinds = {n: "caption" for n in source.captions} | {n: "heading" for n in source.headings}
        texts = content.paragraphs.get(source.id, [])
        result[source.id] = [Paragraph(source.id, n, text, kinds.get(n, "body")) for n, text in enumerate(texts, 1)]
    return result


def count_mentions(content: Content) -> dict[str, dict[str, int]]:
    """Count how often each actor's aliases occur in each source (whole words, longest alias first).

    Each text is indexed by its words once; an actor's candidates are the places where the first
    word of one of its aliases stands, so the cost grows with the text and the matches, not with
    actors × text.
    """
    texts = {source: "\n\n".join(paragraphs) for source, paragraphs in content.paragraphs.items()}
    word_starts = {source: _word_index(text) for source, text in texts.items()}
    counts: dict[str, dict[str, int]] = {}
    for actor in content.actors:
        aliases = sorted({actor.name, *actor.aliases}, key=len, reverse=True)
        counts[actor.id] = {source: _count_aliases(text, word_starts[source], aliases) for source, text in texts.items()}
    return counts


_WORD = re.compile(r"\w+")


def _word_index(text: str) -> dict[str, list[int]]:
    """Where each word starts in a text."""
    index: dict[str, list[int]] = defaultdict(list)
    for match in _WORD.finditer(text):
        index[match.group()].append(match.start())
    return index


def _count_aliases(text: str, index: dict[str, list[int]], aliases: list[str]) -> int:
    """Count non-overlapping whole-word occurrences of any alias, the longest winning where they start together."""
    candidates: set[int] = set()
    for alias in aliases:
        first = _WORD.match(alias)
        if first is None or first.start() != 0:  # an alias that starts with a sign: search it directly
            candidates.update(m.start() for m in re.finditer(re.escape(alias), text))
        else:
            candidates.update(index.get(first.group(), []))
    count, end = 0, -1
    for start in sorted(candidates):
        if start < end:
            continue
        match = next((a for a in aliases if text.startswith(a, start) and _whole_word(text, start, start + len(a))), None)
        if match:
            count, end = count + 1, start + len(match)
    return count


def _whole_word(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not part of a longer word."""
    before = start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")
    after = end < len(text) and (text[end].isalnum() or text[end] == "_")
    return not before and not after


def _relations(content: Content) -> dict[str, list[Relation]]:
    """Relate actors through shared meetings, calls and statements, affiliation and reporting, each said as a sentence."""
    actors = {actor.id: actor for actor in content.actors}
    order = {actor.id: n for n, actor in enumerate(content.actors)}
    reasons: dict[str, dict[str, list[Reason]]] = defaultdict(lambda: defaultdict(list))
    names = {actor.id: actor.name for actor in content.actors}

    def relate(one: str, other: str, key: str, **values: str) -> None:
        sentence = (f"relation.{key}", tuple(values.items()))
        reasons[one][other].append(sentence)
        reasons[other][one].append(sentence)

    for event in content.events:
        if event.kind.value in LINKING_EVENTS and event.took_place:  # a meeting that has not taken place relates no one
            for a in event.actors:
                for b in event.actors:
                    if order[a] < order[b]:
                        title = evidence.event_title(event, names, Catalogue(content.briefing.language))
                        relate(a, b, f"event.{event.kind.value}", a=actors[a].name, b=actors[b].name, title=title)
    for actor in content.actors:
        for parent in actor.affiliation:
            relate(actor.id, parent, f"tie.{_tie(actor, actors[parent])}", a=actor.name, b=actors[parent].name)
    topics = {topic.id: topic.title for topic in content.topics}
    for stance in content.stances:
        reporter = stance.reported_by.actor
        if reporter and reporter != stance.actor:
            relate(stance.actor, reporter, "reported", a=actors[reporter].name, b=actors[stance.actor].name, topic=topics[stance.topic])
    return {
        actor: [Relation(other, tuple(dict.fromkeys(why))) for other, why in sorted(others.items(), key=lambda kv: order[kv[0]])]
        for actor, others in reasons.items()
    }


def _tie(actor: Actor, parent: Actor) -> str:
    """How an actor stands to the actor it is affiliated with, as a catalogue key: speaks_for, member_of."""
    if parent.kind.value == "person":
        return "speaks_for" if "spokes" in (actor.role or "").lower() else "works_for"
    if parent.kind.value == "state":
        return "represents" if actor.kind.value == "person" else "acts_for"
    return "member_of" if parent.kind.value == "coalition" else "part_of"
