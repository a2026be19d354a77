"""A bounded, thread-safe LRU of search results, keyed by what they were made from.

A key is ``(normalised words, entity, since, until, limit, cursor, stamp)``.  The
stamp is the store's newest article (``last_seq``: every stored article, with its
story assignment, moves it) and its brief epoch (moves when the source registry
changes the briefs' coverage).  A new article or a registry change therefore
gives new keys, and old entries age out.  Changes that move neither (a rebuilt
brief, a recluster, a reprocessed article) are bounded by ``max_age`` seconds:
an entry older than that is made again.

The HTML page, ``/search.json``, ``/search.rss`` and the API share one entry.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

__all__ = ["SearchCache", "normalise_words"]

Data = dict[str, Any]


def normalise_words(text: str) -> str:
    """``text`` with runs of white space made one space (the search reads it the same)."""
    return " ".join(text.split())


class SearchCache:
    """At most ``max_entries`` search results, least recently used dropped first."""

    def __init__(
        self,
        *,
        max_entries: int = 512,
        max_age: float = 15.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_entries = max_entries
        self.max_age = max_age
        self._clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Data]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Data | None:
        """The result cached under ``key`` when it is younger than ``max_age``."""
        now = self._clock()
        with self._lock:
            item = self._items.get(key)
            if item is None or now - item[0] > self.max_age:
                if item is not None:
                    del self._items[key]
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item[1]

    def put(self, key: Hashable, data: Data) -> None:
        now = self._clock()
        with self._lock:
            self._items.pop(key, None)
            self._items[key] = (now, data)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
