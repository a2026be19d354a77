"""The PostgreSQL store, for a server several processes share (psycopg 3, optional).

Install it with ``pip install 'newsweave[postgres]'``; the base install never
imports psycopg.  ``open_store("postgresql://user@host/db")`` opens one.

Every write runs in one transaction that first takes a transaction-level advisory
lock (:data:`WRITE_LOCK`), so writers queue as they do on SQLite's ``BEGIN
IMMEDIATE``: article sequence numbers follow commit order and story assignment
(which must see articles in one order) gives the same stories whether one
ingest process runs or several.  Readers take no lock and see whole committed
transactions.  The connection is in autocommit mode: a read outside a write
block is its own transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from newsweave.config import redact_url
from newsweave.errors import MigrationError, QueryCancelledError, StoreError
from newsweave.models import Article
from newsweave.store.base import Store
from newsweave.store.postgres_cards import CardTables
from newsweave.store.postgres_registry import RegistryTables
from newsweave.store.postgres_serving import ServingTables, _clean, mark_briefs_stale
from newsweave.store.postgres_stories import StoryTables
from newsweave.store.rows import now_text
from newsweave.store.schema import Migration
from newsweave.store.serialise import (
    ARTICLE_COLUMNS,
    SerialisationError,
    article_to_columns,
)
from newsweave.store.shared_articles import SharedArticleTables
from newsweave.store.shared_schema import SharedSchema

if TYPE_CHECKING:
    import psycopg

__all__ = ["SEARCH_VECTOR", "WRITE_LOCK", "PostgresStore"]

WRITE_LOCK = 0x6E657773  # "news": the advisory lock every write transaction holds
"""The ``pg_advisory_xact_lock`` key of newsweave's write transactions."""

_ARTICLE_FIELDS = ", ".join(ARTICLE_COLUMNS)
_INSERT_ARTICLE = (
    f"INSERT INTO articles (seq, id, key, {_ARTICLE_FIELDS}, raw_id, ingested_at) "
    f"VALUES ({', '.join(['%s'] * (len(ARTICLE_COLUMNS) + 5))})"
)
_UPDATE_ARTICLE = (
    "UPDATE articles SET "
    + ", ".join(f"{name} = %s" for name in ARTICLE_COLUMNS)
    + " WHERE id = %s"
)
_INSERT_RAW = (
    "INSERT INTO raw_documents (id, sha256, origin, content_type, compressed, received_at) "
    "VALUES (%s, %s, %s, %s, %s, %s)"
)
SEARCH_VECTOR = (
    "setweight(to_tsvector('simple', COALESCE(title, '')), 'A') "
    "|| setweight(to_tsvector('simple', body), 'B')"
)
"""The ``article_search`` vector of an ``articles`` row (migration 0001 says why)."""
_INDEX_NEW_ARTICLES = (
    f"INSERT INTO article_search (seq, search) SELECT seq, {SEARCH_VECTOR} FROM articles "
    "WHERE seq >= %s"
)
_REINDEX_ARTICLE = (
    f"UPDATE article_search AS f SET search = (SELECT {SEARCH_VECTOR} FROM articles AS a "
    "WHERE a.seq = f.seq) WHERE f.seq = (SELECT seq FROM articles WHERE id = %s)"
)

INSTALL_HINT = "install the PostgreSQL extra: pip install 'newsweave[postgres]'"


def _import_psycopg(target: str) -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(f"{target}: PostgreSQL stores need psycopg 3: {INSTALL_HINT}") from exc
    return psycopg


