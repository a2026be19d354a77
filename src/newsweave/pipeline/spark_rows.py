"""The rows of the Spark job's Parquet tables: schemas, and records to rows and back.

Plain Python (no pyspark): the job's tasks build these tuples, the driver and
the loader read them back into the records of :mod:`newsweave.models`.  Text
fields are kept in the store's own shapes (:mod:`newsweave.store.serialise`:
ISO dates, JSON authors, labels and extras), so an article read back from
Parquet is equal to the one extracted, field by field.

Every row of ``articles`` and ``rejects`` carries its place in the input stream,
``(path_index, record_index)``: the position of the input in the path list and
of the record inside it.  Sorting by that pair gives the order a single machine
reads the same inputs in, whatever the number of partitions.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from newsweave.cluster.headline import storyline_name
from newsweave.models import (
    Article,
    CopyGroup,
    DuplicateMatch,
    InputFailure,
    MatchKind,
    RawDocument,
    Story,
    StoryEvent,
)
from newsweave.store.serialise import (
    ARTICLE_COLUMNS,
    article_from_columns,
    article_to_columns,
    datetime_from_text,
    datetime_to_text,
    datetime_to_utc_text,
    raw_document_from_blob,
    raw_document_to_blob,
)

__all__ = [
    "ARTICLES_SCHEMA",
    "ARTICLE_FIELDS",
    "ASSIGNMENTS_SCHEMA",
    "BRIEFS_SCHEMA",
    "EVENTS_SCHEMA",
    "LINKS_SCHEMA",
    "REJECTS_SCHEMA",
    "STORIES_SCHEMA",
    "STORYLINES_SCHEMA",
    "article_from_row",
    "article_row",
    "event_from_row",
    "event_row",
    "link_from_row",
    "link_row",
    "raw_from_row",
    "reject_from_row",
    "reject_row",
    "story_from_row",
    "story_row",
    "storyline_row",
]

# Column order of the article rows: stream place, id and key, the store's article
# columns, then the raw document (zlib JSON, what `newsweave reprocess` re-extracts).
_ARTICLE_TEXT_COLUMNS = ", ".join(f"{name} STRING" for name in ARTICLE_COLUMNS)
ARTICLES_SCHEMA = (
    f"path_index INT, record_index BIGINT, id STRING, key STRING, {_ARTICLE_TEXT_COLUMNS}, "
    "raw BINARY"
)
"""Spark DDL of the ``articles`` table (one row per extracted article, first copy of a key)."""

REJECTS_SCHEMA = (
    "path_index INT, record_index BIGINT, origin STRING, error STRING, message STRING, "
    "stage STRING, record_id STRING"
)
"""Spark DDL of ``rejects``: every input or record that gave no article, with the reason."""

ASSIGNMENTS_SCHEMA = "seq BIGINT, article_id STRING, story_id STRING, storyline_id STRING"
"""Spark DDL of ``assignments``: store order (``seq``, from 1) and each article's story."""

LINKS_SCHEMA = "article_id STRING, original_id STRING, kind STRING, score DOUBLE, matched_id STRING"
"""Spark DDL of ``duplicate_links`` (:class:`~newsweave.models.DuplicateMatch`)."""

STORIES_SCHEMA = (
    "story_id STRING, headline STRING, first_seen STRING, last_seen STRING, "
    "independent_sources INT, sources ARRAY<STRING>, article_ids ARRAY<STRING>, "
    "groups STRING, storyline_id STRING"
)
"""Spark DDL of ``stories``; ``groups`` is the copy groups as JSON."""

STORYLINES_SCHEMA = (
    "storyline_id STRING, stories INT, articles INT, first_seen STRING, last_seen STRING, "
    "name STRING"
)
"""Spark DDL of ``storylines`` (what ``stories --storylines`` lists)."""

EVENTS_SCHEMA = (
    "event_index INT, kind STRING, story_id STRING, other_id STRING, at_article STRING, "
    "score DOUBLE, article_ids ARRAY<STRING>"
)
"""Spark DDL of ``story_events``: merges and splits, in the order they happened."""

BRIEFS_SCHEMA = (
    "story_id STRING, brief STRING, headline STRING, lead STRING, text STRING, error STRING"
)
"""Spark DDL of ``briefs``: the brief JSON (``docs/brief-schema.md``), or the error."""


def article_row(
    path_index: int, record_index: int, raw: RawDocument, article: Article
) -> tuple[Any, ...]:
    """The ``articles`` row of one extracted article and the document it came from."""
    return (
        path_index,
        record_index,
        article.id,
        article.key,
        *article_to_columns(article),
        raw_document_to_blob(raw),
    )


ARTICLE_FIELDS = ("path_index", "record_index", "id", "key", *ARTICLE_COLUMNS)
"""The columns of ``articles`` that :func:`article_from_row` reads (all but ``raw``)."""


def article_from_row(row: Sequence[Any]) -> Article:
    """The :class:`Article` of an ``articles`` row (inverse of :func:`article_row`);
    the row may end before ``raw`` (a selection of :data:`ARTICLE_FIELDS`)."""
    return article_from_columns(tuple(row[2 : len(ARTICLE_FIELDS)]))


