"""Row <-> model conversions shared by the SQLite and PostgreSQL stores.

Both back ends keep the same columns and JSON shapes; what differs between them
is only the SQL that reads and writes the rows, so the Python that turns a row
into a model (and a model into a row) lives here once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, cast

from newsweave.models import (
    CopyGroup,
    DuplicateMatch,
    MatchKind,
    Story,
    StoryChanges,
    StoryEvent,
    StorylineSummary,
)
from newsweave.store.serialise import datetime_from_text, datetime_to_text, datetime_to_utc_text
from newsweave.store.serving import ArticleHit, CardArticle

__all__ = [
    "article_hit_from_row",
    "card_article_from_row",
    "event_rows",
    "events_from_rows",
    "groups_from_json",
    "groups_to_json",
    "match_from_row",
    "now_text",
    "story_from_row",
    "story_rows",
    "storyline_from_row",
]


def now_text() -> str:
    """The current UTC time as ISO text (the stores' ``*_at`` columns)."""
    return datetime.now(UTC).isoformat()


def groups_to_json(groups: Sequence[CopyGroup]) -> str:
    return json.dumps(
        [
            {"original": g.original_id, "members": list(g.member_ids), "kinds": list(g.kinds)}
            for g in groups
        ]
    )


def groups_from_json(text: str) -> tuple[CopyGroup, ...]:
    return tuple(
        CopyGroup(
            original_id=item["original"],
            member_ids=tuple(item["members"]),
            kinds=tuple(cast(MatchKind, kind) for kind in item["kinds"]),
        )
        for item in json.loads(text)
    )


def storyline_from_row(row: Sequence[Any]) -> StorylineSummary:
    """A storyline from (id, stories, articles, first seen, last seen, name)."""
    line_id, stories, articles, first, last, name = row
    return StorylineSummary(
        id=line_id,
        stories=int(stories),
        articles=int(articles),
        first_seen=datetime_from_text(first),
        last_seen=datetime_from_text(last),
        name=name,
    )


def story_from_row(row: Sequence[Any], article_ids: tuple[str, ...]) -> Story:
    """A story from a row of the story columns and its articles' ids in order."""
    story_id, headline, first_seen, last_seen, _count, sources, src_json, groups, line = row
    return Story(
        id=story_id,
        article_ids=article_ids,
        headline=headline,
        first_seen=datetime_from_text(first_seen),
        last_seen=datetime_from_text(last_seen),
        independent_sources=int(sources),
        sources=tuple(json.loads(src_json)),
        groups=groups_from_json(groups),
        storyline=line,
    )


def story_rows(changes: StoryChanges, now: str) -> list[tuple[Any, ...]]:
    """The ``stories`` rows of ``changes`` (the upsert's columns, in order)."""
    return [
        (
            story.id,
            story.headline,
            datetime_to_text(story.first_seen),
            datetime_to_utc_text(story.first_seen),
            datetime_to_text(story.last_seen),
            datetime_to_utc_text(story.last_seen),
            len(story.article_ids),
            story.independent_sources,
            json.dumps(list(story.sources)),
            groups_to_json(story.groups),
            now,
            now,
            changes.upto_seq,
            story.storyline,
        )
        for story in changes.stories
    ]


def event_rows(changes: StoryChanges, now: str) -> list[tuple[Any, ...]]:
    """The ``story_events`` rows of ``changes`` (kind ... articles, at)."""
    return [
        (
            e.kind,
            e.story_id,
            e.other_id,
            e.at_article,
            e.score,
            json.dumps(list(e.article_ids)),
            now,
        )
        for e in changes.events
    ]


def match_from_row(article_id: str, row: Sequence[Any]) -> DuplicateMatch:
    """An article's link from (kind, original, score, matched)."""
    kind, original, score, matched = row
    return DuplicateMatch(
        article_id=article_id,
        original_id=original,
        kind=cast(MatchKind, kind),
        score=float(score),
        matched_id=matched,
    )


def events_from_rows(rows: Iterable[Sequence[Any]]) -> list[StoryEvent]:
    """Story events from (kind, story, other, at article, score, articles JSON) rows."""
    return [
        StoryEvent(
            kind=kind,
            story_id=kept,
            other_id=other,
            at_article=at_article,
            score=score,
            article_ids=tuple(json.loads(moved)),
        )
        for kind, kept, other, at_article, score, moved in rows
    ]


def card_article_from_row(row: Sequence[Any]) -> CardArticle:
    """A card's article from (story, id, outlet, url, canonical url, labels, link
    kind, title, published, opening)."""
    return CardArticle(
        story_id=row[0],
        article_id=row[1],
        outlet=row[2],
        url=row[3],
        canonical_url=row[4],
        labels=row[5] or "{}",
        link_kind=row[6],
        title=row[7],
        published=datetime_from_text(row[8]),
        opening=row[9] or "",
    )


def article_hit_from_row(row: Sequence[Any]) -> ArticleHit:
    """A search hit from (article, story, title, outlet, published, snippet)."""
    return ArticleHit(
        article_id=row[0],
        story_id=row[1],
        title=row[2],
        outlet=row[3],
        published=datetime_from_text(row[4]),
        snippet=row[5] or "",
    )
