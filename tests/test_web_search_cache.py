"""Search results are cached in the web layer, keyed by the query and the store's change stamp."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.test_web_home import _seed
from tests.webapp import app_client

from newsweave.web.searchcache import SearchCache

WHEN = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)


def _cache(client: object) -> SearchCache:
    cache: SearchCache = client.app.state.search_cache  # type: ignore[attr-defined]
    return cache


def test_repeated_search_is_served_from_the_cache(db_target: str) -> None:
    _seed(db_target, [("s-main", "Minister Quillon resigns", [("A", WHEN), ("B", WHEN)])])
    with app_client(db_target) as client:
        cache = _cache(client)
        first = client.get("/search.json", params={"q": "Quillon"}).json()
        assert [s["story"] for s in first["stories"]] == ["s-main"]
        assert (cache.hits, cache.misses) == (0, 1)
        # The same words (other case and spacing) from the page, the twin, the API, the feed.
        again = client.get("/search.json", params={"q": "  quillon "}).json()
        assert again["query"]["q"] == "quillon"
        assert again["stories"] == first["stories"]
        assert again["articles"] == first["articles"]
        page = client.get("/search", params={"q": "Quillon"})
        assert page.status_code == 200
        assert "Minister Quillon resigns" in page.text
        assert client.get("/api/v1/search", params={"q": "Quillon"}).json() == first
        assert client.get("/search.rss", params={"q": "Quillon"}).status_code == 200
        assert (cache.hits, cache.misses) == (4, 1)
        # Other parameters are another entry.
        client.get("/search.json", params={"q": "Quillon", "limit": "1"})
        assert (cache.hits, cache.misses) == (4, 2)


def test_a_store_change_invalidates_the_cached_search(db_target: str) -> None:
    _seed(db_target, [("s-main", "Minister Quillon resigns", [("A", WHEN), ("B", WHEN)])])
    with app_client(db_target) as client:
        cache = _cache(client)
        before = client.get("/search.json", params={"q": "Quillon"}).json()
        assert [s["story"] for s in before["stories"]] == ["s-main"]
        # New articles (and their story) move the store's newest article.
        _seed(db_target, [("s-new", "Quillon returns to parliament", [("C", WHEN)])])
        after = client.get("/search.json", params={"q": "Quillon"}).json()
        assert {s["story"] for s in after["stories"]} == {"s-main", "s-new"}
        assert len(after["articles"]) == len(before["articles"]) + 1
        assert cache.hits == 0


def test_entries_expire_and_the_oldest_is_dropped() -> None:
    now = [0.0]
    cache = SearchCache(max_entries=2, max_age=10.0, clock=lambda: now[0])
    cache.put("a", {"n": 1})
    cache.put("b", {"n": 2})
    assert cache.get("a") == {"n": 1}
    cache.put("c", {"n": 3})  # "b" was used least recently
    assert cache.get("b") is None
    assert cache.get("a") == {"n": 1}
    now[0] = 10.5
    assert cache.get("a") is None
    assert cache.get("c") is None
    assert len(cache) == 0
