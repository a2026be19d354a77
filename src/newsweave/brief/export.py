"""Stored stories with their briefs, for ``newsweave show``, ``export`` and the demo report.

A :class:`~newsweave.brief.present.StoryBrief` bundles a story's brief with the
story (article count, independent sources, first and last seen) and its articles
(to name cited sources whose outlet is unknown).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsweave.brief.build import BriefOptions, build_brief
from newsweave.brief.present import StoryBrief, story_brief
from newsweave.brief.serialise import brief_to_data
from newsweave.errors import StoreError
from newsweave.models import Story
from newsweave.pipeline import brief_options
from newsweave.store import Store
from newsweave.store.serialise import story_to_data

__all__ = ["iter_story_briefs", "load_story_brief", "story_brief_to_data"]

# The story's numbers added to a brief's JSON (the fields of ``stories --json``).
_STORY_KEYS = (
    "articles",
    "article_ids",
    "independent_sources",
    "sources",
    "first_seen",
    "last_seen",
)


def load_story_brief(
    store: Store, story_id: str, *, options: BriefOptions | None = None
) -> StoryBrief:
    """The brief of a stored story with its story and articles.

    ``story_id`` may be an id the story had before a merge.  Raises ``StoreError``
    when no story has (or had) this id.
    """
    current = store.resolve_story(story_id)
    story = store.get_story(current) if current is not None else None
    if story is None:
        raise StoreError(f"no story {story_id} (see `newsweave stories`)")
    return _story_brief(store, story, brief_options(store, options))


def iter_story_briefs(
    store: Store,
    *,
    limit: int | None = None,
    min_sources: int = 1,
    options: BriefOptions | None = None,
) -> Iterator[StoryBrief]:
    """Stories most recent first, with their briefs: at most ``limit``, each with at
    least ``min_sources`` independent sources."""
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    # The registry is read once for all stories, not once per story.
    options = brief_options(store, options)
    count = 0
    for story in store.iter_stories(order="recent"):
        if story.independent_sources < min_sources:
            continue
        yield _story_brief(store, story, options)
        count += 1
        if limit is not None and count >= limit:
            return


def _story_brief(store: Store, story: Story, options: BriefOptions) -> StoryBrief:
    # The articles are read once: for the brief and to name its cited sources.
    articles = store.story_articles(story.id)
    brief = build_brief(story.id, articles, options=options)
    return story_brief(brief, story=story, articles=articles)


def story_brief_to_data(item: StoryBrief) -> dict[str, Any]:
    """The brief's JSON form (``docs/brief-schema.md``) plus the story's numbers:
    ``articles`` (count), ``article_ids``, ``independent_sources``, ``sources``,
    ``first_seen`` and ``last_seen`` (ISO 8601 or ``null``)."""
    data = brief_to_data(item.brief)
    story = item.story
    if story is not None:
        shape = story_to_data(story)
        data.update({key: shape[key] for key in _STORY_KEYS})
    return data
