"""The story half of :class:`~newsweave.store.sqlite.SQLiteStore`: stories, links, history.

Kept apart from the article tables so each module stays about one thing; the
Python around each query is :class:`~newsweave.store.shared_stories.SharedStoryTables`
(shared with PostgreSQL), and the class here supplies what SQLite writes its own
way.  It is a mixin that relies on the store's ``_reading``/``_writing``
transaction helpers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager

from newsweave.store.rows import groups_from_json, groups_to_json
from newsweave.store.shared_stories import SharedStoryTables
from newsweave.store.sqlite_serving import BRIEF_STATE, mark_briefs_stale

__all__ = ["StoryTables"]

# Kept under their old names for callers that import them from here.
_groups_to_json = groups_to_json
_groups_from_json = groups_from_json


class StoryTables(SharedStoryTables):
    """Story persistence for a SQLite store (mixed into ``SQLiteStore``)."""

    INSERT_EVENT = (
        # Once per change (unique index of migration 0009): a replay after
        # a crash or a second writer repeats the same events.
        "INSERT OR IGNORE INTO story_events (kind, story_id, other_id, at_article, "
        "score, articles, at) VALUES (?, ?, ?, ?, ?, ?, ?)"
    )

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _delete_stories(self, cursor: sqlite3.Cursor, story_ids: Sequence[str]) -> None:
        gone = [(story_id,) for story_id in story_ids]
        cursor.executemany("DELETE FROM stories WHERE id = ?", gone)
        cursor.executemany("DELETE FROM briefs WHERE story_id = ?", gone)
        cursor.executemany("DELETE FROM briefs_fts WHERE story_id = ?", gone)

    def _forget_stories(self, conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM stories")
        conn.execute("DELETE FROM story_events")
        # Every saved pipeline state but the briefs' own (format and epoch).
        conn.execute("DELETE FROM pipeline_state WHERE name != ?", (BRIEF_STATE,))
        # Cached briefs are keyed by story id and version; a rebuilt story
        # may reuse both for other articles.  Moving the brief epoch on
        # makes a build under way cache its brief as stale.
        conn.execute("DELETE FROM briefs")
        conn.execute("DELETE FROM briefs_fts")
        mark_briefs_stale(conn)
        conn.execute(
            "UPDATE articles SET story_id = NULL, link_kind = NULL, link_to = NULL, "
            "link_score = NULL, link_matched = NULL"
        )
