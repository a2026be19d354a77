"""Knowing, from a request's worker thread, that the client went away or the server stops.

Page and API handlers run on worker threads; a search there cannot await
``request.is_disconnected()``.  :class:`DisconnectMiddleware` (pure ASGI) gives
every GET and HEAD request a :class:`threading.Event`, set when the client
disconnects, when the request task is cancelled (``uvicorn`` cancels requests
still running at the end of its graceful shutdown) and when the response is
done.  :func:`bounded_store` hands the event to the store's progress handler,
so the query stops inside the database.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import anyio
from fastapi import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsweave.store import Store
from newsweave.web.common import context_of

__all__ = ["DisconnectMiddleware", "bounded_store"]

_KEY = "newsweave.cancelled"


class DisconnectMiddleware:
    """Set the request's cancel event when its client disconnects (see the module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        cancelled = threading.Event()
        # A GET has no body: take its one request message now, then wait on the
        # connection for the disconnect while the app runs.
        first: Message | None = await receive()
        gone = anyio.Event()

        async def replay() -> Message:
            nonlocal first
            if first is not None:
                message, first = first, None
                return message
            await gone.wait()
            return {"type": "http.disconnect"}

        async def watch() -> None:
            try:
                while (await receive())["type"] != "http.disconnect":
                    pass
            finally:
                # Disconnected, or cancelled (the response is done, or the server
                # stops): either way the worker thread's query may stop now.
                cancelled.set()
                gone.set()

        try:
            async with anyio.create_task_group() as tasks:
                tasks.start_soon(watch)
                try:
                    await self.app(dict(scope, **{_KEY: cancelled}), replay, send)
                finally:
                    tasks.cancel_scope.cancel()
        finally:
            cancelled.set()


@contextmanager
def bounded_store(request: Request) -> Iterator[Store]:
    """This thread's store, its queries limited to ``server.query_seconds`` and
    stopped when the request is cancelled."""
    context = context_of(request)
    store = context.store()
    event = request.scope.get(_KEY)
    cancelled = event.is_set if isinstance(event, threading.Event) else None
    with store.bounded(seconds=context.settings.server.query_seconds, cancelled=cancelled):
        yield store
