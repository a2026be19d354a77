"""The brief flows: a stored story's brief, every story's brief for ``export``, a brief
built and cached for the server, and the stateless ``brief`` of one input.

A :class:`~newsweave.render.present.StoryBrief` bundles a story's brief with the
story (article count, independent sources, first and last seen) and its articles
(to name cited sources whose outlet is unknown).

Briefing is CPU work in pure Python, so :func:`iter_story_briefs` can spread it
over worker processes (``jobs``, a :class:`~newsweave.pipeline.brief_pool.BriefPool`);
the briefs come out in the same order and are the same as with one process.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from newsweave import __version__
from newsweave.brief.build import BriefOptions, build_brief, story_id_of
from newsweave.brief.serialise import SCHEMA_VERSION, brief_to_data
from newsweave.code_digest import source_digest
from newsweave.config import Settings
from newsweave.errors import StoreError
from newsweave.extract import extract_each
from newsweave.ingest import read_inputs
from newsweave.models import Article, Brief, InputFailure, Story
from newsweave.pipeline.brief_pool import BriefPool, briefs_in_order
from newsweave.render.present import StoryBrief, story_brief
from newsweave.sources import SourceRegistry
from newsweave.store import Store, open_store
from newsweave.store.serialise import story_to_data

__all__ = [
    "BriefRun",
    "BuildResult",
    "brief_format",
    "brief_input",
    "brief_options",
    "brief_story",
    "brief_text",
    "build_and_store",
    "build_in_worker",
    "count_story_briefs",
    "iter_story_briefs",
    "load_story_brief",
    "story_brief_to_data",
]

_AHEAD = 4
"""Stories handed to each worker ahead of the one being written (bounds memory)."""

# The story's numbers added to a brief's JSON (the fields of ``stories --json``).
_STORY_KEYS = (
    "storyline",
    "articles",
    "article_ids",
    "independent_sources",
    "sources",
    "first_seen",
    "last_seen",
)


def brief_options(store: Store, options: BriefOptions | None = None) -> BriefOptions:
    """``options`` with the store's source registry for coverage (unless one is given)."""
    options = options or BriefOptions()
    if options.registry is None:
        sources = list(store.iter_sources())
        if sources:
            options = dataclasses.replace(
                options, registry=SourceRegistry(sources, origin="database")
            )
    return options


def stored_story_options(options: BriefOptions, story: Story | None) -> BriefOptions:
    """``options`` for the brief of a stored ``story``: its copy groups as ingest's
    duplicate detector found them, so the brief counts the independent sources the
    story header counts, and its headline, so the brief shows the headline every
    other view shows (``None``: the brief runs a detector and picks a headline of
    its own)."""
    if story is None:
        return options
    return dataclasses.replace(options, copies=story.groups, headline=story.headline)


