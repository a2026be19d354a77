"""Search over every story (not only those with a built brief), main story first; both stores."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.test_web_home import _seed
from tests.webapp import app_client

from newsweave.store import open_store

WHEN = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)


def _stories() -> list[tuple[str, str, list[tuple[str, datetime | None]]]]:
    return [
        # The story about the name: in every title, from four outlets.
        ("s-main", "Minister Quillon resigns", [(o, WHEN) for o in ("A", "B", "C", "D")]),
        # A story that names it once, in one article.
        ("s-aside", "Budget talks stall as Quillon leaves", [("E", WHEN)]),
        ("s-other", "Harbour bridge closes", [("A", WHEN), ("B", WHEN)]),
    ]


def test_store_ranks_the_main_story_of_a_name_first(db_target: str) -> None:
    _seed(db_target, _stories())
    with open_store(db_target) as store:
        hits = store.search_stories("quillon")
        assert [hit.story_id for hit in hits] == ["s-main", "s-aside"]
        assert [hit.matched_articles for hit in hits] == [4, 1]
        assert hits[0].score > hits[1].score
        assert store.search_stories("nothing-like-this") == []
        assert store.search_stories("  ** ") == []
        rows = store.story_rows(["s-other", "missing", "s-main"])
        assert [row.id for row in rows] == ["s-other", "s-main"]
        assert rows[1].independent_sources == 4


def test_search_page_lists_stories_without_briefs(db_target: str) -> None:
    _seed(db_target, _stories())
    with app_client(db_target) as client:
        body = client.get("/search.json", params={"q": "Quillon"}).json()
        assert client.get("/api/v1/search", params={"q": "Quillon"}).json() == body
        stories = body["stories"]
        assert [s["story"] for s in stories] == ["s-main", "s-aside"]
        assert stories[0]["headline"] == "Minister Quillon resigns"
        assert stories[0]["independent_sources"] == 4
        assert stories[0]["coverage"]["outlets_total"] == 4
        marked = [stories[0]["snippet"][a:b] for a, b in stories[0]["highlights"]]
        assert marked
        assert all(m.casefold() == "quillon" for m in marked)
        # No brief was built: the stories come from their articles.
        with open_store(db_target) as store:
            assert store.get_brief("s-main") is None
        page = client.get("/search", params={"q": "Quillon"}).text
        assert page.index("Minister Quillon resigns") < page.index("Budget talks stall")
        assert "4 matching articles" in page
        # An entity is matched as a phrase.
        named = client.get("/search.json", params={"entity": "Minister Quillon"}).json()
        assert [s["story"] for s in named["stories"]] == ["s-main"]
