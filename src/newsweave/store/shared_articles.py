"""Article, failure and feed storage shared by the SQLite and PostgreSQL stores.

The Python around each query (paging by sequence number, row to model) is
written once here; each store supplies its connection and placeholder through
:class:`~newsweave.store.tables.Tables` and keeps the writes whose SQL differs.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from newsweave.errors import StoreError
from newsweave.models import Article, FeedState, InputFailure, RawDocument, StoryChanges
from newsweave.store.base import StoryHook
from newsweave.store.rows import now_text
from newsweave.store.serialise import (
    SerialisationError,
    article_from_columns,
    article_to_columns,
    datetime_from_text,
    datetime_to_text,
    raw_document_from_blob,
    raw_document_sha256,
    raw_document_to_blob,
)
from newsweave.store.shared_stories import PAGE, SELECT_ARTICLE
from newsweave.store.tables import Tables

__all__ = ["SharedArticleTables"]

_RAW_PAGE = 64


class SharedArticleTables(Tables):
    """Articles, input failures and feed state common to both stores (a mixin)."""

    _compression_level: int

    def _existing_keys(self, conn: Any, keys: Sequence[str]) -> set[str]:
        """Which of ``keys`` are stored."""
        raise NotImplementedError

    def _insert_articles(
        self, conn: Any, rows: Sequence[tuple[tuple[Any, ...], tuple[Any, ...]]], now: str
    ) -> None:
        """Insert the raw-document and article rows of :meth:`_prepare`, in order, with
        new ids and sequence numbers, and index the new articles for search."""
        raise NotImplementedError

    def _write_story_changes(self, conn: Any, changes: StoryChanges) -> None:
        raise NotImplementedError

    def _prepare(
        self, raw: RawDocument, article: Article
    ) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """Serialised raw-document and article rows, without their ids and timestamps."""
        try:
            raw_row = (
                raw_document_sha256(raw),
                raw.origin,
                raw.content_type,
                raw_document_to_blob(raw, level=self._compression_level),
            )
            article_row = (article.id, article.key, *article_to_columns(article))
        except SerialisationError as exc:
            raise StoreError(
                f"{self.path}: cannot store article {article.id} from {raw.origin}: {exc}"
            ) from exc
        return raw_row, article_row

    def add_articles(
        self,
        batch: Sequence[tuple[RawDocument, Article]],
        *,
        stories: StoryHook | None = None,
    ) -> list[bool]:
        """See :meth:`Store.add_articles`."""
        first_of_key: dict[str, int] = {}
        for index, (_raw, article) in enumerate(batch):
            first_of_key.setdefault(article.key, index)
        if not first_of_key:
            return []
        # Serialising and compressing is the slow part: do it outside the write
        # lock, and only for keys that are not stored yet.
        with self._reading("look up article keys") as conn:
            stored = self._existing_keys(conn, list(first_of_key))
        todo = [index for key, index in first_of_key.items() if key not in stored]
        prepared = {index: self._prepare(*batch[index]) for index in todo}
        now = now_text()
        with self._writing("store articles") as conn:
            # Another writer may have stored some of these keys meanwhile.
            raced = self._existing_keys(conn, [batch[index][1].key for index in todo])
            todo = [index for index in todo if batch[index][1].key not in raced]
            self._insert_articles(conn, [prepared[index] for index in todo], now)
            if stories is not None:
                self._assign_stories(conn, stories, {batch[i][1].id: batch[i][1] for i in todo})
        written = set(todo)
        return [index in written for index in range(len(batch))]

    def _assign_stories(self, conn: Any, stories: StoryHook, ours: dict[str, Article]) -> None:
        """Run the story hook on every article after its mark, inside the open transaction.

        Articles another writer stored since the hook last ran come first, read
        back from the table, so every process sees one and the same stream.
        """
        rows = conn.execute(
            self.sql("SELECT seq, id FROM articles WHERE seq > ? ORDER BY seq"),
            (stories.upto_seq,),
        ).fetchall()
        pending: list[tuple[int, Article]] = []
        for seq, article_id in rows:
            article = ours.get(article_id)
            if article is None:
                found = conn.execute(self.sql(f"{SELECT_ARTICLE} WHERE seq = ?"), (seq,)).fetchone()
                assert found is not None  # read in this transaction just above
                article = article_from_columns(found[1:])
            pending.append((int(seq), article))
        if pending:
            self._write_story_changes(conn, stories(pending))

    def get_article(self, article_id: str) -> Article | None:
        """See :meth:`Store.get_article`."""
        with self._reading(f"read article {article_id}") as conn:
            row = conn.execute(self.sql(f"{SELECT_ARTICLE} WHERE id = ?"), (article_id,)).fetchone()
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
                        self.sql(f"{SELECT_ARTICLE} ORDER BY seq LIMIT ? OFFSET ?"),
                        (page, offset),
                    ).fetchall()
                else:
                    rows = conn.execute(
                        self.sql(f"{SELECT_ARTICLE} WHERE seq > ? ORDER BY seq LIMIT ?"),
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
