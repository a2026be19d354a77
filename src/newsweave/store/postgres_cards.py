"""Story cards and story search for the PostgreSQL store (the twin of
:mod:`~newsweave.store.sqlite_cards`): what the home page and search read."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from newsweave.store.postgres_serving import STORY_SELECT, story_row
from newsweave.store.rows import card_article_from_row
from newsweave.store.serving import (
    BRIEF_MATCH_SCORE,
    TITLE_MATCH_SCORE,
    CardArticle,
    StoryHit,
    StoryRow,
    fts_query,
)
from newsweave.store.shared_cards import OPENING_CHARS, SharedCardTables

if TYPE_CHECKING:
    import psycopg

__all__ = ["CardTables"]

_QUERY = "websearch_to_tsquery('simple', %s)"
_NOT_A_COPY = "COALESCE(a.link_kind, '') NOT IN ('exact', 'near', 'syndicated')"


def _clean(text: str) -> str:
    return text.replace("\x00", " ")


class CardTables(SharedCardTables):
    """Card and story-search queries for a PostgreSQL store (mixed into ``PostgresStore``)."""

    def _reading(self, action: str) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError

    def story_rows(self, story_ids: Sequence[str]) -> list[StoryRow]:
        """See :meth:`ServingStore.story_rows`."""
        ids = [_clean(i) for i in dict.fromkeys(story_ids)]
        if not ids:
            return []
        with self._reading("read stories") as conn:
            rows = conn.execute(f"{STORY_SELECT} WHERE s.id = ANY(%s)", (ids,)).fetchall()
        found = {row[0]: story_row(row) for row in rows}
        return [found[i] for i in ids if i in found]

    def card_articles(self, story_ids: Sequence[str]) -> list[CardArticle]:
        """See :meth:`ServingStore.card_articles`."""
        ids = [_clean(i) for i in dict.fromkeys(story_ids)]
        if not ids:
            return []
        with self._reading("read the articles of story cards") as conn:
            rows = conn.execute(
                "SELECT story_id, id, outlet, url, canonical_url, labels, link_kind, title, "
                f"published, left(body, {OPENING_CHARS}) FROM articles "
                "WHERE story_id = ANY(%s) ORDER BY seq",
                (ids,),
            ).fetchall()
        return [card_article_from_row(r) for r in rows]

    def search_stories(self, text: str, *, limit: int = 20) -> list[StoryHit]:
        """See :meth:`ServingStore.search_stories` (the score: :class:`StoryHit`)."""
        if not text.strip() or fts_query(text) is None:
            return []
        title = "to_tsvector('simple', COALESCE(a.title, '')) @@ t.q"
        sql = (
            "SELECT story, SUM(score) AS total, SUM(counted) FROM ("
            f"SELECT a.story_id AS story, 1.0 + CASE WHEN {title} THEN {TITLE_MATCH_SCORE} "
            "ELSE 0 END AS score, 1 AS counted "
            f"FROM article_search AS f JOIN articles AS a ON a.seq = f.seq, "
            f"(SELECT {_QUERY} AS q) AS t "
            f"WHERE f.search @@ t.q AND a.story_id IS NOT NULL AND {_NOT_A_COPY} "
            f"UNION ALL SELECT b.story_id, {BRIEF_MATCH_SCORE}, 0 FROM briefs AS b "
            f"JOIN stories AS s ON s.id = b.story_id, (SELECT {_QUERY} AS q) AS t "
            "WHERE b.search @@ t.q"
            ") AS hits GROUP BY story ORDER BY total DESC, story LIMIT %s"
        )
        with self._reading("search stories") as conn:
            rows = conn.execute(
                sql, (_clean(text), _clean(text), max(1, min(limit, 200)))
            ).fetchall()
        return [
            StoryHit(story_id=r[0], score=float(r[1]), matched_articles=int(r[2])) for r in rows
        ]
