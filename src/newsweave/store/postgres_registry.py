"""API keys and the source registry of :class:`~newsweave.store.postgres.PostgresStore`.

A mixin like :mod:`~newsweave.store.postgres_stories`; the key format, hashing,
JSON shapes and queries are :mod:`~newsweave.store.shared_registry`'s, shared
with SQLite.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from newsweave.store.shared_registry import SharedKeyTables, SharedSourceTables

if TYPE_CHECKING:
    import psycopg

__all__ = ["RegistryTables"]


class RegistryTables(SharedKeyTables, SharedSourceTables):
    """API keys and sources for a PostgreSQL store (mixed into ``PostgresStore``)."""

    def _reading(self, action: str) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError
