"""HEAD answered like GET without the body, for every page and API route.

FastAPI registers ``@router.get`` routes for GET only, so a HEAD request (link
checkers, monitors, ``curl -I``) got 405.  This pure ASGI middleware runs a HEAD
request as a GET and drops the body; the headers, ``Content-Length`` included,
are the GET's, as RFC 9110 asks.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HeadAsGetMiddleware"]


class HeadAsGetMiddleware:
    """Serve HEAD as GET with an empty body (see the module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app(dict(scope, method="GET"), receive, without_body)
