"""The story half of :class:`~newsweave.store.postgres.PostgresStore`: stories, links,
history and saved pipeline state.

A mixin relying on the store's ``_reading``/``_writing`` helpers; the Python around
each story query is :mod:`~newsweave.store.shared_stories`, shared with its SQLite
twin :mod:`~newsweave.store.sqlite_stories`, and the class here supplies the SQL
PostgreSQL writes its own way.  A saved
state's bytes are opaque here: they are written and read a chunk (one row of
``pipeline_state_chunks``) at a time, so neither side holds a whole snapshot.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, BinaryIO

from newsweave.errors import StoreError
from newsweave.store.base import SavedState
from newsweave.store.postgres_serving import BRIEF_STATE, mark_briefs_stale
from newsweave.store.rows import now_text
from newsweave.store.shared_stories import SharedStateFiles, SharedStoryTables

if TYPE_CHECKING:
    import psycopg

__all__ = ["CHUNK", "StoryTables"]

CHUNK = 1 << 20
"""Bytes of a saved state per row of ``pipeline_state_chunks``."""


class StoryTables(SharedStoryTables, SharedStateFiles):
    """Story persistence for a PostgreSQL store (mixed into ``PostgresStore``)."""

    INSERT_EVENT = (
        # Once per change (unique index story_events_once).
        "INSERT INTO story_events (kind, story_id, other_id, at_article, score, "
        "articles, at) VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
    )

    def _reading(self, action: str) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError

    def _delete_stories(self, cursor: psycopg.Cursor[Any], story_ids: Sequence[str]) -> None:
        gone = list(story_ids)
        cursor.execute("DELETE FROM stories WHERE id = ANY(%s)", (gone,))
        cursor.execute("DELETE FROM briefs WHERE story_id = ANY(%s)", (gone,))

    def _forget_stories(self, conn: psycopg.Connection[Any]) -> None:
        conn.execute("DELETE FROM stories")
        conn.execute("DELETE FROM story_events")
        conn.execute("DELETE FROM pipeline_state WHERE name != %s", (BRIEF_STATE,))
        conn.execute("DELETE FROM briefs")
        mark_briefs_stale(conn)
        conn.execute(
            "UPDATE articles SET story_id = NULL, link_kind = NULL, link_to = NULL, "
            "link_score = NULL, link_matched = NULL WHERE story_id IS NOT NULL "
            "OR link_kind IS NOT NULL"
        )

    # -- saved state ---------------------------------------------------------------

    def _copy_state(self, name: str, spool: BinaryIO) -> tuple[str, int] | None:
        """Copy the chunks of the state ``name`` into ``spool``, from one snapshot of
        the database; its format and upto_seq."""
        with self._reading(f"load the saved {name} state") as conn:
            own = conn.info.transaction_status == 0  # idle: not inside a write block
            with contextlib.ExitStack() as stack:
                if own:
                    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    stack.callback(conn.execute, "COMMIT")
                row = conn.execute(
                    "SELECT format, upto_seq FROM pipeline_state WHERE name = %s", (name,)
                ).fetchone()
                if row is None:
                    return None
                part = -1
                while True:
                    chunk = conn.execute(
                        "SELECT part, data FROM pipeline_state_chunks WHERE name = %s "
                        "AND part > %s ORDER BY part LIMIT 1",
                        (name, part),
                    ).fetchone()
                    if chunk is None:
                        break
                    part = int(chunk[0])
                    spool.write(chunk[1])
                return str(row[0]), int(row[1])

    def save_state(self, name: str, state: SavedState) -> None:
        """See :meth:`Store.save_state`."""
        if state.upto_seq < 0:
            raise StoreError(f"{self.path}: a saved state cannot end before article 0")
        data = state.data
        with self._writing(f"save the {name} state") as conn:
            saved = conn.execute(
                "SELECT upto_seq FROM pipeline_state WHERE name = %s", (name,)
            ).fetchone()
            if saved is not None and int(saved[0]) > state.upto_seq:
                # Another process saved a newer state (it went further in the
                # articles): keep it; an older one would only be caught up again.
                return
            conn.execute(
                "INSERT INTO pipeline_state (name, format, upto_seq, saved_at) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (name) DO UPDATE SET "
                "format = excluded.format, upto_seq = excluded.upto_seq, "
                "saved_at = excluded.saved_at",
                (name, state.format, state.upto_seq, now_text()),
            )
            conn.execute("DELETE FROM pipeline_state_chunks WHERE name = %s", (name,))
            for part, chunk in enumerate(_chunks(data)):
                conn.execute(
                    "INSERT INTO pipeline_state_chunks (name, part, data) VALUES (%s, %s, %s)",
                    (name, part, chunk),
                )


def _chunks(data: bytes | memoryview | BinaryIO) -> Iterator[bytes | memoryview]:
    """``data`` in pieces of :data:`CHUNK` bytes (a file is read from its start)."""
    if isinstance(data, bytes | memoryview):
        view = memoryview(data)
        for start in range(0, len(view), CHUNK):
            yield view[start : start + CHUNK]
        return
    data.seek(0)
    while chunk := data.read(CHUNK):
        yield chunk
