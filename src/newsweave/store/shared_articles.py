"""Article, failure and feed reading shared by the SQLite and PostgreSQL stores.

The Python around each query (paging by sequence number, row to model) is
written once here; each store supplies its connection and placeholder through
:class:`~newsweave.store.tables.Tables` and keeps the writes whose SQL differs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from datetime import datetime

from newsweave.errors import StoreError
from newsweave.models import Article, FeedState, InputFailure, RawDocument
from newsweave.store.rows import now_text
from newsweave.store.serialise import (
    ARTICLE_COLUMNS,
    SerialisationError,
    article_from_columns,
    datetime_from_text,
    datetime_to_text,
    raw_document_from_blob,
)
from newsweave.store.shared_stories import PAGE
from newsweave.store.tables import Tables

__all__ = ["SharedArticleTables"]

_RAW_PAGE = 64
_SELECT_ARTICLE = f"SELECT seq, id, key, {', '.join(ARTICLE_COLUMNS)} FROM articles"


class SharedArticleTables(Tables):
    """Articles, input failures and feed state common to both stores (a mixin)."""

    def get_article(self, article_id: str) -> Article | None:
        """See :meth:`Store.get_article`."""
        with self._reading(f"read article {article_id}") as conn:
            row = conn.execute(
                self.sql(f"{_SELECT_ARTICLE} WHERE id = ?"), (article_id,)
            ).fetchone()
        return None if row is None else article_from_columns(row[1:])

    def iter_articles(self, *, limit: int | None = None, offset: int = 0) -> Iterator[Article]:
        """See :meth:`Store.iter_articles`."""
        if offset < 0 or (limit is not None and limit < 0):
            raise ValueError(f"limit and offset must not be negative, got {limit=}, {offset=}")
        remaining = -1 if limit is None else limit
        last_seq: int | None = None
        while remaining != 0:
            page = PAGE if remaining < 0 else min(PAGE, remaining)
            with self._reading("list articles") as conn:
                if last_seq is None:
                    # Only the first page pays for OFFSET; later pages seek by seq.
                    rows = conn.execute(
                        self.sql(f"{_SELECT_ARTICLE} ORDER BY seq LIMIT ? OFFSET ?"),
                        (page, offset),
                    ).fetchall()
                else:
                    rows = conn.execute(
                        self.sql(f"{_SELECT_ARTICLE} WHERE seq > ? ORDER BY seq LIMIT ?"),
                        (last_seq, page),
                    ).fetchall()
            for row in rows:
                yield article_from_columns(row[1:])
            if len(rows) < page:
                return
            last_seq = rows[-1][0]
            if remaining > 0:
                remaining -= len(rows)

    def count_articles(self) -> int:
        """See :meth:`Store.count_articles`."""
        with self._reading("count articles") as conn:
            row = conn.execute("SELECT COUNT(*) FROM articles").fetchone()
        return int(row[0]) if row else 0

    def iter_raw_documents(self) -> Iterator[tuple[str, RawDocument]]:
        """See :meth:`Store.iter_raw_documents`."""
        last_seq = 0
        while True:
            with self._reading("read raw documents") as conn:
                rows = conn.execute(
                    self.sql(
                        "SELECT a.seq, a.id, r.compressed FROM articles AS a "
                        "JOIN raw_documents AS r ON r.id = a.raw_id "
                        "WHERE a.seq > ? ORDER BY a.seq LIMIT ?"
                    ),
                    (last_seq, _RAW_PAGE),
                ).fetchall()
            for _seq, article_id, blob in rows:
                try:
                    raw = raw_document_from_blob(bytes(blob))
                except SerialisationError as exc:
                    raise StoreError(
                        f"{self.path}: raw document of article {article_id}: {exc}"
                    ) from exc
                yield article_id, raw
            if len(rows) < _RAW_PAGE:
                return
            last_seq = rows[-1][0]

    def has_url(self, url: str) -> bool:
        """See :meth:`Store.has_url`."""
        with self._reading(f"look up {url}") as conn:
            # Two EXISTS, not one OR, so each side uses its own index.
            row = conn.execute(
                self.sql(
                    "SELECT EXISTS (SELECT 1 FROM articles WHERE url = ?) "
                    "OR EXISTS (SELECT 1 FROM articles WHERE canonical_url = ?)"
                ),
                (url, url),
            ).fetchone()
        return bool(row and row[0])

    # -- failures and feeds ------------------------------------------------------------

    def record_failures(self, failures: Sequence[InputFailure]) -> None:
        """See :meth:`Store.record_failures`."""
        if not failures:
            return
        now = now_text()
        with self._writing("record failures") as conn, contextlib.closing(conn.cursor()) as cursor:
            cursor.executemany(
                self.sql(
                    "INSERT INTO ingest_failures (origin, stage, error, message, at) "
                    "VALUES (?, ?, ?, ?, ?)"
                ),
                [(f.origin, f.stage, f.error, f.message, now) for f in failures],
            )

    def iter_failures(self) -> Iterator[tuple[datetime, InputFailure]]:
        """See :meth:`Store.iter_failures`."""
        last_id = 0
        while True:
            with self._reading("list failures") as conn:
                rows = conn.execute(
                    self.sql(
                        "SELECT id, origin, stage, error, message, at FROM ingest_failures "
                        "WHERE id > ? ORDER BY id LIMIT ?"
                    ),
                    (last_id, PAGE),
                ).fetchall()
            for _id, origin, stage, error, message, at in rows:
                failure = InputFailure(origin=origin, error=error, message=message, stage=stage)
                yield datetime.fromisoformat(at), failure
            if len(rows) < PAGE:
                return
            last_id = rows[-1][0]

    def get_feed_state(self, url: str) -> FeedState | None:
        """See :meth:`Store.get_feed_state`."""
        with self._reading(f"read feed state of {url}") as conn:
            row = conn.execute(
                self.sql(
                    "SELECT url, etag, last_modified, last_polled, last_status, error "
                    "FROM feeds WHERE url = ?"
                ),
                (url,),
            ).fetchone()
        if row is None:
            return None
        feed_url, etag, last_modified, last_polled, last_status, error = row
        return FeedState(
            url=feed_url,
            etag=etag,
            last_modified=last_modified,
            last_polled=datetime_from_text(last_polled),
            last_status=last_status,
            error=error,
        )

    def set_feed_state(self, state: FeedState) -> None:
        """See :meth:`Store.set_feed_state`."""
        with self._writing(f"save feed state of {state.url}") as conn:
            conn.execute(
                self.sql(
                    "INSERT INTO feeds (url, etag, last_modified, last_polled, last_status, "
                    "error) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
                    "etag = excluded.etag, last_modified = excluded.last_modified, "
                    "last_polled = excluded.last_polled, last_status = excluded.last_status, "
                    "error = excluded.error"
                ),
                (
                    state.url,
                    state.etag,
                    state.last_modified,
                    datetime_to_text(state.last_polled),
                    state.last_status,
                    state.error,
                ),
            )
