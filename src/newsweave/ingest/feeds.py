"""RSS 0.9x / 1.0 / 2.0 and Atom feeds, and lists of feeds (text or OPML).

feedparser does the parsing; before it sees any bytes, :func:`check_xml_safety`
refuses documents that declare XML entities (the "billion laughs" bomb, external
entities reading local files or URLs), because no legitimate feed needs them.
"""

from __future__ import annotations

import io
import re
import time
import xml.etree.ElementTree as StdET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import defusedxml.ElementTree as SafeET
import feedparser
from defusedxml import DefusedXmlException

from newsweave.errors import DecodeError, MalformedInputError
from newsweave.models import RawDocument

__all__ = [
    "Feed",
    "FeedEntry",
    "check_xml_safety",
    "looks_like_feed",
    "parse_feed",
    "read_feed_bytes",
    "read_feed_list",
]

_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
# The root element of RSS 0.9x/2.0, Atom and RSS 1.0 (RDF), after the prolog.
_FEED_ROOT = re.compile(rb"<(?:rss|feed|(?:[A-Za-z_][\w.-]*:)?RDF)[\s>/]")
_PAREN_NAME = re.compile(r"\(([^()]*)\)\s*$")
_PROLOG = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)", re.S)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed."""

    link: str | None
    id: str | None
    """The entry's ``guid`` / ``id``, or its link when it has none."""
    title: str | None
    published: datetime | None
    """UTC aware; the ``updated`` date when the entry gives no publication date."""
    authors: tuple[str, ...]
    summary: str | None
    content: str | None
    """The full content (``content:encoded``, Atom ``content``) when the feed carries it."""


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its own title and link, and its entries in document order."""

    origin: str
    title: str | None
    link: str | None
    version: str
    """feedparser's name of the format: ``rss091u``, ``rss10``, ``rss20``, ``atom10``, ..."""
    entries: tuple[FeedEntry, ...]


def _utf16_or_32(data: bytes) -> str | None:
    """The text of a UTF-16/32 document, whose entity declarations a byte search misses."""
    head = data[:4]
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if head.startswith(bom):
            return data[len(bom) :].decode(codec, errors="ignore")
    if head[:2] in (b"<\x00", b"\x00<"):
        return data.decode("utf-16-le" if head[0] else "utf-16-be", errors="ignore")
    return None


def check_xml_safety(data: bytes, *, origin: str) -> None:
    """Raise :class:`MalformedInputError` if the XML declares entities (bombs, XXE).

    A document that is not well-formed XML is not refused here (feedparser reads
    many broken feeds); it is refused only if it contains an entity declaration.
    """
    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise MalformedInputError(
            origin, f"the XML declares entities ({exc}); refused as a possible entity bomb"
        ) from exc
    except StdET.ParseError:
        wide = _utf16_or_32(data)
        if _ENTITY_DECL.search(data) or (wide is not None and "<!ENTITY" in wide.upper()):
            raise MalformedInputError(
                origin, "the XML declares entities; refused as a possible entity bomb"
            ) from None


