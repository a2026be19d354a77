"""The storage interface every backend implements.

The pipeline, the CLI and (later) the API talk to :class:`Store` only, so the
embedded SQLite backend and a PostgreSQL backend are interchangeable.  Backends
keep their SQL dialect and their migrations to themselves; the JSON shapes they
write come from :mod:`newsweave.store.serialise` and are shared.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator, Sequence
from datetime import datetime
from types import TracebackType
from typing import Self

from newsweave.models import Article, FeedState, InputFailure, RawDocument

__all__ = ["Store"]


class Store(abc.ABC):
    """Persistent home of raw inputs, articles, ingest failures and feed state.

    A store is a context manager; leaving the ``with`` block closes it.  Every
    database error surfaces as :class:`newsweave.errors.StoreError` (or its child
    :class:`~newsweave.errors.MigrationError`) naming the database.
    """

    @abc.abstractmethod
    def add_articles(self, batch: Sequence[tuple[RawDocument, Article]]) -> list[bool]:
        """Store each article with the raw document it came from, in one transaction.

        Returns one flag per item: ``True`` if the article was new, ``False`` if an
        article with the same ``key`` was already stored (earlier, or earlier in
        this batch: the first one wins) and nothing was written for it.  If any
        item fails, nothing of the batch is written and ``StoreError`` is raised.
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
