"""The storage interface every backend implements.

The pipeline, the CLI and (later) the API talk to :class:`Store` only, so the
embedded SQLite backend and a PostgreSQL backend are interchangeable.  Backends
keep their SQL dialect and their migrations to themselves; the JSON shapes they
write come from :mod:`newsweave.store.serialise` and are shared.
"""

from __future__ import annotations

import abc
import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import BinaryIO, Protocol, Self

from newsweave.models import (
    Article,
    DuplicateMatch,
    FeedState,
    InputFailure,
    RawDocument,
    Source,
    Story,
    StoryChanges,
    StoryEvent,
    StorylineSummary,
)
from newsweave.store.keys import KeyStore
from newsweave.store.serving import ServingStore

__all__ = ["SavedState", "Store", "StoryHook"]


class StoryHook(Protocol):
    """Assigns stories to newly stored articles inside the store's write transaction.

    The store calls it with every article stored after ``upto_seq`` (this batch's,
    and any another writer stored meanwhile), in store order, and writes the
    returned changes in the same transaction as the articles.
    """

    @property
    def upto_seq(self) -> int:
        """The sequence number of the last stored article the hook has seen."""

    def __call__(self, articles: Sequence[tuple[int, Article]]) -> StoryChanges:
        """Assign ``(seq, article)`` pairs, in order; return what changed."""


@dataclass(frozen=True, slots=True)
class SavedState:
    """A saved snapshot of in-memory pipeline state (see :meth:`Store.save_state`)."""

    format: str
    upto_seq: int
    data: bytes | memoryview | BinaryIO
    """The snapshot's bytes, or a seekable binary file holding them (read from its
    start): a snapshot of hundreds of MB is then never held in memory whole,
    neither by its writer nor by the database driver."""


