"""Story cards and story search for the SQLite store: what the home page and search read.

A mixin like :mod:`~newsweave.store.sqlite_serving`: it relies on the store's
``_reading`` helper.  Nothing here writes: card data is made from the stored
articles by the web layer and cached by story version there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager

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
from newsweave.store.sqlite_serving import STORY_SELECT, story_row

__all__ = ["CardTables"]

_CHUNK = 500
"""Story ids per ``IN (...)`` list (SQLite allows 32,766 parameters; keep it small)."""
# Copies (exact, near-duplicate, syndicated) repeat their original's words: they
# add no evidence of what the story is about.
_NOT_A_COPY = "COALESCE(a.link_kind, '') NOT IN ('exact', 'near', 'syndicated')"


class CardTables(SharedCardTables):
    """Card and story-search queries for a SQLite store (mixed into ``SQLiteStore``)."""

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def story_rows(self, story_ids: Sequence[str]) -> list[StoryRow]:
        """See :meth:`ServingStore.story_rows`."""
        ids = list(dict.fromkeys(story_ids))
        found: dict[str, StoryRow] = {}
        with self._reading("read stories") as conn:
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                rows = conn.execute(
                    f"{STORY_SELECT} WHERE s.id IN ({', '.join('?' * len(chunk))})", chunk
                ).fetchall()
                found.update((row[0], story_row(row)) for row in rows)
        return [found[i] for i in ids if i in found]

    def card_articles(self, story_ids: Sequence[str]) -> list[CardArticle]:
        """See :meth:`ServingStore.card_articles`."""
        found: list[CardArticle] = []
        ids = list(dict.fromkeys(story_ids))
        with self._reading("read the articles of story cards") as conn:
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                rows = conn.execute(
                    "SELECT story_id, id, outlet, url, canonical_url, labels, link_kind, title, "
                    f"published, substr(body, 1, {OPENING_CHARS}) FROM articles "
                    f"WHERE story_id IN ({', '.join('?' * len(chunk))}) ORDER BY seq",
                    chunk,
                ).fetchall()
                found.extend(card_article_from_row(r) for r in rows)
        return found

    def search_stories(self, text: str, *, limit: int = 20) -> list[StoryHit]:
        """See :meth:`ServingStore.search_stories` (the score: :class:`StoryHit`)."""
        match = fts_query(text)
        if match is None:
            return []
        # The articles table is read through its (seq, story_id, link_kind) index
        # (migration 0011): its rows hold the body before these columns.
        articles = (
            "FROM articles_fts "
            "JOIN articles AS a INDEXED BY articles_seq_story ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH {} AND a.story_id IS NOT NULL AND " + _NOT_A_COPY
        )
        # One row per match (all words, the same in titles, the brief), scored and
        # ranked by SQLite: a common word matches thousands of articles.
        sql = (
            "SELECT story, SUM(score) AS total, SUM(counted) FROM ("
            f"SELECT a.story_id AS story, 1.0 AS score, 1 AS counted {articles.format('?1')} "
            f"UNION ALL SELECT a.story_id, {TITLE_MATCH_SCORE}, 0 {articles.format('?2')} "
            f"UNION ALL SELECT f.story_id, {BRIEF_MATCH_SCORE}, 0 FROM briefs_fts AS f "
            "JOIN stories AS s ON s.id = f.story_id WHERE briefs_fts MATCH ?1"
            ") GROUP BY story ORDER BY total DESC, story LIMIT ?3"
        )
        with self._reading("search stories") as conn:
            rows = conn.execute(
                sql, (match, f"title : ({match})", max(1, min(limit, 200)))
            ).fetchall()
        return [
            StoryHit(story_id=r[0], score=float(r[1]), matched_articles=int(r[2])) for r in rows
        ]
