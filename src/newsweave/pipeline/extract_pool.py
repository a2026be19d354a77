"""Extraction in worker processes, for ``extract --jobs`` and ``ingest --jobs``.

Extracting a page is tens of milliseconds of pure-Python work (trafilatura and
newsweave's cleaning), so one process uses one core.  :func:`extract_in_order`
hands each document to one of ``jobs`` spawned worker processes (a fork would
copy the caller's threads and open database handles) and gives the results back
in the input order, a bounded number of documents ahead of the one being
yielded: the same pairs as :func:`newsweave.extract.extract_each`, so everything
after extraction (labels, dedup, stories, the store, the output files) runs in
the caller's process exactly as with one process.  Workers never see the store.

This module is imported only when ``jobs`` is above 1: the pool machinery costs
nothing to a one-process run.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from newsweave.errors import NewsweaveError
from newsweave.extract import extract_or_failure
from newsweave.models import Article, InputFailure, RawDocument

__all__ = ["AHEAD_PER_JOB", "extract_in_order"]

AHEAD_PER_JOB = 4
"""Documents handed out per worker beyond the one being yielded (keeps every worker busy,
bounds memory)."""


def extract_in_order(
    items: Iterable[RawDocument | InputFailure], *, jobs: int
) -> Iterator[tuple[RawDocument | None, Article | InputFailure]]:
    """:func:`~newsweave.extract.extract_each` over ``jobs`` worker processes, same order.

    An input that could not be read (an :class:`InputFailure` among ``items``) is
    passed through in its place without going to a worker.  A worker that dies
    raises :class:`~newsweave.errors.NewsweaveError`; an unexpected error inside a
    worker is raised here, as it would be in one process.
    """
    if jobs < 2:
        raise ValueError(f"jobs must be at least 2 for worker processes, not {jobs}")
    ahead = AHEAD_PER_JOB * jobs
    context = multiprocessing.get_context("spawn")
    pending: deque[tuple[RawDocument | None, Future[Article | InputFailure] | InputFailure]]
    pending = deque()
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context)
    try:
        for item in items:
            if isinstance(item, InputFailure):
                pending.append((None, item))
            else:
                pending.append((item, executor.submit(extract_or_failure, item)))
            while len(pending) > ahead:
                yield _taken(pending)
        while pending:
            yield _taken(pending)
    except BrokenProcessPool as exc:
        raise NewsweaveError(
            f"an extraction worker process died ({exc}); try again with one process (--jobs 1)"
        ) from exc
    finally:
        for _item, waiting in pending:
            if isinstance(waiting, Future):
                waiting.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


def _taken(
    pending: deque[tuple[RawDocument | None, Future[Article | InputFailure] | InputFailure]],
) -> tuple[RawDocument | None, Article | InputFailure]:
    item, waiting = pending.popleft()
    return item, waiting.result() if isinstance(waiting, Future) else waiting
