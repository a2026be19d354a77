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
from newsweave.store.serving import CardArticle, StoryHit, StoryRow, fts_query
from newsweave.store.sqlite_serving import STORY_SELECT, story_row

__all__ = ["CardTables"]

OPENING_CHARS = 400
"""Characters of an article's body a card may quote as the story's lead."""
_CHUNK = 500
"""Story ids per ``IN (...)`` list (SQLite allows 32,766 parameters; keep it small)."""
# bm25 weights of the title and body columns of articles_fts: a name in a title
# says more about what the article is about than one in its body.
_TITLE_WEIGHT = 4.0
# Copies (exact, near-duplicate, syndicated) repeat their original's words: they
# add no evidence of what the story is about.
_NOT_A_COPY = "COALESCE(a.link_kind, '') NOT IN ('exact', 'near', 'syndicated')"
_BRIEF_WEIGHT = 2.0
"""What a match in the story's cached brief (headline, summary, key points) adds."""
# Each matching article counts 1, plus up to 2 for how well it matches (its bm25
# over the best match's: bm25's scale depends on the words, and a word found in
# most articles scores near zero everywhere).  A story's score is the sum, so the
# story most articles are about comes first, then the one whose articles match best.
_ARTICLE_SCORE = "1.0 + 2.0 * score / MAX((SELECT MAX(score) FROM hits), 1e-9)"


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
        """See :meth:`ServingStore.search_stories`."""
        match = fts_query(text)
        if match is None:
            return []
        limit = max(1, min(limit, 200))
        scores: dict[str, float] = {}
        matched: dict[str, int] = {}
        with self._reading("search stories") as conn:
            # bm25() cannot run inside an aggregate: rank in a materialised step first.
            rows = conn.execute(
                "WITH hits AS MATERIALIZED (SELECT a.story_id AS story, "
                f"-bm25(articles_fts, {_TITLE_WEIGHT}, 1.0) AS score "
                "FROM articles_fts JOIN articles AS a ON a.seq = articles_fts.rowid "
                f"WHERE articles_fts MATCH ? AND a.story_id IS NOT NULL AND {_NOT_A_COPY}) "
                f"SELECT story, SUM({_ARTICLE_SCORE}), COUNT(*) FROM hits GROUP BY story",
                (match,),
            ).fetchall()
            for story_id, score, count in rows:
                scores[story_id] = float(score)
                matched[story_id] = int(count)
            briefs = conn.execute(
                "SELECT f.story_id FROM briefs_fts AS f "
                "JOIN stories AS s ON s.id = f.story_id WHERE briefs_fts MATCH ?",
                (match,),
            ).fetchall()
        for (story_id,) in briefs:
            scores[story_id] = scores.get(story_id, 0.0) + _BRIEF_WEIGHT
        best = sorted(scores, key=lambda s: (-scores[s], s))[:limit]
        return [
            StoryHit(story_id=s, score=scores[s], matched_articles=matched.get(s, 0)) for s in best
        ]
