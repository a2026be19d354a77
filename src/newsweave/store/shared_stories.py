"""Story reading and writing shared by the SQLite and PostgreSQL stores.

:class:`SharedStoryTables` holds the Python around each story query (row to
model, paging, the link chase of a merged story); each back end's mixin supplies
the SQL that differs (how removed stories and their briefs go, the event insert,
a rebuild's clearing) and, through :class:`~newsweave.store.tables.Tables`, its
connection and placeholder.  :class:`SharedStateFiles` is the saved-state half
both stores read the same way.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Sequence
from typing import Any, BinaryIO, cast

from newsweave.models import (
    Article,
    DuplicateMatch,
    Story,
    StoryChanges,
    StoryEvent,
    StorylineSummary,
)
from newsweave.store.base import SavedState
from newsweave.store.rows import (
    event_rows,
    events_from_rows,
    match_from_row,
    now_text,
    story_from_row,
    story_rows,
    storyline_from_row,
)
from newsweave.store.serialise import ARTICLE_COLUMNS, article_from_columns
from newsweave.store.tables import Tables

__all__ = ["PAGE", "SELECT_ARTICLE", "SharedStateFiles", "SharedStoryTables"]

PAGE = 256
"""Rows a paged read fetches at a time."""
SELECT_ARTICLE = f"SELECT seq, id, key, {', '.join(ARTICLE_COLUMNS)} FROM articles"
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
_UPSERT_STORY = (
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
    "storyline = excluded.storyline"
)


class SharedStoryTables(Tables):
    """Story persistence common to both stores (a mixin; see the module docstring)."""

    INSERT_EVENT = ""
    """The back end's insert of one ``story_events`` row that skips a repeat
    (unique index of migration 0009 on SQLite, ``story_events_once`` on PostgreSQL)."""

    def _delete_stories(self, cursor: Any, story_ids: Sequence[str]) -> None:
        """Delete the stories ``story_ids`` and their cached briefs."""
        raise NotImplementedError

    def _forget_stories(self, conn: Any) -> None:
        """Clear every story, link and story-built state before a rebuild."""
        raise NotImplementedError

    # -- writing -------------------------------------------------------------------

    def _write_story_changes(self, conn: Any, changes: StoryChanges) -> None:
        """Apply ``changes`` inside the caller's open transaction."""
        now = now_text()
        with contextlib.closing(conn.cursor()) as cursor:
            if changes.memberships:
                cursor.executemany(
                    self.sql("UPDATE articles SET story_id = ? WHERE id = ?"),
                    [(story_id, article_id) for article_id, story_id in changes.memberships],
                )
            if changes.matches:
                cursor.executemany(
                    self.sql(
                        "UPDATE articles SET link_kind = ?, link_to = ?, link_score = ?, "
                        "link_matched = ? WHERE id = ?"
                    ),
                    [
                        (m.kind, m.original_id, m.score, m.matched_id, m.article_id)
                        for m in changes.matches
                    ],
                )
            if changes.removed:
                self._delete_stories(cursor, changes.removed)
            if changes.storylines_merged:
                cursor.executemany(
                    self.sql("UPDATE stories SET storyline = ? WHERE storyline = ?"),
                    [(kept, gone) for gone, kept in changes.storylines_merged],
                )
            if changes.stories:
                cursor.executemany(self.sql(_UPSERT_STORY), story_rows(changes, now))
            if changes.events:
                cursor.executemany(self.INSERT_EVENT, event_rows(changes, now))

    def apply_story_changes(self, changes: StoryChanges, *, replace: bool = False) -> None:
        """See :meth:`Store.apply_story_changes`."""
        with self._writing("store story changes") as conn:
            if replace:
                self._forget_stories(conn)
            self._write_story_changes(conn, changes)

    # -- reading -------------------------------------------------------------------

    def _story_from_row(
        self, conn: Any, row: Sequence[Any], ids: tuple[str, ...] | None = None
    ) -> Story:
        if ids is None:
            ids = tuple(
                r[0]
                for r in conn.execute(
                    self.sql("SELECT id FROM articles WHERE story_id = ? ORDER BY seq"), (row[0],)
                )
            )
        return story_from_row(row, ids)

    def get_story(self, story_id: str) -> Story | None:
        """See :meth:`Store.get_story`."""
        with self._reading(f"read story {story_id}") as conn:
            row = conn.execute(
                self.sql(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?"), (story_id,)
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
            page = PAGE if remaining < 0 else min(PAGE, remaining)
            with self._reading("list stories") as conn:
                rows = conn.execute(
                    self.sql(
                        f"SELECT {_STORY_COLUMNS} FROM stories ORDER BY {_ORDERS[order]} "
                        "LIMIT ? OFFSET ?"
                    ),
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
            rows = conn.execute(
                self.sql(_STORYLINES), (self.NO_LIMIT if limit is None else limit, offset)
            ).fetchall()
        for row in rows:
            yield storyline_from_row(row)

    def get_storyline(self, storyline_id: str) -> StorylineSummary | None:
        """See :meth:`Store.get_storyline`."""
        with self._reading(f"read storyline {storyline_id}") as conn:
            row = conn.execute(self.sql(_STORYLINE), (self.text_param(storyline_id),)).fetchone()
        return None if row is None else storyline_from_row(row)

    def storyline_headlines(
        self, storyline_ids: Sequence[str]
    ) -> dict[str, list[tuple[str | None, int]]]:
        """See :meth:`Store.storyline_headlines`."""
        found: dict[str, list[tuple[str | None, int]]] = {i: [] for i in storyline_ids}
        ids = list(found)
        with self._reading("read storyline headlines") as conn:
            for start in range(0, len(ids), PAGE):
                chunk = ids[start : start + PAGE]
                marks = ", ".join("?" for _ in chunk)
                rows = conn.execute(
                    self.sql(
                        "SELECT storyline, headline, articles FROM stories "
                        f"WHERE storyline IN ({marks}) "
                        "ORDER BY storyline, first_seen_utc IS NULL, first_seen_utc, id"
                    ),
                    [self.text_param(i) for i in chunk],
                ).fetchall()
                for line, headline, articles in rows:
                    found[line].append((headline, int(articles)))
        return found

    def storyline_stories(self, storyline_id: str) -> list[Story]:
        """See :meth:`Store.storyline_stories`."""
        with self._reading(f"read storyline {storyline_id}") as conn:
            rows = conn.execute(
                self.sql(
                    f"SELECT {_STORY_COLUMNS} FROM stories WHERE storyline = ? "
                    "ORDER BY first_seen_utc IS NULL, first_seen_utc, id"
                ),
                (self.text_param(storyline_id),),
            ).fetchall()
            # Every member's articles in one query, not one query per story.
            members: dict[str, list[str]] = {row[0]: [] for row in rows}
            for story_id, article_id in conn.execute(
                self.sql(
                    "SELECT a.story_id, a.id FROM articles AS a JOIN stories AS s "
                    "ON a.story_id = s.id WHERE s.storyline = ? ORDER BY a.seq"
                ),
                (self.text_param(storyline_id),),
            ):
                members.setdefault(story_id, []).append(article_id)
            return [self._story_from_row(conn, row, tuple(members[row[0]])) for row in rows]

    def storyline_neighbours(
        self, storyline_id: str, story_id: str, nearest: int
    ) -> tuple[list[Story], list[Story], int, int] | None:
        """See :meth:`Store.storyline_neighbours`."""
        with self._reading(f"read storyline {storyline_id}") as conn:
            order = [
                row[0]
                for row in conn.execute(
                    self.sql(
                        "SELECT id FROM stories WHERE storyline = ? "
                        "ORDER BY first_seen_utc IS NULL, first_seen_utc, id"
                    ),
                    (self.text_param(storyline_id),),
                )
            ]
            if story_id not in order:
                return None
            position = order.index(story_id)
            nearest = max(0, nearest)
            first = max(0, position - nearest)
            earlier_ids = order[first:position]
            later_ids = order[position + 1 : position + 1 + nearest]
            wanted = earlier_ids + later_ids
            found: dict[str, Story] = {}
            if wanted:
                marks = ", ".join("?" for _ in wanted)
                params = [self.text_param(i) for i in wanted]
                members: dict[str, list[str]] = {i: [] for i in wanted}
                for member_story, article_id in conn.execute(
                    self.sql(
                        f"SELECT story_id, id FROM articles WHERE story_id IN ({marks}) "
                        "ORDER BY seq"
                    ),
                    params,
                ):
                    members[member_story].append(article_id)
                rows = conn.execute(
                    self.sql(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id IN ({marks})"),
                    params,
                ).fetchall()
                found = {
                    row[0]: self._story_from_row(conn, row, tuple(members[row[0]])) for row in rows
                }
        return (
            [found[i] for i in earlier_ids if i in found],
            [found[i] for i in later_ids if i in found],
            first,
            len(order) - position - 1 - len(later_ids),
        )

    def count_stories(self) -> int:
        """See :meth:`Store.count_stories`."""
        with self._reading("count stories") as conn:
            row = conn.execute("SELECT COUNT(*) FROM stories").fetchone()
        return int(row[0]) if row else 0

    def story_articles(self, story_id: str) -> list[Article]:
        """See :meth:`Store.story_articles`."""
        with self._reading(f"read the articles of story {story_id}") as conn:
            rows = conn.execute(
                self.sql(f"{SELECT_ARTICLE} WHERE story_id = ? ORDER BY seq"), (story_id,)
            ).fetchall()
        return [article_from_columns(row[1:]) for row in rows]

    def story_of(self, article_id: str) -> str | None:
        """See :meth:`Store.story_of`."""
        with self._reading(f"read the story of article {article_id}") as conn:
            row = conn.execute(
                self.sql("SELECT story_id FROM articles WHERE id = ?"), (article_id,)
            ).fetchone()
        return None if row is None else cast(str | None, row[0])

    def get_match(self, article_id: str) -> DuplicateMatch | None:
        """See :meth:`Store.get_match`."""
        with self._reading(f"read the links of article {article_id}") as conn:
            row = conn.execute(
                self.sql(
                    "SELECT link_kind, link_to, link_score, link_matched FROM articles "
                    "WHERE id = ? AND link_kind IS NOT NULL"
                ),
                (article_id,),
            ).fetchone()
        return None if row is None else match_from_row(article_id, row)

    def story_events(self, story_id: str) -> list[StoryEvent]:
        """See :meth:`Store.story_events`."""
        with self._reading(f"read the history of story {story_id}") as conn:
            rows = conn.execute(
                self.sql(
                    "SELECT kind, story_id, other_id, at_article, score, articles "
                    "FROM story_events WHERE story_id = ? OR other_id = ? ORDER BY id"
                ),
                (story_id, story_id),
            ).fetchall()
        return events_from_rows(rows)

    def resolve_story(self, story_id: str) -> str | None:
        """See :meth:`Store.resolve_story`."""
        seen: set[str] = set()
        current = story_id
        with self._reading(f"resolve story {story_id}") as conn:
            while current not in seen:
                seen.add(current)
                if conn.execute(
                    self.sql("SELECT 1 FROM stories WHERE id = ?"), (current,)
                ).fetchone():
                    return current
                row = conn.execute(
                    self.sql(
                        "SELECT story_id FROM story_events WHERE kind = 'merge' "
                        "AND other_id = ? ORDER BY id DESC LIMIT 1"
                    ),
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
                    self.sql(f"{SELECT_ARTICLE} WHERE seq > ? ORDER BY seq LIMIT ?"),
                    (last, PAGE),
                ).fetchall()
            for row in rows:
                yield int(row[0]), article_from_columns(row[1:])
            if len(rows) < PAGE:
                return
            last = rows[-1][0]

    def count_articles_after(self, seq: int) -> int:
        """See :meth:`Store.count_articles_after`."""
        with self._reading("count articles") as conn:
            row = conn.execute(
                self.sql("SELECT COUNT(*) FROM articles WHERE seq > ?"), (seq,)
            ).fetchone()
        return int(row[0]) if row else 0

    def last_seq(self) -> int:
        """See :meth:`Store.last_seq`."""
        with self._reading("read the newest article") as conn:
            row = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()
        return int(row[0]) if row else 0


class SharedStateFiles(Tables):
    """Saved-state reading common to both stores: each supplies ``_copy_state``."""

    def _copy_state(self, name: str, spool: BinaryIO) -> tuple[str, int] | None:
        """Copy the bytes of the state ``name`` into ``spool``, from one snapshot of
        the database; its format and upto_seq (None: no such state)."""
        raise NotImplementedError

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
