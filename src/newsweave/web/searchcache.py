"""A bounded, thread-safe LRU of search results, keyed by what they were made from.

A key is ``(normalised words, entity, since, until, limit, cursor, changes)``,
where ``changes`` is the store's change counter
(:meth:`~newsweave.store.serving.ServingStore.change_count`): every write to the
store moves it on (an article stored or reprocessed, a story assigned or
reclustered, a brief cached or marked stale, a source imported), so the next
search after any change makes a new key and sees the change at once.  An entry
is never served after what it was made from changed; old entries just age out.

The HTML page, ``/search.json``, ``/search.rss`` and the API share one entry.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

__all__ = ["SearchCache", "normalise_words"]

Data = dict[str, Any]


def normalise_words(text: str) -> str:
    """``text`` with runs of white space made one space (the search reads it the same)."""
    return " ".join(text.split())


class SearchCache:
    """At most ``max_entries`` search results, least recently used dropped first.

    Results are kept as JSON text and parsed on each hit (a fraction of a millisecond):
    a string is one object to the garbage collector, a result's dicts and lists are
    hundreds, and every request waits while a full collection walks them.
    """

    def __init__(self, *, max_entries: int = 512) -> None:
        self.max_entries = max_entries
        self._items: OrderedDict[Hashable, str] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Data | None:
        """The result cached under ``key``, if any."""
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
        found: Data = json.loads(item)
        return found

    def put(self, key: Hashable, data: Data) -> None:
        text = json.dumps(data, ensure_ascii=False)
        with self._lock:
            self._items.pop(key, None)
            self._items[key] = text
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)
