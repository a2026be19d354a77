"""Story cards and story search for the SQLite store: what the home page and search read.

A mixin like :mod:`~newsweave.store.sqlite_serving`: it relies on the store's
``_reading`` helper.  Nothing here writes: card data is made from the stored
articles by the web layer and cached by story version there.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta

from newsweave.store.serialise import datetime_from_text, datetime_to_utc_text
from newsweave.store.serving import (
    BRIEF_MATCH_SCORE,
    TITLE_MATCH_SCORE,
    CardArticle,
    StoryHit,
    StoryRow,
    fts_query,
)
from newsweave.store.sqlite_serving import STORY_SELECT, story_row

__all__ = ["CardTables"]

OPENING_CHARS = 400
"""Characters of an article's body a card may quote as the story's lead."""
_CHUNK = 500
"""Story ids per ``IN (...)`` list (SQLite allows 32,766 parameters; keep it small)."""
# Copies (exact, near-duplicate, syndicated) repeat their original's words: they
# add no evidence of what the story is about.
_NOT_A_COPY = "COALESCE(a.link_kind, '') NOT IN ('exact', 'near', 'syndicated')"


class CardTables:
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

    def latest_story_time(self) -> datetime | None:
        """See :meth:`ServingStore.latest_story_time`."""
        horizon = datetime_to_utc_text(datetime.now(UTC) + timedelta(days=1))
        with self._reading("read the latest story time") as conn:
            row = conn.execute(
                "SELECT MAX(last_seen_utc) FROM stories WHERE last_seen_utc <= ?", (horizon,)
            ).fetchone()
        return None if row is None or row[0] is None else datetime_from_text(row[0])

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
                found.extend(
                    CardArticle(
                        story_id=r[0],
                        article_id=r[1],
                        outlet=r[2],
                        url=r[3],
                        canonical_url=r[4],
                        labels=r[5] or "{}",
                        link_kind=r[6],
                        title=r[7],
                        published=datetime_from_text(r[8]),
                        opening=r[9] or "",
                    )
                    for r in rows
                )
        return found

    def storyline_names(self, storyline_ids: Sequence[str]) -> dict[str, str | None]:
        """See :meth:`ServingStore.storyline_names`."""
        names: dict[str, str | None] = {}
        with self._reading("read storyline names") as conn:
            for line in dict.fromkeys(storyline_ids):
                row = conn.execute(
                    "SELECT headline FROM stories WHERE storyline = ? "
                    "ORDER BY articles DESC, independent_sources DESC, id LIMIT 1",
                    (line,),
                ).fetchone()
                names[line] = None if row is None else row[0]
        return names

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
