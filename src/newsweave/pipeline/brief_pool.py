"""The worker processes that build briefs, for ``export --jobs`` and the web app alike.

Briefing is seconds of pure-Python work for a large story: in the caller's
process it would hold the interpreter lock (the server's requests need it) or
use one core of several (``export``).  A :class:`BriefPool` runs builds in
spawned worker processes (a fork would copy the caller's threads and open
database handles), optionally at a lower priority.

A worker that dies (killed, out of memory) breaks its executor: :meth:`BriefPool.renew`
(or the next :meth:`BriefPool.submit`, finding it broken) puts a fresh one in its
place, so one lost worker never stops later builds.  The futures of
builds that were running in the dead worker raise ``BrokenProcessPool``; what
that means is the caller's to decide (``export`` stops, the server records a
failed build).

:func:`briefs_in_order` is ``export``'s use of a pool: builds handed out a few
stories ahead of the one being written (bounded memory), results taken in the
stories' order, so the output is the same as with one process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from newsweave.brief.build import BriefOptions, build_brief
from newsweave.errors import NewsweaveError
from newsweave.models import Article, Brief

__all__ = ["BriefPool", "briefs_in_order"]

T = TypeVar("T")
Tag = TypeVar("Tag")


class BriefPool:
    """``workers`` spawned worker processes, ``nice`` steps below this one's priority.

    No process starts before the first :meth:`submit`.  Thread-safe.
    """

    def __init__(self, *, workers: int = 1, nice: int = 0) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.nice = nice
        self._lock = threading.Lock()
        self._closed = False
        self._executor: ProcessPoolExecutor | None = None

    def _new_executor(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("spawn")
        if self.nice:
            return ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=os.nice,
                initargs=(self.nice,),
            )
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=context)

    @property
    def executor(self) -> ProcessPoolExecutor | None:
        """The executor builds go to now (``None`` before the first build and once closed)."""
        return self._executor

    def _current(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._closed:
                return None
            if self._executor is None:
                self._executor = self._new_executor()
            return self._executor

    def submit(
        self, fn: Callable[..., T], /, *args: Any, **kwargs: Any
    ) -> tuple[ProcessPoolExecutor, Future[T]]:
        """Run ``fn(*args, **kwargs)`` in a worker: the executor it went to, and its future.

        An executor broken earlier is replaced and the call goes to the new one
        (this call had no part in that worker's death).  ``RuntimeError`` once
        closed (``BrokenProcessPool`` is one too, when the fresh executor breaks).
        """
        for attempt in range(2):
            executor = self._current()
            if executor is None:
                break
            try:
                return executor, executor.submit(fn, *args, **kwargs)
            except BrokenProcessPool:
                if attempt:
                    raise
                self.renew(executor)
        raise RuntimeError("the brief pool is shut down")

    def renew(self, broken: ProcessPoolExecutor) -> None:
        """Drop ``broken``, whose worker process died: the next :meth:`submit` starts a fresh one.

        Does nothing when ``broken`` was already replaced (by another thread) or
        the pool is closed.
        """
        with self._lock:
            if self._closed or self._executor is not broken:
                return
            self._executor = None  # a fresh one on the next submit
        broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the worker processes; builds not yet started are dropped."""
        with self._lock:
            self._closed = True
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> BriefPool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def briefs_in_order(
    pool: BriefPool,
    stories: Iterable[tuple[Tag, str, Sequence[Article], BriefOptions]],
    *,
    ahead: int,
) -> Iterator[tuple[Tag, Brief]]:
    """The brief of every ``(tag, story id, articles, options)``, built in ``pool``, in
    the input order.

    At most ``ahead`` builds are handed out beyond the one being yielded, so a
    long input never sits in memory whole.  A worker that dies raises
    :class:`~newsweave.errors.NewsweaveError`.
    """
    pending: deque[tuple[Tag, Future[Brief]]] = deque()
    try:
        for tag, story_id, articles, options in stories:
            _executor, future = pool.submit(build_brief, story_id, articles, options=options)
            pending.append((tag, future))
            if len(pending) >= ahead:
                done_tag, done = pending.popleft()
                yield done_tag, done.result()
        while pending:
            done_tag, done = pending.popleft()
            yield done_tag, done.result()
    except BrokenProcessPool as exc:
        raise NewsweaveError(
            f"a brief worker process died ({exc}); try again with one process (--jobs 1)"
        ) from exc
    finally:
        for _tag, future in pending:
            future.cancel()
