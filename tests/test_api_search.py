"""Full-text search over articles and briefs: any input is a valid query.

Runs on both back ends (SQLite FTS5, PostgreSQL tsvector; conftest.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from tests.webapp import SEEDS, TestClient, app_client, ingest_paths

from conftest import BACKENDS, target_of
from newsweave.store import open_store
from newsweave.store.serving import fts_query


@pytest.fixture(scope="module", params=BACKENDS)
def seeded_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("search")
    db = target_of(request.param, request, folder / "seed.db")
    extra = folder / "extra.jsonl"
    records = [
        {
            "id": "old-1",
            "title": "Harbour bridge reopens",
            "text": "The harbour bridge reopened on Monday after repairs. "
            "Mayor Anna Lindqvist cut the ribbon. Traffic returned to normal by noon.",
            "source": "Coast Herald",
            "published": "2023-03-06T09:00:00Z",
        }
    ]
    extra.write_text("".join(json.dumps(r) + "\n" for r in records))
    ingest_paths(db, [str(SEEDS), str(extra)])
    return db


@pytest.fixture
def client(seeded_db: str) -> Iterator[TestClient]:
    with app_client(seeded_db) as test_client:
        yield test_client


def _titles(client: TestClient, **params: str) -> list[str]:
    response = client.get("/api/v1/search", params=params)
    assert response.status_code == 200, response.text
    return [a["title"] for a in response.json()["articles"]]


def test_search_finds_a_person_and_marks_the_words(client: TestClient) -> None:
    body = client.get("/api/v1/search", params={"q": "Putin"}).json()
    assert len(body["articles"]) == 5
    hit = body["articles"][0]
    assert any(hit["snippet"][s:e].casefold() == "putin" for s, e in hit["highlights"])
    page = client.get("/search", params={"q": "Putin"})
    assert "<mark>Putin</mark>" in page.text


def test_all_terms_must_match(client: TestClient) -> None:
    assert _titles(client, q="harbour ribbon") == ["Harbour bridge reopens"]
    assert _titles(client, q="harbour Putin") == []


def test_entity_and_date_filters(client: TestClient) -> None:
    assert _titles(client, q="bridge", entity="Anna Lindqvist") == ["Harbour bridge reopens"]
    assert _titles(client, q="bridge", entity="Lindqvist Anna") == []
    assert _titles(client, q="harbour", since="2023-03-06", until="2023-03-06") != []
    assert _titles(client, q="harbour", since="2023-03-07") == []
    assert _titles(client, q="", entity="Anna Lindqvist") == ["Harbour bridge reopens"]


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '"unbalanced',
        "Putin AND",
        "OR OR NOT",
        "NEAR(Putin Vietnam, 2)",
        "title:Putin",
        "Put*",
        "^Putin",
        "(Putin",
        "'; DROP TABLE articles; --",
        "-",
        "\x00\x01",
        "Putin\x00",  # FTS5 reads a C string: a NUL inside a term ended the query
        '"red\x00carpet" Viet\x07nam',
        "{title body}: x",
        "Putin + Vietnam",
    ],
)
def test_hostile_queries_never_fail(client: TestClient, text: str) -> None:
    for path in ("/api/v1/search", "/search", "/search.json"):
        response = client.get(path, params={"q": text})
        assert response.status_code == 200, (path, text, response.text)
    assert client.get("/api/v1/stories", params={"q": text}).status_code == 200
    assert client.get("/api/v1/stories", params={"entity": text}).status_code == 200


def test_quoted_terms_are_plain_words() -> None:
    assert fts_query('Putin AND "red carpet"') == '"Putin" "AND" "red carpet"'
    assert fts_query('say "hi') == '"say" """hi"'
    assert fts_query("  -- ** ") is None


def test_briefs_are_searchable_once_built(client: TestClient, seeded_db: str) -> None:
    story = client.get("/api/v1/stories", params={"q": "Putin"}).json()["stories"][0]
    client.get(f"/api/v1/stories/{story['id']}")
    with open_store(seeded_db) as store:
        hits = store.search_briefs("Vietnam")
    assert [hit.story_id for hit in hits] == [story["id"]]
    body = client.get("/api/v1/search", params={"q": "Vietnam"}).json()
    assert body["stories"][0]["story"] == story["id"]


def test_search_pages_by_cursor(client: TestClient) -> None:
    seen: list[str] = []
    cursor = None
    while True:
        params = {"q": "Putin", "limit": "2"}
        if cursor:
            params["cursor"] = cursor
        body = client.get("/api/v1/search", params=params).json()
        seen += [a["id"] for a in body["articles"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 5
