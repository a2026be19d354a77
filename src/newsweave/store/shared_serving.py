"""Serving queries shared by the SQLite and PostgreSQL stores: story pages, story
and brief versions, the cached briefs' stale rules, outlets.

:class:`SharedServingTables` holds the Python around each query (the keyset
paging of a story page, the brief epoch and format rules of :meth:`put_brief`
and :meth:`use_brief_format`); each back end's mixin supplies what its SQL does
its own way: the outlet, language and text filters of a page, marking briefs
stale, and writing a brief where its search sees it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from newsweave.store.rows import now_text
from newsweave.store.serialise import datetime_from_text, datetime_to_utc_text
from newsweave.store.serving import (
    STALE_BRIEF,
    STORY_ORDERS,
    ArticleRow,
    CachedBrief,
    OutletCount,
    Page,
    StoryQuery,
    StoryRow,
    decode_cursor,
    encode_cursor,
)
from newsweave.store.tables import Tables

__all__ = ["BRIEF_STATE", "MAX_PAGE", "STORY_SELECT", "SharedServingTables", "story_row"]

MAX_PAGE = 200
BRIEF_STATE = "briefs"
"""The ``pipeline_state`` row of the cached briefs: their format (``format``) and
epoch (``upto_seq``)."""

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


class SharedServingTables(Tables):
    """Serving queries common to both stores (a mixin; see the module docstring)."""

    def _story_filters(self, query: StoryQuery, where: list[str], params: list[Any]) -> bool:
        """Add the page's outlet, language, entity and text filters (SQL with ``?``
        placeholders) to ``where`` and ``params``; False when a search can match
        nothing (the page is empty)."""
        raise NotImplementedError

    def _write_brief(
        self,
        conn: Any,
        story_id: str,
        updated_seq: int,
        data: str,
        headline: str | None,
        lead: str | None,
        text: str,
    ) -> None:
        """Upsert the brief row and what search reads of it (``text``)."""
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
        if not self._story_filters(query, where, params):
            return Page(items=())
        if query.cursor is not None:
            after = decode_cursor(query.cursor, length=len(keys))
            comparison = "<" if direction == "DESC" else ">"
            where.append(f"({', '.join(keys)}) {comparison} ({', '.join('?' * len(keys))})")
            params.extend(self.text_param(v) if isinstance(v, str) else v for v in after)
        sql = STORY_SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY " + ", ".join(f"{key} {direction}" for key in keys) + " LIMIT ?"
        params.append(limit + 1)
        with self._reading("list stories") as conn:
            rows = conn.execute(self.sql(sql), params).fetchall()
        items = tuple(story_row(row) for row in rows[:limit])
        next_cursor = None
        if len(rows) > limit:
            next_cursor = encode_cursor(_sort_key(query.order, rows[limit - 1]))
        return Page(items=items, next_cursor=next_cursor)

    def story_version(self, story_id: str) -> int | None:
        """See :meth:`ServingStore.story_version`."""
        with self._reading(f"read story {story_id}") as conn:
            row = conn.execute(
                self.sql("SELECT updated_seq FROM stories WHERE id = ?"),
                (self.text_param(story_id),),
            ).fetchone()
        return None if row is None else int(row[0])

    def storyline_stamp(self, story_id: str) -> tuple[str, int, int] | None:
        """See :meth:`ServingStore.storyline_stamp`."""
        with self._reading(f"read the storyline of story {story_id}") as conn:
            row = conn.execute(
                self.sql(
                    "SELECT s.storyline, COUNT(*), MAX(o.updated_seq) FROM stories AS s "
                    "JOIN stories AS o ON o.storyline = s.storyline WHERE s.id = ? "
                    "GROUP BY s.storyline"
                ),
                (self.text_param(story_id),),
            ).fetchone()
        return None if row is None else (str(row[0]), int(row[1]), int(row[2]))

    def story_article_rows(self, story_id: str) -> list[ArticleRow]:
        """See :meth:`ServingStore.story_article_rows`."""
        with self._reading(f"read the articles of story {story_id}") as conn:
            rows = conn.execute(
                self.sql(
                    "SELECT id, title, outlet, published, url, language, link_kind, link_to "
                    "FROM articles WHERE story_id = ? ORDER BY seq"
                ),
                (self.text_param(story_id),),
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

    # -- briefs --------------------------------------------------------------------

    def get_brief(self, story_id: str) -> CachedBrief | None:
        """See :meth:`ServingStore.get_brief`."""
        with self._reading(f"read the brief of story {story_id}") as conn:
            row = conn.execute(
                self.sql("SELECT updated_seq, data, built_at FROM briefs WHERE story_id = ?"),
                (self.text_param(story_id),),
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
                self.sql("SELECT updated_seq, built_at FROM briefs WHERE story_id = ?"),
                (self.text_param(story_id),),
            ).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

    def use_brief_format(self, brief_format: str) -> bool:
        """See :meth:`ServingStore.use_brief_format`."""
        with self._writing("record the brief format") as conn:
            row = conn.execute(
                self.sql("SELECT format FROM pipeline_state WHERE name = ?"), (BRIEF_STATE,)
            ).fetchone()
            if row is not None and row[0] == brief_format:
                return False
            self._mark_briefs_stale(conn)
            conn.execute(
                self.sql("UPDATE pipeline_state SET format = ?, saved_at = ? WHERE name = ?"),
                (brief_format, now_text(), BRIEF_STATE),
            )
            return True

    def _brief_epoch(self, conn: Any) -> int:
        row = conn.execute(
            self.sql("SELECT upto_seq FROM pipeline_state WHERE name = ?"), (BRIEF_STATE,)
        ).fetchone()
        return 0 if row is None else int(row[0])

    def brief_epoch(self) -> int:
        """See :meth:`ServingStore.brief_epoch`."""
        with self._reading("read the brief epoch") as conn:
            return self._brief_epoch(conn)

    def change_count(self) -> int:
        """See :meth:`ServingStore.change_count`."""
        with self._reading("read the change counter") as conn:
            row = conn.execute("SELECT counter FROM store_changes WHERE id = 1").fetchone()
        return 0 if row is None else int(row[0])

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
            if epoch is not None and self._brief_epoch(conn) != epoch:
                updated_seq = STALE_BRIEF
            row = conn.execute(
                self.sql("SELECT updated_seq FROM briefs WHERE story_id = ?"), (story_id,)
            ).fetchone()
            if row is not None and int(row[0]) > updated_seq:
                return
            self._write_brief(conn, story_id, updated_seq, data, headline, lead, text)

    def outlets(self, *, limit: int = 1000) -> list[OutletCount]:
        """See :meth:`ServingStore.outlets`."""
        with self._reading("list outlets") as conn:
            rows = conn.execute(
                self.sql(
                    "SELECT outlet, COUNT(*), COUNT(DISTINCT story_id) FROM articles "
                    "WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY COUNT(*) DESC, outlet "
                    "LIMIT ?"
                ),
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
