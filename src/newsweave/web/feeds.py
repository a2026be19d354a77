"""RSS feeds a reader can follow: the top stories, the blind spots, a storyline, a
search, an outlet.

Each feed is the same stories, in the same order, as the page it follows (the
home page, ``/blindspots``, ``/search``, the story list filtered by outlet), one
``<item>`` per story: the headline, the lead, the independent sources and the
coverage by side.  Escaping is :mod:`newsweave.render.feed`'s (article text is
untrusted).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from newsweave.render.feed import FeedItem, render_items_rss
from newsweave.store.serving import StoryQuery
from newsweave.web.api import home_request_data, search_request_data
from newsweave.web.cancel import bounded_store
from newsweave.web.cards import SIDES
from newsweave.web.common import ApiError, cards_of, require_read

__all__ = ["router"]

Data = dict[str, Any]

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)

FEED_STORIES = 50
"""Stories in a storyline or outlet feed (newest first)."""
_MEDIA = "application/rss+xml; charset=utf-8"


def _description(card: Data) -> str:
    sources = card["independent_sources"]
    parts = [card.get("lead") or ""]
    counts = f"{sources} independent source{'' if sources == 1 else 's'}"
    bar = {group["side"]: group for group in card["coverage"]["bar"]}
    shares = ", ".join(f"{side} {bar[side]['percent']}%" for side in SIDES if bar[side]["outlets"])
    parts.append(f"({counts}; coverage by outlets: {shares})" if shares else f"({counts})")
    if card["coverage"]["blindspot"]:
        parts.append(f"Blind spot: no outlet rated on the {card['coverage']['blindspot']}.")
    return " ".join(part for part in parts if part)


def _published(card: Data) -> datetime | None:
    """The story's last article time (``pubDate``), from the card's ISO text."""
    last = card.get("last_seen")
    return datetime.fromisoformat(last) if last else None


def _feed(
    request: Request, cards: list[Data], *, title: str, description: str, page: str
) -> Response:
    base = str(request.base_url).rstrip("/")
    items = [
        FeedItem(
            title=card["headline"] or "Untitled story",
            guid=card["id"],
            description=_description(card),
            link=f"{base}/stories/{card['id']}",
            published=_published(card),
        )
        for card in cards
    ]
    body = render_items_rss(items, title=title, description=description, link=base + page)
    return Response(body, media_type=_MEDIA)


@router.get("/top.rss")
def top_feed(request: Request) -> Response:
    data = home_request_data(request)
    period = data["period"]["name"]
    return _feed(
        request,
        data["stories"],
        title="newsweave: top stories",
        description=f"The stories covered by the most independent sources ({period})",
        page="/",
    )


@router.get("/blindspots.rss")
def blindspots_feed(request: Request) -> Response:
    data = home_request_data(request, blindspots=True)
    return _feed(
        request,
        data["stories"],
        title="newsweave: blind spots",
        description="Stories that no outlet rated on one side covered",
        page="/blindspots",
    )


@router.get("/search.rss")
def search_feed(request: Request) -> Response:
    data = search_request_data(request)
    words = data["query"]["q"] or data["query"]["entity"] or ""
    return _feed(
        request,
        data["stories"],
        title=f"newsweave: search for {words}",
        description=f"Stories matching {words}, the main story first",
        page="/search",
    )


@router.get("/storylines/{storyline_id}.rss")
def storyline_feed(request: Request, storyline_id: str) -> Response:
    with bounded_store(request) as store:
        stories = store.storyline_stories(storyline_id)
        if not stories:
            raise ApiError(404, "not_found", f"no storyline {storyline_id}")
        # Newest development first, as a reader follows a saga.
        ids = [story.id for story in reversed(stories)][:FEED_STORIES]
        cards = cards_of(request).cards(store, store.story_rows(ids))
    name = next((c["storyline"]["name"] for c in cards if c["storyline"]), None) or storyline_id
    return _feed(
        request,
        cards,
        title=f"newsweave: {name}",
        description=f"The stories of the storyline {name}, newest first",
        page=f"/stories/{ids[0]}",
    )


@router.get("/outlets.rss")
def outlet_feed(request: Request) -> Response:
    # The outlet is a query parameter: a name may hold any character, "/" too.
    outlet = (request.query_params.get("name") or "").strip()
    if not outlet:
        raise ApiError(400, "bad_request", "name the outlet: /outlets.rss?name=...")
    with bounded_store(request) as store:
        page = store.story_page(StoryQuery(order="recent", outlet=outlet, limit=FEED_STORIES))
        if not page.items:
            raise ApiError(404, "not_found", f"no story from the outlet {outlet!r}")
        cards = cards_of(request).cards(store, page.items)
    return _feed(
        request,
        cards,
        title=f"newsweave: stories covered by {outlet}",
        description=f"The latest stories with an article from {outlet}",
        page="/sources",
    )