class Store(ServingStore, KeyStore, abc.ABC):
    """Persistent home of raw inputs, articles, ingest failures and feed state.

    A store is a context manager; leaving the ``with`` block closes it.  Every
    database error surfaces as :class:`newsweave.errors.StoreError` (or its child
    :class:`~newsweave.errors.MigrationError`) naming the database.
    """

    @abc.abstractmethod
    def add_articles(
        self,
        batch: Sequence[tuple[RawDocument, Article]],
        *,
        stories: StoryHook | None = None,
    ) -> list[bool]:
        """Store each article with the raw document it came from, in one transaction.

        Returns one flag per item: ``True`` if the article was new, ``False`` if an
        article with the same ``key`` was already stored (earlier, or earlier in
        this batch: the first one wins) and nothing was written for it.  If any
        item fails, nothing of the batch is written and ``StoreError`` is raised.

        With ``stories``, the new articles are assigned to stories and the
        assignment is written in the same transaction: an article is never
        stored without its story.
        """

    @abc.abstractmethod
    def record_failures(self, failures: Sequence[InputFailure]) -> None:
        """Record inputs that could not be read or extracted, stamped with the current time."""

    @abc.abstractmethod
    def get_article(self, article_id: str) -> Article | None:
        """The article with this id, or ``None``."""

    @abc.abstractmethod
    def iter_articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """Stored articles in ingestion order, streamed (not loaded all at once)."""

    @abc.abstractmethod
    def count_articles(self) -> int:
        """How many articles are stored."""

    @abc.abstractmethod
    def iter_failures(self) -> Iterator[tuple[datetime, InputFailure]]:
        """Recorded failures, oldest first, each with the (UTC) time it was recorded."""

    @abc.abstractmethod
    def iter_raw_documents(self) -> Iterator[tuple[str, RawDocument]]:
        """``(article id, raw document)`` for every article, in ingestion order, streamed.

        Safe to call :meth:`replace_article` while iterating (``newsweave reprocess``).
        """

    @abc.abstractmethod
    def replace_article(self, article_id: str, article: Article) -> None:
        """Overwrite every extracted field of a stored article.

        The stored id, key, raw document and ingestion time are kept whatever
        ``article`` says.  Raises ``StoreError`` if no article has this id.
        """

    @abc.abstractmethod
    def has_url(self, url: str) -> bool:
        """Whether an article with this ``url`` or ``canonical_url`` is stored."""

    @abc.abstractmethod
    def get_feed_state(self, url: str) -> FeedState | None:
        """What was remembered about the feed at ``url``, or ``None`` if never polled."""

    @abc.abstractmethod
    def set_feed_state(self, state: FeedState) -> None:
        """Remember ``state`` for ``state.url``, replacing what was there."""

    # -- stories -------------------------------------------------------------------

    @abc.abstractmethod
    def apply_story_changes(self, changes: StoryChanges, *, replace: bool = False) -> None:
        """Write story changes in one transaction (catching up, reclustering).

        With ``replace``, every story, story event, story assignment and copy link
        is cleared first, so ``changes`` becomes the whole story state.
        """

    @abc.abstractmethod
    def get_story(self, story_id: str) -> Story | None:
        """The story with this id, or ``None`` (also for a story merged into another)."""

    @abc.abstractmethod
    def iter_stories(
        self, *, limit: int | None = None, offset: int = 0, order: str = "recent"
    ) -> Iterator[Story]:
        """Stories, ``recent`` (newest last_seen first) or ``largest`` (most sources first)."""

    @abc.abstractmethod
    def iter_storylines(
        self, *, limit: int | None = None, offset: int = 0
    ) -> Iterator[StorylineSummary]:
        """The storylines of the stored stories, latest last seen first (``limit`` of
        them from ``offset``, all by default)."""

    @abc.abstractmethod
    def get_storyline(self, storyline_id: str) -> StorylineSummary | None:
        """The storyline with this id, counted as :meth:`iter_storylines` counts it, or
        ``None`` when no story belongs to it."""

    @abc.abstractmethod
    def storyline_headlines(
        self, storyline_ids: Sequence[str]
    ) -> dict[str, list[tuple[str | None, int]]]:
        """For each storyline id, its stories' ``(headline, article count)`` in time
        order (first seen); ``[]`` for an unknown id.  What naming a storyline reads."""

    @abc.abstractmethod
    def storyline_stories(self, storyline_id: str) -> list[Story]:
        """The stories of one storyline in time order (first seen); ``[]`` if unknown."""

    @abc.abstractmethod
    def storyline_neighbours(
        self, storyline_id: str, story_id: str, nearest: int
    ) -> tuple[list[Story], list[Story], int, int] | None:
        """The ``nearest`` stories of the storyline before ``story_id`` and after it in
        :meth:`storyline_stories`' order, and how many more there are on each side:
        ``(earlier, later, earlier_more, later_more)``; ``None`` when the story is not
        in the storyline.  Reads only those stories, however long the storyline."""

    @abc.abstractmethod
    def count_stories(self) -> int:
        """How many stories exist."""

    @abc.abstractmethod
    def story_articles(self, story_id: str) -> list[Article]:
        """The articles of a story, in store order."""

    @abc.abstractmethod
    def story_of(self, article_id: str) -> str | None:
        """The story of an article, or ``None`` if unassigned or unknown."""

    @abc.abstractmethod
    def get_match(self, article_id: str) -> DuplicateMatch | None:
        """The copy or rewrite link of an article, if it has one."""

    @abc.abstractmethod
    def story_events(self, story_id: str) -> list[StoryEvent]:
        """Merges and splits that involved the story, oldest first."""

    @abc.abstractmethod
    def resolve_story(self, story_id: str) -> str | None:
        """The story an id now lives on as (following merges), or ``None`` if unknown."""

    @abc.abstractmethod
    def iter_articles_after(self, seq: int) -> Iterator[tuple[int, Article]]:
        """``(seq, article)`` for every article stored after ``seq``, in order, streamed."""

    @abc.abstractmethod
    def count_articles_after(self, seq: int) -> int:
        """How many articles are stored after ``seq`` (what :meth:`iter_articles_after` yields)."""

    @abc.abstractmethod
    def last_seq(self) -> int:
        """The sequence number of the newest stored article (0 when empty)."""

    @abc.abstractmethod
    def load_state(self, name: str) -> SavedState | None:
        """The snapshot saved under ``name``, if any."""

    @contextlib.contextmanager
    def open_state(self, name: str) -> Iterator[SavedState | None]:
        """:meth:`load_state` for reading once: the snapshot's data may be a file,
        open for the ``with`` block only (a store can then avoid holding a snapshot
        of hundreds of MB in memory as well as what is made of it)."""
        yield self.load_state(name)

    @abc.abstractmethod
    def save_state(self, name: str, state: SavedState) -> None:
        """Save ``state`` under ``name``, replacing the previous one unless that one
        is newer (a higher ``upto_seq``, saved by another process): the newest wins."""

    # -- sources -------------------------------------------------------------------

    @abc.abstractmethod
    def save_sources(self, sources: Sequence[Source]) -> int:
        """Add or replace (by case-folded name) registry entries, in one transaction."""

    @abc.abstractmethod
    def iter_sources(self) -> Iterator[Source]:
        """Every registry entry, by name."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection; calling it again does nothing."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
