"""WARC archives (plain or gzip per record), read with warcio one record at a time.

Only ``response`` records of HTTP 200 with an HTML content type become
documents; requests, metadata, redirects, errors and non-HTML payloads are
passed over on purpose.  A record cut short by the end of the file, or one that
warcio cannot parse after records were read, ends the archive with a
:class:`~newsweave.errors.TruncatedInputError` after everything read before it.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import datetime
from email.message import Message
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeadersParserException

from newsweave.errors import InputError, MalformedInputError, TruncatedInputError
from newsweave.ingest.files import failure_from, too_large
from newsweave.ingest.pages import read_html_page
from newsweave.models import InputFailure, RawDocument

__all__ = ["HTML_TYPES", "iter_warc"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_WARCIO_ERRORS = (ArchiveLoadFailed, StatusAndHeadersParserException, zlib.error)


def _media_type(value: str | None) -> tuple[str | None, str | None]:
    """``(media type, charset)`` of a ``Content-Type`` header."""
    if not value:
        return None, None
    message = Message()
    message["content-type"] = value
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _is_wanted(record: ArcWarcRecord) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    media_type, _ = _media_type(record.http_headers.get_header("Content-Type"))
    return media_type in HTML_TYPES


def _document(record: ArcWarcRecord, *, origin: str, limit: int) -> RawDocument:
    declared_length = record.rec_headers.get_header("Content-Length")
    if declared_length and declared_length.isdigit() and int(declared_length) > limit:
        raise too_large(origin, limit, what="the WARC record")
    # content_stream() undoes chunked transfer and gzip/deflate content encoding; reading
    # one byte over the limit catches a compression bomb without inflating it all.
    data = record.content_stream().read(limit + 1)
    if len(data) > limit:
        raise too_large(origin, limit, what="the WARC record payload (decoded)")
    _, charset = _media_type(record.http_headers.get_header("Content-Type"))
    page = read_html_page(
        data, origin=origin, declared=charset, url=record.rec_headers.get_header("WARC-Target-URI")
    )
    return RawDocument(
        origin=page.origin,
        content_type=page.content_type,
        content=page.content,
        url=page.url,
        fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")),
        record_id=record.rec_headers.get_header("WARC-Record-ID"),
    )


def _next_record(archive: ArchiveIterator, *, origin: str, records: int) -> ArcWarcRecord | None:
    """The next record, ``None`` at the end; warcio's many failure modes as input errors."""
    try:
        return next(archive)
    except StopIteration:
        return None
    # warcio fails with AttributeError/TypeError on a header block cut short (a record
    # without its WARC-Target-URI): that is bad input, not a bug of ours.
    except (*_WARCIO_ERRORS, EOFError, AttributeError, TypeError) as exc:
        reason = _first_line(exc)
        if "non-chunked gzip" in str(exc):
            raise MalformedInputError(
                origin,
                "the .warc.gz is one gzip stream, not gzip per record; "
                "fix it with `warcio recompress IN OUT` (or gunzip it)",
            ) from exc
        if records:
            raise TruncatedInputError(
                origin, f"the archive breaks off after {records} records ({reason})"
            ) from exc
        raise MalformedInputError(origin, f"not a readable WARC file ({reason})") from exc


def _check_complete(archive: ArchiveIterator, record: ArcWarcRecord, *, origin: str) -> None:
    """Raise :class:`TruncatedInputError` when the record just consumed was cut short."""
    # warcio wraps the block in a LimitReader that counts down the declared
    # Content-Length: anything left once the record is consumed never arrived.
    remaining: Any = getattr(record.raw_stream, "limit", 0)
    # With gzip per record, each record is one gzip member that must reach its end.
    decompressor: Any = getattr(archive.reader, "decompressor", None)
    member_cut = decompressor is not None and not getattr(decompressor, "eof", True)
    if (isinstance(remaining, int) and remaining > 0) or member_cut:
        raise TruncatedInputError(origin, "the archive is truncated inside this record")


def iter_warc(
    raw: BinaryIO, *, origin: str, max_record_bytes: int
) -> Iterator[RawDocument | InputFailure]:
    """HTML responses of a WARC stream (``raw``: the file bytes, compressed or not).

    Each document's origin is ``<origin>#<record offset>`` (in the file as stored);
    per-record problems (over the size limit, undecodable) are yielded as failures
    and reading goes on.  Records read before a cut are yielded before the
    :class:`TruncatedInputError`.
    """
    archive = ArchiveIterator(raw)
    records = 0
    complete_until = archive.offset
    while (record := _next_record(archive, origin=origin, records=records)) is not None:
        records += 1
        # Known before the record is consumed (warcio's accessor would read it to its end).
        record_origin = f"{origin}#{archive.offset}"
        result: RawDocument | InputFailure | None = None
        if _is_wanted(record):
            try:
                result = _document(record, origin=record_origin, limit=max_record_bytes)
            except InputError as exc:
                result = failure_from(exc)
            except (*_WARCIO_ERRORS, EOFError) as exc:
                raise TruncatedInputError(
                    record_origin, f"the record is cut short or corrupt ({_first_line(exc)})"
                ) from exc
        try:
            archive.read_to_end()
        except (*_WARCIO_ERRORS, EOFError) as exc:
            raise TruncatedInputError(record_origin, "the record is cut short") from exc
        _check_complete(archive, record, origin=record_origin)
        complete_until = archive.offset
        if result is not None:
            yield result
    # A header block cut short ends warcio's iteration without an error: bytes past
    # the last complete record mean the archive was cut there.
    consumed = archive.fh.tell()
    if consumed > complete_until:
        raise TruncatedInputError(
            f"{origin}#{complete_until}",
            f"the archive ends inside a record header after {records} complete records",
        )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
