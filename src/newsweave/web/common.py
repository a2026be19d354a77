"""Pieces the pages and the API share: errors, access checks, query parsing."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time
from typing import Any

from fastapi import Request

from newsweave.store.serving import STORY_ORDERS, StoryQuery
from newsweave.web.briefs import BriefService
from newsweave.web.cards import CardCache
from newsweave.web.context import ServerContext
from newsweave.web.searchcache import SearchCache
from newsweave.web.security import key_from_headers, valid_key

__all__ = [
    "ApiError",
    "briefs_of",
    "cards_of",
    "context_of",
    "parse_when",
    "require_read",
    "require_write",
    "search_cache_of",
    "story_query",
]

API_KEY_ENV = "NEWSWEAVE_API_KEY"


class ApiError(Exception):
    """An error answered as ``{"error": {"code", "message"}}`` (or an HTML error page)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def context_of(request: Request) -> ServerContext:
    context: ServerContext = request.app.state.context
    return context


def briefs_of(request: Request) -> BriefService:
    briefs: BriefService = request.app.state.briefs
    return briefs


def cards_of(request: Request) -> CardCache:
    cards: CardCache = request.app.state.cards
    return cards


def search_cache_of(request: Request) -> SearchCache:
    cache: SearchCache = request.app.state.search_cache
    return cache


def _check_key(request: Request) -> None:
    context = context_of(request)
    key = key_from_headers(request.headers.get("authorization"), request.headers.get("x-api-key"))
    if key is None:
        raise ApiError(
            401, "unauthorized", "an API key is required: send 'Authorization: Bearer KEY'"
        )
    if not valid_key(key, env_key=os.environ.get(API_KEY_ENV), store=context.store()):
        raise ApiError(403, "forbidden", "the API key is not valid (or was revoked)")


def require_read(request: Request) -> None:
    """Reading is open unless ``server.read_open`` is false; then a key is needed."""
    if not context_of(request).settings.server.read_open:
        _check_key(request)


def require_write(request: Request) -> None:
    """Writing always needs a valid API key."""
    _check_key(request)


def parse_when(value: str | None, *, name: str, end: bool = False) -> datetime | None:
    """A date (``2023-05-04``) or an ISO 8601 datetime; a bare date means the whole day."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ApiError(
            400, "bad_date", f"{name}={text!r} is not a date such as 2023-05-04"
        ) from exc
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def story_query(params: dict[str, Any], *, page_size: int) -> StoryQuery:
    """A :class:`StoryQuery` from query parameters (pages and API take the same ones)."""
    order = params.get("order") or "recent"
    if order not in STORY_ORDERS:
        raise ApiError(400, "bad_order", f"order must be one of {', '.join(STORY_ORDERS)}")
    limit = params.get("limit")
    try:
        size = int(limit) if limit not in (None, "") else page_size
    except ValueError as exc:
        raise ApiError(400, "bad_limit", "limit must be a whole number") from exc
    if not 1 <= size <= 200:
        raise ApiError(400, "bad_limit", "limit must be between 1 and 200")
    return StoryQuery(
        order=order,
        since=parse_when(params.get("since"), name="since"),
        until=parse_when(params.get("until"), name="until", end=True),
        outlet=_blank(params.get("outlet")),
        language=_blank(params.get("language")),
        entity=_blank(params.get("entity")),
        text=_blank(params.get("q")),
        limit=size,
        cursor=_blank(params.get("cursor")),
    )
