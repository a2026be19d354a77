"""Stored stories with their briefs, for ``newsweave show``, ``export`` and the demo report.

A :class:`~newsweave.render.present.StoryBrief` bundles a story's brief with the
story (article count, independent sources, first and last seen) and its articles
(to name cited sources whose outlet is unknown).

Briefing is CPU work in pure Python, so :func:`iter_story_briefs` can spread it
over worker processes (``jobs``); the briefs come out in the same order and are
the same as with one process.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from newsweave.brief.build import BriefOptions, build_brief
from newsweave.brief.serialise import brief_to_data
from newsweave.errors import NewsweaveError, StoreError
from newsweave.models import Article, Brief, Story
from newsweave.pipeline import brief_options
from newsweave.render.present import StoryBrief, story_brief
from newsweave.store import Store
from newsweave.store.serialise import story_to_data

__all__ = [
    "count_story_briefs",
    "iter_story_briefs",
    "load_story_brief",
    "story_brief_to_data",
]

_AHEAD = 4
"""Stories handed to each worker ahead of the one being written (bounds memory)."""

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
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Iterator[StoryBrief]:
    """Stories most recent first, with their briefs: at most ``limit``, each with at
    least ``min_sources`` independent sources.

    With ``jobs`` above 1 the briefs are built in that many worker processes (the
    store is read here only); ``progress`` is called with 1 after each brief.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    # The registry is read once for all stories, not once per story.
    options = brief_options(store, options)
    stories = _selected(store, limit=limit, min_sources=min_sources)
    if jobs == 1:
        for story in stories:
            yield _story_brief(store, story, options)
            if progress is not None:
                progress(1)
        return
    # Spawned workers: a fork would copy the caller's threads and open database.
    context = multiprocessing.get_context("spawn")
    pending: deque[tuple[Story, list[Article], Future[Brief]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        try:
            for story in stories:
                articles = store.story_articles(story.id)
                future = pool.submit(build_brief, story.id, articles, options=options)
                pending.append((story, articles, future))
                if len(pending) >= _AHEAD * jobs:
                    yield _finished(*pending.popleft(), progress)
            while pending:
                yield _finished(*pending.popleft(), progress)
        except BrokenProcessPool as exc:
            raise NewsweaveError(
                f"a brief worker process died ({exc}); try again with one process (--jobs 1)"
            ) from exc
        finally:
            for _story, _articles, future in pending:
                future.cancel()


def count_story_briefs(store: Store, *, limit: int | None = None, min_sources: int = 1) -> int:
    """How many stories :func:`iter_story_briefs` yields with these filters."""
    return sum(1 for _ in _selected(store, limit=limit, min_sources=min_sources))


def _selected(store: Store, *, limit: int | None, min_sources: int) -> Iterator[Story]:
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    count = 0
    for story in store.iter_stories(order="recent"):
        if limit is not None and count >= limit:
            return
        if story.independent_sources < min_sources:
            continue
        yield story
        count += 1


def _finished(
    story: Story,
    articles: list[Article],
    future: Future[Brief],
    progress: Callable[[int], None] | None,
) -> StoryBrief:
    item = story_brief(future.result(), story=story, articles=articles)
    if progress is not None:
        progress(1)
    return item


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
