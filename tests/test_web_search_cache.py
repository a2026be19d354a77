"""Search results are cached in the web layer, keyed by the query and the store's change counter."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.test_web_home import _seed
from tests.webapp import app_client

from newsweave.models import Story, StoryChanges
from newsweave.store import open_store
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


def test_a_rebuilt_brief_is_seen_by_the_next_search(db_target: str) -> None:
    _seed(db_target, [("s-main", "Minister Quillon resigns", [("A", WHEN), ("B", WHEN)])])
    with app_client(db_target) as client:
        cache = _cache(client)
        before = client.get("/search.json", params={"q": "Quillon"}).json()
        assert "Tessaract" not in before["stories"][0]["snippet"]
        # A brief cached (as the brief worker does) moves no article, only the counter.
        with open_store(db_target) as store:
            last = store.last_seq()
            version = store.story_version("s-main")
            assert version is not None
            store.put_brief(
                "s-main",
                version,
                "{}",
                headline="Minister Quillon resigns",
                lead=None,
                text="Quillon resigned over the Tessaract contract.",
            )
            assert store.last_seq() == last
        after = client.get("/search.json", params={"q": "Quillon"}).json()
        assert "Tessaract" in after["stories"][0]["snippet"]
        assert cache.hits == 0


def test_a_recluster_is_seen_by_the_next_search(db_target: str) -> None:
    _seed(db_target, [("s-main", "Minister Quillon resigns", [("A", WHEN), ("B", WHEN)])])
    with app_client(db_target) as client:
        cache = _cache(client)
        before = client.get("/search.json", params={"q": "Quillon"}).json()
        assert [s["story"] for s in before["stories"]] == ["s-main"]
        # The stories rebuilt from scratch: one article moves to a story of its own.
        with open_store(db_target) as store:
            last = store.last_seq()
            stories = (
                Story(id="s-main", article_ids=("s-main-0",), headline="Minister Quillon resigns"),
                Story(id="s-split", article_ids=("s-main-1",), headline="Quillon's exit"),
            )
            memberships = (("s-main-0", "s-main"), ("s-main-1", "s-split"))
            changes = StoryChanges(memberships=memberships, stories=stories, upto_seq=last)
            store.apply_story_changes(changes, replace=True)
            assert store.last_seq() == last
        after = client.get("/search.json", params={"q": "Quillon"}).json()
        assert {s["story"] for s in after["stories"]} == {"s-main", "s-split"}
        assert {a["story"] for a in after["articles"]} == {"s-main", "s-split"}
        assert cache.hits == 0
        # Nothing written since: served from the cache.
        assert client.get("/search.json", params={"q": "Quillon"}).json() == after
        assert cache.hits == 1


def test_every_write_moves_the_change_counter(db_target: str) -> None:
    with open_store(db_target) as store:
        first = store.change_count()
        assert store.change_count() == first  # reading moves nothing
    _seed(db_target, [("s-main", "Minister Quillon resigns", [("A", WHEN)])])
    with open_store(db_target) as store:
        seeded = store.change_count()
        assert seeded > first
        store.put_brief("s-main", 1, "{}", headline=None, lead=None, text="")
        assert store.change_count() == seeded + 1


def test_the_least_recently_used_entry_is_dropped() -> None:
    cache = SearchCache(max_entries=2)
    cache.put("a", {"n": 1})
    cache.put("b", {"n": 2})
    assert cache.get("a") == {"n": 1}
    cache.put("c", {"n": 3})  # "b" was used least recently
    assert cache.get("b") is None
    assert cache.get("a") == {"n": 1}
    assert cache.get("c") == {"n": 3}
    assert len(cache) == 2
