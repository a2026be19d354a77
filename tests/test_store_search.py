"""The serving tables: the search index kept in step with articles, upgrades, briefs.

Tests taking ``db_target`` run on both back ends (conftest.py); the rest look at
SQLite's FTS5 tables themselves.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import old_schema
from newsweave.models import Article, RawDocument
from newsweave.store import open_store
from newsweave.store.serving import StoryQuery


def _article(n: int, title: str, body: str) -> tuple[RawDocument, Article]:
    raw = RawDocument(origin=f"t:{n}", content_type="text/plain", content=body)
    article = Article(
        id=f"a{n}",
        key=f"sha256:{n}",
        title=title,
        body=body,
        outlet="Test Outlet",
        published=datetime(2024, 5, n, tzinfo=UTC),
    )
    return raw, article


def test_index_follows_inserts_and_updates(db_target: str) -> None:
    with open_store(db_target) as store:
        store.add_articles([_article(1, "Dam opens", "The new dam opened near Keswick.")])
        assert [h.article_id for h in store.search_articles("Keswick").items] == ["a1"]
        _raw, changed = _article(1, "Dam opens", "The new dam opened near Penrith.")
        store.replace_article("a1", changed)
        assert store.search_articles("Keswick").items == ()
        assert [h.article_id for h in store.search_articles("Penrith").items] == ["a1"]
        hit = store.search_articles("penrith").items[0]
        assert "\x02Penrith\x03" in hit.snippet


def test_each_article_of_a_batch_is_indexed_once(tmp_path: Path) -> None:
    # New rows are indexed by the store at the end of the batch (no insert
    # trigger since migration 6): every row of the batch, and no row twice.
    db = tmp_path / "s.db"
    with open_store(db) as store:
        store.add_articles(
            [
                _article(1, "Dam opens", "The dam opened near Keswick."),
                _article(2, "Dam closes", "The dam closed near Keswick."),
            ]
        )
        store.add_articles(
            [_article(2, "Dam closes", "A repeat."), _article(3, "Dam", "Keswick again.")]
        )
        found = store.search_articles("Keswick").items
        assert sorted(h.article_id for h in found) == ["a1", "a2", "a3"]
        assert store.search_articles("repeat").items == ()
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'keswick'")
    assert sorted(row[0] for row in rows) == [1, 2, 3]
    triggers = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    conn.close()
    assert ("articles_fts_insert",) not in triggers


def test_upgrade_indexes_articles_stored_before_the_search_migration(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = old_schema(db, 2)
    conn.execute(
        "INSERT INTO articles (id, key, title, body, ingested_at) "
        "VALUES ('old1', 'k', 'Old news', 'Glaciers retreat in the Alps.', 'then')"
    )
    conn.close()
    with open_store(db) as store:
        assert [h.article_id for h in store.search_articles("glaciers").items] == ["old1"]


def test_briefs_cache_keeps_the_newest_version(db_target: str) -> None:
    with open_store(db_target) as store:
        store.put_brief("s1", 5, '{"v": 5}', headline="H", lead="L", text="alpha")
        store.put_brief("s1", 3, '{"v": 3}', headline="H", lead="L", text="beta")
        cached = store.get_brief("s1")
        assert cached is not None
        assert (cached.updated_seq, cached.data) == (5, '{"v": 5}')
        assert store.brief_version("s1") == 5
        assert store.brief_version("nope") is None


def test_article_index_merges_segments_eight_at_a_time(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as store:
        store.add_articles([_article(1, "Dam opens", "The dam opened.")])
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT k, v FROM articles_fts_config WHERE k = 'automerge'").fetchall()
    conn.close()
    assert rows == [("automerge", 8)]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=40), entity=st.none() | st.text(max_size=20))
def test_any_search_text_is_a_valid_query(db_target: str, text: str, entity: str | None) -> None:
    # User syntax never raises, on either back end: quotes, operators, NUL, control chars.
    with open_store(db_target) as store:
        if store.count_articles() == 0:
            store.add_articles([_article(1, "Dam opens", "The dam opened near Keswick.")])
        store.search_articles(text, entity=entity)
        store.search_briefs(text)
        store.story_page(StoryQuery(text=text, entity=entity))


def test_search_matches_every_term_phrases_and_marks_snippets(db_target: str) -> None:
    with open_store(db_target) as store:
        store.add_articles(
            [
                _article(1, "Dam opens", "The new dam opened near Keswick on a cold morning."),
                _article(2, "Bridge", "A bridge opened near Penrith; the dam stayed shut."),
                _article(3, "Keswick fair", "The Keswick fair drew a crowd to the dam site."),
            ]
        )

        def ids(text: str, **options: Any) -> list[str]:
            return sorted(h.article_id for h in store.search_articles(text, **options).items)

        assert ids("dam Keswick") == ["a1", "a3"]
        assert ids('"dam opened"') == ["a1"]
        assert ids("keswick", entity="Keswick fair") == ["a3"]
        assert ids("nothing-like-this") == []
        assert ids("dam", since=datetime(2024, 5, 2, tzinfo=UTC)) == ["a2", "a3"]
        first = store.search_articles("Penrith").items[0]
        assert "\x02Penrith\x03" in first.snippet
        page = store.search_articles("dam", limit=2)
        assert len(page.items) == 2
        assert page.next_cursor is not None
        rest = store.search_articles("dam", limit=2, cursor=page.next_cursor)
        seen = [h.article_id for h in (*page.items, *rest.items)]
        assert sorted(seen) == ["a1", "a2", "a3"]
