"""The server's RSS feeds: top stories, blind spots, a storyline, a search, an outlet.

Each feed lists the stories of the page it follows, in the same order; the
documents are parsed strictly (escaping is checked for every route by
test_web_xss.py).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

from tests.test_web_home import STORIES, _seed
from tests.webapp import app_client

from newsweave.models import StoryChanges
from newsweave.store import open_store


def _items(xml: str) -> list[dict[str, str]]:
    channel = ET.fromstring(xml).find("channel")
    assert channel is not None
    return [{child.tag: child.text or "" for child in item} for item in channel.findall("item")]


def test_top_and_blindspot_feeds_follow_their_pages(db_target: str) -> None:
    _seed(db_target, STORIES)
    with app_client(db_target) as client:
        response = client.get("/top.rss")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/rss+xml")
        items = _items(response.text)
        page = client.get("/top.json").json()["stories"]
        assert [i["guid"] for i in items] == [s["id"] for s in page]
        first = items[0]
        assert first["title"] == "Harbour bridge closes"
        assert first["link"] == "http://testserver/stories/s-big"
        assert first["pubDate"] == "Sun, 10 Mar 2024 15:00:00 +0000"
        assert (
            "3 independent sources; coverage by outlets: left 33%, center 33%, right 33%"
            in (first["description"])
        )
        week = _items(client.get("/top.rss?period=week").text)
        assert [i["guid"] for i in week] == [
            s["id"] for s in client.get("/top.json?period=week").json()["stories"]
        ]
        blind = _items(client.get("/blindspots.rss").text)
        assert [i["guid"] for i in blind] == ["s-blind"]
        assert "Blind spot: no outlet rated on the right." in blind[0]["description"]
        assert '<link rel="alternate" type="application/rss+xml" title="RSS" href="/top.rss">' in (
            client.get("/").text
        )


def test_search_and_outlet_feeds(db_target: str) -> None:
    _seed(db_target, STORIES)
    with app_client(db_target) as client:
        found = _items(client.get("/search.rss", params={"q": "strike"}).text)
        assert [i["guid"] for i in found] == ["s-week"]
        assert 'href="/search.rss?q=strike"' in client.get("/search?q=strike").text
        right = _items(client.get("/outlets.rss", params={"name": "right one"}).text)
        # Newest first: every story with an article from the outlet (two of the same time).
        guids = [i["guid"] for i in right]
        assert set(guids[:2]) == {"s-big", "s-one"}
        assert guids[2:] == ["s-week", "s-old"]
        assert client.get("/outlets.rss", params={"name": "Nobody"}).status_code == 404
        assert client.get("/outlets.rss").status_code == 400
        assert 'href="/outlets.rss?name=Right%20One"' in client.get("/sources").text
        # An outlet's stories page offers its feed, in the head and on the page.
        page = client.get("/stories", params={"outlet": "Right One"}).text
        assert page.count('href="/outlets.rss?name=Right+One"') == 2
        assert "/outlets.rss" not in client.get("/stories").text


def test_home_feeds_follow_the_chosen_period(db_target: str) -> None:
    _seed(db_target, STORIES)
    with app_client(db_target) as client:
        page = client.get("/", params={"period": "week", "all": "1"}).text
        feed = '/top.rss?period=week&amp;all=1"'
        assert page.count(feed) == 2
        week = [i["guid"] for i in _items(client.get("/top.rss?period=week&all=1").text)]
        assert week == [
            c["id"] for c in client.get("/top.json?period=week&all=1").json()["stories"]
        ]
        assert "s-one" in week
        assert '/blindspots.rss?period=month"' in client.get("/blindspots?period=month").text


def test_storyline_feed(db_target: str) -> None:
    _seed(db_target, STORIES)
    with open_store(db_target) as store:
        # Two stories of one saga (the assigner names storylines; set one here).
        stories = [store.get_story("s-week"), store.get_story("s-big")]
        changed = tuple(replace(s, storyline="line-1") for s in stories if s is not None)
        store.apply_story_changes(StoryChanges(stories=changed, upto_seq=store.last_seq()))
    with app_client(db_target) as client:
        feed = client.get("/storylines/line-1.rss")
        assert feed.status_code == 200
        items = _items(feed.text)
        assert [i["guid"] for i in items] == ["s-big", "s-week"]  # newest first
        title = ET.fromstring(feed.text).findtext("channel/title")
        assert title == "newsweave: Rail strike ends"  # the storyline name (here its largest story)
        assert client.get("/storylines/nope.rss").status_code == 404
        card = client.get("/top.json").json()["stories"][0]
        assert card["storyline"] == {"id": "line-1", "name": "Rail strike ends"}
        assert "Storyline: Rail strike ends" in client.get("/").text
        # The story page of a storyline's story offers the storyline's feed.
        story = client.get("/stories/s-week").text
        assert story.count('href="/storylines/line-1.rss"') == 2
