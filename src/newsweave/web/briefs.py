"""Briefs as the server serves them: computed once per story version and cached in the store.

A story's brief is built by :func:`newsweave.brief.build.build_brief` the first
time the story is shown and stored (``briefs`` table) with the story's
``updated_seq``.  When ingest changes the story later, the stored brief is
still shown (marked stale) while a background thread builds the new one, so a
page never waits for a rebuild it can do without.  Parsed briefs of recent
versions stay in a small in-memory LRU.
"""

from __future__ import annotations

import json
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from newsweave.brief.build import BriefOptions, build_brief
from newsweave.brief.serialise import brief_to_data
from newsweave.errors import NewsweaveError
from newsweave.sources import SourceRegistry
from newsweave.store import Store

__all__ = ["BriefService", "BriefState"]

_LRU_SIZE = 512


@dataclass(frozen=True, slots=True)
class BriefState:
    """A brief (JSON form) and whether it was made for the story's current version."""

    data: dict[str, Any]
    version: int
    fresh: bool


def brief_text(data: dict[str, Any]) -> str:
    """What full-text search sees of a brief: summary, key points, claims, quotes."""
    parts = [s["text"] for s in data.get("summary", [])]
    parts += [p["text"] for p in data.get("key_points", [])]
    parts += [p["text"] for p in data.get("single_source", [])]
    parts += [q["text"] for q in data.get("quotes", [])]
    parts += [e["name"] for e in data.get("entities", [])]
    return "\n".join(parts)


class BriefService:
    """Cached briefs (see the module docstring); ``store`` gives this thread's store."""

    def __init__(
        self,
        store: Callable[[], Store],
        *,
        options: BriefOptions | None = None,
        background: bool = True,
    ) -> None:
        self._store = store
        self._options = options
        self._lru: OrderedDict[tuple[str, int], dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[str, threading.Lock] = {}
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._queued: set[str] = set()
        self._failed: dict[str, int] = {}
        self.failures: list[tuple[str, int, str]] = []
        """The last briefs that failed to build: (story id, version, error)."""
        self._thread: threading.Thread | None = None
        if background:
            self._thread = threading.Thread(target=self._work, name="briefs", daemon=True)
            self._thread.start()

    def close(self) -> None:
        """Stop the background builder (after the brief it is building, if any)."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join(timeout=30)
            self._thread = None

    # -- reading -------------------------------------------------------------------

    def get(self, story_id: str, version: int) -> BriefState | None:
        """The brief of ``story_id`` at ``version``: cached, stale, or built now.

        Returns ``None`` only when the story has no articles (nothing to brief).
        """
        store = self._store()
        cached = store.get_brief(story_id)
        if cached is not None:
            data = self._parsed(story_id, cached.updated_seq, cached.data)
            fresh = cached.updated_seq >= version
            if not fresh:
                self.schedule(story_id)
            return BriefState(data=data, version=cached.updated_seq, fresh=fresh)
        return self.build(story_id)

    def _parsed(self, story_id: str, version: int, text: str) -> dict[str, Any]:
        key = (story_id, version)
        with self._lock:
            hit = self._lru.get(key)
            if hit is not None:
                self._lru.move_to_end(key)
                return hit
        data: dict[str, Any] = json.loads(text)
        with self._lock:
            self._lru[key] = data
            while len(self._lru) > _LRU_SIZE:
                self._lru.popitem(last=False)
        return data

    # -- building ------------------------------------------------------------------

    def build(self, story_id: str) -> BriefState | None:
        """Build and cache the brief of the story as it is now (one builder per story)."""
        with self._lock:
            lock = self._building.setdefault(story_id, threading.Lock())
        with lock:
            store = self._store()
            version = store.story_version(story_id)
            if version is None:
                return None
            cached = store.get_brief(story_id)
            if cached is not None and cached.updated_seq >= version:
                # Another thread built it while this one waited.
                data = self._parsed(story_id, cached.updated_seq, cached.data)
                return BriefState(data=data, version=cached.updated_seq, fresh=True)
            articles = store.story_articles(story_id)
            if not articles:
                return None
            if self._failed.get(story_id) == version:
                return None
            options = self._options or BriefOptions(registry=self._registry(store))
            try:
                data = brief_to_data(build_brief(story_id, articles, options=options))
            except Exception as exc:
                # A brief stage failing on one story's text must not take the
                # story page down: the page falls back to its article list,
                # and this version is not tried again.
                with self._lock:
                    self._failed[story_id] = version
                    self.failures.append((story_id, version, f"{type(exc).__name__}: {exc}"))
                    del self.failures[:-100]
                return None
            summary = data.get("summary") or []
            store.put_brief(
                story_id,
                version,
                json.dumps(data, ensure_ascii=False),
                headline=data.get("headline"),
                lead=summary[0]["text"] if summary else None,
                text=brief_text(data),
            )
            with self._lock:
                self._lru[(story_id, version)] = data
                self._building.pop(story_id, None)
            return BriefState(data=data, version=version, fresh=True)

    @staticmethod
    def _registry(store: Store) -> SourceRegistry | None:
        sources = list(store.iter_sources())
        return SourceRegistry(sources, origin="database") if sources else None

    def schedule(self, story_id: str) -> None:
        """Build the story's brief in the background (once, however often asked)."""
        if self._thread is None:
            return
        with self._lock:
            if story_id in self._queued:
                return
            self._queued.add(story_id)
        self._queue.put(story_id)

    def _work(self) -> None:
        while True:
            story_id = self._queue.get()
            if story_id is None:
                return
            with self._lock:
                self._queued.discard(story_id)
            try:
                self.build(story_id)
            except (NewsweaveError, ValueError):
                # A story that cannot be briefed now is tried again when next shown;
                # the page falls back to its article list meanwhile.
                continue
