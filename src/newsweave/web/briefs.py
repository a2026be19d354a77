"""Briefs as the server serves them: computed once per story version and cached in the store.

A story's brief is built by :func:`newsweave.pipeline.brief.build_and_store` the first
time the story is shown and stored (``briefs`` table) with the story's
``updated_seq``.  When ingest changes the story later, the stored brief is
still shown (marked stale) while a new one is built in the background, so a
page never waits for a rebuild it can do without.  Parsed briefs of recent
versions stay in a small in-memory LRU.

In the server, a page never waits for a first build either: building a large
story's brief takes seconds, so :meth:`BriefService.get` starts it in the
first-build worker and returns at once (:meth:`BriefService.building` then says
so); the page shows the story's articles with a "being built" notice, and the
brief from the next view on.

With ``background=True`` (the server) every build runs in one separate worker
process, a :class:`~newsweave.pipeline.brief_pool.BriefPool` (the pool ``export``
uses): building a brief is seconds of pure-Python work for a large story, and in
the server's own process it would hold the interpreter lock that every request
needs.  The worker opens the database by path and writes the brief itself; the
server only reads it back.  With ``background=False`` (tests, tools) builds run
inline in the calling thread.

A cached brief is also stale when what every brief reads changed under it: the
source registry (``sources import``), an article's text (``reprocess``), or the
brief format (:func:`~newsweave.pipeline.brief.brief_format`: the package
version, the brief code and the brief options), which the server records when it
starts.  The store marks those briefs (:data:`~newsweave.store.serving.STALE_BRIEF`),
and they are rebuilt like any stale brief.

A worker process that dies (killed, out of memory) breaks its pool; the pool
replaces it with a fresh one, so one lost worker never stops later builds.  A first
build (a reader waiting) whose worker died counts as a failed build of that
story version, so a story that kills its worker is not retried on every view.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from newsweave.brief.build import BriefOptions
from newsweave.errors import StoreError
from newsweave.pipeline.brief import BuildResult, build_and_store, build_in_worker
from newsweave.pipeline.brief_pool import BriefPool
from newsweave.store import Store
from newsweave.store.serving import CachedBrief

__all__ = ["BriefService", "BriefState"]

_LRU_SIZE = 64
"""Parsed briefs kept; a large story's brief is megabytes of Python objects."""
_MAX_FAILURES = 100


@dataclass(frozen=True, slots=True)
class BriefState:
    """A brief (JSON form) and whether it was made for the story's current version."""

    data: dict[str, Any]
    version: int
    fresh: bool
    built_at: str = ""
    """When the brief was built (with ``version``, one build's identity)."""


