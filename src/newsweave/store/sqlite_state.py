"""The saved-state half of :class:`~newsweave.store.sqlite.SQLiteStore`: snapshot blobs.

The ``pipeline_state`` table holds snapshots of in-memory pipeline state (the
story assigner's), streamed in and out a chunk at a time.  The class here is a
mixin that relies on the store's ``_reading``/``_writing`` transaction helpers.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import AbstractContextManager
from typing import BinaryIO

from newsweave.errors import StoreError
from newsweave.store.base import SavedState
from newsweave.store.rows import now_text
from newsweave.store.shared_stories import SharedStateFiles

__all__ = ["StateTables"]

# A snapshot file is copied into its blob this many bytes at a time.
_CHUNK = 1 << 20
# The blob is the last column (migration 8): only there does zeroblob() reserve
# space without building the zeros in memory.
_UPSERT_STATE = (
    "INSERT INTO pipeline_state (name, format, upto_seq, saved_at, data) "
    "VALUES (?, ?, ?, ?, {data}) ON CONFLICT (name) DO UPDATE SET "
    "format = excluded.format, upto_seq = excluded.upto_seq, "
    "data = excluded.data, saved_at = excluded.saved_at"
)


class StateTables(SharedStateFiles):
    """Saved-state persistence for a SQLite store (mixed into ``SQLiteStore``)."""

    path: str

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _copy_state(self, name: str, spool: BinaryIO) -> tuple[str, int] | None:
        """Copy the blob of the state ``name`` into ``spool``; its format and upto_seq."""
        with self._reading(f"load the saved {name} state") as conn:
            own = not conn.in_transaction
            if own:
                conn.execute("BEGIN")  # the row and its blob read as one snapshot
            try:
                row = conn.execute(
                    "SELECT format, upto_seq, rowid FROM pipeline_state WHERE name = ?", (name,)
                ).fetchone()
                if row is None:
                    return None
                with conn.blobopen("pipeline_state", "data", int(row[2]), readonly=True) as blob:
                    while chunk := blob.read(_CHUNK):
                        spool.write(chunk)
                return str(row[0]), int(row[1])
            finally:
                if own:
                    conn.execute("COMMIT")

    def save_state(self, name: str, state: SavedState) -> None:
        """See :meth:`Store.save_state`."""
        if state.upto_seq < 0:
            raise StoreError(f"{self.path}: a saved state cannot end before article 0")
        data = state.data
        with self._writing(f"save the {name} state") as conn:
            saved = conn.execute(
                "SELECT upto_seq FROM pipeline_state WHERE name = ?", (name,)
            ).fetchone()
            if saved is not None and int(saved[0]) > state.upto_seq:
                # Another process saved a newer state (it went further in the
                # articles): keep it; an older one would only be caught up again.
                return
            if isinstance(data, bytes | memoryview):
                conn.execute(
                    _UPSERT_STATE.format(data="?"),
                    (name, state.format, state.upto_seq, now_text(), data),
                )
            else:
                # A file: reserve the blob, then copy the file into it a chunk at a
                # time (binding it whole would make SQLite copy it in memory).
                size = data.seek(0, os.SEEK_END)
                data.seek(0)
                conn.execute(
                    _UPSERT_STATE.format(data="zeroblob(?)"),
                    (name, state.format, state.upto_seq, now_text(), size),
                )
                row = conn.execute(
                    "SELECT rowid FROM pipeline_state WHERE name = ?", (name,)
                ).fetchone()
                with conn.blobopen("pipeline_state", "data", int(row[0])) as blob:
                    while chunk := data.read(_CHUNK):
                        blob.write(chunk)
