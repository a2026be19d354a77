"""The story half of :class:`~newsweave.store.sqlite.SQLiteStore`: stories, links, history.

Kept apart from the article tables so each module stays about one thing; the
class here is a mixin that relies on the store's ``_reading``/``_writing``
transaction helpers.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, cast

from newsweave.models import (
    Article,
    CopyGroup,
    DuplicateMatch,
    MatchKind,
    Story,
    StoryChanges,
    StoryEvent,
    StorylineSummary,
)
from newsweave.store.serialise import (
    ARTICLE_COLUMNS,
    article_from_columns,
    datetime_from_text,
    datetime_to_text,
    datetime_to_utc_text,
)
from newsweave.store.sqlite_serving import BRIEF_STATE, mark_briefs_stale

__all__ = ["StoryTables"]

_PAGE = 256
_SELECT_ARTICLE = f"SELECT seq, id, key, {', '.join(ARTICLE_COLUMNS)} FROM articles"
_STORY_COLUMNS = (
    "id, headline, first_seen, last_seen, articles, independent_sources, sources, groups, storyline"
)
# One row per storyline; its name is the headline of its largest story.  The
# first and last seen are UTC text (the stories' faithful offsets differ).
_STORYLINE_ROWS = (
    "SELECT s.storyline, COUNT(*), SUM(s.articles), MIN(s.first_seen_utc), "
    "MAX(s.last_seen_utc), (SELECT h.headline FROM stories AS h "
    "WHERE h.storyline = s.storyline "
    "ORDER BY h.articles DESC, h.independent_sources DESC, h.id LIMIT 1) "
    "FROM stories AS s "
)
_STORYLINES = (
    f"{_STORYLINE_ROWS}WHERE s.storyline IS NOT NULL GROUP BY s.storyline "
    "ORDER BY MAX(s.last_seen_utc) IS NULL, MAX(s.last_seen_utc) DESC, s.storyline DESC "
    "LIMIT ? OFFSET ?"
)
_STORYLINE = f"{_STORYLINE_ROWS}WHERE s.storyline = ? GROUP BY s.storyline"
_ORDERS = {
    "recent": "last_seen_utc IS NULL, last_seen_utc DESC, id DESC",
    "largest": "independent_sources DESC, articles DESC, id DESC",
    "oldest": "id",
}


def _storyline_from_row(row: Sequence[Any]) -> StorylineSummary:
    line_id, stories, articles, first, last, name = row
    return StorylineSummary(
        id=line_id,
        stories=int(stories),
        articles=int(articles),
        first_seen=datetime_from_text(first),
        last_seen=datetime_from_text(last),
        name=name,
    )


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _groups_to_json(groups: Sequence[CopyGroup]) -> str:
    return json.dumps(
        [
            {"original": g.original_id, "members": list(g.member_ids), "kinds": list(g.kinds)}
            for g in groups
        ]
    )


def _groups_from_json(text: str) -> tuple[CopyGroup, ...]:
    return tuple(
        CopyGroup(
            original_id=item["original"],
            member_ids=tuple(item["members"]),
            kinds=tuple(cast(MatchKind, kind) for kind in item["kinds"]),
        )
        for item in json.loads(text)
    )


class StoryTables:
    """Story persistence for a SQLite store (mixed into ``SQLiteStore``)."""

    path: str

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    # -- writing -------------------------------------------------------------------

    def _write_story_changes(self, conn: sqlite3.Connection, changes: StoryChanges) -> None:
        """Apply ``changes`` inside the caller's open transaction."""
        now = _now()
        if changes.memberships:
            conn.executemany(
                "UPDATE articles SET story_id = ? WHERE id = ?",
                ((story_id, article_id) for article_id, story_id in changes.memberships),
            )
        if changes.matches:
            conn.executemany(
                "UPDATE articles SET link_kind = ?, link_to = ?, link_score = ?, "
                "link_matched = ? WHERE id = ?",
                (
                    (m.kind, m.original_id, m.score, m.matched_id, m.article_id)
                    for m in changes.matches
                ),
            )
        if changes.removed:
            gone = [(story_id,) for story_id in changes.removed]
            conn.executemany("DELETE FROM stories WHERE id = ?", gone)
            conn.executemany("DELETE FROM briefs WHERE story_id = ?", gone)
            conn.executemany("DELETE FROM briefs_fts WHERE story_id = ?", gone)
        if changes.storylines_merged:
            conn.executemany(
                "UPDATE stories SET storyline = ? WHERE storyline = ?",
                ((kept, gone) for gone, kept in changes.storylines_merged),
            )
        if changes.stories:
            conn.executemany(
                "INSERT INTO stories (id, headline, first_seen, first_seen_utc, last_seen, "
                "last_seen_utc, articles, independent_sources, sources, groups, created_at, "
                "updated_at, updated_seq, storyline) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, "
                "first_seen = excluded.first_seen, first_seen_utc = excluded.first_seen_utc, "
                "last_seen = excluded.last_seen, last_seen_utc = excluded.last_seen_utc, "
                "articles = excluded.articles, "
                "independent_sources = excluded.independent_sources, "
                "sources = excluded.sources, groups = excluded.groups, "
                "updated_at = excluded.updated_at, updated_seq = excluded.updated_seq, "
                "storyline = excluded.storyline",
                (
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
                        _groups_to_json(story.groups),
                        now,
                        now,
                        changes.upto_seq,
                        story.storyline,
                    )
                    for story in changes.stories
                ),
            )
        if changes.events:
            conn.executemany(
                # Once per change (unique index of migration 0009): a replay after
                # a crash or a second writer repeats the same events.
                "INSERT OR IGNORE INTO story_events (kind, story_id, other_id, at_article, "
                "score, articles, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
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
                ),
            )

    def apply_story_changes(self, changes: StoryChanges, *, replace: bool = False) -> None:
        """See :meth:`Store.apply_story_changes`."""
        with self._writing("store story changes") as conn:
            if replace:
                conn.execute("DELETE FROM stories")
                conn.execute("DELETE FROM story_events")
                # Every saved pipeline state but the briefs' own (format and epoch).
                conn.execute("DELETE FROM pipeline_state WHERE name != ?", (BRIEF_STATE,))
                # Cached briefs are keyed by story id and version; a rebuilt story
                # may reuse both for other articles.  Moving the brief epoch on
                # makes a build under way cache its brief as stale.
                conn.execute("DELETE FROM briefs")
                conn.execute("DELETE FROM briefs_fts")
                mark_briefs_stale(conn)
                conn.execute(
                    "UPDATE articles SET story_id = NULL, link_kind = NULL, link_to = NULL, "
                    "link_score = NULL, link_matched = NULL"
                )
            self._write_story_changes(conn, changes)

    # -- reading -------------------------------------------------------------------

    def _story_from_row(
        self, conn: sqlite3.Connection, row: Sequence[Any], ids: tuple[str, ...] | None = None
    ) -> Story:
        story_id, headline, first_seen, last_seen, _count, sources, src_json, groups, line = row
        if ids is None:
            ids = tuple(
                r[0]
                for r in conn.execute(
                    "SELECT id FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
                )
            )
        return Story(
            id=story_id,
            article_ids=ids,
            headline=headline,
            first_seen=datetime_from_text(first_seen),
            last_seen=datetime_from_text(last_seen),
            independent_sources=int(sources),
            sources=tuple(json.loads(src_json)),
            groups=_groups_from_json(groups),
            storyline=line,
        )

    def get_story(self, story_id: str) -> Story | None:
        """See :meth:`Store.get_story`."""
        with self._reading(f"read story {story_id}") as conn:
            row = conn.execute(
                f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
            return None if row is None else self._story_from_row(conn, row)

    def iter_stories(
        self, *, limit: int | None = None, offset: int = 0, order: str = "recent"
    ) -> Iterator[Story]:
        """See :meth:`Store.iter_stories`."""
        if order not in _ORDERS:
            raise ValueError(f"order must be one of {', '.join(_ORDERS)}, not {order!r}")
        if offset < 0 or (limit is not None and limit < 0):
            raise ValueError(f"limit and offset must not be negative, got {limit=}, {offset=}")
        position = offset
        remaining = -1 if limit is None else limit
        while remaining != 0:
            page = _PAGE if remaining < 0 else min(_PAGE, remaining)
            with self._reading("list stories") as conn:
                rows = conn.execute(
                    f"SELECT {_STORY_COLUMNS} FROM stories ORDER BY {_ORDERS[order]} "
                    "LIMIT ? OFFSET ?",
                    (page, position),
                ).fetchall()
                stories = [self._story_from_row(conn, row) for row in rows]
            yield from stories
            if len(rows) < page:
                return
            position += len(rows)
            if remaining > 0:
                remaining -= len(rows)

    def iter_storylines(
        self, *, limit: int | None = None, offset: int = 0
    ) -> Iterator[StorylineSummary]:
        """See :meth:`Store.iter_storylines`."""
        if offset < 0 or (limit is not None and limit < 0):
            raise ValueError(f"limit and offset must not be negative, got {limit=}, {offset=}")
        with self._reading("list storylines") as conn:
            rows = conn.execute(_STORYLINES, (-1 if limit is None else limit, offset)).fetchall()
        for row in rows:
            yield _storyline_from_row(row)

    def get_storyline(self, storyline_id: str) -> StorylineSummary | None:
        """See :meth:`Store.get_storyline`."""
        with self._reading(f"read storyline {storyline_id}") as conn:
            row = conn.execute(_STORYLINE, (storyline_id,)).fetchone()
        return None if row is None else _storyline_from_row(row)

    def storyline_headlines(
        self, storyline_ids: Sequence[str]
    ) -> dict[str, list[tuple[str | None, int]]]:
        """See :meth:`Store.storyline_headlines`."""
        found: dict[str, list[tuple[str | None, int]]] = {i: [] for i in storyline_ids}
        ids = list(found)
        with self._reading("read storyline headlines") as conn:
            for start in range(0, len(ids), _PAGE):
                chunk = ids[start : start + _PAGE]
                marks = ", ".join("?" for _ in chunk)
                rows = conn.execute(
                    "SELECT storyline, headline, articles FROM stories "
                    f"WHERE storyline IN ({marks}) "
                    "ORDER BY storyline, first_seen_utc IS NULL, first_seen_utc, id",
                    chunk,
                ).fetchall()
                for line, headline, articles in rows:
                    found[line].append((headline, int(articles)))
        return found

    def storyline_stories(self, storyline_id: str) -> list[Story]:
        """See :meth:`Store.storyline_stories`."""
        with self._reading(f"read storyline {storyline_id}") as conn:
            rows = conn.execute(
                f"SELECT {_STORY_COLUMNS} FROM stories WHERE storyline = ? "
                "ORDER BY first_seen_utc IS NULL, first_seen_utc, id",
                (storyline_id,),
            ).fetchall()
            # Every member's articles in one query, not one query per story.
            members: dict[str, list[str]] = {row[0]: [] for row in rows}
            for story_id, article_id in conn.execute(
                "SELECT a.story_id, a.id FROM articles AS a JOIN stories AS s "
                "ON a.story_id = s.id WHERE s.storyline = ? ORDER BY a.seq",
                (storyline_id,),
            ):
                members.setdefault(story_id, []).append(article_id)
            return [self._story_from_row(conn, row, tuple(members[row[0]])) for row in rows]

    def count_stories(self) -> int:
        """See :meth:`Store.count_stories`."""
        with self._reading("count stories") as conn:
            return int(conn.execute("SELECT COUNT(*) FROM stories").fetchone()[0])

    def story_articles(self, story_id: str) -> list[Article]:
        """See :meth:`Store.story_articles`."""
        with self._reading(f"read the articles of story {story_id}") as conn:
            rows = conn.execute(
                f"{_SELECT_ARTICLE} WHERE story_id = ? ORDER BY seq", (story_id,)
            ).fetchall()
        return [article_from_columns(row[1:]) for row in rows]

    def story_of(self, article_id: str) -> str | None:
        """See :meth:`Store.story_of`."""
        with self._reading(f"read the story of article {article_id}") as conn:
            row = conn.execute(
                "SELECT story_id FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        return None if row is None else cast(str | None, row[0])

    def get_match(self, article_id: str) -> DuplicateMatch | None:
        """See :meth:`Store.get_match`."""
        with self._reading(f"read the links of article {article_id}") as conn:
            row = conn.execute(
                "SELECT link_kind, link_to, link_score, link_matched FROM articles "
                "WHERE id = ? AND link_kind IS NOT NULL",
                (article_id,),
            ).fetchone()
        if row is None:
            return None
        kind, original, score, matched = row
        return DuplicateMatch(
            article_id=article_id,
            original_id=original,
            kind=cast(MatchKind, kind),
            score=float(score),
            matched_id=matched,
        )

    def story_events(self, story_id: str) -> list[StoryEvent]:
        """See :meth:`Store.story_events`."""
        with self._reading(f"read the history of story {story_id}") as conn:
            rows = conn.execute(
                "SELECT kind, story_id, other_id, at_article, score, articles FROM story_events "
                "WHERE story_id = ?1 OR other_id = ?1 ORDER BY id",
                (story_id,),
            ).fetchall()
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

    def resolve_story(self, story_id: str) -> str | None:
        """See :meth:`Store.resolve_story`."""
        seen: set[str] = set()
        current = story_id
        with self._reading(f"resolve story {story_id}") as conn:
            while current not in seen:
                seen.add(current)
                if conn.execute("SELECT 1 FROM stories WHERE id = ?", (current,)).fetchone():
                    return current
                row = conn.execute(
                    "SELECT story_id FROM story_events WHERE kind = 'merge' AND other_id = ? "
                    "ORDER BY id DESC LIMIT 1",
                    (current,),
                ).fetchone()
                if row is None:
                    return None
                current = row[0]
        return None

    def iter_articles_after(self, seq: int) -> Iterator[tuple[int, Article]]:
        """See :meth:`Store.iter_articles_after`."""
        last = seq
        while True:
            with self._reading("read articles") as conn:
                rows = conn.execute(
                    f"{_SELECT_ARTICLE} WHERE seq > ? ORDER BY seq LIMIT ?", (last, _PAGE)
                ).fetchall()
            for row in rows:
                yield int(row[0]), article_from_columns(row[1:])
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]

    def last_seq(self) -> int:
        """See :meth:`Store.last_seq`."""
        with self._reading("read the newest article") as conn:
            return int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0])
