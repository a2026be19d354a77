"""The story half of :class:`~newsweave.store.postgres.PostgresStore`: stories, links,
history and saved pipeline state.

A mixin relying on the store's ``_reading``/``_writing`` helpers, like its SQLite
twin :mod:`~newsweave.store.sqlite_stories`, whose JSON shapes it shares.  A saved
state's bytes are opaque here: they are written and read a chunk (one row of
``pipeline_state_chunks``) at a time, so neither side holds a whole snapshot.
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from newsweave.errors import StoreError
from newsweave.models import (
    Article,
    DuplicateMatch,
    MatchKind,
    Story,
    StoryChanges,
    StoryEvent,
    StorylineSummary,
)
from newsweave.store.base import SavedState
from newsweave.store.postgres_serving import BRIEF_STATE, _clean, mark_briefs_stale
from newsweave.store.serialise import (
    ARTICLE_COLUMNS,
    article_from_columns,
    datetime_from_text,
    datetime_to_text,
    datetime_to_utc_text,
)
from newsweave.store.sqlite_stories import _groups_from_json, _groups_to_json

if TYPE_CHECKING:
    import psycopg

__all__ = ["CHUNK", "StoryTables"]

_PAGE = 256
CHUNK = 1 << 20
"""Bytes of a saved state per row of ``pipeline_state_chunks``."""
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
    "LIMIT %s OFFSET %s"
)
_STORYLINE = f"{_STORYLINE_ROWS}WHERE s.storyline = %s GROUP BY s.storyline"
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


class StoryTables:
    """Story persistence for a PostgreSQL store (mixed into ``PostgresStore``)."""

    path: str

    def _reading(self, action: str) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError

    # -- writing -------------------------------------------------------------------

    def _write_story_changes(self, conn: psycopg.Connection[Any], changes: StoryChanges) -> None:
        """Apply ``changes`` inside the caller's open transaction."""
        now = _now()
        with conn.cursor() as cursor:
            if changes.memberships:
                cursor.executemany(
                    "UPDATE articles SET story_id = %s WHERE id = %s",
                    [(story_id, article_id) for article_id, story_id in changes.memberships],
                )
            if changes.matches:
                cursor.executemany(
                    "UPDATE articles SET link_kind = %s, link_to = %s, link_score = %s, "
                    "link_matched = %s WHERE id = %s",
                    [
                        (m.kind, m.original_id, m.score, m.matched_id, m.article_id)
                        for m in changes.matches
                    ],
                )
            if changes.removed:
                gone = list(changes.removed)
                cursor.execute("DELETE FROM stories WHERE id = ANY(%s)", (gone,))
                cursor.execute("DELETE FROM briefs WHERE story_id = ANY(%s)", (gone,))
            if changes.storylines_merged:
                cursor.executemany(
                    "UPDATE stories SET storyline = %s WHERE storyline = %s",
                    [(kept, gone) for gone, kept in changes.storylines_merged],
                )
            if changes.stories:
                cursor.executemany(
                    "INSERT INTO stories (id, headline, first_seen, first_seen_utc, last_seen, "
                    "last_seen_utc, articles, independent_sources, sources, groups, created_at, "
                    "updated_at, updated_seq, storyline) VALUES "
                    "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
                    "ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, "
                    "first_seen = excluded.first_seen, first_seen_utc = excluded.first_seen_utc, "
                    "last_seen = excluded.last_seen, last_seen_utc = excluded.last_seen_utc, "
                    "articles = excluded.articles, "
                    "independent_sources = excluded.independent_sources, "
                    "sources = excluded.sources, groups = excluded.groups, "
                    "updated_at = excluded.updated_at, updated_seq = excluded.updated_seq, "
                    "storyline = excluded.storyline",
                    [
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
                    ],
                )
            if changes.events:
                cursor.executemany(
                    # Once per change (unique index story_events_once).
                    "INSERT INTO story_events (kind, story_id, other_id, at_article, score, "
                    "articles, at) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                    [
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
                    ],
                )

    def apply_story_changes(self, changes: StoryChanges, *, replace: bool = False) -> None:
        """See :meth:`Store.apply_story_changes`."""
        with self._writing("store story changes") as conn:
            if replace:
                conn.execute("DELETE FROM stories")
                conn.execute("DELETE FROM story_events")
                conn.execute("DELETE FROM pipeline_state WHERE name != %s", (BRIEF_STATE,))
                conn.execute("DELETE FROM briefs")
                mark_briefs_stale(conn)
                conn.execute(
                    "UPDATE articles SET story_id = NULL, link_kind = NULL, link_to = NULL, "
                    "link_score = NULL, link_matched = NULL WHERE story_id IS NOT NULL "
                    "OR link_kind IS NOT NULL"
                )
            self._write_story_changes(conn, changes)

    # -- reading -------------------------------------------------------------------

    def _story_from_row(
        self, conn: psycopg.Connection[Any], row: Sequence[Any], ids: tuple[str, ...] | None = None
    ) -> Story:
        story_id, headline, first_seen, last_seen, _count, sources, src_json, groups, line = row
        if ids is None:
            ids = tuple(
                r[0]
                for r in conn.execute(
                    "SELECT id FROM articles WHERE story_id = %s ORDER BY seq", (story_id,)
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
                f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = %s", (story_id,)
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
                    "LIMIT %s OFFSET %s",
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
            # LIMIT NULL is no limit in PostgreSQL (SQLite takes -1).
            rows = conn.execute(_STORYLINES, (limit, offset)).fetchall()
        for row in rows:
            yield _storyline_from_row(row)

    def get_storyline(self, storyline_id: str) -> StorylineSummary | None:
        """See :meth:`Store.get_storyline`."""
        with self._reading(f"read storyline {storyline_id}") as conn:
            row = conn.execute(_STORYLINE, (_clean(storyline_id),)).fetchone()
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
                marks = ", ".join("%s" for _ in chunk)
                rows = conn.execute(
                    "SELECT storyline, headline, articles FROM stories "
                    f"WHERE storyline IN ({marks}) "
                    "ORDER BY storyline, first_seen_utc IS NULL, first_seen_utc, id",
                    [_clean(i) for i in chunk],
                ).fetchall()
                for line, headline, articles in rows:
                    found[line].append((headline, int(articles)))
        return found

    def storyline_stories(self, storyline_id: str) -> list[Story]:
        """See :meth:`Store.storyline_stories`."""
        with self._reading(f"read storyline {storyline_id}") as conn:
            rows = conn.execute(
                f"SELECT {_STORY_COLUMNS} FROM stories WHERE storyline = %s "
                "ORDER BY first_seen_utc IS NULL, first_seen_utc, id",
                (_clean(storyline_id),),
            ).fetchall()
            # Every member's articles in one query, not one query per story.
            members: dict[str, list[str]] = {row[0]: [] for row in rows}
            for story_id, article_id in conn.execute(
                "SELECT a.story_id, a.id FROM articles AS a JOIN stories AS s "
                "ON a.story_id = s.id WHERE s.storyline = %s ORDER BY a.seq",
                (_clean(storyline_id),),
            ):
                members.setdefault(story_id, []).append(article_id)
            return [self._story_from_row(conn, row, tuple(members[row[0]])) for row in rows]

    def count_stories(self) -> int:
        """See :meth:`Store.count_stories`."""
        with self._reading("count stories") as conn:
            row = conn.execute("SELECT COUNT(*) FROM stories").fetchone()
        return int(row[0]) if row else 0

    def story_articles(self, story_id: str) -> list[Article]:
        """See :meth:`Store.story_articles`."""
        with self._reading(f"read the articles of story {story_id}") as conn:
            rows = conn.execute(
                f"{_SELECT_ARTICLE} WHERE story_id = %s ORDER BY seq", (story_id,)
            ).fetchall()
        return [article_from_columns(row[1:]) for row in rows]

    def story_of(self, article_id: str) -> str | None:
        """See :meth:`Store.story_of`."""
        with self._reading(f"read the story of article {article_id}") as conn:
            row = conn.execute(
                "SELECT story_id FROM articles WHERE id = %s", (article_id,)
            ).fetchone()
        return None if row is None else cast(str | None, row[0])

    def get_match(self, article_id: str) -> DuplicateMatch | None:
        """See :meth:`Store.get_match`."""
        with self._reading(f"read the links of article {article_id}") as conn:
            row = conn.execute(
                "SELECT link_kind, link_to, link_score, link_matched FROM articles "
                "WHERE id = %s AND link_kind IS NOT NULL",
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
                "WHERE story_id = %(s)s OR other_id = %(s)s ORDER BY id",
                {"s": story_id},
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
                if conn.execute("SELECT 1 FROM stories WHERE id = %s", (current,)).fetchone():
                    return current
                row = conn.execute(
                    "SELECT story_id FROM story_events WHERE kind = 'merge' AND other_id = %s "
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
                    f"{_SELECT_ARTICLE} WHERE seq > %s ORDER BY seq LIMIT %s", (last, _PAGE)
                ).fetchall()
            for row in rows:
                yield int(row[0]), article_from_columns(row[1:])
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]

    def last_seq(self) -> int:
        """See :meth:`Store.last_seq`."""
        with self._reading("read the newest article") as conn:
            row = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()
        return int(row[0]) if row else 0

    # -- saved state ---------------------------------------------------------------

    def load_state(self, name: str) -> SavedState | None:
        """See :meth:`Store.load_state`."""
        with self.open_state(name) as opened:
            if opened is None or isinstance(opened.data, bytes | memoryview):
                return opened
            return SavedState(opened.format, opened.upto_seq, opened.data.read())

    @contextlib.contextmanager
    def open_state(self, name: str) -> Iterator[SavedState | None]:
        """See :meth:`Store.open_state`: the data is a temporary file filled a chunk
        at a time, closed when the block ends."""
        with tempfile.TemporaryFile() as spool:
            found = self._copy_state(name, spool)
            if found is None:
                yield None
            else:
                spool.seek(0)
                yield SavedState(format=found[0], upto_seq=found[1], data=spool)

    def _copy_state(self, name: str, spool: BinaryIO) -> tuple[str, int] | None:
        """Copy the chunks of the state ``name`` into ``spool``, from one snapshot of
        the database; its format and upto_seq."""
        with self._reading(f"load the saved {name} state") as conn:
            own = conn.info.transaction_status == 0  # idle: not inside a write block
            with contextlib.ExitStack() as stack:
                if own:
                    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    stack.callback(conn.execute, "COMMIT")
                row = conn.execute(
                    "SELECT format, upto_seq FROM pipeline_state WHERE name = %s", (name,)
                ).fetchone()
                if row is None:
                    return None
                part = -1
                while True:
                    chunk = conn.execute(
                        "SELECT part, data FROM pipeline_state_chunks WHERE name = %s "
                        "AND part > %s ORDER BY part LIMIT 1",
                        (name, part),
                    ).fetchone()
                    if chunk is None:
                        break
                    part = int(chunk[0])
                    spool.write(chunk[1])
                return str(row[0]), int(row[1])

    def save_state(self, name: str, state: SavedState) -> None:
        """See :meth:`Store.save_state`."""
        if state.upto_seq < 0:
            raise StoreError(f"{self.path}: a saved state cannot end before article 0")
        data = state.data
        with self._writing(f"save the {name} state") as conn:
            saved = conn.execute(
                "SELECT upto_seq FROM pipeline_state WHERE name = %s", (name,)
            ).fetchone()
            if saved is not None and int(saved[0]) > state.upto_seq:
                # Another process saved a newer state (it went further in the
                # articles): keep it; an older one would only be caught up again.
                return
            conn.execute(
                "INSERT INTO pipeline_state (name, format, upto_seq, saved_at) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (name) DO UPDATE SET "
                "format = excluded.format, upto_seq = excluded.upto_seq, "
                "saved_at = excluded.saved_at",
                (name, state.format, state.upto_seq, _now()),
            )
            conn.execute("DELETE FROM pipeline_state_chunks WHERE name = %s", (name,))
            for part, chunk in enumerate(_chunks(data)):
                conn.execute(
                    "INSERT INTO pipeline_state_chunks (name, part, data) VALUES (%s, %s, %s)",
                    (name, part, chunk),
                )


def _chunks(data: bytes | memoryview | BinaryIO) -> Iterator[bytes | memoryview]:
    """``data`` in pieces of :data:`CHUNK` bytes (a file is read from its start)."""
    if isinstance(data, bytes | memoryview):
        view = memoryview(data)
        for start in range(0, len(view), CHUNK):
            yield view[start : start + CHUNK]
        return
    data.seek(0)
    while chunk := data.read(CHUNK):
        yield chunk
