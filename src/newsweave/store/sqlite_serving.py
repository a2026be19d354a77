"""The serving half of the SQLite store: story pages, FTS5 search, cached briefs.

A mixin like :mod:`~newsweave.store.sqlite_stories`: it relies on the store's
``_reading``/``_writing`` helpers; the queries both stores share are
:mod:`~newsweave.store.shared_serving`, and the class here supplies SQLite's filters,
FTS5 search and brief writes.  The FTS5 indexes and tables come from
migration ``0003_search_briefs_keys``.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from newsweave.store.rows import article_hit_from_row, now_text
from newsweave.store.serialise import datetime_to_utc_text
from newsweave.store.serving import (
    SNIPPET_END,
    SNIPPET_START,
    STALE_BRIEF,
    ArticleHit,
    BriefHit,
    Page,
    StoryQuery,
    decode_cursor,
    encode_cursor,
    fts_query,
)
from newsweave.store.shared_serving import (
    BRIEF_STATE,
    MAX_PAGE,
    STORY_SELECT,
    SharedServingTables,
    story_row,
)

__all__ = ["BRIEF_STATE", "STORY_SELECT", "ServingTables", "mark_briefs_stale", "story_row"]


def mark_briefs_stale(conn: sqlite3.Connection, *, article_id: str | None = None) -> None:
    """Mark cached briefs stale (:data:`STALE_BRIEF`) inside the caller's transaction:
    every one, or with ``article_id`` the brief of that article's story; and move the
    brief epoch on, so a build already under way caches its brief as stale."""
    conn.execute(
        "INSERT INTO pipeline_state (name, format, upto_seq, saved_at, data) "
        "VALUES (?, '', 1, ?, x'') ON CONFLICT (name) DO UPDATE SET "
        "upto_seq = upto_seq + 1",
        (BRIEF_STATE, now_text()),
    )
    if article_id is None:
        conn.execute("UPDATE briefs SET updated_seq = ? WHERE updated_seq > ?", (STALE_BRIEF,) * 2)
    else:
        conn.execute(
            "UPDATE briefs SET updated_seq = ? WHERE story_id = "
            "(SELECT story_id FROM articles WHERE id = ?)",
            (STALE_BRIEF, article_id),
        )


def _phrase(name: str) -> str | None:
    """``name`` as one FTS5 phrase (an entity is matched as a whole)."""
    return fts_query('"' + name.replace('"', " ") + '"')


class ServingTables(SharedServingTables):
    """Serving queries for a SQLite store (mixed into ``SQLiteStore``)."""

    path: str

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    # -- what the shared serving queries need ------------------------------------------

    def _story_filters(self, query: StoryQuery, where: list[str], params: list[Any]) -> bool:
        if query.outlet:
            where.append(
                "EXISTS (SELECT 1 FROM articles AS a WHERE a.story_id = s.id "
                "AND a.outlet = ? COLLATE NOCASE)"
            )
            params.append(query.outlet.strip())
        if query.language:
            where.append(
                "EXISTS (SELECT 1 FROM articles AS a WHERE a.story_id = s.id "
                "AND a.language = ? COLLATE NOCASE)"
            )
            params.append(query.language.strip())
        searches = []
        if query.entity and query.entity.strip():
            searches.append(_phrase(query.entity))
        if query.text and query.text.strip():
            searches.append(fts_query(query.text))
        for match in searches:
            if match is None:
                return False
            where.append(
                "s.id IN (SELECT a.story_id FROM articles_fts JOIN articles AS a "
                "ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? "
                "AND a.story_id IS NOT NULL)"
            )
            params.append(match)
        return True

    def _mark_briefs_stale(self, conn: sqlite3.Connection) -> None:
        mark_briefs_stale(conn)

    def _write_brief(
        self,
        conn: sqlite3.Connection,
        story_id: str,
        updated_seq: int,
        data: str,
        headline: str | None,
        lead: str | None,
        text: str,
    ) -> None:
        conn.execute(
            "INSERT INTO briefs (story_id, updated_seq, headline, lead, data, built_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (story_id) DO UPDATE SET "
            "updated_seq = excluded.updated_seq, headline = excluded.headline, "
            "lead = excluded.lead, data = excluded.data, built_at = excluded.built_at",
            (story_id, updated_seq, headline, lead, data, now_text()),
        )
        conn.execute("DELETE FROM briefs_fts WHERE story_id = ?", (story_id,))
        conn.execute(
            "INSERT INTO briefs_fts (story_id, headline, body) VALUES (?, ?, ?)",
            (story_id, headline or "", text),
        )

    # -- search --------------------------------------------------------------------

    def search_articles(
        self,
        text: str,
        *,
        entity: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 20,
        cursor: str | None = None,
    ) -> Page[ArticleHit]:
        """See :meth:`ServingStore.search_articles`."""
        parts = [fts_query(text)] if text.strip() else []
        if entity and entity.strip():
            parts.append(_phrase(entity))
        if not parts or any(part is None for part in parts):
            return Page(items=())
        match = " ".join(part for part in parts if part)
        limit = max(1, min(limit, MAX_PAGE))
        offset = int(decode_cursor(cursor, length=1)[0]) if cursor else 0
        if offset < 0:
            raise ValueError("invalid cursor")
        sql = (
            "SELECT a.id, a.story_id, a.title, a.outlet, a.published, "
            f"snippet(articles_fts, 1, '{SNIPPET_START}', '{SNIPPET_END}', '…', 16) "
            "FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ?"
        )
        params: list[Any] = [match]
        if since is not None:
            sql += " AND a.published_utc >= ?"
            params.append(datetime_to_utc_text(since))
        if until is not None:
            sql += " AND a.published_utc <= ?"
            params.append(datetime_to_utc_text(until))
        sql += " ORDER BY articles_fts.rank LIMIT ? OFFSET ?"
        params += [limit + 1, offset]
        with self._reading("search articles") as conn:
            rows = conn.execute(sql, params).fetchall()
        items = tuple(article_hit_from_row(row) for row in rows[:limit])
        next_cursor = encode_cursor([offset + limit]) if len(rows) > limit else None
        return Page(items=items, next_cursor=next_cursor)

    def search_briefs(self, text: str, *, limit: int = 20) -> list[BriefHit]:
        """See :meth:`ServingStore.search_briefs`."""
        match = fts_query(text)
        if match is None:
            return []
        with self._reading("search briefs") as conn:
            rows = conn.execute(
                "SELECT f.story_id, b.headline, "
                f"snippet(briefs_fts, 2, '{SNIPPET_START}', '{SNIPPET_END}', '…', 16) "
                "FROM briefs_fts AS f JOIN stories AS s ON s.id = f.story_id "
                "LEFT JOIN briefs AS b ON b.story_id = f.story_id "
                "WHERE briefs_fts MATCH ? ORDER BY f.rank LIMIT ?",
                (match, max(1, min(limit, MAX_PAGE))),
            ).fetchall()
        return [BriefHit(story_id=r[0], headline=r[1], snippet=r[2] or "") for r in rows]
