"""The serving half of the PostgreSQL store: story pages, full-text search, cached briefs.

A mixin like :mod:`~newsweave.store.postgres_stories`; the queries both stores
share are :mod:`~newsweave.store.shared_serving`.  Search runs on the
``tsvector`` columns of migration ``0001_initial`` (``article_search.search`` and
``briefs.search``, GIN-indexed, the ``simple`` configuration): the user's text
goes through ``websearch_to_tsquery``, which reads any input without raising
(``"a phrase"``, ``or``, ``-word`` have their web-search meaning; everything else
is a word), and an entity through ``phraseto_tsquery``.  Snippets come from
``ts_headline``, marked like FTS5's.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    import psycopg

__all__ = ["BRIEF_STATE", "STORY_SELECT", "ServingTables", "mark_briefs_stale", "story_row"]

# ts_headline options: one fragment of about 16 words, matches marked as in SQLite.
_HEADLINE = (
    f"StartSel={SNIPPET_START}, StopSel={SNIPPET_END}, MaxWords=16, MinWords=8, "
    "MaxFragments=1, FragmentDelimiter=…"
)
_QUERY = "websearch_to_tsquery('simple', %s)"
_PHRASE = "phraseto_tsquery('simple', %s)"


def _clean(text: str) -> str:
    """``text`` without NUL (PostgreSQL text cannot hold one)."""
    return text.replace("\x00", " ")


def mark_briefs_stale(conn: psycopg.Connection[Any], *, article_id: str | None = None) -> None:
    """Mark cached briefs stale inside the caller's transaction (every one, or the brief
    of ``article_id``'s story) and move the brief epoch on; see the SQLite twin."""
    conn.execute(
        "INSERT INTO pipeline_state (name, format, upto_seq, saved_at) "
        "VALUES (%s, '', 1, %s) ON CONFLICT (name) DO UPDATE SET "
        "upto_seq = pipeline_state.upto_seq + 1",
        (BRIEF_STATE, now_text()),
    )
    if article_id is None:
        conn.execute(
            "UPDATE briefs SET updated_seq = %s WHERE updated_seq > %s", (STALE_BRIEF,) * 2
        )
    else:
        conn.execute(
            "UPDATE briefs SET updated_seq = %s WHERE story_id = "
            "(SELECT story_id FROM articles WHERE id = %s)",
            (STALE_BRIEF, article_id),
        )


def _searchable(text: str | None) -> bool:
    return bool(text and text.strip() and fts_query(text) is not None)


class ServingTables(SharedServingTables):
    """Serving queries for a PostgreSQL store (mixed into ``PostgresStore``)."""

    path: str

    def _reading(self, action: str) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError

    # -- what the shared serving queries need ------------------------------------------

    def _story_filters(self, query: StoryQuery, where: list[str], params: list[Any]) -> bool:
        if query.outlet:
            where.append(
                "EXISTS (SELECT 1 FROM articles AS a WHERE a.story_id = s.id "
                "AND lower(a.outlet) = lower(?))"
            )
            params.append(_clean(query.outlet.strip()))
        if query.language:
            where.append(
                "EXISTS (SELECT 1 FROM articles AS a WHERE a.story_id = s.id "
                "AND lower(a.language) = lower(?))"
            )
            params.append(_clean(query.language.strip()))
        searches: list[tuple[str, str]] = []
        if query.entity and query.entity.strip():
            searches.append(("phraseto_tsquery('simple', ?)", query.entity))
        if query.text and query.text.strip():
            searches.append(("websearch_to_tsquery('simple', ?)", query.text))
        for function, text in searches:
            if not _searchable(text):
                return False
            where.append(
                "s.id IN (SELECT a.story_id FROM article_search AS f JOIN articles AS a "
                f"ON a.seq = f.seq WHERE f.search @@ {function} AND a.story_id IS NOT NULL)"
            )
            params.append(_clean(text))
        return True

    def _mark_briefs_stale(self, conn: psycopg.Connection[Any]) -> None:
        mark_briefs_stale(conn)

    def _write_brief(
        self,
        conn: psycopg.Connection[Any],
        story_id: str,
        updated_seq: int,
        data: str,
        headline: str | None,
        lead: str | None,
        text: str,
    ) -> None:
        conn.execute(
            "INSERT INTO briefs (story_id, updated_seq, headline, lead, data, built_at, body) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (story_id) DO UPDATE SET "
            "updated_seq = excluded.updated_seq, headline = excluded.headline, "
            "lead = excluded.lead, data = excluded.data, built_at = excluded.built_at, "
            "body = excluded.body",
            (story_id, updated_seq, headline, lead, data, now_text(), text),
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
        parts: list[tuple[str, str]] = [(_QUERY, text)] if text.strip() else []
        if entity and entity.strip():
            parts.append((_PHRASE, entity))
        if not parts or not all(_searchable(part) for _function, part in parts):
            return Page(items=())
        limit = max(1, min(limit, MAX_PAGE))
        offset = int(decode_cursor(cursor, length=1)[0]) if cursor else 0
        if offset < 0:
            raise ValueError("invalid cursor")
        match = " && ".join(function for function, _text in parts)
        params: list[Any] = [_clean(part) for _function, part in parts]
        inner = (
            f"SELECT a.seq, ts_rank(f.search, t.q) AS rank, t.q FROM article_search AS f "
            f"JOIN articles AS a ON a.seq = f.seq, (SELECT {match} AS q) AS t "
            "WHERE f.search @@ t.q"
        )
        if since is not None:
            inner += " AND a.published_utc >= %s"
            params.append(datetime_to_utc_text(since))
        if until is not None:
            inner += " AND a.published_utc <= %s"
            params.append(datetime_to_utc_text(until))
        inner += " ORDER BY rank DESC, a.seq LIMIT %s OFFSET %s"
        params += [limit + 1, offset]
        # The snippets are made for the page only, after the sort and the limit.
        sql = (
            "SELECT a.id, a.story_id, a.title, a.outlet, a.published, "
            "ts_headline('simple', a.body, hit.q, %s) "
            f"FROM ({inner}) AS hit JOIN articles AS a ON a.seq = hit.seq "
            "ORDER BY hit.rank DESC, a.seq"
        )
        with self._reading("search articles") as conn:
            rows = conn.execute(sql, [_HEADLINE, *params]).fetchall()
        items = tuple(article_hit_from_row(row) for row in rows[:limit])
        next_cursor = encode_cursor([offset + limit]) if len(rows) > limit else None
        return Page(items=items, next_cursor=next_cursor)

    def search_briefs(self, text: str, *, limit: int = 20) -> list[BriefHit]:
        """See :meth:`ServingStore.search_briefs`."""
        if not _searchable(text):
            return []
        with self._reading("search briefs") as conn:
            rows = conn.execute(
                "SELECT hit.story_id, hit.headline, "
                "ts_headline('simple', hit.body, hit.q, %s) FROM ("
                "SELECT b.story_id, b.headline, b.body, t.q, ts_rank(b.search, t.q) AS rank "
                "FROM briefs AS b JOIN stories AS s ON s.id = b.story_id, "
                f"(SELECT {_QUERY} AS q) AS t "
                "WHERE b.search @@ t.q ORDER BY rank DESC, b.story_id LIMIT %s) AS hit "
                "ORDER BY hit.rank DESC, hit.story_id",
                (_HEADLINE, _clean(text), max(1, min(limit, MAX_PAGE))),
            ).fetchall()
        return [BriefHit(story_id=r[0], headline=r[1], snippet=r[2] or "") for r in rows]
