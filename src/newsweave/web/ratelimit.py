"""A per-client rate limit on the costly requests: searches, brief builds, ingest.

Every page and API answer but a few is a cheap indexed read; a search, a story
(whose brief may be built on the spot) and an ingest can cost seconds each.  The
query-time limit bounds one such request; this bounds how many one client may
ask for: a token bucket per client of ``server.rate_burst`` requests, refilled
at ``server.rate_per_minute``.  A client over its budget gets 429 with a JSON
error (or the HTML error page for a page) and ``Retry-After``.

A client is its valid API key when it sends one (so many users behind one proxy
with their own keys do not share a budget) and otherwise its address.  An
invalid key counts as no key: inventing keys buys no fresh budget.  Behind a
reverse proxy every keyless client has the proxy's address; give such users keys
or raise the limit.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["RateLimitMiddleware", "RateLimiter", "is_costly"]

_MAX_CLIENTS = 10_000
"""Buckets kept before full (idle) ones are dropped, so many addresses cannot fill memory."""

_SEARCH_PATHS = frozenset({"/search", "/search.json", "/api/v1/search"})
_LIST_PATHS = frozenset({"/", "/stories", "/stories.json", "/api/v1/stories"})
_TEXT_PARAMS = frozenset({"q", "entity"})


def is_costly(method: str, path: str, query: bytes) -> bool:
    """Whether a request is one the rate limit counts.

    Searches, story lists filtered by text or entity, a story (page, ``.json`` or
    API, brief included: it may build the brief) and ``POST /api/v1/ingest``.
    """
    if method == "POST":
        return path == "/api/v1/ingest"
    if path in _SEARCH_PATHS:
        return True
    if path in _LIST_PATHS:
        # Decoded as the app decodes them, so ``%71=words`` is counted as ``q=words``.
        pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=False)
        return any(name in _TEXT_PARAMS and value.strip() for name, value in pairs)
    return path.startswith(("/stories/", "/api/v1/stories/"))


@dataclass(slots=True)
class _Bucket:
    tokens: float
    stamp: float


class RateLimiter:
    """Token buckets per client: ``burst`` requests at once, ``per_minute`` sustained."""

    def __init__(
        self,
        *,
        per_minute: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_second = per_minute / 60.0
        self.burst = float(burst)
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Spend one request of ``client``: 0.0 if allowed, else seconds until it would be."""
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= _MAX_CLIENTS:
                    self._prune(now)
                bucket = self._buckets[client] = _Bucket(self.burst, now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.stamp) * self.per_second)
            bucket.stamp = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.per_second

    def _prune(self, now: float) -> None:
        full = [
            name
            for name, bucket in self._buckets.items()
            if bucket.tokens + (now - bucket.stamp) * self.per_second >= self.burst
        ]
        for name in full:
            del self._buckets[name]
        if len(self._buckets) >= _MAX_CLIENTS:
            # Every client is busy: forget the oldest half rather than grow.
            oldest = sorted(self._buckets, key=lambda name: self._buckets[name].stamp)
            for name in oldest[: len(oldest) // 2]:
                del self._buckets[name]


KeyCheck = Callable[[str], bool]
"""Whether an API key is valid (the environment's key or a live stored key)."""

Reject = Callable[[Scope, Receive, Send, int], Awaitable[None]]
"""Send the 429 answer, with the seconds to wait for ``Retry-After``."""


class RateLimitMiddleware:
    """Answer 429 to a client over its budget of costly requests (pure ASGI).

    ``key_of`` reads the API key from the request headers, ``key_is_valid`` checks
    it, ``reject(scope, receive, send, retry_after)`` sends the 429 answer.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        limiter: RateLimiter,
        key_of: Callable[[Scope], str | None],
        key_is_valid: KeyCheck,
        reject: Reject,
    ) -> None:
        self.app = app
        self.limiter = limiter
        self.key_of = key_of
        self.key_is_valid = key_is_valid
        self.reject = reject

    def client_of(self, scope: Scope) -> str:
        """The bucket name: a digest of a valid key, else the client address."""
        key = self.key_of(scope)
        if key and self.key_is_valid(key):
            return "key:" + hashlib.sha256(key.encode("utf-8")).hexdigest()
        client = scope.get("client")
        return "addr:" + (str(client[0]) if client else "unknown")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not is_costly(
            scope["method"], scope["path"], scope.get("query_string", b"")
        ):
            await self.app(scope, receive, send)
            return
        wait = self.limiter.take(self.client_of(scope))
        if wait <= 0.0:
            await self.app(scope, receive, send)
            return
        await self.reject(scope, receive, send, max(1, math.ceil(wait)))
