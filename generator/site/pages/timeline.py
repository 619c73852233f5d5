"""The timeline page: the period covered and the background before it, with the timeline chart."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...content.schema import Event
from .common import ChartView, Site


@dataclass(frozen=True)
class Periods:
    """The events of the period covered and those before it."""

    covered_title: str
    """The heading over the covered events: the period, stretched to the last event listed under it."""
    covered: list[Event]
    background: list[Event]
    covers_title: str = ""
    """The period the briefing covers, as `covers` says."""


@dataclass(frozen=True)
class TimelineView:
    """The timeline chart and the events by period."""

    charts: dict[str, ChartView]
    covered_title: str
    covered: list[Event]
    background: list[Event]


def timeline_view(site: Site, record: Any = None) -> TimelineView:
    """The timeline page's view."""
    periods = split_periods(site)
    return TimelineView(site.placed("timeline"), periods.covered_title, periods.covered, periods.background)


def _last_day(model: Any, end: Any) -> Any:
    """The heading's last day: the period's end, or a later event's (last) date, so the heading covers every event under it."""
    ends = [e.date_to or e.date for e in model.events if not model.is_background(e)]
    later = [d for d in ends if d and len(d) == 10 and d > end.isoformat()]
    return max(later) if later else end


def split_periods(site: Site) -> Periods:
    """Split the events into the period covered and the background before it."""
    model, words = site.model, site.catalogue
    covers = model.content.briefing.covers
    return Periods(
        covered_title=words.text("timeline.period", start=words.date(covers.start), end=words.date(_last_day(model, covers.end))),
        covers_title=words.text("timeline.period", start=words.date(covers.start), end=words.date(covers.end)),
        covered=[e for e in model.events if not model.is_background(e)],
        background=[e for e in model.events if model.is_background(e)],
    )
