"""The read API and the pages' JSON twins, on the real app over a real database
(a SQLite file, and a PostgreSQL database: conftest.py)."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.webapp import SEEDS, TestClient, app_client, ingest_paths

from conftest import BACKENDS, target_of


@pytest.fixture(scope="module", params=BACKENDS)
def seeded_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    db = target_of(request.param, request, tmp_path_factory.mktemp("api") / "seed.db")
    ingest_paths(db, [str(SEEDS)])
    return db


@pytest.fixture
def client(seeded_db: str) -> Iterator[TestClient]:
    with app_client(seeded_db) as test_client:
        yield test_client


def _story_id(client: TestClient) -> str:
    stories = client.get("/api/v1/stories").json()["stories"]
    assert stories, "the seeds make at least one story"
    return str(stories[0]["id"])


def test_health_counts_what_is_stored(client: TestClient) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["articles"] == 5
    assert body["stories"] >= 1


def test_story_list_shows_the_seed_story_with_its_sources(client: TestClient) -> None:
    story = client.get("/api/v1/stories", params={"order": "largest"}).json()["stories"][0]
    assert story["articles"] == 5
    assert story["independent_sources"] == 5
    assert "British Broadcasting Corporation" in story["outlets"]


def test_story_brief_is_served_with_citations_into_the_articles(client: TestClient) -> None:
    story_id = _story_id(client)
    body = client.get(f"/api/v1/stories/{story_id}").json()
    assert body["brief_status"] == "fresh"
    brief = body["brief"]
    assert brief["story"] == story_id
    assert brief["summary"]
    member_ids = {a["id"] for a in body["articles"]} | {
        c["id"] for a in body["articles"] for c in a["copies"]
    }
    for sentence in brief["summary"]:
        for citation in sentence["citations"]:
            assert citation["article"] in member_ids
            article = client.get(f"/api/v1/articles/{citation['article']}").json()
            texts = {s["index"]: s["text"] for p in article["paragraphs"] for s in p}
            # The cited sentence exists under that number and is marked as cited.
            assert texts[citation["sentence"]] == citation["text"]
            cited = {s["index"] for p in article["paragraphs"] for s in p if s["cited"]}
            assert citation["sentence"] in cited


def test_brief_is_computed_once_per_story_version(seeded_db: str) -> None:
    with app_client(seeded_db) as client:
        story_id = _story_id(client)
        first = client.get(f"/api/v1/stories/{story_id}/brief").json()
    from newsweave.store import open_store

    with open_store(seeded_db) as store:
        cached = store.get_brief(story_id)
        version = store.story_version(story_id)
    assert cached is not None
    assert cached.updated_seq == version == first["version"]


def test_json_twin_equals_the_api(client: TestClient) -> None:
    story_id = _story_id(client)
    assert (
        client.get(f"/stories/{story_id}.json").json()
        == client.get(f"/api/v1/stories/{story_id}").json()
    )
    assert client.get("/stories.json").json() == client.get("/api/v1/stories").json()
    article_id = client.get(f"/stories/{story_id}.json").json()["articles"][0]["id"]
    assert (
        client.get(f"/articles/{article_id}.json").json()
        == client.get(f"/api/v1/articles/{article_id}").json()
    )


def test_pages_render(client: TestClient) -> None:
    story_id = _story_id(client)
    listing = client.get("/stories")
    assert listing.status_code == 200
    assert f'href="/stories/{story_id}"' in listing.text
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    # Citations jump to the page's numbered source list, which links the sentences.
    assert 'class="cite" id="cite-1-1" href="#src-1"' in page.text
    assert '<li id="src-1" value="1">' in page.text
    assert '<a href="#cite-1-1"' in page.text
    assert '<h2 id="h-articles">All articles</h2>' in page.text


def test_sources_of_unknown_outlet_are_named_by_their_title(client: TestClient) -> None:
    # Key points link each source; one with no known outlet is shown by its
    # article's title, not as a bare "article", and its cited sentence is linked.
    story_id = _story_id(client)
    data = client.get(f"/stories/{story_id}.json").json()
    titles = {a["id"]: a["title"] for a in data["articles"] if a["title"]}
    page = html.unescape(client.get(f"/stories/{story_id}").text)
    shown = [
        c
        for point in data["brief"]["key_points"]
        for c in point["support"]
        if c["outlet"] is None and c["article"] in titles
    ]
    assert shown, "the seed story has key-point sources of unknown outlet"
    for citation in shown:
        assert f'<span class="cite-outlet"> “{titles[citation["article"]][:20]}' in page
        link = f'<a href="/articles/{citation["article"]}#s-{citation["sentence"]}">'
        assert link in page


def test_article_page_numbers_every_sentence(client: TestClient) -> None:
    story_id = _story_id(client)
    article = client.get(f"/stories/{story_id}.json").json()["articles"][0]
    data = client.get(f"/articles/{article['id']}.json").json()
    count = sum(len(p) for p in data["paragraphs"])
    html = client.get(f"/articles/{article['id']}").text
    for index in range(count):
        assert f'id="s-{index}"' in html


def test_filters(client: TestClient) -> None:
    def ids(**params: str) -> list[str]:
        response = client.get("/api/v1/stories", params=params)
        assert response.status_code == 200, response.text
        return [s["id"] for s in response.json()["stories"]]

    everything = ids()
    assert ids(outlet="times news global") == everything
    assert ids(outlet="No Such Outlet") == []
    assert ids(entity="Putin") == everything
    assert ids(entity="Zzyzx Qwerty") == []
    assert ids(q="Vietnam") == everything


def test_cursor_pagination_walks_every_story_once(tmp_path: Path) -> None:
    db = tmp_path / "many.db"
    words = ["aardvark", "bison", "camel", "dingo", "emu", "ferret", "gecko", "heron"]
    records = [
        {
            "id": str(n),
            "title": f"Topic {n} {word}",
            "text": f"The {word} {word} matter number {n} is discussed here at length. " * 3,
            "source": f"Outlet {n}",
            "published": f"2024-06-{n + 1:02d}T10:00:00Z",
        }
        for n, word in enumerate(words)
    ]
    input_path = tmp_path / "many.jsonl"
    input_path.write_text("".join(json.dumps(r) + "\n" for r in records))
    ingest_paths(db, [str(input_path)])
    with app_client(db) as client:
        total = client.get("/api/v1/health").json()["stories"]
        assert total >= 4
        for order in ("recent", "largest", "oldest"):
            seen: list[str] = []
            cursor = None
            while True:
                params = {"limit": "3", "order": order}
                if cursor:
                    params["cursor"] = cursor
                body = client.get("/api/v1/stories", params=params).json()
                seen += [s["id"] for s in body["stories"]]
                cursor = body["next_cursor"]
                if cursor is None:
                    break
            assert len(seen) == len(set(seen)) == total
        recent = client.get("/api/v1/stories", params={"since": "2024-06-07"}).json()
        assert recent["stories"]
        assert all(s["last_seen"] >= "2024-06-07" for s in recent["stories"])


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/stories/nope", 404, "not_found"),
        ("/api/v1/articles/nope", 404, "not_found"),
        ("/api/v1/stories?order=sideways", 400, "bad_order"),
        ("/api/v1/stories?since=yesterday", 400, "bad_date"),
        ("/api/v1/stories?cursor=%21%21garbage", 400, "bad_request"),
        ("/api/v1/stories?limit=0", 422, "invalid_request"),
        ("/stories/nope.json", 404, "not_found"),
    ],
)
def test_errors_are_json_with_code_and_message(
    client: TestClient, path: str, status: int, code: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]


def test_html_errors_are_pages(client: TestClient) -> None:
    response = client.get("/stories/nope")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")


def test_openapi_documents_the_endpoints(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/stories",
        "/api/v1/stories/{story_id}",
        "/api/v1/search",
        "/api/v1/ingest",
        "/api/v1/health",
        "/api/v1/sources",
        "/api/v1/articles",
    ):
        assert path in paths
    docs = client.get("/docs")
    assert docs.status_code == 200
    # Offline: the page's scripts and styles come from this server, not a CDN.
    assert "https://" not in docs.text
    assert "http://" not in docs.text
    # Every script and style the page names is served here.
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', docs.text)
    assert "/docs-assets/swagger-ui-bundle.js" in assets
    assert "/docs-assets/swagger-ui.css" in assets
    for asset in assets:
        assert asset.startswith("/"), asset
        assert client.get(asset).status_code == 200, asset
    # The schema is OpenAPI 3.1, which Swagger UI reads from version 5.0 on (4.x
    # shows "Unable to render this definition").
    assert client.get("/openapi.json").json()["openapi"].startswith("3.1")
    bundle = client.get("/docs-assets/swagger-ui-bundle.js").text
    found = re.search(r'PACKAGE_VERSION:"(\d+)\.(\d+)\.(\d+)"', bundle)
    assert found, "no version string in the Swagger UI bundle"
    assert int(found.group(1)) >= 5, found.group(0)


def test_reading_can_be_closed(seeded_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_API_KEY", "secret-key-for-test")
    with app_client(seeded_db, read_open=False) as client:
        assert client.get("/api/v1/stories").status_code == 401
        assert client.get("/").status_code == 401
        headers = {"Authorization": "Bearer secret-key-for-test"}
        assert client.get("/api/v1/stories", headers=headers).status_code == 200
        assert client.get("/api/v1/stories", headers={"X-API-Key": "wrong"}).status_code == 403


def test_story_page_survives_a_failing_brief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []

    def broken(story_id: str, *_args: object, **_kwargs: object) -> None:
        calls.append(story_id)
        raise KeyError("a brief stage bug")

    monkeypatch.setattr("newsweave.pipeline.brief.build_brief", broken)
    db = tmp_path / "broken.db"
    ingest_paths(db, [str(SEEDS)])
    with app_client(db) as client:
        story_id = _story_id(client)
        for _ in range(2):
            page = client.get(f"/stories/{story_id}")
            assert page.status_code == 200
            assert "No brief is available" in page.text
            assert page.text.count('<a href="/articles/') >= 1
        body = client.get(f"/api/v1/stories/{story_id}").json()
        assert body["brief"] is None
        assert body["brief_status"] == "missing"
    assert calls == [story_id], "a failed version is not rebuilt on every request"
