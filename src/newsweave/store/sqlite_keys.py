"""The API-key half of :class:`~newsweave.store.sqlite.SQLiteStore` (table ``api_keys``).

A mixin like :mod:`~newsweave.store.sqlite_serving`: it relies on the store's
``_reading``/``_writing`` helpers.  The key format, hashing and queries are
:mod:`~newsweave.store.shared_registry`'s, shared with PostgreSQL.  The table comes
from migration ``0003_search_briefs_keys``.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager

from newsweave.store.shared_registry import KEY_PREFIX, SharedKeyTables

__all__ = ["KEY_PREFIX", "KeyTables"]


class KeyTables(SharedKeyTables):
    """API keys for a SQLite store (mixed into ``SQLiteStore``)."""

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError
