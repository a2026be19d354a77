"""Extraction: a ``RawDocument`` becomes a clean ``Article``.

HTML goes through :mod:`newsweave.extract.html` (trafilatura plus our cleaning),
plain-text page dumps through :mod:`newsweave.extract.plaintext` (the text-mode
boilerplate cleaner).  Both return an :class:`~newsweave.models.Extraction`;
:func:`extract_article` merges it with what the input container already knew.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import datetime

from newsweave.errors import ExtractionError, InputError
from newsweave.extract.language import detect_language, primary_language
from newsweave.extract.plaintext import extract_text
from newsweave.models import (
    Article,
    DateSource,
    Extraction,
    InputFailure,
    Labels,
    RawDocument,
    content_hash,
    usable_date,
    usable_url,
)

__all__ = [
    "EXTRACTOR_VERSION",
    "article_key",
    "extract_article",
    "extract_document",
    "extract_each",
    "extract_or_failure",
]

EXTRACTOR_VERSION = "4"
"""Bumped whenever extraction output changes; ``newsweave reprocess`` redoes older rows."""


def extract_document(doc: RawDocument) -> Extraction:
    """Run the extractor that fits ``doc.content_type``."""
    if doc.content_type == "text/html":
        # trafilatura (with courlan, urllib3 and, through py3langid, numpy) costs
        # a quarter of a second to import: text dumps never pay for it.
        from newsweave.extract.html import extract_html

        return extract_html(doc.content, url=doc.url)
    return extract_text(doc.content)


def article_key(*, canonical_url: str | None, body: str) -> str:
    """Identity for idempotent ingest: the canonical URL, else a hash of the clean text."""
    if canonical_url:
        return "url:" + canonical_url
    return "sha256:" + content_hash(body)


def _merge_labels(found: Labels, doc: RawDocument) -> Labels:
    return found


def _language(doc: RawDocument, found: Extraction, body: str) -> str | None:
    """The language the container or the page declares, else the one detected in ``body``.

    Detection (and its model load) only runs for articles that declare nothing,
    so English pages tagged ``lang="en"`` never pay for it.
    """
    return (
        primary_language(doc.language)
        or primary_language(found.language)
        or detect_language(" ".join(filter(None, (doc.title or found.title, body))))
    )


def _published(doc: RawDocument, found: Extraction) -> tuple[datetime | None, DateSource | None]:
    """The article's date and where it came from: the container's, else the page's."""
    container = usable_date(doc.published)
    if container is not None:
        return container, "input"
    page = usable_date(found.published)
    return (page, found.date_source or "text") if page is not None else (None, None)


def extract_article(doc: RawDocument) -> Article:
    """Extract, clean and label one document.

    Raises :class:`ExtractionError` when the page holds no article text.
    """
    found = extract_document(doc)
    body = found.body.strip()
    if not body:
        raise ExtractionError(doc.origin, "no article text found in the page")
    # The container (JSONL field, feed entry, WARC header) is the better witness
    # for identity and dates; the page fills what the container left empty.
    url = usable_url(doc.url) or usable_url(found.url)
    canonical = usable_url(found.canonical_url) or url
    key = article_key(canonical_url=canonical, body=body)
    published, date_source = _published(doc, found)
    return Article(
        id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        key=key,
        title=doc.title or found.title,
        body=body,
        url=url,
        canonical_url=canonical,
        outlet=doc.outlet or found.outlet,
        published=published,
        date_source=date_source,
        authors=doc.authors or found.authors,
        language=_language(doc, found, body),
        labels=_merge_labels(found.labels, doc),
        origin=doc.origin,
        content_type=doc.content_type,
        content_hash=content_hash(body),
        extractor_version=EXTRACTOR_VERSION,
        record_id=doc.record_id,
        extra=dict(doc.extra),
    )


def extract_each(
    items: Iterable[RawDocument | InputFailure],
) -> Iterator[tuple[RawDocument | None, Article | InputFailure]]:
    """Extract every document, in order, each paired with what it gave.

    ``(document, article)``; ``(document, failure)`` when no article could be
    extracted from it; ``(None, failure)`` for an input that could not be read.
    A bad document never stops the stream.
    """
    for item in items:
        if isinstance(item, InputFailure):
            yield None, item
            continue
        yield item, extract_or_failure(item)


def extract_or_failure(doc: RawDocument) -> Article | InputFailure:
    """The article of ``doc``, or the failure that names it when none can be extracted.

    One step of :func:`extract_each`; worker processes (``extract --jobs``) run it
    per document, so their results are the same as in one process.
    """
    try:
        return extract_article(doc)
    except InputError as exc:
        return InputFailure(
            origin=doc.origin, error=type(exc).__name__, message=exc.reason, stage="extract"
        )
