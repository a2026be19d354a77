"""The serving half of the SQLite store: story pages, FTS5 search, cached briefs.

A mixin like :mod:`~newsweave.store.sqlite_stories`: it relies on the store's
``_reading``/``_writing`` helpers.  The FTS5 indexes and tables come from
migration ``0003_search_briefs_keys``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any

from newsweave.store.serialise import datetime_from_text, datetime_to_utc_text
from newsweave.store.serving import (
    SNIPPET_END,
    SNIPPET_START,
    STALE_BRIEF,
    STORY_ORDERS,
    ArticleHit,
    ArticleRow,
    BriefHit,
    CachedBrief,
    OutletCount,
    Page,
    StoryQuery,
    StoryRow,
    decode_cursor,
    encode_cursor,
    fts_query,
)

__all__ = ["BRIEF_STATE", "STORY_SELECT", "ServingTables", "mark_briefs_stale", "story_row"]

MAX_PAGE = 200

# Each order's sort key as SQL expressions (all descending except oldest), so
# a cursor is the last row's key and the next page starts strictly after it.
_ORDER_KEYS: dict[str, tuple[tuple[str, ...], str]] = {
    "recent": (("COALESCE(s.last_seen_utc, '')", "s.id"), "DESC"),
    "largest": (("s.independent_sources", "s.articles", "s.id"), "DESC"),
    "oldest": (("COALESCE(s.first_seen_utc, '')", "s.id"), "ASC"),
}
STORY_SELECT = (  # the columns story_row reads, in its order
    "SELECT s.id, s.headline, s.first_seen, s.last_seen, s.articles, s.independent_sources, "
    "s.sources, s.updated_seq, b.lead, b.updated_seq, "
    "COALESCE(s.last_seen_utc, ''), COALESCE(s.first_seen_utc, ''), s.storyline "
    "FROM stories AS s LEFT JOIN briefs AS b ON b.story_id = s.id"
)


BRIEF_STATE = "briefs"
"""The ``pipeline_state`` row of the cached briefs: their format (``format``) and
epoch (``upto_seq``)."""


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _brief_epoch(conn: sqlite3.Connection) -> int:
    row = conn.execute(
        "SELECT upto_seq FROM pipeline_state WHERE name = ?", (BRIEF_STATE,)
    ).fetchone()
    return 0 if row is None else int(row[0])


def mark_briefs_stale(conn: sqlite3.Connection, *, article_id: str | None = None) -> None:
    """Mark cached briefs stale (:data:`STALE_BRIEF`) inside the caller's transaction:
    every one, or with ``article_id`` the brief of that article's story; and move the
    brief epoch on, so a build already under way caches its brief as stale."""
    conn.execute(
        "INSERT INTO pipeline_state (name, format, upto_seq, saved_at, data) "
        "VALUES (?, '', 1, ?, x'') ON CONFLICT (name) DO UPDATE SET "
        "upto_seq = upto_seq + 1",
        (BRIEF_STATE, _now()),
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


class ServingTables:
    """Serving queries for a SQLite store (mixed into ``SQLiteStore``)."""

    path: str

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    # -- stories -------------------------------------------------------------------

    def story_page(self, query: StoryQuery) -> Page[StoryRow]:
        """See :meth:`ServingStore.story_page`."""
        if query.order not in STORY_ORDERS:
            raise ValueError(f"order must be one of {', '.join(STORY_ORDERS)}, not {query.order!r}")
        limit = max(1, min(query.limit, MAX_PAGE))
        keys, direction = _ORDER_KEYS[query.order]
        where: list[str] = []
        params: list[Any] = []
        if query.since is not None:
            where.append("s.last_seen_utc >= ?")
            params.append(datetime_to_utc_text(query.since))
        if query.until is not None:
            where.append("s.first_seen_utc <= ?")
            params.append(datetime_to_utc_text(query.until))
        if query.min_sources > 0:
            where.append("s.independent_sources >= ?")
            params.append(query.min_sources)
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
                return Page(items=())
            where.append(
                "s.id IN (SELECT a.story_id FROM articles_fts JOIN articles AS a "
                "ON a.seq = articles_fts.rowid WHERE articles_fts MATCH ? "
                "AND a.story_id IS NOT NULL)"
            )
            params.append(match)
        if query.cursor is not None:
            after = decode_cursor(query.cursor, length=len(keys))
            comparison = "<" if direction == "DESC" else ">"
            where.append(f"({', '.join(keys)}) {comparison} ({', '.join('?' * len(keys))})")
            params.extend(after)
        sql = STORY_SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY " + ", ".join(f"{key} {direction}" for key in keys) + " LIMIT ?"
        params.append(limit + 1)
        with self._reading("list stories") as conn:
            rows = conn.execute(sql, params).fetchall()
        items = tuple(story_row(row) for row in rows[:limit])
        next_cursor = None
        if len(rows) > limit:
            last = rows[limit - 1]
            next_cursor = encode_cursor(_sort_key(query.order, last))
        return Page(items=items, next_cursor=next_cursor)

    def story_version(self, story_id: str) -> int | None:
        """See :meth:`ServingStore.story_version`."""
        with self._reading(f"read story {story_id}") as conn:
            row = conn.execute(
                "SELECT updated_seq FROM stories WHERE id = ?", (story_id,)
            ).fetchone()
        return None if row is None else int(row[0])

    def storyline_stamp(self, story_id: str) -> tuple[str, int, int] | None:
        """See :meth:`ServingStore.storyline_stamp`."""
        with self._reading(f"read the storyline of story {story_id}") as conn:
            row = conn.execute(
                "SELECT s.storyline, COUNT(*), MAX(o.updated_seq) FROM stories AS s "
                "JOIN stories AS o ON o.storyline = s.storyline WHERE s.id = ? "
                "GROUP BY s.storyline",
                (story_id,),
            ).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), int(row[2]))

    def story_article_rows(self, story_id: str) -> list[ArticleRow]:
        """See :meth:`ServingStore.story_article_rows`."""
        with self._reading(f"read the articles of story {story_id}") as conn:
            rows = conn.execute(
                "SELECT id, title, outlet, published, url, language, link_kind, link_to "
                "FROM articles WHERE story_id = ? ORDER BY seq",
                (story_id,),
            ).fetchall()
        return [
            ArticleRow(
                id=r[0],
                title=r[1],
                outlet=r[2],
                published=datetime_from_text(r[3]),
                url=r[4],
                language=r[5],
                link_kind=r[6],
                link_to=r[7],
            )
            for r in rows
        ]

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
        items = tuple(
            ArticleHit(
                article_id=row[0],
                story_id=row[1],
                title=row[2],
                outlet=row[3],
                published=datetime_from_text(row[4]),
                snippet=row[5] or "",
            )
            for row in rows[:limit]
        )
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

    # -- briefs --------------------------------------------------------------------

    def get_brief(self, story_id: str) -> CachedBrief | None:
        """See :meth:`ServingStore.get_brief`."""
        with self._reading(f"read the brief of story {story_id}") as conn:
            row = conn.execute(
                "SELECT updated_seq, data, built_at FROM briefs WHERE story_id = ?", (story_id,)
            ).fetchone()
        return None if row is None else CachedBrief(story_id, int(row[0]), row[1], row[2])

    def brief_version(self, story_id: str) -> int | None:
        """See :meth:`ServingStore.brief_version`."""
        stamp = self.brief_stamp(story_id)
        return None if stamp is None else stamp[0]

    def brief_stamp(self, story_id: str) -> tuple[int, str] | None:
        """See :meth:`ServingStore.brief_stamp`."""
        with self._reading(f"read the brief version of story {story_id}") as conn:
            row = conn.execute(
                "SELECT updated_seq, built_at FROM briefs WHERE story_id = ?", (story_id,)
            ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def use_brief_format(self, brief_format: str) -> bool:
        """See :meth:`ServingStore.use_brief_format`."""
        with self._writing("record the brief format") as conn:
            row = conn.execute(
                "SELECT format FROM pipeline_state WHERE name = ?", (BRIEF_STATE,)
            ).fetchone()
            if row is not None and row[0] == brief_format:
                return False
            mark_briefs_stale(conn)
            conn.execute(
                "UPDATE pipeline_state SET format = ?, saved_at = ? WHERE name = ?",
                (brief_format, _now(), BRIEF_STATE),
            )
            return True

    def brief_epoch(self) -> int:
        """See :meth:`ServingStore.brief_epoch`."""
        with self._reading("read the brief epoch") as conn:
            return _brief_epoch(conn)

    def put_brief(
        self,
        story_id: str,
        updated_seq: int,
        data: str,
        *,
        headline: str | None,
        lead: str | None,
        text: str,
        epoch: int | None = None,
    ) -> None:
        """See :meth:`ServingStore.put_brief`."""
        with self._writing(f"cache the brief of story {story_id}") as conn:
            if epoch is not None and _brief_epoch(conn) != epoch:
                updated_seq = STALE_BRIEF
            row = conn.execute(
                "SELECT updated_seq FROM briefs WHERE story_id = ?", (story_id,)
            ).fetchone()
            if row is not None and int(row[0]) > updated_seq:
                return
            conn.execute(
                "INSERT INTO briefs (story_id, updated_seq, headline, lead, data, built_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (story_id) DO UPDATE SET "
                "updated_seq = excluded.updated_seq, headline = excluded.headline, "
                "lead = excluded.lead, data = excluded.data, built_at = excluded.built_at",
                (story_id, updated_seq, headline, lead, data, _now()),
            )
            conn.execute("DELETE FROM briefs_fts WHERE story_id = ?", (story_id,))
            conn.execute(
                "INSERT INTO briefs_fts (story_id, headline, body) VALUES (?, ?, ?)",
                (story_id, headline or "", text),
            )

    def outlets(self, *, limit: int = 1000) -> list[OutletCount]:
        """See :meth:`ServingStore.outlets`."""
        with self._reading("list outlets") as conn:
            rows = conn.execute(
                "SELECT outlet, COUNT(*), COUNT(DISTINCT story_id) FROM articles "
                "WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY COUNT(*) DESC, outlet LIMIT ?",
                (limit,),
            ).fetchall()
        return [OutletCount(name=r[0], articles=int(r[1]), stories=int(r[2])) for r in rows]


def _sort_key(order: str, row: Sequence[Any]) -> list[Any]:
    if order == "recent":
        return [row[10], row[0]]
    if order == "largest":
        return [row[5], row[4], row[0]]
    return [row[11], row[0]]


def story_row(row: Sequence[Any]) -> StoryRow:
    """A :class:`StoryRow` from a row of :data:`STORY_SELECT`."""
    return StoryRow(
        id=row[0],
        headline=row[1],
        first_seen=datetime_from_text(row[2]),
        last_seen=datetime_from_text(row[3]),
        articles=int(row[4]),
        independent_sources=int(row[5]),
        sources=tuple(json.loads(row[6])),
        updated_seq=int(row[7]),
        lead=row[8],
        brief_seq=None if row[9] is None else int(row[9]),
        storyline=row[12],
    )
