"""The app factory: one FastAPI app serving the pages and the API over one store."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Receive, Scope, Send

from newsweave import __version__
from newsweave.brief.build import BriefOptions
from newsweave.config import Settings
from newsweave.errors import NewsweaveError, QueryCancelledError
from newsweave.pipeline.brief import brief_format
from newsweave.web import api, feeds, pages
from newsweave.web.briefs import BriefService
from newsweave.web.cache import ResponseCache
from newsweave.web.cancel import DisconnectMiddleware
from newsweave.web.cards import CardCache
from newsweave.web.common import API_KEY_ENV, ApiError
from newsweave.web.context import ServerContext
from newsweave.web.head import HeadAsGetMiddleware
from newsweave.web.ratelimit import RateLimiter, RateLimitMiddleware
from newsweave.web.searchcache import SearchCache
from newsweave.web.security import BodyLimitMiddleware, key_from_headers, valid_key
from newsweave.web.templating import render

__all__ = ["create_app"]

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "rate_limited",
    422: "invalid_request",
    503: "query_timeout",
}


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path.endswith(".json")


def _error(request: Request, status: int, code: str, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)
    return render(
        request,
        "error.html",
        {"status": status, "code": code, "message": message, "twin": None},
        status=status,
    )


def _key_of(scope: Scope) -> str | None:
    headers = Request(scope).headers
    return key_from_headers(headers.get("authorization"), headers.get("x-api-key"))


async def _too_many(scope: Scope, receive: Receive, send: Send, retry_after: int) -> None:
    request = Request(scope, receive)
    message = f"too many costly requests from this client; retry in {retry_after} s"
    response = _error(request, 429, "rate_limited", message)
    response.headers["Retry-After"] = str(retry_after)
    await response(scope, receive, send)


def create_app(
    settings: Settings,
    *,
    fetch_transport: httpx.BaseTransport | None = None,
    brief_options: BriefOptions | None = None,
    background_briefs: bool = True,
    brief_rebuild_nice: int = 10,
) -> FastAPI:
    """The web app and REST API over ``settings.db_target``.

    ``fetch_transport`` replaces the network for ingest-by-URL (tests);
    ``background_briefs=False`` builds briefs only when a page asks for one;
    ``brief_rebuild_nice`` is the niceness of the process that rebuilds stale
    briefs (lower priority than requests; tests on a busy machine use 0).
    """
    context = ServerContext(settings, fetch_transport=fetch_transport)
    # Briefs cached by another version of the code, or with other options, are stale.
    context.store().use_brief_format(brief_format(brief_options))
    briefs = BriefService(
        context.store,
        db_path=settings.db_target,
        options=brief_options,
        background=background_briefs,
        rebuild_nice=brief_rebuild_nice,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        briefs.close()
        context.writer.flush()
        context.close()

    app = FastAPI(
        title="newsweave",
        version=__version__,
        description="Stories, briefs and articles; see docs/api.md.",
        lifespan=lifespan,
        # /docs is served below from the fastapi-offline package's Swagger UI 5
        # (reads OpenAPI 3.1): FastAPI's default page loads it from a CDN, which
        # an offline machine lacks.
        docs_url=None,
        redoc_url=None,
    )
    app.state.context = context
    app.state.briefs = briefs
    app.state.cache = ResponseCache()
    app.state.cards = CardCache()
    app.state.search_cache = SearchCache()

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return _error(request, exc.status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _CODES.get(exc.status_code, "error")
        return _error(request, exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg')}"
            for err in exc.errors()
        )
        return _error(request, 422, "invalid_request", problems or "invalid request")

    @app.exception_handler(QueryCancelledError)
    async def query_cancelled(request: Request, exc: QueryCancelledError) -> Response:
        return _error(request, 503, "query_timeout", str(exc).split(": ", 1)[-1])

    @app.exception_handler(NewsweaveError)
    async def newsweave_error(request: Request, exc: NewsweaveError) -> Response:
        return _error(request, 500, "server_error", str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # A bug, not bad input: the server logs the traceback; the client still
        # gets the error in the format it asked for, without internals.
        return _error(request, 500, "server_error", "internal error; see the server log")

    static = resources.files("newsweave.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    docs_assets = resources.files("fastapi_offline").joinpath("static")
    app.mount("/docs-assets", StaticFiles(directory=str(docs_assets)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    async def api_docs() -> Response:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="newsweave API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js",
            swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    app.include_router(api.router)
    app.include_router(feeds.router)
    app.include_router(pages.router)
    app.add_middleware(BodyLimitMiddleware, limit=settings.server.max_request_bytes)
    app.add_middleware(DisconnectMiddleware)
    server = settings.server
    if server.rate_per_minute > 0:
        app.add_middleware(
            RateLimitMiddleware,
            limiter=RateLimiter(per_minute=server.rate_per_minute, burst=server.rate_burst),
            key_of=_key_of,
            key_is_valid=lambda key: valid_key(
                key, env_key=os.environ.get(API_KEY_ENV), store=context.store()
            ),
            reject=_too_many,
        )
    app.add_middleware(HeadAsGetMiddleware)
    return app
