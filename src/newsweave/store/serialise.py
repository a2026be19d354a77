"""Faithful, dialect-neutral serialisation of the models the store persists.

Every store backend (SQLite, PostgreSQL) writes the same JSON shapes,
so a database can be exported from one and read by the other.  The rule is
round-trip equality: ``decode(encode(x)) == x`` for every value the models
allow, including timezone-aware datetimes, tuples and the free-form ``extra``
mappings.

Plain JSON cannot tell a tuple from a list, keeps only string keys and has no
datetime, so values JSON would change are written as small tagged objects
(``{"__nw__": "tuple", "v": [...]}``).  Values JSON already represents exactly
stay plain, so the columns remain readable and queryable with ``json_extract``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
import zlib
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any

from newsweave.models import (
    Article,
    BiasRating,
    Labels,
    RawDocument,
    Story,
    StorylineSummary,
    date_source_of,
)

__all__ = [
    "ARTICLE_COLUMNS",
    "RAW_FORMAT_VERSION",
    "SerialisationError",
    "article_from_columns",
    "article_to_columns",
    "authors_from_json",
    "authors_to_json",
    "datetime_from_text",
    "datetime_to_text",
    "datetime_to_utc_text",
    "labels_from_json",
    "labels_to_data",
    "labels_to_json",
    "raw_document_from_blob",
    "raw_document_sha256",
    "raw_document_to_blob",
    "story_to_data",
    "storyline_entry_data",
    "storyline_to_data",
    "value_from_json",
    "value_to_json",
]

_TAG = "__nw__"
_TAGGED_KEYS = {_TAG, "v"}
RAW_FORMAT_VERSION = 1
"""Version of the JSON shape inside a raw-document blob; bumped on incompatible change."""


class SerialisationError(ValueError):
    """A value cannot be represented faithfully (an unsupported type, a bad blob)."""


def datetime_to_text(value: datetime | None) -> str | None:
    """ISO 8601 text keeping the UTC offset (or its absence) exactly."""
    return None if value is None else value.isoformat()


def datetime_from_text(text: str | None) -> datetime | None:
    """Inverse of :func:`datetime_to_text`."""
    return None if text is None else _parse_datetime(text)


# CPython 3.11 reads an offset under one second ("+00:00:00.000001") as UTC.
_SUB_SECOND_OFFSET = re.compile(r"([+-])00:00:00\.(\d{6})$")


def _parse_datetime(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    match = _SUB_SECOND_OFFSET.search(text)
    if match is not None:
        sign = -1 if match[1] == "-" else 1
        offset = timezone(sign * timedelta(microseconds=int(match[2])))
        value = value.replace(tzinfo=offset)
    return value


def datetime_to_utc_text(value: datetime | None) -> str | None:
    """Fixed-width UTC text that sorts chronologically; naive values are taken as UTC.

    Stored beside the faithful text so that time-window queries (clustering,
    feeds) can use a plain index whatever offsets the sources used.
    """
    if value is None:
        return None
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=UTC)
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        # Within hours of year 1 or 9999: no UTC datetime exists.  The faithful
        # column still holds the value; only range queries will not see it.
        return None
    # isoformat pads the year to four digits (strftime's %Y does not everywhere).
    return utc.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _encode(value: Any) -> Any:
    """Turn ``value`` into plain JSON data, tagging what JSON would not preserve."""
    # bool is an int subclass, and both are preserved by JSON as they are.
    if value is None or isinstance(value, str | int):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        # NaN and infinities are not JSON; SQLite's JSON functions reject them.
        return {_TAG: "float", "v": repr(value)}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, tuple):
        return {_TAG: "tuple", "v": [_encode(item) for item in value]}
    if isinstance(value, Mapping):
        # Only a mapping shaped exactly like a tagged value needs escaping.
        if all(isinstance(key, str) for key in value) and value.keys() != _TAGGED_KEYS:
            return {key: _encode(item) for key, item in value.items()}
        return {_TAG: "dict", "v": [[_encode(k), _encode(v)] for k, v in value.items()]}
    # datetime before date: datetime is a date subclass.
    if isinstance(value, datetime):
        return {_TAG: "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {_TAG: "date", "v": value.isoformat()}
    if isinstance(value, time):
        return {_TAG: "time", "v": value.isoformat()}
    if isinstance(value, bytes):
        return {_TAG: "bytes", "v": base64.b64encode(value).decode("ascii")}
    raise SerialisationError(
        f"cannot store a value of type {type(value).__name__}; "
        "use JSON types, tuples, datetimes, dates, times or bytes"
    )


def _decode_tagged(tag: str, payload: Any) -> Any:
    if tag == "tuple":
        return tuple(_decode(item) for item in payload)
    if tag == "dict":
        return {_hashable(_decode(k)): _decode(v) for k, v in payload}
    if tag == "datetime":
        return _parse_datetime(payload)
    if tag == "date":
        return date.fromisoformat(payload)
    if tag == "time":
        return time.fromisoformat(payload)
    if tag == "bytes":
        return base64.b64decode(payload)
    if tag == "float":
        return float(payload)
    raise SerialisationError(f"unknown tagged value {tag!r} (written by a newer newsweave?)")


def _hashable(key: Any) -> Any:
    if isinstance(key, list):
        raise SerialisationError("a list cannot be a mapping key")
    return key


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        if value.keys() == _TAGGED_KEYS:
            return _decode_tagged(value[_TAG], value["v"])
        return {key: _decode(item) for key, item in value.items()}
    return value


def value_to_json(value: Any) -> str:
    """Serialise ``value`` (e.g. an ``extra`` mapping) to JSON text, round-trip safe."""
    try:
        return json.dumps(_encode(value), ensure_ascii=False, allow_nan=False)
    except RecursionError as exc:
        raise SerialisationError("value is nested too deeply (or is self-referencing)") from exc


def value_from_json(text: str) -> Any:
    """Inverse of :func:`value_to_json`."""
    return _decode(json.loads(text))


def authors_to_json(authors: tuple[str, ...]) -> str:
    """JSON array of author names."""
    return json.dumps(list(authors), ensure_ascii=False)


def authors_from_json(text: str | None) -> tuple[str, ...]:
    """Inverse of :func:`authors_to_json`; ``NULL`` reads as no authors."""
    return () if text is None else tuple(json.loads(text))


def labels_to_data(labels: Labels) -> dict[str, Any]:
    """Labels as plain JSON-ready data (also the `labels` object of `extract --format json`)."""
    return {
        "bias_ratings": [
            {"value": r.value, "rater": r.rater, "provenance": r.provenance}
            for r in labels.bias_ratings
        ],
        "ai_generated": labels.ai_generated,
        "wire_credits": list(labels.wire_credits),
        "derived_from": list(labels.derived_from),
        "notes": list(labels.notes),
    }


def _labels_from_data(data: Mapping[str, Any]) -> Labels:
    return Labels(
        bias_ratings=tuple(
            BiasRating(value=r["value"], rater=r["rater"], provenance=r["provenance"])
            for r in data.get("bias_ratings", ())
        ),
        ai_generated=bool(data.get("ai_generated", False)),
        wire_credits=tuple(data.get("wire_credits", ())),
        derived_from=tuple(data.get("derived_from", ())),
        notes=tuple(data.get("notes", ())),
    )


def labels_to_json(labels: Labels) -> str:
    """JSON object with every field of ``labels`` (bias ratings as objects)."""
    return json.dumps(labels_to_data(labels), ensure_ascii=False)


def labels_from_json(text: str | None) -> Labels:
    """Inverse of :func:`labels_to_json`; missing fields take their defaults."""
    return Labels() if text is None else _labels_from_data(json.loads(text))


def _raw_document_to_data(raw: RawDocument) -> dict[str, Any]:
    return {
        "format": RAW_FORMAT_VERSION,
        "origin": raw.origin,
        "content_type": raw.content_type,
        "content": raw.content,
        "url": raw.url,
        "title": raw.title,
        "outlet": raw.outlet,
        "published": datetime_to_text(raw.published),
        "authors": list(raw.authors),
        "language": raw.language,
        "record_id": raw.record_id,
        "fetched_at": datetime_to_text(raw.fetched_at),
        "extra": _encode(raw.extra),
    }


def raw_document_to_blob(raw: RawDocument, *, level: int = 6) -> bytes:
    """zlib-compressed UTF-8 JSON of every field of ``raw``."""
    try:
        text = json.dumps(_raw_document_to_data(raw), ensure_ascii=False, allow_nan=False)
    except RecursionError as exc:
        raise SerialisationError("extra is nested too deeply (or is self-referencing)") from exc
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise SerialisationError(f"text is not valid Unicode ({exc.reason})") from exc
    return _compress(data, level)


def _compress(data: bytes, level: int) -> bytes:
    """``zlib.compress`` with a window no larger than the data.

    Setting up a 32 KiB-window compressor costs more than compressing a typical
    few-KiB article; a window that still covers the whole input finds exactly
    the same matches, so the output is as small and any zlib reader accepts it.
    """
    wbits = min(15, max(9, len(data).bit_length()))
    compressor = zlib.compressobj(level, zlib.DEFLATED, wbits)
    return compressor.compress(data) + compressor.flush()


def raw_document_from_blob(blob: bytes) -> RawDocument:
    """Inverse of :func:`raw_document_to_blob`."""
    try:
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SerialisationError(f"raw document blob is damaged: {exc}") from exc
    if data.get("format", 0) > RAW_FORMAT_VERSION:
        raise SerialisationError(
            f"raw document blob has format {data['format']}, newer than this newsweave "
            f"understands ({RAW_FORMAT_VERSION}); upgrade newsweave"
        )
    return RawDocument(
        origin=data["origin"],
        content_type=data["content_type"],
        content=data["content"],
        url=data["url"],
        title=data["title"],
        outlet=data["outlet"],
        published=datetime_from_text(data["published"]),
        authors=tuple(data["authors"]),
        language=data["language"],
        record_id=data["record_id"],
        fetched_at=datetime_from_text(data["fetched_at"]),
        extra=_decode(data["extra"]),
    )


def raw_document_sha256(raw: RawDocument) -> str:
    """SHA-256 (hex) of the document's content as UTF-8: the identity of the page bytes."""
    return hashlib.sha256(raw.content.encode("utf-8", "surrogatepass")).hexdigest()


ARTICLE_COLUMNS = (
    "url",
    "canonical_url",
    "title",
    "body",
    "outlet",
    "published",
    "published_utc",
    "authors",
    "language",
    "labels",
    "origin",
    "content_type",
    "content_hash",
    "extractor_version",
    "record_id",
    "extra",
    "date_source",
)
"""The article columns every backend writes besides ``id`` and ``key``, in row order."""


def article_to_columns(article: Article) -> tuple[Any, ...]:
    """The values of :data:`ARTICLE_COLUMNS` for ``article``, in that order."""
    return (
        article.url,
        article.canonical_url,
        article.title,
        article.body,
        article.outlet,
        datetime_to_text(article.published),
        datetime_to_utc_text(article.published),
        authors_to_json(article.authors),
        article.language,
        labels_to_json(article.labels),
        article.origin,
        article.content_type,
        article.content_hash,
        article.extractor_version,
        article.record_id,
        value_to_json(article.extra),
        article.date_source,
    )


def article_from_columns(row: Sequence[Any]) -> Article:
    """Inverse of :func:`article_to_columns` for a row ``(id, key, *ARTICLE_COLUMNS)``."""
    (
        article_id,
        key,
        url,
        canonical_url,
        title,
        body,
        outlet,
        published,
        _published_utc,
        authors,
        language,
        labels,
        origin,
        content_type,
        content_hash,
        extractor_version,
        record_id,
        extra,
        date_source,
    ) = row
    return Article(
        id=article_id,
        key=key,
        title=title,
        body=body,
        url=url,
        canonical_url=canonical_url,
        outlet=outlet,
        published=datetime_from_text(published),
        authors=authors_from_json(authors),
        language=language,
        labels=labels_from_json(labels),
        origin=origin,
        content_type=content_type,
        content_hash=content_hash,
        extractor_version=extractor_version,
        record_id=record_id,
        extra=value_from_json(extra),
        date_source=date_source_of(date_source),
    )


