"""Single-page inputs: plain-text page dumps and HTML files, and decoding their bytes.

A page file holds exactly one document, so the whole (size-limited) file is
decoded and handed on.  Metadata extraction from HTML happens later, in
:mod:`newsweave.extract`; here only the declared charset matters, and
:func:`decode_bytes` honours it.  :func:`decode_bytes` is also what every other
reader (JSON lines, WARC payloads, fetched pages) decodes with.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from newsweave.errors import DecodeError, MalformedInputError
from newsweave.models import RawDocument

__all__ = [
    "BYTE_ORDER_MARKS",
    "decode_bytes",
    "read_html_page",
    "read_text_page",
    "wide_encoding",
]

BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(
    rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:+-]+)", re.IGNORECASE
)
# Labels that browsers decode with a superset (WHATWG Encoding Standard): pages that
# declare the narrow one routinely contain characters of the wide one.
_SUPERSETS = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859_9": "cp1254",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "big5": "big5hkscs",
}


def _declared_in_document(data: bytes) -> str | None:
    head = data[:8192]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec(label: str | None, *, in_document: bool) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    # A declaration readable as ASCII cannot be right about UTF-16/32 (as browsers reason).
    if in_document and name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return _SUPERSETS.get(name, name)


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        if codec == "cp1252":
            # Five bytes are undefined in cp1252; browsers map them like latin-1 does.
            return data.decode("latin-1")
        return None


def _detect(data: bytes) -> str | None:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    # Latin text fits several single-byte code pages (cp1250, cp1257, mac_latin2, ...)
    # without any "chaos", and charset-normalizer's language coherence often picks
    # the wrong one on a short text.  cp1252 is by far the most common legacy
    # encoding of the web (the WHATWG default), so it wins whenever it decodes as
    # cleanly as the best guess; text that really is cp1250 & co. makes cp1252
    # chaotic (Polish "¿" and "³") and keeps its own code page.
    for match in matches:
        if ("cp1252" in match.could_be_from_charset or match.encoding == "cp1252") and (
            match.chaos <= best.chaos + 0.01
        ):
            return _try_decode(data, "cp1252")
    return str(best)


_WIDE_SAMPLE = 4096


def wide_encoding(data: bytes) -> str | None:
    """``utf-32-le``/``-be`` or ``utf-16-le``/``-be`` when ``data`` (no byte-order mark)
    reads as such text, else ``None``.

    Text in these encodings is full of NUL bytes, at a fixed place in each code
    unit (ASCII letters are ``X 00`` in UTF-16-LE); binary data has them
    anywhere.  A candidate must put NULs in one lane of the code unit and not in
    the others, decode strictly, and give printable text.
    """
    sample = data[: _WIDE_SAMPLE - _WIDE_SAMPLE % 4]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    for codec, width in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        units = len(sample) // width
        zero_lanes = [sample[lane::width].count(0) / units for lane in range(width)]
        if width == 4:
            expected = [2, 3] if codec.endswith("le") else [0, 1]
            if any(zero_lanes[lane] < 1.0 for lane in expected):
                continue
        else:
            lane, other = (1, 0) if codec.endswith("le") else (0, 1)
            if zero_lanes[lane] < 0.3 or zero_lanes[other] > 0.02:
                continue
        text = codecs.getincrementaldecoder(codec)(errors="strict")
        try:
            decoded = text.decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for char in decoded if char.isprintable() or char in "\t\n\r")
        if decoded and printable >= 0.95 * len(decoded):
            return codec
    return None


def decode_bytes(data: bytes, *, origin: str, declared: str | None = None) -> str:
    """Decode the bytes of a text document to ``str``.

    Order: a byte-order mark; UTF-16/32 recognised without one
    (:func:`wide_encoding`); for pure ASCII, a declared 7-bit encoding
    (ISO-2022-*); valid UTF-8; ``declared`` (e.g. from an HTTP ``Content-Type``),
    then an HTML ``<meta charset>`` or XML ``encoding`` declaration in the first
    8 KiB; last, charset-normalizer detection.  UTF-8 wins over a single-byte
    declaration because pages mislabelled ``iso-8859-1`` are common while legacy
    text that happens to be valid UTF-8 is not.  Raises :class:`DecodeError`.
    """
    for bom, codec in BYTE_ORDER_MARKS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    origin,
                    f"invalid {codec} after its byte-order mark ({exc.reason} at byte {exc.start})",
                ) from exc
    wide = wide_encoding(data)
    if wide is not None:
        try:
            return data.decode(wide)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                origin,
                f"reads as {wide} without a byte-order mark, but is not valid {wide} "
                f"({exc.reason} at byte {exc.start})",
            ) from exc
    stripped = data.lstrip()
    in_document = _declared_in_document(data) if stripped.startswith(b"<") else None
    candidates = [
        c
        for c in (_codec(declared, in_document=False), _codec(in_document, in_document=True))
        if c is not None
    ]
    if data.isascii():
        for codec in candidates:
            if codec.startswith(("iso2022", "utf_7")):
                text = _try_decode(data, codec)
                if text is not None:
                    return text
        return data.decode("ascii")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for codec in candidates:
        text = _try_decode(data, codec)
        if text is not None:
            return text
    text = _detect(data)
    if text is None:
        raise DecodeError(
            origin,
            "not UTF-8 and no declared or detectable encoding; convert it to UTF-8 "
            "(e.g. iconv -f <encoding> -t UTF-8)",
        )
    return text


def _check_not_empty(text: str, origin: str) -> None:
    if not text.strip():
        raise MalformedInputError(origin, "the input is empty (no text in it)")


def read_text_page(data: bytes, *, origin: str, declared: str | None = None) -> RawDocument:
    """A plain-text page dump as a ``text/plain`` document.

    Line endings are normalised to ``\\n`` because the text cleaner works on lines
    and dumps from Windows browsers carry ``\\r\\n``.
    """
    text = decode_bytes(data, origin=origin, declared=declared)
    _check_not_empty(text, origin)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawDocument(origin=origin, content_type="text/plain", content=text)


def read_html_page(
    data: bytes,
    *,
    origin: str,
    declared: str | None = None,
    url: str | None = None,
) -> RawDocument:
    """An HTML page as a ``text/html`` document; ``declared`` is an HTTP charset, if any.

    Broken markup is not an error here: the extractor's HTML parser recovers from it.
    """
    text = decode_bytes(data, origin=origin, declared=declared)
    _check_not_empty(text, origin)
    return RawDocument(origin=origin, content_type="text/html", content=text, url=url)