def raw_from_row(row: Sequence[Any]) -> RawDocument:
    """The raw document kept in an ``articles`` row."""
    return raw_document_from_blob(bytes(row[-1]))


def reject_row(path_index: int, record_index: int, failure: InputFailure) -> tuple[Any, ...]:
    """The ``rejects`` row of an input or record that gave no article."""
    return (
        path_index,
        record_index,
        failure.origin,
        failure.error,
        failure.message,
        failure.stage,
        failure.record_id,
    )


def reject_from_row(row: Sequence[Any]) -> InputFailure:
    """The :class:`InputFailure` of a ``rejects`` row."""
    _path, _record, origin, error, message, stage, record_id = row
    return InputFailure(origin, error, message, stage=stage, record_id=record_id)


def link_row(match: DuplicateMatch) -> tuple[Any, ...]:
    """The ``duplicate_links`` row of a copy or rewrite link."""
    return (match.article_id, match.original_id, match.kind, match.score, match.matched_id)


def link_from_row(row: Sequence[Any]) -> DuplicateMatch:
    article_id, original_id, kind, score, matched_id = row
    checked: MatchKind = _match_kind(kind)
    return DuplicateMatch(article_id, original_id, checked, float(score), matched_id)


def _match_kind(value: str) -> MatchKind:
    if value == "exact":
        return "exact"
    if value == "near":
        return "near"
    if value == "syndicated":
        return "syndicated"
    if value == "rewrite":
        return "rewrite"
    raise ValueError(f"unknown duplicate link kind {value!r}")


def _groups_to_json(groups: Sequence[CopyGroup]) -> str:
    return json.dumps(
        [
            {"original": g.original_id, "members": list(g.member_ids), "kinds": list(g.kinds)}
            for g in groups
        ]
    )


def _groups_from_json(text: str) -> tuple[CopyGroup, ...]:
    data: list[Mapping[str, Any]] = json.loads(text)
    return tuple(
        CopyGroup(
            original_id=item["original"],
            member_ids=tuple(item["members"]),
            kinds=tuple(_match_kind(kind) for kind in item["kinds"]),
        )
        for item in data
    )


def story_row(story: Story) -> tuple[Any, ...]:
    """The ``stories`` row of a story (its articles in store order)."""
    return (
        story.id,
        story.headline,
        datetime_to_text(story.first_seen),
        datetime_to_text(story.last_seen),
        story.independent_sources,
        list(story.sources),
        list(story.article_ids),
        _groups_to_json(story.groups),
        story.storyline,
    )


def story_from_row(row: Sequence[Any]) -> Story:
    """The :class:`Story` of a ``stories`` row (inverse of :func:`story_row`)."""
    (
        story_id,
        headline,
        first_seen,
        last_seen,
        independent_sources,
        sources,
        article_ids,
        groups,
        storyline,
    ) = row
    return Story(
        id=story_id,
        article_ids=tuple(article_ids),
        headline=headline,
        first_seen=datetime_from_text(first_seen),
        last_seen=datetime_from_text(last_seen),
        independent_sources=int(independent_sources),
        sources=tuple(sources),
        groups=_groups_from_json(groups),
        storyline=storyline,
    )


def event_row(index: int, event: StoryEvent) -> tuple[Any, ...]:
    """The ``story_events`` row of the ``index``-th merge or split."""
    return (
        index,
        event.kind,
        event.story_id,
        event.other_id,
        event.at_article,
        event.score,
        list(event.article_ids),
    )


def event_from_row(row: Sequence[Any]) -> StoryEvent:
    _index, kind, story_id, other_id, at_article, score, article_ids = row
    if kind not in ("merge", "split"):
        raise ValueError(f"unknown story event kind {kind!r}")
    return StoryEvent(
        kind="merge" if kind == "merge" else "split",
        story_id=story_id,
        other_id=other_id,
        at_article=at_article,
        score=None if score is None else float(score),
        article_ids=tuple(article_ids),
    )


def storyline_row(storyline_id: str, stories: Sequence[Story]) -> tuple[Any, ...]:
    """The ``storylines`` row of one storyline and its stories, as every view lists it:
    first and last seen in UTC text, and the name
    :func:`~newsweave.cluster.headline.storyline_name` gives over its stories in time
    order (:mod:`newsweave.pipeline.storylines`), else its largest story's headline."""
    firsts = [t for s in stories if (t := datetime_to_utc_text(s.first_seen)) is not None]
    lasts = [t for s in stories if (t := datetime_to_utc_text(s.last_seen)) is not None]
    largest = min(stories, key=lambda s: (-len(s.article_ids), -s.independent_sources, s.id))

    def in_time(story: Story) -> tuple[bool, str, str]:
        first = datetime_to_utc_text(story.first_seen)
        return (first is None, first or "", story.id)

    ordered = sorted(stories, key=in_time)
    name = storyline_name([(s.headline, len(s.article_ids)) for s in ordered])
    return (
        storyline_id,
        len(stories),
        sum(len(s.article_ids) for s in stories),
        min(firsts, default=None),
        max(lasts, default=None),
        name or largest.headline,
    )
