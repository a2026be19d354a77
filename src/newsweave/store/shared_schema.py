"""Schema migration shared by the SQLite and PostgreSQL stores.

Opening a store checks its schema version without the write lock (most opens find
it current), then, under the lock, checks again (another process may have
migrated meanwhile), refuses a newer schema or a database that is not a
newsweave one, and applies the pending migrations of the back end's folder
(``store/migrations/<dialect>``), each recorded in ``schema_migrations``.  Each
store supplies how it reads the version, recognises a foreign database and
applies one migration.
"""

from __future__ import annotations

from typing import Any

from newsweave.errors import MigrationError
from newsweave.store.schema import Migration, load_migrations
from newsweave.store.tables import Tables

__all__ = ["SharedSchema"]


class SharedSchema(Tables):
    """Schema versions and migrations common to both stores (a mixin)."""

    DIALECT = ""
    """The folder of the back end's migrations under ``store/migrations``."""

    @staticmethod
    def _schema_version(conn: Any) -> int:
        """The highest applied migration version (0 if none), read on ``conn``."""
        raise NotImplementedError

    def _refuse_foreign(self, conn: Any) -> None:
        """Raise :class:`MigrationError` if the unversioned database has tables."""
        raise NotImplementedError

    def _apply(self, conn: Any, migration: Migration) -> None:
        """Run ``migration`` and record it, naming it in a :class:`MigrationError`."""
        raise NotImplementedError

    def schema_version(self) -> int:
        """The highest migration version applied to this database (0 if none)."""
        with self._reading("read the schema version") as conn:
            return self._schema_version(conn)

    def _migrate(self) -> None:
        migrations = load_migrations(self.DIALECT)
        latest = migrations[-1].version
        # Most opens find the schema current: check without taking the write lock.
        with self._reading("read the schema version") as conn:
            current = self._schema_version(conn)
        self._refuse_newer(current, latest)
        if current == latest:
            return
        with self._writing("migrate the schema") as conn:
            # Another process may have migrated while we waited for the lock.
            current = self._schema_version(conn)
            self._refuse_newer(current, latest)
            if current == 0:
                self._refuse_foreign(conn)
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            for migration in migrations[current:]:
                self._apply(conn, migration)

    def _refuse_newer(self, current: int, latest: int) -> None:
        if current > latest:
            raise MigrationError(
                f"{self.path} has schema version {current}, but this newsweave knows only "
                f"versions up to {latest}; upgrade newsweave to use this database"
            )