def story_to_data(story: Story) -> dict[str, Any]:
    """The JSON shape of a stored story (``stories --json``; ``show`` and ``export`` reuse it)."""
    return {
        "id": story.id,
        "headline": story.headline,
        "storyline": story.storyline,
        "articles": len(story.article_ids),
        "independent_sources": story.independent_sources,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "sources": list(story.sources),
        "collapsed": [
            {
                "original": group.original_id,
                "copies": [
                    {"article": member, "kind": kind}
                    for member, kind in zip(group.member_ids, group.kinds, strict=True)
                ],
            }
            for group in story.groups
        ],
        "article_ids": list(story.article_ids),
    }


def storyline_to_data(line: StorylineSummary) -> dict[str, Any]:
    """The JSON shape of a storyline (``stories --storylines --json``, the API)."""
    return {
        "id": line.id,
        "name": line.name,
        "stories": line.stories,
        "articles": line.articles,
        "first_seen": line.first_seen.isoformat() if line.first_seen else None,
        "last_seen": line.last_seen.isoformat() if line.last_seen else None,
    }


def storyline_entry_data(story: Story) -> dict[str, Any]:
    """A story as its storyline lists it: id, headline, date span, counts."""
    return {
        "id": story.id,
        "headline": story.headline,
        "first_seen": story.first_seen.isoformat() if story.first_seen else None,
        "last_seen": story.last_seen.isoformat() if story.last_seen else None,
        "articles": len(story.article_ids),
        "independent_sources": story.independent_sources,
    }
