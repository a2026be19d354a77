"""The REST API under ``/api/v1`` (OpenAPI at ``/docs``); see ``docs/api.md``.

Read endpoints return the same data as the pages' ``.json`` twins.  Errors are
``{"error": {"code": ..., "message": ...}}``.  Lists are paged by cursor: pass
a response's ``next_cursor`` back as ``cursor``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from newsweave import __version__
from newsweave.errors import InputError
from newsweave.ingest.fetch import Fetcher
from newsweave.ingest.jsonl import record_to_document
from newsweave.ingest.web import read_url
from newsweave.models import InputFailure, RawDocument
from newsweave.pipeline.storylines import iter_storylines, storyline_data
from newsweave.store.serialise import storyline_to_data
from newsweave.store.serving import decode_cursor, encode_cursor
from newsweave.web.cache import ResponseCache
from newsweave.web.cancel import bounded_store
from newsweave.web.common import (
    ApiError,
    briefs_of,
    cards_of,
    context_of,
    parse_when,
    require_read,
    require_write,
    search_cache_of,
    story_query,
)
from newsweave.web.home import blindspot_data, home_data, home_query
from newsweave.web.searchcache import normalise_words
from newsweave.web.security import GuardedTransport
from newsweave.web.views import article_data, search_data, story_data, story_list_data

__all__ = ["router"]

Data = dict[str, Any]

router = APIRouter(prefix="/api/v1", tags=["api"])
read = [Depends(require_read)]

Text = Annotated[str | None, Query()]


@router.get("/health", summary="Liveness, and counts for readers")
def health(request: Request) -> Data:
    """``{"status": "ok"}`` for anyone (a liveness probe needs no key); the version
    and the counts only for a client that may read (``server.read_open`` or a key)."""
    try:
        require_read(request)
    except ApiError:
        return {"status": "ok"}
    store = context_of(request).store()
    return {
        "status": "ok",
        "version": __version__,
        "articles": store.count_articles(),
        "stories": store.count_stories(),
    }


def list_stories_data(request: Request) -> Data:
    """The story list for the query parameters of ``request`` (API and ``/stories.json``)."""
    context = context_of(request)
    query = story_query(dict(request.query_params), page_size=context.settings.server.page_size)
    try:
        with bounded_store(request) as store:
            return story_list_data(store, query, briefs_of(request))
    except ValueError as exc:
        raise ApiError(400, "bad_request", str(exc)) from exc


@router.get("/stories", dependencies=read, summary="List, filter and search stories")
def list_stories(
    request: Request,
    order: Annotated[str, Query(description="recent, largest or oldest")] = "recent",
    since: Annotated[str | None, Query(description="date or ISO datetime")] = None,
    until: Annotated[str | None, Query(description="date or ISO datetime")] = None,
    outlet: Text = None,
    entity: Annotated[str | None, Query(description="a name mentioned in the story")] = None,
    language: Text = None,
    q: Annotated[str | None, Query(description="full-text search")] = None,
    limit: Annotated[int | None, Query(ge=1, le=200)] = None,
    cursor: Text = None,
) -> Data:
    return list_stories_data(request)


def home_request_data(request: Request, *, blindspots: bool = False) -> Data:
    """The top stories (or the blind spots) for the query parameters of ``request``."""
    context = context_of(request)
    try:
        query = home_query(request.query_params, page_size=context.settings.server.page_size)
        with bounded_store(request) as store:
            if blindspots:
                return blindspot_data(store, query, cards_of(request))
            return home_data(store, query, cards_of(request), briefs_of(request))
    except ValueError as exc:
        raise ApiError(400, "bad_request", str(exc)) from exc


Period = Annotated[str | None, Query(description="day (default), week, month or all")]
Day = Annotated[str | None, Query(description="the period's last day (default: the latest)")]
ShowAll = Annotated[str | None, Query(alias="all", description="1: stories with one source too")]
Limit = Annotated[int | None, Query(ge=1, le=100)]


@router.get("/top", dependencies=read, summary="The top stories of a period, as cards")
def top_stories(
    request: Request,
    period: Period = None,
    day: Day = None,
    show_all: ShowAll = None,
    limit: Limit = None,
) -> Data:
    return home_request_data(request)


@router.get("/blindspots", dependencies=read, summary="Stories one side did not cover")
def blindspots(
    request: Request, period: Period = None, day: Day = None, limit: Limit = None
) -> Data:
    return home_request_data(request, blindspots=True)


def story_or_redirect(request: Request, story_id: str, suffix: str = "") -> Data | RedirectResponse:
    """The story page's data, or a redirect when the story was merged into another."""
    context = context_of(request)
    store = context.store()
    data = story_data(store, story_id, briefs_of(request))
    if data is not None:
        return data
    current = store.resolve_story(story_id)
    if current is not None and current != story_id:
        path = request.url.path.replace(story_id, current, 1)
        return RedirectResponse(path + suffix, status_code=307)
    raise ApiError(404, "not_found", f"no story {story_id}")


