"""The ingest flow: raw documents -> articles -> store (+ stories), in transactional batches.

The CLI, the demo and the web app all ingest through :func:`ingest_documents`
so the counting of new / duplicate / failed documents is the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsweave.extract import extract_each
from newsweave.models import Article, InputFailure, RawDocument

if TYPE_CHECKING:
    # Only named in annotations: the assigner loads numpy and datasketch, and the
    # store package every backend, which `newsweave extract` (through
    # extract_stream) never needs.
    from newsweave.cluster.assign import StoryAssigner
    from newsweave.store.base import Store

__all__ = ["IngestSummary", "Progress", "extract_stream", "ingest_documents"]

Progress = Callable[[int], None]
"""Called with the number of documents handled since the previous call."""


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did."""

    new: int = 0
    duplicate: int = 0
    failed: int = 0
    failures: list[InputFailure] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.new + self.duplicate + self.failed


def extract_stream(
    items: Iterable[RawDocument | InputFailure], *, jobs: int = 1
) -> Iterator[tuple[RawDocument, Article] | InputFailure]:
    """Extract every document; a document that cannot be extracted becomes a failure.

    With ``jobs`` above 1 the documents are extracted in that many worker processes
    (:mod:`~newsweave.pipeline.extract_pool`); the results come in the same order.
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1:
        pairs = extract_each(items)
    else:
        from newsweave.pipeline.extract_pool import extract_in_order

        pairs = extract_in_order(items, jobs=jobs)
    for item, result in pairs:
        if isinstance(result, InputFailure):
            yield result
        elif item is not None:
            yield item, result


def ingest_documents(
    items: Iterable[RawDocument | InputFailure],
    store: Store,
    *,
    batch_size: int = 200,
    stories: StoryAssigner | None = None,
    progress: Progress | None = None,
    jobs: int = 1,
) -> IngestSummary:
    """Extract and store ``items``; each batch of ``batch_size`` is one transaction.

    A batch either lands whole or not at all, so a crash leaves no half-written
    article; re-running the same input afterwards stores only what is missing.
    With ``stories`` (see :func:`newsweave.pipeline.stories.open_assigner`), each new
    article is assigned to a story in its batch's transaction; call
    ``save_assigner(store, stories)`` when done so the next run need not replay them.
    If a batch fails, the assigner may be ahead of the store: reopen it.
    With ``jobs`` above 1 only extraction runs in worker processes; labels, dedup,
    stories and the store stay here, in input order (the same result as one process).
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    summary = IngestSummary()
    batch: list[tuple[RawDocument, Article]] = []
    failures: list[InputFailure] = []

    def flush() -> None:
        handled = len(batch) + len(failures)
        if batch:
            for is_new in store.add_articles(batch, stories=stories):
                if is_new:
                    summary.new += 1
                else:
                    summary.duplicate += 1
            batch.clear()
        if failures:
            store.record_failures(failures)
            summary.failed += len(failures)
            summary.failures.extend(failures)
            failures.clear()
        if progress is not None and handled:
            progress(handled)

    for result in extract_stream(items, jobs=jobs):
        if isinstance(result, InputFailure):
            failures.append(result)
        else:
            batch.append(result)
        if len(batch) + len(failures) >= batch_size:
            flush()
    flush()
    return summary
