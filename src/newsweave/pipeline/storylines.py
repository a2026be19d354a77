"""A stored story's place in its storyline, and a storyline with its stories, as data.

The story JSON (the API's ``/stories/{id}`` and the story page's ``.json`` twin)
names the storyline the story belongs to and lists its other stories in time
order, split into those before it and those after it; the storyline routes list
storylines and give one with its stories.  Every view reads the store through the
functions here, so they all give the same shape (``docs/api.md``) and the same
name: :func:`~newsweave.cluster.headline.storyline_name` over the storyline's
story headlines (the store's own count query names a storyline after its largest
story; the functions here replace that by the rule).
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from newsweave.cluster.headline import storyline_name
from newsweave.models import Story, StorylineSummary
from newsweave.store import Store
from newsweave.store.serialise import storyline_entry_data, storyline_to_data

__all__ = [
    "NEAREST",
    "StorylinePlace",
    "get_storyline",
    "iter_storylines",
    "name_storylines",
    "storyline_data",
    "storyline_names",
    "storyline_place",
    "storyline_place_data",
]


@functools.lru_cache(maxsize=512)
def _name(headlines: tuple[tuple[str | None, int], ...]) -> str | None:
    """:func:`storyline_name`, remembered: naming a saga of hundreds of stories reads
    every headline's words (~0.1 s), and every page of its stories names it.  The
    name depends on the headlines and counts only, which are the key."""
    return storyline_name(list(headlines))


def name_storylines(store: Store, lines: Iterable[StorylineSummary]) -> list[StorylineSummary]:
    """``lines`` with their names given by the naming rule (one store query)."""
    lines = list(lines)
    headlines = store.storyline_headlines([line.id for line in lines])
    return [
        dataclasses.replace(line, name=_name(tuple(headlines.get(line.id, []))) or line.name)
        for line in lines
    ]


def storyline_names(store: Store, storyline_ids: Iterable[str]) -> dict[str, str | None]:
    """The name of each storyline (``None`` for an unknown one), by the naming rule."""
    headlines = store.storyline_headlines(list(dict.fromkeys(storyline_ids)))
    return {line: _name(tuple(found)) for line, found in headlines.items()}


def iter_storylines(
    store: Store, *, limit: int | None = None, offset: int = 0, page: int = 256
) -> Iterable[StorylineSummary]:
    """The stored storylines, latest last seen first, named (``page`` at a time)."""
    position = offset
    remaining = limit
    while remaining is None or remaining > 0:
        size = page if remaining is None else min(page, remaining)
        lines = list(store.iter_storylines(limit=size, offset=position))
        yield from name_storylines(store, lines)
        if len(lines) < size:
            return
        position += len(lines)
        if remaining is not None:
            remaining -= len(lines)


def get_storyline(store: Store, storyline_id: str) -> StorylineSummary | None:
    """One storyline, named; ``None`` if no story belongs to it."""
    line = store.get_storyline(storyline_id)
    return None if line is None else name_storylines(store, [line])[0]


@dataclass(frozen=True, slots=True)
class StorylinePlace:
    """Where a story stands in its storyline: the nearest stories before it and after it."""

    storyline: StorylineSummary
    earlier: tuple[Story, ...]
    """The storyline's stories first seen just before this one, oldest first."""
    later: tuple[Story, ...]
    """The storyline's stories first seen just after this one (or undated), oldest first."""
    earlier_more: int = 0
    """Stories before ``earlier`` left out."""
    later_more: int = 0
    """Stories after ``later`` left out."""


NEAREST = 20
"""Stories listed on each side of a story in its storyline's JSON (a saga may hold hundreds)."""


def storyline_place(store: Store, story: Story, *, nearest: int = NEAREST) -> StorylinePlace | None:
    """``story``'s place in its storyline (the ``nearest`` stories on each side, the
    rest counted); ``None`` when it has none (stored before storylines existed and not
    rebuilt yet) or the storyline is gone meanwhile."""
    if story.storyline is None:
        return None
    summary = get_storyline(store, story.storyline)
    around = store.storyline_neighbours(story.storyline, story.id, nearest)
    if summary is None or around is None:
        # Read between two writes: the story moved to another storyline.
        return None
    earlier, later, earlier_more, later_more = around
    return StorylinePlace(
        storyline=summary,
        earlier=tuple(earlier),
        later=tuple(later),
        earlier_more=earlier_more,
        later_more=later_more,
    )


def storyline_place_data(
    place: StorylinePlace | None, *, nearest: int = NEAREST
) -> dict[str, Any] | None:
    """The JSON shape of a story's storyline: the storyline's id, name, counts and
    dates, and its other stories (id, headline, first/last seen, articles,
    independent sources) in time order as ``earlier`` and ``later``: the ``nearest``
    on each side, with ``earlier_more`` and ``later_more`` counting the ones left out
    (all of them are in ``GET /api/v1/storylines/{id}``)."""
    if place is None:
        return None
    earlier = place.earlier[-nearest:] if nearest > 0 else ()
    later = place.later[:nearest]
    return {
        **storyline_to_data(place.storyline),
        "earlier": [storyline_entry_data(story) for story in earlier],
        "earlier_more": place.earlier_more + len(place.earlier) - len(earlier),
        "later": [storyline_entry_data(story) for story in later],
        "later_more": place.later_more + len(place.later) - len(later),
    }


def storyline_data(store: Store, storyline_id: str) -> dict[str, Any] | None:
    """A storyline and all its stories in time order, or ``None`` if unknown."""
    summary = get_storyline(store, storyline_id)
    if summary is None:
        return None
    return {
        "storyline": storyline_to_data(summary),
        "stories": [storyline_entry_data(story) for story in store.storyline_stories(summary.id)],
    }