def brief_story(store: Store, story_id: str, *, options: BriefOptions | None = None) -> Brief:
    """The brief of a stored story, with the store's source registry for coverage.

    ``story_id`` may be an id the story had before a merge.  Raises
    ``StoreError`` when no story has (or had) this id.
    """
    current = store.resolve_story(story_id)
    if current is None:
        raise StoreError(f"no story {story_id} (see `newsweave stories`)")
    articles = store.story_articles(current)
    options = stored_story_options(brief_options(store, options), store.get_story(current))
    return build_brief(current, articles, options=options)


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
    storyline: str | None = None,
) -> Iterator[StoryBrief]:
    """Stories most recent first, with their briefs: at most ``limit``, each with at
    least ``min_sources`` independent sources.  With ``storyline``, only that
    storyline's stories, in time order (first seen); ``StoreError`` if it is unknown.

    With ``jobs`` above 1 the briefs are built in that many worker processes (the
    store is read here only); ``progress`` is called with 1 after each brief.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    # The registry is read once for all stories, not once per story.
    options = brief_options(store, options)
    stories = _selected(store, limit=limit, min_sources=min_sources, storyline=storyline)
    if jobs == 1:
        for story in stories:
            yield _story_brief(store, story, options)
            if progress is not None:
                progress(1)
        return
    with BriefPool(workers=jobs) as pool:
        for (story, articles), brief in briefs_in_order(
            pool, _with_articles(store, stories, options), ahead=_AHEAD * jobs
        ):
            yield _finished(brief, story, articles, progress)


def _with_articles(
    store: Store, stories: Iterator[Story], options: BriefOptions
) -> Iterator[tuple[tuple[Story, list[Article]], str, list[Article], BriefOptions]]:
    """Each story with its articles and brief options, read here (the workers only get them)."""
    for story in stories:
        articles = store.story_articles(story.id)
        yield (story, articles), story.id, articles, stored_story_options(options, story)


def count_story_briefs(
    store: Store,
    *,
    limit: int | None = None,
    min_sources: int = 1,
    storyline: str | None = None,
) -> int:
    """How many stories :func:`iter_story_briefs` yields with these filters."""
    return sum(
        1 for _ in _selected(store, limit=limit, min_sources=min_sources, storyline=storyline)
    )


def _selected(
    store: Store, *, limit: int | None, min_sources: int, storyline: str | None = None
) -> Iterator[Story]:
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    if storyline is None:
        stories: Iterator[Story] | list[Story] = store.iter_stories(order="recent")
    else:
        stories = store.storyline_stories(storyline)
        if not stories:
            raise StoreError(f"no storyline {storyline!r}; see `newsweave stories --storylines`")
    count = 0
    for story in stories:
        if limit is not None and count >= limit:
            return
        if story.independent_sources < min_sources:
            continue
        yield story
        count += 1


def _finished(
    brief: Brief,
    story: Story,
    articles: list[Article],
    progress: Callable[[int], None] | None,
) -> StoryBrief:
    item = story_brief(brief, story=story, articles=articles)
    if progress is not None:
        progress(1)
    return item


def _story_brief(store: Store, story: Story, options: BriefOptions) -> StoryBrief:
    # The articles are read once: for the brief and to name its cited sources.
    articles = store.story_articles(story.id)
    brief = build_brief(story.id, articles, options=stored_story_options(options, story))
    return story_brief(brief, story=story, articles=articles)


def story_brief_to_data(item: StoryBrief) -> dict[str, Any]:
    """The brief's JSON form (``docs/brief-schema.md``) plus the story's numbers:
    ``storyline`` (its id), ``articles`` (count), ``article_ids``,
    ``independent_sources``, ``sources``, ``first_seen`` and ``last_seen``
    (ISO 8601 or ``null``)."""
    data = brief_to_data(item.brief)
    story = item.story
    if story is not None:
        shape = story_to_data(story)
        data.update({key: shape[key] for key in _STORY_KEYS})
    return data


@dataclass(slots=True)
class BriefRun:
    """What :func:`brief_input` read and made."""

    articles: list[Article] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)
    brief: Brief | None = None
    """``None`` when the input held no article text."""


def brief_input(
    input_path: str, *, settings: Settings, options: BriefOptions | None = None
) -> BriefRun:
    """Read every article of one input (JSONL or any readable input) as one story and brief it."""
    run = BriefRun()
    for _item, result in extract_each(read_inputs([input_path], settings=settings)):
        if isinstance(result, InputFailure):
            run.failures.append(result)
        else:
            run.articles.append(result)
    if run.articles:
        run.brief = build_brief(story_id_of(run.articles), run.articles, options=options)
    return run


# The modules whose code decides what a brief says.
_BRIEF_CODE = (
    "brief",
    "text.py",
    "hashing.py",
    "models.py",
    "sources.py",
    "dedup",
    "cluster/features.py",
)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What one build did: the story version it was for, and the error if it failed."""

    version: int | None
    error: str | None = None


@functools.cache
def _brief_code_digest() -> str:
    return source_digest(resources.files("newsweave"), _BRIEF_CODE)


def brief_format(options: BriefOptions | None) -> str:
    """How briefs are made with ``options``: the package version, the brief JSON
    schema, a digest of the brief code and the options (the source registry
    aside: the store marks briefs stale when it changes)."""
    shown = dataclasses.replace(options or BriefOptions(), registry=None)
    return (
        f"newsweave {__version__} schema {SCHEMA_VERSION} code {_brief_code_digest()} "
        f"options {shown!r}"
    )


def brief_text(data: dict[str, Any]) -> str:
    """What full-text search sees of a brief: summary, key points, claims, quotes, names."""
    parts = [s["text"] for s in data.get("summary", [])]
    parts += [p["text"] for p in data.get("key_points", [])]
    parts += [p["text"] for p in data.get("single_source", [])]
    parts += [q["text"] for q in data.get("quotes", [])]
    parts += [e["name"] for e in data.get("entities", [])]
    return "\n".join(parts)


def build_and_store(store: Store, story_id: str, options: BriefOptions | None) -> BuildResult:
    """Build the brief of the story as it is now and cache it in ``store``.

    Does nothing when the cached brief is already of the current version.  A
    brief stage that fails on the story's text is reported in the result, not
    raised: one story must not take the pages down.
    """
    version = store.story_version(story_id)
    if version is None:
        return BuildResult(None)
    cached = store.brief_version(story_id)
    if cached is not None and cached >= version:
        return BuildResult(cached)
    # Read before the inputs: a registry import or re-extraction meanwhile leaves
    # this brief stale rather than fresh with the old inputs.
    epoch = store.brief_epoch()
    articles = store.story_articles(story_id)
    if not articles:
        return BuildResult(None)
    options = stored_story_options(brief_options(store, options), store.get_story(story_id))
    try:
        data = brief_to_data(build_brief(story_id, articles, options=options))
    except Exception as exc:
        # Any bug of a brief stage on unusual text lands here (see the docstring).
        return BuildResult(version, f"{type(exc).__name__}: {exc}")
    summary = data.get("summary") or []
    store.put_brief(
        story_id,
        version,
        json.dumps(data, ensure_ascii=False),
        headline=data.get("headline"),
        lead=summary[0]["text"] if summary else None,
        text=brief_text(data),
        epoch=epoch,
    )
    return BuildResult(version)


def build_in_worker(db_path: str, story_id: str, options: BriefOptions | None) -> BuildResult:
    """:func:`build_and_store` in a worker process: opens the database by path."""
    with open_store(db_path) as store:
        return build_and_store(store, story_id, options)