def story_response(
    request: Request,
    story_id: str,
    *,
    render: Callable[[Data], bytes] | None = None,
    suffix: str = "",
) -> Response:
    """The story as JSON (``render=None``) or rendered, cached per story and brief version."""
    store = context_of(request).store()
    cache: ResponseCache = request.app.state.cache
    kind = "json" if render is None else "html"
    media = "application/json" if render is None else "text/html; charset=utf-8"
    version = store.story_version(story_id)
    # The story JSON lists the storyline's other stories, which change without
    # this story changing: their state is part of the key.  Read before the data,
    # so a change while it is built leaves a key that no later request matches.
    line = store.storyline_stamp(story_id)
    if version is not None:
        stamp = store.brief_stamp(story_id)
        body = cache.get((kind, story_id, version, stamp, line))
        if body is not None:
            if stamp is not None and stamp[0] < version:
                # A stale brief served from the cache: keep its rebuild asked for
                # (without this, a rebuild request lost once is never made again).
                request.app.state.briefs.schedule(story_id)
            return Response(body, media_type=media)
    data = story_or_redirect(request, story_id, suffix)
    if isinstance(data, RedirectResponse):
        return data
    if render is None:
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    else:
        body = render(data)
    if data["brief_version"] is not None:
        # A page without its brief (being built, or failed) is cheap to make and
        # says something that changes without a new version: never cached.
        stamp = (data["brief_version"], data["brief_built_at"])
        cache.put((kind, story_id, data["story"]["version"], stamp, line), body)
    return Response(body, media_type=media)


@router.get("/stories/{story_id}", dependencies=read, summary="A story: brief and articles")
def get_story(request: Request, story_id: str) -> Response:
    return story_response(request, story_id)


@router.get("/stories/{story_id}/brief", dependencies=read, summary="A story's brief only")
def get_brief(request: Request, story_id: str) -> Any:
    data = story_or_redirect(request, story_id)
    if isinstance(data, RedirectResponse):
        return data
    if data["brief"] is None and data["brief_status"] == "building":
        raise ApiError(
            404, "not_ready", f"the brief of story {story_id} is being built: ask again shortly"
        )
    if data["brief"] is None:
        raise ApiError(404, "not_found", f"story {story_id} has no brief")
    return {
        "brief": data["brief"],
        "status": data["brief_status"],
        "version": data["story"]["version"],
    }


def _offset_cursor(cursor: str | None) -> int:
    """The offset an offset-paged list's ``cursor`` holds (0 without one); HTTP 400 if bad."""
    try:
        offset = int(decode_cursor(cursor, length=1)[0]) if cursor else 0
    except ValueError as exc:
        raise ApiError(400, "bad_request", str(exc)) from exc
    return max(0, offset)


@router.get("/storylines", dependencies=read, summary="Storylines, latest last seen first")
def list_storylines(
    request: Request,
    limit: Annotated[int | None, Query(ge=1, le=200)] = None,
    cursor: Text = None,
) -> Data:
    """Each storyline with its name, counts and first/last seen; paged by cursor."""
    context = context_of(request)
    size = limit or context.settings.server.page_size
    offset = _offset_cursor(cursor)
    lines = list(iter_storylines(context.store(), limit=size + 1, offset=offset))
    return {
        "storylines": [storyline_to_data(line) for line in lines[:size]],
        "next_cursor": encode_cursor([offset + size]) if len(lines) > size else None,
    }


@router.get(
    "/storylines/{storyline_id}",
    dependencies=read,
    summary="A storyline and its stories in time order",
)
def get_storyline(request: Request, storyline_id: str) -> Data:
    data = storyline_data(context_of(request).store(), storyline_id)
    if data is None:
        raise ApiError(404, "not_found", f"no storyline {storyline_id}")
    return data


@router.get("/articles", dependencies=read, summary="Articles in ingestion order")
def list_articles(
    request: Request,
    limit: Annotated[int | None, Query(ge=1, le=200)] = None,
    cursor: Text = None,
) -> Data:
    context = context_of(request)
    size = limit or context.settings.server.page_size
    offset = _offset_cursor(cursor)
    store = context.store()
    items = list(store.iter_articles(limit=size + 1, offset=offset))
    return {
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "outlet": a.outlet,
                "published": a.published.isoformat() if a.published else None,
                "url": a.url,
                "language": a.language,
            }
            for a in items[:size]
        ],
        "next_cursor": encode_cursor([offset + size]) if len(items) > size else None,
    }


