"""A stored story's place in its storyline, and a storyline with its stories, as data.

The story JSON (the API's ``/stories/{id}`` and the story page's ``.json`` twin)
names the storyline the story belongs to and lists its other stories in time
order, split into those before it and those after it; the storyline routes list
storylines and give one with its stories.  Every view reads the store through the
functions here, so they all give the same shape (``docs/api.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsweave.models import Story, StorylineSummary
from newsweave.store import Store
from newsweave.store.serialise import storyline_entry_data, storyline_to_data

__all__ = [
    "StorylinePlace",
    "storyline_data",
    "storyline_place",
    "storyline_place_data",
]


@dataclass(frozen=True, slots=True)
class StorylinePlace:
    """Where a story stands in its storyline: the stories before it and after it."""

    storyline: StorylineSummary
    earlier: tuple[Story, ...]
    """The storyline's stories first seen before this one, oldest first."""
    later: tuple[Story, ...]
    """The storyline's stories first seen after this one (or undated), oldest first."""


def storyline_place(store: Store, story: Story) -> StorylinePlace | None:
    """``story``'s place in its storyline; ``None`` when it has none (stored before
    storylines existed and not rebuilt yet) or the storyline is gone meanwhile."""
    if story.storyline is None:
        return None
    summary = store.get_storyline(story.storyline)
    members = store.storyline_stories(story.storyline)
    position = next((n for n, member in enumerate(members) if member.id == story.id), None)
    if summary is None or position is None:
        # Read between two writes: the story moved to another storyline.
        return None
    return StorylinePlace(
        storyline=summary,
        earlier=tuple(members[:position]),
        later=tuple(members[position + 1 :]),
    )


def storyline_place_data(place: StorylinePlace | None) -> dict[str, Any] | None:
    """The JSON shape of a story's storyline: the storyline's id, name, counts and
    dates, and its other stories (id, headline, first/last seen, articles,
    independent sources) in time order as ``earlier`` and ``later``."""
    if place is None:
        return None
    return {
        **storyline_to_data(place.storyline),
        "earlier": [storyline_entry_data(story) for story in place.earlier],
        "later": [storyline_entry_data(story) for story in place.later],
    }


def storyline_data(store: Store, storyline_id: str) -> dict[str, Any] | None:
    """A storyline and all its stories in time order, or ``None`` if unknown."""
    summary = store.get_storyline(storyline_id)
    if summary is None:
        return None
    return {
        "storyline": storyline_to_data(summary),
        "stories": [storyline_entry_data(story) for story in store.storyline_stories(summary.id)],
    }