class PostgresStore(
    StoryTables,
    SharedArticleTables,
    ServingTables,
    CardTables,
    RegistryTables,
    SharedSchema,
    Store,
):
    """A :class:`Store` in a PostgreSQL database (see the module docstring).

    Opening connects and applies pending migrations (``store/migrations/postgres``),
    under the write lock, so processes starting together migrate once.
    """

    def __init__(self, url: str, *, compression_level: int = 1, connect_timeout: int = 10) -> None:
        self.url = url
        self.path = redact_url(url)  # what messages call the database
        self._compression_level = compression_level
        self._psycopg = _import_psycopg(self.path)
        self._connect_timeout = connect_timeout
        self._closed = True
        try:
            self._conn: psycopg.Connection[Any] = self._psycopg.connect(
                url, autocommit=True, connect_timeout=connect_timeout
            )
        except self._psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot connect to the database: {exc}") from exc
        self._closed = False
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresStore({self.path!r})"

    # -- what the shared store mixins need (store/tables.py) -----------------------------

    DIALECT = "postgres"
    MARK = "%s"
    NO_LIMIT = None  # LIMIT NULL is no limit in PostgreSQL (SQLite takes -1).

    def text_param(self, value: str) -> str:
        """``value`` without NUL (PostgreSQL text cannot hold one)."""
        return _clean(value)

    # -- errors and transactions ---------------------------------------------------------

    def _error(self, action: str, exc: BaseException) -> StoreError:
        if isinstance(exc, self._psycopg.errors.QueryCanceled):
            return QueryCancelledError(
                f"{self.path}: cannot {action}: the query ran over its time limit; "
                "search with fewer or more distinctive words"
            )
        if "NUL" in str(exc):
            return StoreError(
                f"{self.path}: cannot {action}: PostgreSQL text cannot hold NUL characters"
            )
        if isinstance(exc, UnicodeEncodeError):
            return StoreError(f"{self.path}: cannot {action}: text is not valid Unicode ({exc})")
        return StoreError(f"{self.path}: cannot {action}: {exc}")

    def _connection(self, action: str) -> psycopg.Connection[Any]:
        """The open connection; a new one if the last was broken (a server restart,
        a network cut), so a long-running server recovers on its next request."""
        if self._closed:
            raise StoreError(f"{self.path}: cannot {action}: the store is closed")
        if self._conn.broken:
            try:
                self._conn = self._psycopg.connect(
                    self.url, autocommit=True, connect_timeout=self._connect_timeout
                )
            except self._psycopg.Error as exc:
                raise self._error(action, exc) from exc
        return self._conn

    @contextmanager
    def bounded(
        self, *, seconds: float | None, cancelled: Callable[[], bool] | None = None
    ) -> Iterator[None]:
        """See :meth:`ServingStore.bounded`: the server stops a query of this
        connection after ``seconds`` (``statement_timeout``).  ``cancelled`` is not
        watched during a query (no hook inside PostgreSQL's executor); queries are
        short, and the time limit bounds them."""
        if seconds is None:
            yield
            return
        conn = self._connection("limit query time")
        milliseconds = max(1, int(seconds * 1000))
        try:
            conn.execute(f"SET statement_timeout = {milliseconds}")
        except self._psycopg.Error as exc:
            raise self._error("limit query time", exc) from exc
        try:
            yield
        finally:
            if not conn.broken and not self._closed:
                try:
                    conn.execute("SET statement_timeout = 0")
                except self._psycopg.Error as exc:
                    raise self._error("limit query time", exc) from exc

    @contextmanager
    def _reading(self, action: str) -> Iterator[psycopg.Connection[Any]]:
        conn = self._connection(action)
        try:
            yield conn
        except (self._psycopg.Error, UnicodeEncodeError) as exc:
            raise self._error(action, exc) from exc

    @contextmanager
    def _writing(self, action: str) -> Iterator[psycopg.Connection[Any]]:
        """One write transaction holding the write lock: committed if the block
        succeeds, rolled back otherwise; it moves the store's change counter
        (:meth:`change_count`) on."""
        conn = self._connection(action)
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                yield conn
                # Every write moves the change counter (migration 0003; see change_count).
                conn.execute("UPDATE store_changes SET counter = counter + 1")
        except (self._psycopg.Error, UnicodeEncodeError) as exc:
            raise self._error(action, exc) from exc

    # -- opening -----------------------------------------------------------------------

    @staticmethod
    def _schema_version(conn: psycopg.Connection[Any]) -> int:
        row = conn.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
        if row is None or not row[0]:
            return 0
        version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(version[0] or 0) if version else 0

    def _apply(self, conn: psycopg.Connection[Any], migration: Migration) -> None:
        label = f"{migration.version:04d}_{migration.name}"
        try:
            with conn.transaction():  # a savepoint: name the failing migration
                conn.execute(migration.sql.encode("utf-8"))
        except self._psycopg.Error as exc:
            raise MigrationError(f"{self.path}: migration {label} failed: {exc}") from exc
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%s, %s, %s)",
            (migration.version, migration.name, now_text()),
        )

    def _refuse_foreign(self, conn: psycopg.Connection[Any]) -> None:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "AND tablename != 'schema_migrations' ORDER BY tablename LIMIT 5"
            )
        ]
        if tables:
            raise MigrationError(
                f"{self.path} is a PostgreSQL database but not a newsweave one (it has "
                f"tables {', '.join(tables)}); give an empty database instead"
            )

    def close(self) -> None:
        """Close the connection; calling it again does nothing."""
        if self._closed:
            return
        self._closed = True
        try:
            self._conn.close()
        except self._psycopg.Error as exc:
            raise self._error("close the database", exc) from exc

    # -- articles ----------------------------------------------------------------------

    @staticmethod
    def _existing_keys(conn: psycopg.Connection[Any], keys: Sequence[str]) -> set[str]:
        if not keys:
            return set()
        rows = conn.execute("SELECT key FROM articles WHERE key = ANY(%s)", (list(keys),))
        return {row[0] for row in rows}

    def _insert_articles(
        self,
        conn: psycopg.Connection[Any],
        rows: Sequence[tuple[tuple[Any, ...], tuple[Any, ...]]],
        now: str,
    ) -> None:
        row = conn.execute("SELECT COALESCE(MAX(id), 0) FROM raw_documents").fetchone()
        first_raw = int(row[0] if row else 0) + 1
        row = conn.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()
        first_seq = int(row[0] if row else 0) + 1
        with conn.cursor() as cursor:
            cursor.executemany(
                _INSERT_RAW,
                [(first_raw + n, *raw_row, now) for n, (raw_row, _article) in enumerate(rows)],
            )
            cursor.executemany(
                _INSERT_ARTICLE,
                [
                    (first_seq + n, *article_row, first_raw + n, now)
                    for n, (_raw, article_row) in enumerate(rows)
                ],
            )
        # The batch's rows, indexed in one statement (migration 0001 says why).
        conn.execute(_INDEX_NEW_ARTICLES, (first_seq,))
        conn.execute("SELECT gin_clean_pending_list('article_search_words')")

    def replace_article(self, article_id: str, article: Article) -> None:
        """See :meth:`Store.replace_article`."""
        try:
            fields = article_to_columns(article)
        except SerialisationError as exc:
            raise StoreError(f"{self.path}: cannot store article {article_id}: {exc}") from exc
        with self._writing(f"replace article {article_id}") as conn:
            updated = conn.execute(_UPDATE_ARTICLE, (*fields, article_id)).rowcount
            conn.execute(_REINDEX_ARTICLE, (article_id,))
            mark_briefs_stale(conn, article_id=article_id)
        if updated == 0:
            raise StoreError(f"{self.path}: no article {article_id} to replace")
