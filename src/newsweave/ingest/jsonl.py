"""JSON Lines and JSON inputs: one article per object.

Recognised fields (names matched case-insensitively): ``id``, ``url``, ``source``
(the outlet; also ``outlet``/``publisher``, or an object with a ``name``),
``title``, ``text`` or ``html`` (``body``/``content`` count as text), ``published``
(ISO 8601 or RFC 2822; also ``date``), ``authors`` (a list, or a string separated
by commas, semicolons or "and"), ``language``.  Every other field is kept verbatim
in ``RawDocument.extra``.

Records are read one at a time: JSON Lines line by line, a JSON array element by
element with an incremental decoder, so memory does not grow with the file.  A
bad record becomes an :class:`~newsweave.models.InputFailure` for ``path:LINE``
and reading goes on with the next one.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from dateutil import parser as dateutil_parser

from newsweave.errors import DecodeError, MalformedInputError
from newsweave.ingest.files import HEAD_BYTES, InputStream, decode_bytes, failure_from, too_large
from newsweave.ingest.pages import wide_encoding
from newsweave.models import InputFailure, RawDocument, usable_date

__all__ = ["iter_json", "iter_json_or_jsonl", "iter_jsonl", "parse_published", "record_to_document"]

_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "url": ("url", "link"),
    "outlet": ("source", "outlet", "publisher"),
    "title": ("title", "headline"),
    "html": ("html", "raw_html"),
    "text": ("text", "body", "content"),
    "published": ("published", "date", "published_at", "date_published", "pubdate"),
    "authors": ("authors", "author", "byline"),
    "language": ("language", "lang"),
}
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&)\s*", re.IGNORECASE)
_CHUNK = 64 * 1024
# Two defaults with no field in common (see _parse_published).
_DEFAULT_ONE = datetime(2001, 1, 1)
_DEFAULT_TWO = datetime(2002, 2, 2)
# Half of a UTF-16 surrogate pair: JSON can escape one (``"\\ud800"``), and no text
# holding it can be encoded, hashed or stored.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _Fields:
    """The fields of one record, looked up by alias, case-insensitively, each used once."""

    def __init__(self, record: Mapping[str, Any]) -> None:
        self.record = record
        self.used: set[str] = set()
        self._lowered = {key.casefold(): key for key in record if isinstance(key, str)}

    def take(self, field: str) -> tuple[str, Any] | None:
        """The first present alias of ``field``: ``(original key, value)``."""
        for alias in _ALIASES[field]:
            key = self._lowered.get(alias)
            if key is not None and key not in self.used:
                self.used.add(key)
                value = self.record[key]
                if value is None or value == "":
                    return None
                return key, value
        return None


def _scalar(found: tuple[str, Any] | None, origin: str) -> str | None:
    if found is None:
        return None
    key, value = found
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise MalformedInputError(
            origin, f"field {key!r} must be a string, not {type(value).__name__}"
        )
    return str(value).strip() or None


def parse_published(value: object, *, origin: str, field: str = "published") -> datetime | None:
    """A publication date from ISO 8601, RFC 2822, epoch seconds or a common written form.

    Raises ``MalformedInputError`` when none of them reads it.  A date at an end
    of the calendar is a placeholder for "no date" (``0001-01-01`` is the zero
    value of many systems' date types; real exports carry it): ``None``.
    """
    return usable_date(_parse_published(value, origin=origin, field=field))


def _parse_published(value: object, *, origin: str, field: str) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC)
        except (OverflowError, OSError, ValueError) as exc:
            raise MalformedInputError(origin, f"bad date {value!r} in field {field!r}") from exc
    if not isinstance(value, str):
        raise MalformedInputError(origin, f"bad date {value!r} in field {field!r}: not a string")
    text = value.strip()
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    # Real exports also carry dates such as "5/4/23" or "May 4, 2023": accept
    # what dateutil reads unambiguously enough rather than lose the article.  It
    # fills a missing year, month or day from its default (today): read twice
    # with two defaults, such a partial date ("Tuesday", "May 4") differs, and
    # taking it would make the result depend on the day it is read.
    try:
        found = dateutil_parser.parse(text, default=_DEFAULT_ONE)
        complete = found == dateutil_parser.parse(text, default=_DEFAULT_TWO)
    except (ValueError, OverflowError):
        pass
    else:
        if complete:
            return found
        raise MalformedInputError(
            origin,
            f"bad date {value!r} in field {field!r}: it names no full day (year, month, day)",
        )
    raise MalformedInputError(
        origin,
        f"bad date {value!r} in field {field!r}: expected ISO 8601 such as 2023-05-04T10:00:00Z",
    )


def _authors(found: tuple[str, Any] | None, origin: str) -> tuple[str, ...]:
    if found is None:
        return ()
    key, value = found
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("name"), str):
            item = item["name"]
        if not isinstance(item, str):
            raise MalformedInputError(
                origin, f"field {key!r} must hold names, not {type(item).__name__}"
            )
        parts = _AUTHOR_SPLIT.split(item) if not isinstance(value, list) else [item]
        names.extend(part.strip() for part in parts if part.strip())
    return tuple(dict.fromkeys(names))


def _body(fields: _Fields, origin: str) -> tuple[str, str]:
    """``(content_type, content)``: ``html`` wins over ``text`` (the text is kept in ``extra``)."""
    for field, content_type in (("html", "text/html"), ("text", "text/plain")):
        found = fields.take(field)
        if found is None:
            continue
        key, value = found
        if isinstance(value, list) and all(isinstance(part, str) for part in value):
            value = "\n\n".join(value)
        if not isinstance(value, str):
            raise MalformedInputError(
                origin, f"field {key!r} must be a string, not {type(value).__name__}"
            )
        if value.strip():
            # When ``html`` wins, a ``text`` field stays unused and lands in ``extra``.
            return content_type, value
    names = ", ".join(sorted(str(key) for key in fields.record)) or "none"
    raise MalformedInputError(
        origin,
        f"the record has neither a 'text' nor an 'html' field with content (fields: {names})",
    )


def record_to_document(record: object, *, origin: str) -> RawDocument:
    """Map one JSON object to a :class:`RawDocument`; unknown fields go to ``extra``.

    A ``MalformedInputError`` about the record carries its ``id`` when that is readable.
    """
    if not isinstance(record, Mapping):
        raise MalformedInputError(origin, f"expected a JSON object, got {type(record).__name__}")
    repaired: Mapping[str, Any] = _repaired(record)
    try:
        return _document(repaired, origin)
    except MalformedInputError as exc:
        with contextlib.suppress(MalformedInputError):
            exc.record_id = _scalar(_Fields(repaired).take("id"), origin)
        raise


def _repaired(value: Any) -> Any:
    """``value`` with each lone surrogate in its strings replaced by U+FFFD, as a
    decoder replaces a broken byte."""
    if isinstance(value, str):
        if value.isascii() or _LONE_SURROGATE.search(value) is None:
            return value
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, Mapping):
        return {_repaired(key): _repaired(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_repaired(item) for item in value]
    return value


def _document(record: Mapping[str, Any], origin: str) -> RawDocument:
    fields = _Fields(record)
    content_type, content = _body(fields, origin)
    outlet_found = fields.take("outlet")
    if outlet_found is not None and isinstance(outlet_found[1], Mapping):
        name = outlet_found[1].get("name")
        outlet_found = (outlet_found[0], name) if name else None
    published_found = fields.take("published")
    return RawDocument(
        origin=origin,
        content_type=content_type,
        content=content,
        url=_scalar(fields.take("url"), origin),
        title=_scalar(fields.take("title"), origin),
        outlet=_scalar(outlet_found, origin),
        published=(
            parse_published(published_found[1], origin=origin, field=published_found[0])
            if published_found
            else None
        ),
        authors=_authors(fields.take("authors"), origin),
        language=_scalar(fields.take("language"), origin),
        record_id=_scalar(fields.take("id"), origin),
        extra={key: value for key, value in record.items() if key not in fields.used},
    )


_TOO_DEEP = "the JSON is nested too deeply (more than about 1,000 levels of [ and {)"


def _number_problem(exc: ValueError) -> str:
    # Python's advice in this message (sys.set_int_max_str_digits) is for programmers.
    return str(exc).split(";", 1)[0]


def _parse_line(line: bytes, origin: str) -> RawDocument:
    text = decode_bytes(line, origin=origin)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(
            origin, f"invalid JSON ({exc.msg} at column {exc.colno})"
        ) from exc
    except RecursionError as exc:
        # Python's decoder recurses per level; it stops cleanly at the interpreter's limit.
        raise MalformedInputError(origin, _TOO_DEEP) from exc
    except ValueError as exc:
        # Not a syntax error: a number Python refuses to convert (over 4,300 digits).
        raise MalformedInputError(origin, f"invalid JSON ({_number_problem(exc)})") from exc
    return record_to_document(record, origin=origin)


def _skip_rest_of_line(stream: InputStream) -> None:
    while True:
        chunk = stream.readline(_CHUNK)
        if not chunk or chunk.endswith(b"\n"):
            return


def iter_jsonl(stream: InputStream, *, max_line_bytes: int) -> Iterator[RawDocument | InputFailure]:
    """Documents of a JSON Lines stream, one line at a time; bad lines become failures.

    A truncated or unreadable stream raises :class:`InputError` after the lines
    read before the cut have been yielded.
    """
    head = stream.peek(HEAD_BYTES)
    wide = "utf-16" if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else None
    wide = wide or wide_encoding(head)
    if wide is not None:
        raise DecodeError(
            stream.origin,
            f"JSON Lines must be UTF-8, this is {wide.upper()}; convert it with iconv -t UTF-8",
        )
    number = 0
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        number += 1
        origin = f"{stream.origin}:{number}"
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield failure_from(too_large(origin, max_line_bytes, what="the line"))
            continue
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        if not line.strip():
            continue
        try:
            yield _parse_line(line.rstrip(b"\r\n"), origin)
        except (MalformedInputError, DecodeError) as exc:
            yield failure_from(exc)


class _TextWindow:
    """Decoded text of a stream with a sliding start, for element-wise JSON parsing."""

    def __init__(self, stream: InputStream) -> None:
        self._stream = stream
        self.origin = stream.origin
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.text = ""
        self.pos = 0
        self.line = 1
        self.eof = False

    def more(self, at_least: int) -> bool:
        """Append at least ``at_least`` more bytes of text (less at the end); ``False`` at EOF."""
        if self.eof:
            return False
        data = self._stream.read(max(at_least, _CHUNK))
        try:
            chunk = self._decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"{self.origin}:{self.line}",
                f"JSON must be UTF-8 ({exc.reason}); convert it with iconv -t UTF-8",
            ) from exc
        if not data:
            self.eof = True
        # Drop what was consumed, so memory stays bounded by one element.
        self.text = self.text[self.pos :] + chunk
        self.pos = 0
        return bool(data)

    def skip_space(self) -> str:
        """The next non-space character (``""`` at EOF), not consumed."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
                if self.text[self.pos] == "\n":
                    self.line += 1
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if not self.more(_CHUNK):
                return ""

    def advance(self, end: int) -> None:
        self.line += self.text.count("\n", self.pos, end)
        self.pos = end


def _maybe_incomplete(exc: json.JSONDecodeError, window: _TextWindow) -> bool:
    # Data cut at a chunk boundary fails either near the end of the buffer or inside
    # an unterminated string; other errors are real syntax errors.
    return exc.pos >= len(window.text) - 8 or exc.msg.startswith("Unterminated string")


def _decode_value(window: _TextWindow, decoder: json.JSONDecoder, limit: int) -> Any:
    origin = f"{window.origin}:{window.line}"
    while True:
        try:
            value, end = decoder.raw_decode(window.text, window.pos)
        except json.JSONDecodeError as exc:
            if not _maybe_incomplete(exc, window) or window.eof:
                raise MalformedInputError(
                    origin, f"invalid JSON ({exc.msg}); the rest of the file cannot be read"
                ) from exc
            if len(window.text) - window.pos > limit:
                raise too_large(origin, limit, what="the JSON record") from exc
            # Grow geometrically so a large element is re-parsed O(log n) times, not O(n).
            window.more(len(window.text) - window.pos)
            continue
        except RecursionError as exc:
            raise MalformedInputError(
                origin, f"{_TOO_DEEP}; the rest of the file cannot be read"
            ) from exc
        except ValueError as exc:
            raise MalformedInputError(
                origin,
                f"invalid JSON ({_number_problem(exc)}); the rest of the file cannot be read",
            ) from exc
        window.advance(end)
        return value


def iter_json(
    stream: InputStream, *, max_record_bytes: int
) -> Iterator[RawDocument | InputFailure]:
    """Documents of a JSON file holding one object, an array of objects, or several objects.

    Array elements are decoded one at a time.  A syntax error cannot be skipped
    (there is no line to resynchronise on), so it ends the file with an error.
    """
    window = _TextWindow(stream)
    decoder = json.JSONDecoder()
    first = window.skip_space()
    if not first:
        raise MalformedInputError(stream.origin, "the input is empty (no JSON in it)")
    in_array = first == "["
    if in_array:
        window.advance(window.pos + 1)
    expect_comma = False
    while True:
        char = window.skip_space()
        if in_array and char == "]":
            window.advance(window.pos + 1)
            in_array = False
            continue
        if not char:
            if in_array:
                raise MalformedInputError(
                    f"{stream.origin}:{window.line}", "the JSON array is not closed (truncated?)"
                )
            return
        if in_array and expect_comma:
            if char != ",":
                raise MalformedInputError(
                    f"{stream.origin}:{window.line}",
                    f"expected ',' between array elements, got {char!r}",
                )
            window.advance(window.pos + 1)
            window.skip_space()
        origin = f"{stream.origin}:{window.line}"
        value = _decode_value(window, decoder, max_record_bytes)
        expect_comma = in_array
        try:
            yield record_to_document(value, origin=origin)
        except MalformedInputError as exc:
            yield failure_from(exc)


def iter_json_or_jsonl(
    stream: InputStream, *, max_record_bytes: int
) -> Iterator[RawDocument | InputFailure]:
    """JSON Lines when the first line is a complete JSON value, else a JSON document.

    Used for inputs whose name does not say (standard input, unknown suffix).
    """
    size = HEAD_BYTES
    head = stream.peek(size)
    # Look only as far as the end of the first record (at most the record limit).
    while b"\n" not in head.lstrip() and len(head) == size and size <= max_record_bytes:
        size *= 4
        head = stream.peek(size)
    first_line = head.lstrip().split(b"\n", 1)[0].strip()
    try:
        json.loads(first_line.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError too
        return iter_json(stream, max_record_bytes=max_record_bytes)
    return iter_jsonl(stream, max_line_bytes=max_record_bytes)
