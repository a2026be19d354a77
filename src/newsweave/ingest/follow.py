"""Follow feeds: poll a list of feed URLs and yield the pages of new items.

Each poll makes a conditional GET with the ETag / Last-Modified remembered for
the feed, skips items whose link is already known, fetches the page of each new
item (politely, through the one :class:`~newsweave.ingest.fetch.Fetcher`) and
records the feed's state.  One failing feed is recorded and reported; the others
go on.  State lives behind :class:`FeedStateStore`, which the SQLite store
implements; :class:`MemoryFeedStateStore` serves tests and library users.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Protocol, runtime_checkable

from newsweave.errors import FetchError, NewsweaveError
from newsweave.ingest.feeds import parse_feed
from newsweave.ingest.fetch import Fetcher
from newsweave.ingest.web import fetch_entry
from newsweave.models import FeedState, InputFailure, RawDocument

__all__ = [
    "FeedFollower",
    "FeedStateStore",
    "MemoryFeedStateStore",
    "PollSummary",
]


@runtime_checkable
class FeedStateStore(Protocol):
    """Where :class:`FeedFollower` keeps what it knows between polls."""

    def get_feed_state(self, url: str) -> FeedState | None:
        """The stored state of the feed at ``url``, or ``None`` if never polled."""
        ...

    def set_feed_state(self, state: FeedState) -> None:
        """Insert or replace the state of ``state.url``."""
        ...

    def has_url(self, url: str) -> bool:
        """Whether an article with this URL is already stored."""
        ...


class MemoryFeedStateStore:
    """A :class:`FeedStateStore` in a dict; ``add_url`` marks an article as stored."""

    def __init__(self, urls: Iterable[str] = ()) -> None:
        self.states: dict[str, FeedState] = {}
        self.urls: set[str] = set(urls)

    def get_feed_state(self, url: str) -> FeedState | None:
        """The stored state of the feed at ``url``, or ``None``."""
        return self.states.get(url)

    def set_feed_state(self, state: FeedState) -> None:
        """Insert or replace the state of ``state.url``."""
        self.states[state.url] = state

    def has_url(self, url: str) -> bool:
        """Whether ``url`` was added with :meth:`add_url`."""
        return url in self.urls

    def add_url(self, url: str) -> None:
        """Remember that an article with this URL is stored."""
        self.urls.add(url)


@dataclass(slots=True)
class PollSummary:
    """What one round of :meth:`FeedFollower.poll_once` did."""

    feeds: int = 0
    not_modified: int = 0
    """Feeds that answered 304 (nothing new, nothing downloaded)."""
    failed_feeds: int = 0
    new_items: int = 0
    """Pages of new items read into documents."""
    failed_items: int = 0
    skipped_items: int = 0
    """Items already known (stored, or handled earlier in this process)."""


class FeedFollower:
    """Poll feeds and yield the pages of their new items.

    ``now`` gives the wall-clock time stamped into :class:`FeedState`; ``wait``
    (seconds -> ``True`` to stop early) replaces the pause between rounds of
    :meth:`run`; by default it is interrupted at once by :meth:`stop`.
    """

    def __init__(
        self,
        feed_urls: Iterable[str],
        *,
        fetcher: Fetcher,
        store: FeedStateStore,
        now: Callable[[], datetime] | None = None,
        wait: Callable[[float], bool] | None = None,
    ) -> None:
        self.feed_urls = list(dict.fromkeys(feed_urls))
        self.fetcher = fetcher
        self.store = store
        self._now = now if now is not None else lambda: datetime.now(UTC)
        self._stop_requested = threading.Event()
        self._wait = wait if wait is not None else self._stop_requested.wait
        # Links handled in this process, per feed, so that an item whose page was
        # read but not stored (e.g. it held no article) is not fetched on every poll.
        self._handled: dict[str, set[str]] = {}
        self.last_summary = PollSummary()

    def stop(self) -> None:
        """Ask :meth:`run` to end after the current item (safe from another thread)."""
        self._stop_requested.set()

    @property
    def stopped(self) -> bool:
        """Whether :meth:`stop` was called."""
        return self._stop_requested.is_set()

    def poll_once(self) -> Generator[RawDocument | InputFailure, None, None]:
        """Poll every feed once; yield a document per new item and a failure per error.

        A feed's new ETag / Last-Modified is saved only after all of its items were
        yielded, so a poll interrupted half-way re-reads that feed next time (the
        items already stored are then skipped by URL).  :attr:`last_summary`
        holds the counts of the round once the iterator is exhausted.
        """
        summary = PollSummary()
        self.last_summary = summary
        for feed_url in self.feed_urls:
            if self.stopped:
                return
            summary.feeds += 1
            yield from self._poll_feed(feed_url, summary)

    def _poll_feed(
        self, feed_url: str, summary: PollSummary
    ) -> Iterator[RawDocument | InputFailure]:
        previous = self.store.get_feed_state(feed_url) or FeedState(url=feed_url)
        try:
            result = self.fetcher.get(
                feed_url, etag=previous.etag, last_modified=previous.last_modified
            )
            feed = (
                None
                if result.not_modified
                else parse_feed(
                    result.content,
                    origin=feed_url,
                    content_type=result.headers.get("content-type"),
                )
            )
        except NewsweaveError as exc:
            summary.failed_feeds += 1
            status = None
            if isinstance(exc, FetchError) and exc.reason.startswith("HTTP "):
                status = _status_of(exc.reason)
            self.store.set_feed_state(
                replace(
                    previous,
                    last_polled=self._now(),
                    last_status=status,
                    error=f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}",
                )
            )
            yield InputFailure(
                origin=feed_url,
                error=type(exc).__name__,
                message=str(getattr(exc, "reason", exc)),
            )
            return
        if feed is None:
            summary.not_modified += 1
        else:
            handled = self._handled.setdefault(feed_url, set())
            current: set[str] = set()
            for index, entry in enumerate(feed.entries):
                if self.stopped:
                    return
                key = entry.link or entry.id
                if key is None:
                    continue
                current.add(key)
                if key in handled or (entry.link is not None and self.store.has_url(entry.link)):
                    summary.skipped_items += 1
                    continue
                item = fetch_entry(feed, index, entry, fetcher=self.fetcher)
                if isinstance(item, InputFailure):
                    # Not marked handled: a page that failed is tried again when the
                    # feed next changes.
                    summary.failed_items += 1
                else:
                    summary.new_items += 1
                    handled.add(key)
                yield item
            # Forget links that left the feed, so the set stays as small as the feed.
            handled &= current
        self.store.set_feed_state(
            FeedState(
                url=feed_url,
                etag=result.etag,
                last_modified=result.last_modified,
                last_polled=self._now(),
                last_status=result.status,
                error=None,
            )
        )

    def run(
        self,
        *,
        interval: float,
        on_item: Callable[[RawDocument | InputFailure], None],
        max_rounds: int | None = None,
        on_round: Callable[[int, PollSummary], None] | None = None,
    ) -> int:
        """Poll every ``interval`` seconds until :meth:`stop`, ``max_rounds`` or Ctrl-C.

        ``on_item`` receives each document or failure as it comes (e.g. to store
        it); ``on_round`` receives the round number and its :class:`PollSummary`.
        A ``KeyboardInterrupt`` propagates after the current poll iterator is
        closed, so no feed state is half-written.  Returns the rounds completed.
        """
        if interval < 0:
            raise ValueError(f"interval must be >= 0 seconds, got {interval}")
        rounds = 0
        while not self.stopped and (max_rounds is None or rounds < max_rounds):
            poll = self.poll_once()
            try:
                for item in poll:
                    on_item(item)
            finally:
                poll.close()
            rounds += 1
            if on_round is not None:
                on_round(rounds, self.last_summary)
            if self.stopped or (max_rounds is not None and rounds >= max_rounds):
                break
            if self._wait(interval):
                break
        return rounds


def _status_of(reason: str) -> int | None:
    """The status code of a ``FetchError`` reason such as ``HTTP 404``."""
    word = reason.removeprefix("HTTP ").split(" ", 1)[0]
    return int(word) if word.isdigit() else None
