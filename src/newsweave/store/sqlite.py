"""The embedded SQLite store (the default backend), on the stdlib ``sqlite3``.

The database runs in WAL mode so readers (the API, ``newsweave list``) never
block the writer and always see whole committed batches.  Python's implicit
transactions are switched off (``isolation_level=None``) and every write runs in
an explicit ``BEGIN IMMEDIATE`` ... ``COMMIT``, so a batch is all or nothing and
concurrent writers queue on ``busy_timeout`` instead of deadlocking on upgrade.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from newsweave.errors import MigrationError, QueryCancelledError, StoreError
from newsweave.models import Article
from newsweave.store.base import Store
from newsweave.store.rows import now_text
from newsweave.store.schema import Migration
from newsweave.store.serialise import (
    ARTICLE_COLUMNS,
    SerialisationError,
    article_to_columns,
)
from newsweave.store.shared_articles import SharedArticleTables
from newsweave.store.shared_schema import SharedSchema
from newsweave.store.sqlite_cards import CardTables
from newsweave.store.sqlite_keys import KeyTables
from newsweave.store.sqlite_serving import ServingTables, mark_briefs_stale
from newsweave.store.sqlite_sources import SourceTables
from newsweave.store.sqlite_state import StateTables
from newsweave.store.sqlite_stories import StoryTables

__all__ = ["SQLiteStore"]

MEMORY = ":memory:"

# Rows fetched per round trip by the streaming iterators.  Each page is read
# completely before it is yielded, so no statement stays open while the caller
# works (and may write through this same connection, as reprocess does).
# SQLite VM steps between two checks of a bounded query (about a millisecond).
_PROGRESS_STEPS = 100
# Far below SQLite's limit on bound parameters (32766 since 3.32).
_IN_CHUNK = 500

_ARTICLE_FIELDS = ", ".join(ARTICLE_COLUMNS)
_INSERT_ARTICLE = (
    f"INSERT INTO articles (id, key, {_ARTICLE_FIELDS}, raw_id, ingested_at) "
    f"VALUES ({', '.join('?' * (len(ARTICLE_COLUMNS) + 4))})"
)
_UPDATE_ARTICLE = (
    "UPDATE articles SET " + ", ".join(f"{name} = ?" for name in ARTICLE_COLUMNS) + " WHERE id = ?"
)
_INDEX_NEW_ARTICLES = (
    "INSERT INTO articles_fts (rowid, title, body) SELECT seq, title, body FROM articles "
    "WHERE seq > ?"
)
_BUMP_CHANGES = "UPDATE store_changes SET counter = counter + 1"
_INSERT_RAW = (
    "INSERT INTO raw_documents (id, sha256, origin, content_type, compressed, received_at) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)


def _split_statements(script: str) -> Iterator[str]:
    """The statements of ``script``, one by one.

    ``executescript`` would commit the open transaction first, so migrations
    are run statement by statement; ``complete_statement`` knows SQLite's
    grammar well enough to keep trigger bodies (with their inner ``;``) whole.
    """
    pending: list[str] = []
    for line in script.splitlines(keepends=True):
        pending.append(line)
        text = "".join(pending)
        if sqlite3.complete_statement(text):
            pending = []
            yield text
    rest = "".join(pending).strip()
    if rest and not all(
        part.strip().startswith("--") or not part.strip() for part in rest.splitlines()
    ):
        raise MigrationError(f"migration script ends with an unterminated statement: {rest!r}")


class SQLiteStore(
    StoryTables,
    StateTables,
    SharedArticleTables,
    SourceTables,
    ServingTables,
    CardTables,
    KeyTables,
    SharedSchema,
    Store,
):
    """A :class:`Store` in one SQLite file (or ``:memory:``).

    Opening creates the parent directory and the file if needed, switches on
    WAL, foreign keys and a busy timeout, and applies pending migrations.
    Raw inputs are kept zlib-compressed at ``compression_level`` (default 1:
    on news text it stores 7% more than level 6 and takes a third less time,
    and raw inputs are only read back by ``reprocess``).
    """

    DIALECT = "sqlite"

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        busy_timeout: float = 5.0,
        compression_level: int = 1,
    ) -> None:
        self.path = str(path) if str(path) == MEMORY else str(Path(path))
        self._compression_level = compression_level
        if self.path != MEMORY:
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create its directory: {exc}") from exc
        try:
            self._conn = sqlite3.connect(self.path, timeout=busy_timeout, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from exc
        self._closed = False
        self._stopped: str | None = None
        """Why the progress handler of :meth:`bounded` stopped the running query."""
        try:
            self._configure(busy_timeout)
            self._migrate()
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r})"

    # -- errors and transactions ---------------------------------------------------------

    def _error(self, action: str, exc: BaseException) -> StoreError:
        if isinstance(exc, sqlite3.OperationalError) and self._stopped is not None:
            return QueryCancelledError(f"{self.path}: cannot {action}: {self._stopped}")
        if isinstance(exc, sqlite3.DatabaseError):
            name = getattr(exc, "sqlite_errorname", "")
            if name == "SQLITE_NOTADB":
                return StoreError(
                    f"{self.path} is not a SQLite database (or is encrypted); "
                    "give the path of a newsweave database or of a new file"
                )
            if name == "SQLITE_CORRUPT":
                return StoreError(f"{self.path}: the database file is corrupt ({action}): {exc}")
        if isinstance(exc, UnicodeEncodeError):
            return StoreError(f"{self.path}: cannot {action}: text is not valid Unicode ({exc})")
        return StoreError(f"{self.path}: cannot {action}: {exc}")

    @contextmanager
    def _reading(self, action: str) -> Iterator[sqlite3.Connection]:
        try:
            yield self._conn
        except sqlite3.Error as exc:
            raise self._error(action, exc) from exc

    @contextmanager
    def _writing(self, action: str) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed if the block succeeds, rolled back otherwise;
        it moves the store's change counter (:meth:`change_count`) on."""
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            # Every write moves the change counter (migration 0012; see change_count).
            conn.execute(_BUMP_CHANGES)
            conn.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, sqlite3.Error | UnicodeEncodeError):
                raise self._error(action, exc) from exc
            raise

    @contextmanager
    def bounded(
        self, *, seconds: float | None, cancelled: Callable[[], bool] | None = None
    ) -> Iterator[None]:
        """See :meth:`ServingStore.bounded`: a progress handler on this connection
        (called every few thousand SQLite VM steps) interrupts the query."""
        deadline = None if seconds is None else time.monotonic() + seconds

        def check() -> int:
            if cancelled is not None and cancelled():
                self._stopped = "the request was cancelled"
                return 1
            if deadline is not None and time.monotonic() > deadline:
                self._stopped = (
                    f"the query ran over its {seconds:g}-second limit; "
                    "search with fewer or more distinctive words"
                )
                return 1
            return 0

        self._conn.set_progress_handler(check, _PROGRESS_STEPS)
        try:
            yield
        finally:
            self._conn.set_progress_handler(None, 0)
            self._stopped = None

    def _rollback(self) -> None:
        if self._closed or not self._conn.in_transaction:
            return
        # The error that made us roll back is the one worth reporting, and
        # SQLite has already rolled back if ROLLBACK itself fails.
        with suppress(sqlite3.Error):
            self._conn.execute("ROLLBACK")

    # -- opening -----------------------------------------------------------------------

    def _configure(self, busy_timeout: float) -> None:
        with self._reading("configure the connection") as conn:
            # The first statement reads the file header: this is where a file
            # that is not a database is detected.
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            # Safe with WAL (never corrupts); a power cut may only lose the
            # last commits, which ingest can redo idempotently.
            conn.execute("PRAGMA synchronous = NORMAL")

    @staticmethod
    def _schema_version(conn: sqlite3.Connection) -> int:
        exists = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
        ).fetchone()
        if exists is None:
            return 0
        version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        return int(version or 0)

    def _refuse_foreign(self, conn: sqlite3.Connection) -> None:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        if tables:
            raise MigrationError(
                f"{self.path} is a SQLite database but not a newsweave one (it has tables "
                f"{', '.join(sorted(tables)[:5])}); give the path of a new file instead"
            )

    def _apply(self, conn: sqlite3.Connection, migration: Migration) -> None:
        label = f"{migration.version:04d}_{migration.name}"
        try:
            for statement in _split_statements(migration.sql):
                conn.execute(statement)
        except sqlite3.Error as exc:
            raise MigrationError(f"{self.path}: migration {label} failed: {exc}") from exc
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, now_text()),
        )

    def close(self) -> None:
        """Close the connection (checkpointing the WAL if this was the last one)."""
        if self._closed:
            return
        self._closed = True
        try:
            self._conn.close()
        except sqlite3.Error as exc:
            raise self._error("close the database", exc) from exc

    # -- articles ----------------------------------------------------------------------

    def _existing_keys(self, conn: sqlite3.Connection, keys: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(keys), _IN_CHUNK):
            chunk = keys[start : start + _IN_CHUNK]
            marks = ", ".join("?" * len(chunk))
            found.update(
                row[0]
                for row in conn.execute(f"SELECT key FROM articles WHERE key IN ({marks})", chunk)
            )
        return found

    def _insert_articles(
        self,
        conn: sqlite3.Connection,
        rows: Sequence[tuple[tuple[Any, ...], tuple[Any, ...]]],
        now: str,
    ) -> None:
        next_raw_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM raw_documents")
        first_raw_id = int(next_raw_id.fetchone()[0])
        last_seq = int(conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0])
        conn.executemany(
            _INSERT_RAW,
            ((first_raw_id + n, *raw_row, now) for n, (raw_row, _article) in enumerate(rows)),
        )
        conn.executemany(
            _INSERT_ARTICLE,
            ((*article_row, first_raw_id + n, now) for n, (_raw, article_row) in enumerate(rows)),
        )
        # The batch's rows, indexed in one statement (migration 0006 says why).
        conn.execute(_INDEX_NEW_ARTICLES, (last_seq,))

    def replace_article(self, article_id: str, article: Article) -> None:
        """See :meth:`Store.replace_article`."""
        try:
            fields = article_to_columns(article)
        except SerialisationError as exc:
            raise StoreError(f"{self.path}: cannot store article {article_id}: {exc}") from exc
        with self._writing(f"replace article {article_id}") as conn:
            updated = conn.execute(_UPDATE_ARTICLE, (*fields, article_id)).rowcount
            # The brief of its story quotes and cites the old text.
            mark_briefs_stale(conn, article_id=article_id)
        if updated == 0:
            raise StoreError(f"{self.path}: no article {article_id} to replace")
