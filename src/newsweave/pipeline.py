"""Orchestration: raw documents -> extracted articles -> store, in transactional batches.

The CLI, the demo and (later) the API all ingest through :func:`ingest_documents`
so the counting of new / duplicate / failed documents is the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from newsweave.brief.build import BriefOptions, build_brief
from newsweave.errors import InputError, StoreError
from newsweave.extract import extract_article, extract_each
from newsweave.models import Article, Brief, InputFailure, RawDocument
from newsweave.sources import SourceRegistry
from newsweave.store.base import Store
from newsweave.stories import StoryAssigner

__all__ = [
    "IngestSummary",
    "ReprocessSummary",
    "brief_options",
    "brief_story",
    "extract_stream",
    "ingest_documents",
    "reprocess_store",
]

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
    items: Iterable[RawDocument | InputFailure],
) -> Iterator[tuple[RawDocument, Article] | InputFailure]:
    """Extract every document; a document that cannot be extracted becomes a failure."""
    for item, result in extract_each(items):
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
) -> IngestSummary:
    """Extract and store ``items``; each batch of ``batch_size`` is one transaction.

    A batch either lands whole or not at all, so a crash leaves no half-written
    article; re-running the same input afterwards stores only what is missing.
    With ``stories`` (see :func:`newsweave.stories.open_assigner`), each new
    article is assigned to a story in its batch's transaction; call
    ``stories.save(store)`` when done so the next run need not replay them.
    If a batch fails, the assigner may be ahead of the store: reopen it.
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

    for result in extract_stream(items):
        if isinstance(result, InputFailure):
            failures.append(result)
        else:
            batch.append(result)
        if len(batch) + len(failures) >= batch_size:
            flush()
    flush()
    return summary


@dataclass(slots=True)
class ReprocessSummary:
    """What one reprocess run did."""

    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: list[InputFailure] = field(default_factory=list)


def reprocess_store(store: Store, *, progress: Progress | None = None) -> ReprocessSummary:
    """Re-extract every stored article from its kept raw input with the current extractor.

    The article keeps its id and key, so story assignments and links stay valid.
    An article whose raw input no longer extracts keeps its previous text and is
    reported as a failure instead of being emptied.
    """
    summary = ReprocessSummary()
    # Materialise the ids first: updating rows while a cursor walks the same table
    # is undefined in SQLite.
    pending = list(store.iter_raw_documents())
    for article_id, raw in pending:
        try:
            article = extract_article(raw)
        except InputError as exc:
            failure = InputFailure(
                origin=raw.origin, error=type(exc).__name__, message=exc.reason, stage="reprocess"
            )
            summary.failures.append(failure)
            summary.failed += 1
        else:
            before = store.get_article(article_id)
            if before is not None and _same_extraction(before, article):
                summary.unchanged += 1
            else:
                store.replace_article(article_id, article)
                summary.updated += 1
        if progress is not None:
            progress(1)
    if summary.failures:
        store.record_failures(summary.failures)
    return summary


def _same_extraction(old: Article, new: Article) -> bool:
    return (
        old.body == new.body
        and old.title == new.title
        and old.authors == new.authors
        and old.labels == new.labels
        and old.published == new.published
        and old.outlet == new.outlet
        and old.extractor_version == new.extractor_version
    )


def brief_options(store: Store, options: BriefOptions | None = None) -> BriefOptions:
    """``options`` with the store's source registry for coverage (unless one is given)."""
    options = options or BriefOptions()
    if options.registry is None:
        sources = list(store.iter_sources())
        if sources:
            options = replace(options, registry=SourceRegistry(sources, origin="database"))
    return options


def brief_story(store: Store, story_id: str, *, options: BriefOptions | None = None) -> Brief:
    """The brief of a stored story, with the store's source registry for coverage.

    ``story_id`` may be an id the story had before a merge.  Raises
    ``StoreError`` when no story has (or had) this id.
    """
    current = store.resolve_story(story_id)
    if current is None:
        raise StoreError(f"no story {story_id} (see `newsweave stories`)")
    articles = store.story_articles(current)
    return build_brief(current, articles, options=brief_options(store, options))