def article_or_404(request: Request, article_id: str) -> Data:
    store = context_of(request).store()
    article = store.get_article(article_id)
    if article is None:
        raise ApiError(404, "not_found", f"no article {article_id}")
    return article_data(store, article, briefs_of(request))


@router.get("/articles/{article_id}", dependencies=read, summary="One article, by sentence")
def get_article(request: Request, article_id: str) -> Data:
    return article_or_404(request, article_id)


@router.get("/sources", dependencies=read, summary="Outlets seen and the source registry")
def list_sources(request: Request) -> Data:
    store = context_of(request).store()
    registry = {source.name.casefold(): source for source in store.iter_sources()}
    outlets = []
    for outlet in store.outlets():
        known = registry.get(outlet.name.casefold())
        outlets.append(
            {
                "name": outlet.name,
                "articles": outlet.articles,
                "stories": outlet.stories,
                "country": known.country if known else None,
                "type": known.type.value if known else None,
                "bias_ratings": [
                    {"value": r.value, "rater": r.rater, "provenance": r.provenance}
                    for r in (known.bias_ratings if known else ())
                ],
            }
        )
    return {"sources": outlets}


def search_request_data(request: Request) -> Data:
    """Search results for the query parameters of ``request`` (API and ``/search.json``)."""
    context = context_of(request)
    params = request.query_params
    limit_text = params.get("limit")
    try:
        limit = int(limit_text) if limit_text else context.settings.server.page_size
    except ValueError as exc:
        raise ApiError(400, "bad_limit", "limit must be a whole number") from exc
    text = normalise_words(params.get("q") or "")
    entity = normalise_words(params.get("entity") or "") or None
    since = parse_when(params.get("since"), name="since")
    until = parse_when(params.get("until"), name="until", end=True)
    limit = max(1, min(limit, 200))
    cursor = params.get("cursor") or None
    cache = search_cache_of(request)
    try:
        with bounded_store(request) as store:
            # Case does not change what the full-text search finds.
            key = (
                text.casefold(),
                entity.casefold() if entity else None,
                since,
                until,
                limit,
                cursor,
                # Read before the search: a write while it runs leaves a key that
                # no later request makes.
                store.change_count(),
            )
            found = cache.get(key)
            if found is None:
                found = search_data(
                    store,
                    text=text,
                    entity=entity,
                    since=since,
                    until=until,
                    limit=limit,
                    cursor=cursor,
                    cards=cards_of(request),
                )
                cache.put(key, found)
    except ValueError as exc:
        raise ApiError(400, "bad_request", str(exc)) from exc
    # The cached result may have been made for other letter case: echo this query.
    return {**found, "query": {**found["query"], "q": text, "entity": entity}}


@router.get("/search", dependencies=read, summary="Search every story and article")
def search(
    request: Request,
    q: Annotated[str, Query(description="words to find; every word must match")] = "",
    entity: Annotated[str | None, Query(description="a name, matched as a phrase")] = None,
    since: Text = None,
    until: Text = None,
    limit: Annotated[int | None, Query(ge=1, le=200)] = None,
    cursor: Text = None,
) -> Data:
    return search_request_data(request)


class IngestRequest(BaseModel):
    """Articles as JSON records (the JSONL fields), or one URL to fetch (a page or a feed)."""

    articles: list[dict[str, Any]] | None = Field(
        default=None,
        description="records with title, text or html, url, source, published, authors, ...",
    )
    url: str | None = Field(default=None, description="a page or feed URL to fetch")


@router.post(
    "/ingest",
    dependencies=[Depends(require_write)],
    summary="Store articles (JSON records or a URL to fetch); needs an API key",
)
def ingest(request: Request, body: IngestRequest) -> Data:
    context = context_of(request)
    if (body.articles is None) == (body.url is None):
        raise ApiError(400, "bad_request", "give either 'articles' (a list) or 'url', not both")
    items: list[RawDocument | InputFailure] = []
    if body.articles is not None:
        for number, record in enumerate(body.articles):
            origin = f"api:{number}"
            try:
                items.append(record_to_document(record, origin=origin))
            except InputError as exc:
                items.append(InputFailure(origin, type(exc).__name__, exc.reason))
    else:
        settings = context.settings
        transport = context.fetch_transport
        if not settings.server.allow_private_fetch:
            transport = GuardedTransport(transport)
        with Fetcher(settings, transport=transport) as fetcher:
            items.extend(read_url(body.url or "", fetcher=fetcher))
    summary = context.writer.ingest(items)
    return {
        "new": summary.new,
        "duplicate": summary.duplicate,
        "failed": summary.failed,
        "failures": [
            {"origin": f.origin, "error": f.error, "message": f.message} for f in summary.failures
        ],
    }
