"""The actors: the index grouped by kind, and one profile page per actor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..exports import actor_json_ld
from ..model import BriefingModel
from ..scales import KIND_TITLES
from ..schema import Actor, Source
from .common import Site
from .environment import script_json


@dataclass(frozen=True)
class ActorSection:
    """The actors of one kind, under the kind's title."""

    title: str
    actors: list[Actor]


@dataclass(frozen=True)
class Mention:
    """How often an actor is named in one source."""

    source: Source
    count: int


@dataclass(frozen=True)
class ActorsView:
    """The index of actors by kind."""

    actor_sections: list[ActorSection]


@dataclass(frozen=True)
class ActorView:
    """One actor's profile: the actor, its mentions and its JSON-LD."""

    actor: Actor
    mentions: list[Mention]
    json_ld: Markup


def actors_view(site: Site, record: Any = None) -> ActorsView:
    """The actor index's view."""
    return ActorsView(actor_sections=actor_sections(site.model))


def actor_view(site: Site, actor: Actor) -> ActorView:
    """One actor's profile page."""
    return ActorView(actor=actor, mentions=mentions(site.model, actor.id), json_ld=script_json(actor_json_ld(site.model, actor)))


def actor_sections(model: BriefingModel) -> list[ActorSection]:
    """Group the actors by kind for the index, in the documented kind order."""
    sections = [ActorSection(title, [a for a in model.actors.values() if a.kind == kind]) for kind, title in KIND_TITLES.items()]
    return [section for section in sections if section.actors]


def mentions(model: BriefingModel, actor: str) -> list[Mention]:
    """An actor's mention count in each source."""
    return [Mention(model.sources[s], n) for s, n in model.mentions.get(actor, {}).items()]
