"""The source registry half of :class:`~newsweave.store.sqlite.SQLiteStore`.

The queries are :mod:`~newsweave.store.shared_registry`'s, shared with PostgreSQL.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager

from newsweave.store.shared_registry import SharedSourceTables

__all__ = ["SourceTables"]


class SourceTables(SharedSourceTables):
    """Source registry persistence for a SQLite store (mixed into ``SQLiteStore``)."""

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError
