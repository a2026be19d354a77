"""Ingest: inputs of every kind become :class:`~newsweave.models.RawDocument` records.

:func:`read_inputs` is the one entry point.  It resolves the inputs (files,
directories, ``-`` for standard input, ``http(s)://`` URLs), picks a reader by
file name (``.gz`` stripped) or, when the name does not say, by sniffing the
first bytes, and yields documents one at a time:

=================================  ============================================
``.txt``                           :func:`~newsweave.ingest.pages.read_text_page`
``.html`` ``.htm``                 :func:`~newsweave.ingest.pages.read_html_page`
``.jsonl`` ``.ndjson`` ``.json``   :mod:`newsweave.ingest.jsonl`
``.warc``                          :mod:`newsweave.ingest.warc`
``.xml`` ``.rss`` ``.atom``        :func:`newsweave.ingest.feeds.read_feed_bytes`
URLs                               :func:`newsweave.ingest.web.read_url`
=================================  ============================================

Every :class:`~newsweave.errors.InputError` of an input or of one record becomes
an :class:`~newsweave.models.InputFailure` in the stream and the batch goes on.
Any other exception is a bug, not bad input: it propagates (with a note naming
the input) instead of being turned into a failure that would hide it.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from newsweave.config import Settings
from newsweave.errors import FetchError, InputError, MalformedInputError
from newsweave.ingest.files import (
    HEAD_BYTES,
    InputStream,
    ResolvedInput,
    check_not_binary,
    decode_bytes,
    failure_from,
    iter_input_files,
    kind_from_name,
    open_input,
    sniff_kind,
)
from newsweave.ingest.pages import read_html_page, read_text_page
from newsweave.models import InputFailure, RawDocument

if TYPE_CHECKING:
    from newsweave.ingest.fetch import Fetcher

__all__ = [
    "ResolvedInput",
    "count_documents",
    "decode_bytes",
    "iter_input_files",
    "read_input",
    "read_inputs",
]


def _read_stream(
    stream: InputStream, resolved: ResolvedInput, *, limit: int
) -> Iterator[RawDocument | InputFailure]:
    head = stream.peek(HEAD_BYTES)
    named = kind_from_name(resolved.name) if resolved.kind == "file" else None
    kind = named or sniff_kind(head)
    if not head:
        raise MalformedInputError(stream.origin, "the input is empty (0 bytes)")
    # The WARC and JSON readers are imported where used: warcio, dateutil and the
    # email parsers they pull cost a page or a text dump a tenth of its start-up.
    if kind == "warc":
        from newsweave.ingest.warc import iter_warc

        if sniff_kind(head) != "warc":
            raise MalformedInputError(
                stream.origin, "not a WARC file (it does not start with WARC/1.)"
            )
        # warcio decompresses gzip member by member itself and reports offsets in
        # the file as stored, which is what ``path#offset`` must point into.
        yield from iter_warc(stream.raw_from_start(), origin=stream.origin, max_record_bytes=limit)
        return
    stream.stop_recording()
    check_not_binary(head, origin=stream.origin, line_format=kind in ("jsonl", "json"))
    if kind in ("jsonl", "json"):
        from newsweave.ingest.jsonl import iter_json, iter_json_or_jsonl, iter_jsonl
    if kind == "jsonl":
        yield from iter_jsonl(stream, max_line_bytes=limit)
    elif kind == "json" and named is None:
        # Sniffed, not named: ``{`` may start JSON Lines as well as one JSON document.
        yield from iter_json_or_jsonl(stream, max_record_bytes=limit)
    elif kind == "json":
        yield from iter_json(stream, max_record_bytes=limit)
    elif kind == "feed":
        yield from _read_feed(stream.read_limited(limit, what="the feed"), origin=stream.origin)
    elif kind == "html":
        yield read_html_page(stream.read_limited(limit, what="the page"), origin=stream.origin)
    else:
        yield read_text_page(stream.read_limited(limit, what="the page"), origin=stream.origin)


def _read_feed(data: bytes, *, origin: str) -> Iterator[RawDocument]:
    # Imported late: the feed reader pulls in feedparser, which only feeds need.
    from newsweave.ingest.feeds import read_feed_bytes

    yield from read_feed_bytes(data, origin=origin)


def read_input(
    resolved: ResolvedInput, *, settings: Settings, fetcher: Fetcher | None = None
) -> Iterator[RawDocument | InputFailure]:
    """Documents and failures of one resolved input (see :func:`iter_input_files`).

    For a URL without a ``fetcher``, one is created for this call and closed after it.
    """
    try:
        if resolved.kind == "url":
            yield from _read_url(resolved.name, settings=settings, fetcher=fetcher)
            return
        with open_input(resolved) as stream:
            yield from _read_stream(stream, resolved, limit=settings.input.max_input_bytes)
    except InputError as exc:
        yield failure_from(exc)
    except FetchError as exc:
        # The fetcher gives up on a URL after its retries: that URL fails, the batch goes on.
        yield InputFailure(resolved.name, type(exc).__name__, exc.reason)
    except Exception as exc:
        exc.add_note(f"newsweave: while reading {resolved.name}")
        raise


def _read_url(
    url: str, *, settings: Settings, fetcher: Fetcher | None
) -> Iterator[RawDocument | InputFailure]:
    from newsweave.ingest.fetch import Fetcher
    from newsweave.ingest.web import read_url

    if fetcher is not None:
        yield from read_url(url, fetcher=fetcher)
        return
    with Fetcher(settings=settings) as own:
        yield from read_url(url, fetcher=own)


def _count_lines(path: Path) -> int:
    """Non-blank lines of a file, gunzipped when it starts with gzip's magic bytes."""
    with path.open("rb") as raw:
        compressed = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        if not compressed:
            return sum(1 for line in raw if line.strip())
        with gzip.GzipFile(fileobj=raw) as unpacked:
            return sum(1 for line in unpacked if line.strip())


def count_documents(inputs: Iterable[str]) -> int | None:
    """How many documents and failures :func:`read_inputs` will give, when a quick
    look can tell: one per page file, one per non-blank line of a JSONL file
    (gzipped or not).  ``None`` when an input is a URL, standard input, a WARC,
    feed or JSON file, or a file whose kind only its content says (counting
    those means parsing them), or cannot be read: the caller shows no total.
    """
    total = 0
    try:
        for resolved in iter_input_files(inputs):
            if resolved.kind != "file":
                return None
            kind = kind_from_name(resolved.name)
            if kind in ("text", "html"):
                total += 1
            elif kind == "jsonl" and resolved.path is not None:
                total += _count_lines(resolved.path)
            else:
                return None
    except (InputError, OSError, EOFError):
        return None
    return total


def read_inputs(
    inputs: Iterable[str], *, settings: Settings, fetcher: Fetcher | None = None
) -> Iterator[RawDocument | InputFailure]:
    """Read every input in turn, yielding documents and failures as they come.

    ``inputs`` are paths (files or directories, walked recursively in name order),
    ``-`` for standard input, or ``http(s)://`` URLs.  Memory does not grow with
    the number or size of inputs beyond one record at a time.  URLs share one
    ``fetcher`` (created on first use from ``settings`` when none is given), so
    politeness delays hold across the whole batch.
    """
    own: Fetcher | None = None
    try:
        for resolved in iter_input_files(inputs):
            if resolved.kind == "url" and fetcher is None and own is None:
                from newsweave.ingest.fetch import Fetcher

                own = Fetcher(settings=settings)
            yield from read_input(resolved, settings=settings, fetcher=fetcher or own)
    finally:
        if own is not None:
            own.close()
