"""What one server process holds: settings, per-thread store connections, the writer.

Requests run on a thread pool; a SQLite connection belongs to the thread that
opened it, so each thread opens its own store once and keeps it (WAL lets
every reader see whole committed batches while ``follow`` or the API writes).

Writes (``POST /api/v1/ingest``) go through the one :class:`Writer` of the
process: one story assigner, guarded by a lock, opened on the first write so a
read-only server never pays for it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable

import httpx

from newsweave.cluster.assign import StoryAssigner, assigner_inputs
from newsweave.config import Settings
from newsweave.errors import StoreError
from newsweave.models import InputFailure, RawDocument
from newsweave.pipeline.ingest import IngestSummary, ingest_documents
from newsweave.pipeline.stories import open_assigner, save_assigner
from newsweave.store import Store, open_store

__all__ = ["ServerContext", "Writer"]

SAVE_EVERY = 60.0
"""Seconds between two snapshots of the story assigner while the API ingests."""


class Writer:
    """The process's one story assigner and the lock every API write takes."""

    def __init__(self, context: ServerContext) -> None:
        self._context = context
        self._lock = threading.Lock()
        self._assigner: StoryAssigner | None = None
        self._last_save = 0.0
        self._unsaved = False

    def ingest(self, items: Iterable[RawDocument | InputFailure]) -> IngestSummary:
        """Extract, store and assign stories to ``items`` (one batch per ``store.batch_size``)."""
        store = self._context.store()
        with self._lock:
            if self._assigner is None:
                inputs = assigner_inputs(self._context.settings)
                self._assigner = open_assigner(store, **inputs)
                self._last_save = time.monotonic()
            try:
                summary = ingest_documents(
                    items,
                    store,
                    batch_size=self._context.settings.store.batch_size,
                    stories=self._assigner,
                )
            except BaseException:
                # The assigner may be ahead of the store now: reopen it next time.
                self._assigner = None
                raise
            if summary.new:
                self._unsaved = True
            if self._unsaved and time.monotonic() - self._last_save >= SAVE_EVERY:
                self._save(store)
            return summary

    def _save(self, store: Store) -> None:
        if self._assigner is not None and self._unsaved:
            save_assigner(store, self._assigner)
            self._unsaved = False
        self._last_save = time.monotonic()

    def flush(self) -> None:
        """Save the assigner's snapshot if anything was ingested since the last one."""
        with self._lock:
            self._save(self._context.store())


class ServerContext:
    """Settings and shared state of one server process (see the module docstring).

    ``fetch_transport`` replaces the network for ingest-by-URL (tests).
    """

    def __init__(
        self, settings: Settings, *, fetch_transport: httpx.BaseTransport | None = None
    ) -> None:
        self.settings = settings
        self.fetch_transport = fetch_transport
        self.env_api_key: str | None = None
        self._local = threading.local()
        self._opened: list[Store] = []
        self._opened_lock = threading.Lock()
        # Open (and migrate) once up front, so a bad path fails at start-up.
        self.store()
        self.writer = Writer(self)

    def store(self) -> Store:
        """This thread's store connection, opened on first use."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.settings.db_target)
            self._local.store = store
            with self._opened_lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        """Close the store connections of every thread (at shutdown).

        A SQLite connection can be closed only by its own thread; those end
        with their threads, as before.  A PostgreSQL connection is closed here.
        """
        with self._opened_lock:
            opened, self._opened = self._opened, []
        for store in opened:
            with contextlib.suppress(StoreError):
                store.close()
