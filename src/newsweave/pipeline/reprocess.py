"""The reprocess flow: re-extract every stored article from its kept raw input."""

from __future__ import annotations

from dataclasses import dataclass, field

from newsweave.errors import InputError
from newsweave.extract import extract_article
from newsweave.models import Article, InputFailure
from newsweave.pipeline.ingest import Progress
from newsweave.store.base import Store

__all__ = ["ReprocessSummary", "reprocess_store"]


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
        and old.date_source == new.date_source
        and old.outlet == new.outlet
        and old.extractor_version == new.extractor_version
    )
