"""Single-page inputs: plain-text page dumps and HTML files.

A page file holds exactly one document, so the whole (size-limited) file is
decoded and handed on.  Metadata extraction from HTML happens later, in
:mod:`newsweave.extract`; here only the declared charset matters, and
:func:`~newsweave.ingest.files.decode_bytes` honours it.
"""

from __future__ import annotations

from newsweave.errors import MalformedInputError
from newsweave.ingest.files import decode_bytes
from newsweave.models import RawDocument

__all__ = ["read_html_page", "read_text_page"]


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
