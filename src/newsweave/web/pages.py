"""The server-rendered pages (Jinja2, autoescaped) and their ``.json`` twins.

Every page's data comes from :mod:`newsweave.web.views`, the same functions the
API uses, so ``/stories/ID.json`` is exactly what ``/stories/ID`` shows and
what ``/api/v1/stories/ID`` returns.  The ``.json`` routes are registered
before the HTML ones so ``ID.json`` is never taken for an id.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from newsweave.web.api import (
    article_or_404,
    home_request_data,
    list_sources,
    list_stories_data,
    search_request_data,
    story_response,
)
from newsweave.web.common import require_read
from newsweave.web.storypage import story_page as story_view
from newsweave.web.templating import render, render_text

__all__ = ["router"]

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)


def _twin(request: Request) -> str:
    """The URL of this page's JSON twin."""
    path = request.url.path.rstrip("/") or "/top"
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{path}.json{query}"


def _query(request: Request) -> str:
    """The page's query string (``?...``), for a feed of the same selection."""
    return f"?{request.url.query}" if request.url.query else ""


@router.get("/top.json")
def top_json(request: Request) -> dict[str, Any]:
    return home_request_data(request)


@router.get("/", response_class=HTMLResponse)
@router.get("/top", response_class=HTMLResponse)
def home_page(request: Request) -> Response:
    data = home_request_data(request)
    feed = f"/top.rss{_query(request)}"
    context = {"data": data, "twin": _twin(request), "view": "top", "feed": feed}
    return render(request, "home.html", context)


@router.get("/blindspots.json")
def blindspots_json(request: Request) -> dict[str, Any]:
    return home_request_data(request, blindspots=True)


@router.get("/blindspots", response_class=HTMLResponse)
def blindspots_page(request: Request) -> Response:
    data = home_request_data(request, blindspots=True)
    context = {
        "data": data,
        "twin": _twin(request),
        "view": "blindspots",
        "feed": f"/blindspots.rss{_query(request)}",
    }
    return render(request, "home.html", context)


@router.get("/stories.json")
def stories_json(request: Request) -> dict[str, Any]:
    return list_stories_data(request)


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request) -> Response:
    data = list_stories_data(request)
    context: dict[str, Any] = {"data": data, "twin": _twin(request)}
    outlet = (request.query_params.get("outlet") or "").strip()
    if outlet:
        # An outlet's stories: its feed follows them.
        context["feed"] = f"/outlets.rss?{urlencode({'name': outlet})}"
    return render(request, "stories.html", context)


@router.get("/stories/{story_id}.json")
def story_json(request: Request, story_id: str) -> Response:
    return story_response(request, story_id, suffix=".json")


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    # Cached and shared by every request for this story: nothing from the query string.
    twin = f"/stories/{story_id}.json"

    def page(data: dict[str, Any]) -> bytes:
        view = story_view(data)
        line = view["storyline"]
        feed = f"/storylines/{quote(str(line['id']), safe='')}.rss" if line and line["id"] else None
        context = {"data": data, "page": view, "twin": twin, "feed": feed}
        return render_text(request, "story.html", context).encode("utf-8")

    return story_response(request, story_id, render=page)


@router.get("/articles/{article_id}.json")
def article_json(request: Request, article_id: str) -> dict[str, Any]:
    return article_or_404(request, article_id)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> Response:
    data = article_or_404(request, article_id)
    return render(request, "article.html", {"data": data, "twin": _twin(request)})


@router.get("/search.json")
def search_json(request: Request) -> dict[str, Any]:
    return search_request_data(request)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request) -> Response:
    data = search_request_data(request)
    context = {"data": data, "twin": _twin(request), "feed": f"/search.rss{_query(request)}"}
    return render(request, "search.html", context)


@router.get("/sources.json")
def sources_json(request: Request) -> dict[str, Any]:
    return list_sources(request)


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> Response:
    data = list_sources(request)
    return render(request, "sources.html", {"data": data, "twin": _twin(request)})
