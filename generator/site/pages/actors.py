"""The actors: the index grouped by kind, and one profile page per actor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ...content.schema import Actor, Source
from ...i18n import Catalogue
from ...model.briefing import BriefingModel
from ...model.scales import ACTOR_KINDS
from ..exports import actor_json_ld
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
    return ActorsView(actor_sections=actor_sections(site.model, site.catalogue))


def actor_view(site: Site, actor: Actor) -> ActorView:
    """One actor's profile page."""
    return ActorView(actor=actor, mentions=mentions(site.model, actor.id), json_ld=script_json(actor_json_ld(site.model, actor)))


def actor_sections(model: BriefingModel, catalogue: Catalogue) -> list[ActorSection]:
    """Group the actors by kind for the index, in the documented kind order; those only named or cited come last."""
    named = named_only(model)
    acting = [a for a in model.actors.values() if a.id not in named]
    sections = [ActorSection(catalogue.text(f"actor_kinds.{kind.value}"), [a for a in acting if a.kind == kind]) for kind in ACTOR_KINDS]
    sections.append(ActorSection(catalogue.text("actors.named_only"), [a for a in model.actors.values() if a.id in named]))
    return [section for section in sections if section.actors]


def named_only(model: BriefingModel) -> set[str]:
    """Actors the sources name or cite (outlets, think tanks) who take no position, no part in an event and have no ties."""
    content = model.content
    involved = {a for event in content.events for a in event.actors}
    involved |= {s.reported_by.actor for s in content.stances if s.reported_by.actor}
    involved |= {parent for actor in content.actors for parent in actor.affiliation}
    return {
        actor.id
        for actor in content.actors
        if not model.stances_by_actor.get(actor.id) and not actor.affiliation and actor.id not in involved
    }


def mentions(model: BriefingModel, actor: str) -> list[Mention]:
    """An actor's mention count in each source."""
    return [Mention(model.sources[s], n) for s, n in model.mentions.get(actor, {}).items()]