def looks_like_feed(data: bytes) -> bool:
    """Whether the bytes start (after the XML prolog) with an RSS, RDF or Atom root element."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    while True:
        match = _PROLOG.match(head)
        if match is None or match.end() == 0:
            break
        head = head[match.end() :]
    return _FEED_ROOT.match(head) is not None


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def _datetime(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            try:
                return datetime(*parsed[:6], tzinfo=UTC)
            except ValueError:
                continue
    return None


def _person(raw: str, *, has_address: bool) -> str | None:
    """The name in an RSS author string: ``mail@host (Name)``, ``Name <mail@host>`` or ``Name``.

    Parentheses are read as the name only next to an address, so that
    ``Jane Doe (Reuters)`` stays whole.
    """
    raw = raw.strip()
    if not has_address:
        return raw or None
    match = _PAREN_NAME.search(raw)
    if match is not None:
        return match.group(1).strip() or None
    if "<" in raw:
        return raw.split("<", 1)[0].strip().strip("\"'") or None
    # A bare address is not a byline.
    return None


def _authors(entry: Mapping[str, Any]) -> tuple[str, ...]:
    raw_authors = [a for a in entry.get("authors") or () if isinstance(a, Mapping)]
    single = _text(entry.get("author"))
    names: list[str] = []
    if len(raw_authors) <= 1 and single:
        # feedparser's e-mail pattern cuts long top-level domains (".example",
        # ".news") and garbles the name, so the raw string is parsed here instead.
        name = _person(single, has_address="@" in single)
        if name:
            names.append(name)
    else:
        for author in raw_authors:
            name = _text(author.get("name"))
            if name is None:
                continue
            if author.get("email"):
                # The name may carry leftovers of a garbled address: "ple (Sam Lee".
                repaired = name.replace(")", "") + (")" if "(" in name else "")
                cleaned = _person(repaired, has_address=True)
                if cleaned is None or (" " not in cleaned and cleaned.islower()):
                    continue
                name = cleaned
            names.append(name)
    return tuple(dict.fromkeys(names))


def _content(entry: Mapping[str, Any]) -> str | None:
    values = [
        _text(part.get("value")) for part in entry.get("content") or () if isinstance(part, Mapping)
    ]
    present = [value for value in values if value]
    # Feeds that carry several content elements usually put the fullest one last,
    # but not always; the longest is the one worth reading.
    return max(present, key=len) if present else None


def _entry(raw: Mapping[str, Any]) -> FeedEntry:
    link = _text(raw.get("link"))
    return FeedEntry(
        link=link,
        id=_text(raw.get("id")) or link,
        title=_text(raw.get("title")),
        published=_datetime(raw),
        authors=_authors(raw),
        summary=_text(raw.get("summary")),
        content=_content(raw),
    )


def parse_feed(data: bytes, *, origin: str, content_type: str | None = None) -> Feed:
    """Parse RSS or Atom bytes into a :class:`Feed`.

    ``content_type`` is the HTTP ``Content-Type`` when the bytes came from the
    network (its charset helps decoding).  Raises :class:`MalformedInputError`
    for an entity bomb or a document that is not a feed.
    """
    check_xml_safety(data, origin=origin)
    headers = {"content-type": content_type} if content_type and "charset" in content_type else {}
    # A BytesIO, never the bytes themselves: feedparser treats a str or bytes
    # argument as a possible URL or file name and would open it.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    feed_info: Mapping[str, Any] = parsed.get("feed") or {}
    entries = tuple(_entry(raw) for raw in parsed.get("entries") or ())
    title = _text(feed_info.get("title"))
    version = str(parsed.get("version") or "")
    if not entries and not title and (parsed.get("bozo") or not version):
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise MalformedInputError(
            origin, f"not an RSS or Atom feed: no entries and no feed title{detail}"
        )
    return Feed(
        origin=origin,
        title=title,
        link=_text(feed_info.get("link")),
        version=version,
        entries=entries,
    )


def read_feed_bytes(data: bytes, *, origin: str) -> Iterator[RawDocument]:
    """One :class:`RawDocument` per entry of a feed file, carrying the entry's own text.

    Used when a feed is ingested as a file: the content is the entry's full
    content when the feed has it, else its summary.  ``origin`` of each document
    is ``<origin>#<entry index>``; the entry's id is kept as ``record_id``.
    """
    feed = parse_feed(data, origin=origin)
    for index, entry in enumerate(feed.entries):
        yield RawDocument(
            origin=f"{origin}#{index}",
            content_type="text/html",
            content=entry.content or entry.summary or "",
            url=entry.link,
            title=entry.title,
            outlet=feed.title,
            published=entry.published,
            authors=entry.authors,
            record_id=entry.id,
        )


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed address (an unclosed IPv6 host)
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def _opml_urls(data: bytes | str, *, origin: str) -> list[str]:
    try:
        root = SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise MalformedInputError(
            origin, f"the OPML declares entities ({exc}); refused as a possible entity bomb"
        ) from exc
    except StdET.ParseError as exc:
        raise MalformedInputError(origin, f"not well-formed OPML/XML: {exc}") from exc
    urls: list[str] = []
    for outline in root.iter():
        if not isinstance(outline.tag, str) or outline.tag.rsplit("}", 1)[-1] != "outline":
            continue
        # OPML in the wild spells the attribute xmlUrl, xmlurl or XMLURL.
        for name, value in outline.attrib.items():
            if name.lower() == "xmlurl" and value.strip():
                url = value.strip()
                if not _is_web_url(url):
                    raise MalformedInputError(origin, f"xmlUrl {url!r} is not an http(s) URL")
                urls.append(url)
    return urls


def read_feed_list(data: bytes | str, *, origin: str) -> list[str]:
    """The feed URLs of a list file: one URL a line (``#`` comments), or OPML.

    Duplicates are dropped, first occurrence kept.  Raises
    :class:`MalformedInputError` naming ``origin:LINE`` for a line that is not an
    http(s) URL, and :class:`DecodeError` for bytes that are not UTF-8.
    """
    if isinstance(data, str):
        text = data
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DecodeError(origin, f"a feed list must be UTF-8 text ({exc})") from exc
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        return list(dict.fromkeys(_opml_urls(data, origin=origin)))
    urls: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        url = stripped.split()[0]
        if not _is_web_url(url):
            raise MalformedInputError(
                f"{origin}:{number}", f"{url!r} is not an http(s) URL (one feed URL per line)"
            )
        urls.append(url)
    return list(dict.fromkeys(urls))