class BriefService:
    """Cached briefs (see the module docstring); ``store`` gives this thread's store."""

    def __init__(
        self,
        store: Callable[[], Store],
        *,
        db_path: str,
        options: BriefOptions | None = None,
        background: bool = True,
        wait: float = 10.0,
        rebuild_nice: int = 10,
        first_nice: int = 5,
    ) -> None:
        self._store = store
        self._db_path = db_path
        self._options = options
        self._lru: OrderedDict[tuple[str, int, str], dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[str, threading.Lock] = {}
        self._queued: dict[str, bool] = {}
        """Stories with a background build under way, and whether it must run again
        (asked for while running: the story may have changed after the build read it)."""
        self._failed: dict[str, int] = {}
        self._first: dict[str, Future[BuildResult]] = {}
        """First builds under way (server): a story's page asked for a brief it has never had."""
        self.failures: list[tuple[str, int, str]] = []
        """The last briefs that failed to build: (story id, version, error)."""
        self._wait = wait
        self._rebuild_nice = rebuild_nice
        self._pool: BriefPool | None = None
        self._background: BriefPool | None = None
        if background:
            # First builds never queue behind rebuilds of stale briefs, which run
            # in a second, lower-priority process.  No page waits for a first build
            # either, so it runs a little below the requests too: at the same
            # priority, a queue of first views slowed every page (bench_serve).
            self._pool = BriefPool(workers=1, nice=min(first_nice, rebuild_nice))
            self._background = BriefPool(workers=1, nice=self._rebuild_nice)

    def close(self) -> None:
        """Stop the worker processes (pending background builds are dropped)."""
        with self._lock:
            pools = (self._pool, self._background)
            self._pool = self._background = None
        for pool in pools:
            if pool is not None:
                pool.close()

    # -- reading -------------------------------------------------------------------

    def get(self, story_id: str, version: int) -> BriefState | None:
        """The brief of ``story_id`` at ``version``: cached, stale, or built now.

        Returns ``None`` when the story has no articles or its brief failed to
        build; in the server also while its first build runs (see :meth:`building`),
        without waiting for it.
        """
        cached = self._store().get_brief(story_id)
        if cached is not None:
            data = self._parsed(cached)
            fresh = cached.updated_seq >= version
            if not fresh:
                self.schedule(story_id)
            return BriefState(
                data=data, version=cached.updated_seq, fresh=fresh, built_at=cached.built_at
            )
        if self._pool is None:
            return self.build(story_id)
        self._start_first(story_id)
        return None

    def building(self, story_id: str) -> bool:
        """Whether the story's first brief is being built (server only)."""
        with self._lock:
            return story_id in self._first

    def _parsed(self, cached: CachedBrief) -> dict[str, Any]:
        # Keyed by the build, not only the version: a brief that went stale with
        # its story unchanged is rebuilt for the same version.
        key = (cached.story_id, cached.updated_seq, cached.built_at)
        with self._lock:
            hit = self._lru.get(key)
            if hit is not None:
                self._lru.move_to_end(key)
                return hit
        data: dict[str, Any] = json.loads(cached.data)
        with self._lock:
            self._lru[key] = data
            while len(self._lru) > _LRU_SIZE:
                self._lru.popitem(last=False)
        return data

    # -- building ------------------------------------------------------------------

    def _record(self, story_id: str, result: BuildResult) -> None:
        if result.error is None or result.version is None:
            return
        with self._lock:
            self._failed[story_id] = result.version
            self._note_failure(story_id, result.version, result.error)

    def _note_failure(self, story_id: str, version: int, error: str) -> None:
        """Keep the failure for diagnosis (the newest ``_MAX_FAILURES``); hold ``_lock``."""
        self.failures.append((story_id, version, error))
        del self.failures[:-_MAX_FAILURES]

    def build(self, story_id: str) -> BriefState | None:
        """Build and cache the brief of the story as it is now, and return it.

        In the server, waits at most ``wait`` seconds: a longer build goes on
        in its worker and is there for the next request; ``None`` meanwhile.
        A story whose brief failed for an earlier version is retried in the
        background only.
        """
        store = self._store()
        version = store.story_version(story_id)
        with self._lock:
            lock = self._building.setdefault(story_id, threading.Lock())
            failed = self._failed.get(story_id)
        if version is None or failed == version:
            return None
        if failed is not None and self._pool is not None:
            self.schedule(story_id)
            return None
        with lock:
            try:
                if self._pool is not None:
                    try:
                        pool, future = self._submit_to(story_id, background=False)
                    except RuntimeError:  # shut down meanwhile
                        return None
                    try:
                        result = future.result(timeout=self._wait)
                    except TimeoutError:
                        future.add_done_callback(lambda done: self._finished(story_id, done, pool))
                        return None
                    except BrokenProcessPool as exc:
                        # The worker died while building this story.
                        self._replace_broken(pool)
                        result = BuildResult(version, f"the brief worker process died: {exc}")
                else:
                    result = build_and_store(store, story_id, self._options)
            except StoreError:
                # Transient (the database stayed locked by a long write): the page
                # goes without its brief this time, and the next request tries again.
                return None
            self._record(story_id, result)
            cached = store.get_brief(story_id)
            if result.error is not None or cached is None:
                return None
            data = self._parsed(cached)
            return BriefState(
                data=data, version=cached.updated_seq, fresh=True, built_at=cached.built_at
            )

    def _start_first(self, story_id: str) -> None:
        """Start the story's first build in the first-build worker, once; never wait for it."""
        version = self._store().story_version(story_id)
        with self._lock:
            if story_id in self._first:
                return
            failed = self._failed.get(story_id)
        if version is None or failed == version:
            return
        if failed is not None:
            # Failed for an earlier version: retried at background priority only.
            self.schedule(story_id)
            return
        with self._lock:
            if story_id in self._first:
                return
            try:
                pool, future = self._submit_to(story_id, background=False)
            except RuntimeError:  # shut down meanwhile
                return
            self._first[story_id] = future
        future.add_done_callback(lambda done: self._first_done(story_id, version, done, pool))

    def _first_done(
        self,
        story_id: str,
        version: int,
        future: Future[BuildResult],
        pool: ProcessPoolExecutor,
    ) -> None:
        with self._lock:
            self._first.pop(story_id, None)
        if future.cancelled():
            return
        error = future.exception()
        if error is None:
            self._record(story_id, future.result())
            return
        if isinstance(error, BrokenProcessPool):
            # The worker died while building this story: as in build(), that
            # version counts as failed, so a story that kills its worker is not
            # retried on every view.
            threading.Thread(target=self._replace_broken, args=(pool,), daemon=True).start()
            self._record(story_id, BuildResult(version, f"the brief worker process died: {error}"))
            return
        with self._lock:
            self._note_failure(story_id, -1, f"{type(error).__name__}: {error}")

    def schedule(self, story_id: str) -> None:
        """Build the story's brief in the background (once, however often asked)."""
        if self._background is None:
            return
        with self._lock:
            if story_id in self._queued:
                self._queued[story_id] = True
                return
            self._queued[story_id] = False
        self._submit(story_id)

    def _submit_to(
        self, story_id: str, *, background: bool
    ) -> tuple[ProcessPoolExecutor, Future[BuildResult]]:
        """Submit a build to the first-build or the background pool: the executor and the future.

        ``RuntimeError`` once closed (see :meth:`BriefPool.submit`).
        """
        pool = self._background if background else self._pool
        if pool is None:
            raise RuntimeError("the brief service is shut down")
        return pool.submit(build_in_worker, self._db_path, story_id, self._options)

    def _replace_broken(self, broken: ProcessPoolExecutor) -> None:
        """Give the pool whose executor is ``broken`` (its worker died) a fresh one."""
        for pool in (self._pool, self._background):
            if pool is not None:
                pool.renew(broken)

    def _submit(self, story_id: str) -> None:
        try:
            pool, future = self._submit_to(story_id, background=True)
        except RuntimeError:  # shut down meanwhile (BrokenProcessPool is one too)
            # Not queued after all: a later request may ask again.
            with self._lock:
                self._queued.pop(story_id, None)
            return
        future.add_done_callback(lambda done: self._finished(story_id, done, pool))

    def _finished(
        self, story_id: str, future: Future[BuildResult], pool: ProcessPoolExecutor
    ) -> None:
        with self._lock:
            again = self._queued.pop(story_id, False)
            if again and not future.cancelled():
                self._queued[story_id] = False
        if again and not future.cancelled():
            # Asked for while this build ran: it may have read the story before
            # the change that asked, so build once more (a no-op when fresh).  From
            # another thread: this callback runs in the pool's own management thread.
            threading.Thread(target=self._submit, args=(story_id,), daemon=True).start()
        if future.cancelled():
            return
        error = future.exception()
        if error is None:
            self._record(story_id, future.result())
            return
        if isinstance(error, BrokenProcessPool):
            # The worker died during this build: a fresh pool for the next ones.
            # From another thread: this callback may run in the broken pool's own
            # management thread, which its shutdown would wait for.
            threading.Thread(target=self._replace_broken, args=(pool,), daemon=True).start()
        # The worker itself failed (a locked database, a dead process): kept
        # for diagnosis, not marked as failed, so the next request retries.
        with self._lock:
            self._note_failure(story_id, -1, f"{type(error).__name__}: {error}")
