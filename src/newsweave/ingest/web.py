"""Read a URL: one web page, or a feed whose entries' pages are fetched in turn.

Every request goes through the given :class:`~newsweave.ingest.fetch.Fetcher`, so
politeness, robots.txt and size limits apply to the entry pages as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsweave.errors import InputError, NewsweaveError, UnsupportedInputError
from newsweave.ingest.feeds import Feed, FeedEntry, looks_like_feed, parse_feed
from newsweave.ingest.fetch import Fetcher, FetchResult
from newsweave.models import InputFailure, RawDocument

__all__ = [
    "document_from_response",
    "fetch_entry",
    "is_feed_response",
    "read_feed_entries",
    "read_url",
]

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/rss",
        "application/x-rss+xml",
        "application/x-atom+xml",
    }
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def _failure(origin: str, exc: NewsweaveError) -> InputFailure:
    reason = getattr(exc, "reason", None)
    return InputFailure(
        origin=origin,
        error=type(exc).__name__,
        message=reason if isinstance(reason, str) else str(exc),
        stage="read",
    )


def _decode(data: bytes, *, origin: str, declared: str | None) -> str:
    # Imported here, not at module level: files.py dispatches URLs to this module.
    from newsweave.ingest.files import decode_bytes

    return decode_bytes(data, origin=origin, declared=declared)


def is_feed_response(result: FetchResult) -> bool:
    """Whether a response is an RSS/Atom feed, by content type or by its first element.

    The bytes are sniffed first because many servers label feeds ``text/html``
    or ``text/xml``; an explicit feed media type is believed even when sniffing
    fails (parsing will then say what is wrong).
    """
    return looks_like_feed(result.content) or result.content_type in FEED_TYPES


def document_from_response(result: FetchResult, *, origin: str, **metadata: Any) -> RawDocument:
    """A :class:`RawDocument` for a fetched HTML (or plain text) page.

    ``metadata`` (``url``, ``title``, ``outlet``, ``published``, ``authors``,
    ``record_id``, ``extra``) is passed to the document; by default ``url`` is the
    URL after redirects.  Raises :class:`UnsupportedInputError` for other media
    types (PDF, images, ...) and :class:`~newsweave.errors.DecodeError` for bytes
    no encoding decodes.
    """
    media = result.content_type
    if media in HTML_TYPES:
        content_type = "text/html"
    elif media == "text/plain":
        content_type = "text/plain"
    elif media is None:
        content_type = "text/html" if result.content.lstrip()[:1] == b"<" else "text/plain"
    else:
        raise UnsupportedInputError(
            origin, f"the server sent {media}, not a web page (text/html or text/plain)"
        )
    text = _decode(result.content, origin=origin, declared=result.charset)
    fields: dict[str, Any] = {"url": result.url, "fetched_at": result.fetched_at}
    fields.update(metadata)
    return RawDocument(origin=origin, content_type=content_type, content=text, **fields)


def fetch_entry(
    feed: Feed, index: int, entry: FeedEntry, *, fetcher: Fetcher
) -> RawDocument | InputFailure:
    """Fetch the page of one feed entry; never raises for a bad page.

    The entry's metadata (title, date, authors; the feed title as outlet) goes
    with the page, because the feed is a more reliable witness than the page's
    markup.  An entry without a link is read from the feed's own text instead.
    """
    common: dict[str, Any] = {
        "title": entry.title,
        "outlet": feed.title,
        "published": entry.published,
        "authors": entry.authors,
        "record_id": entry.id,
    }
    if entry.link is None:
        origin = f"{feed.origin}#{index}"
        body = entry.content or entry.summary
        if not body:
            return InputFailure(
                origin=origin,
                error="MalformedInputError",
                message="the feed entry has neither a link nor any text",
            )
        return RawDocument(origin=origin, content_type="text/html", content=body, **common)
    extra = {"feed": feed.origin}
    try:
        result = fetcher.get(entry.link)
        return document_from_response(
            result,
            origin=entry.link,
            url=entry.link,
            extra=extra if result.url == entry.link else {**extra, "final_url": result.url},
            **common,
        )
    except NewsweaveError as exc:
        return _failure(entry.link, exc)


def read_feed_entries(feed: Feed, *, fetcher: Fetcher) -> Iterator[RawDocument | InputFailure]:
    """Fetch every entry's page of ``feed``, one document or failure per entry."""
    for index, entry in enumerate(feed.entries):
        yield fetch_entry(feed, index, entry, fetcher=fetcher)


def read_url(url: str, *, fetcher: Fetcher) -> Iterator[RawDocument | InputFailure]:
    """Read one URL: a web page gives one document, a feed one document per entry.

    Never raises for a bad URL or page: a failure (network, robots.txt, size,
    not a page) is yielded as an :class:`InputFailure` naming the URL, and the
    other entries of a feed go on.
    """
    try:
        result = fetcher.get(url)
    except NewsweaveError as exc:
        yield _failure(url, exc)
        return
    if is_feed_response(result):
        try:
            feed = parse_feed(
                result.content, origin=url, content_type=result.headers.get("content-type")
            )
        except InputError as exc:
            yield _failure(url, exc)
            return
        yield from read_feed_entries(feed, fetcher=fetcher)
        return
    try:
        document = document_from_response(result, origin=url)
    except InputError as exc:
        yield _failure(url, exc)
        return
    yield document
