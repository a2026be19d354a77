"""Article text is untrusted: a hostile article is shown as text on every page, never run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.webapp import TestClient, app_client, ingest_paths

HOSTILE = {
    "id": "evil-1",
    "title": '<script>alert("title")</script> Evil <img src=x onerror=alert(1)>',
    "text": (
        "Officials said the <script>alert('body')</script> plan was approved on Monday. "
        '"><img src=x onerror=alert(2)> The vote was close. '
        "<iframe src=javascript:alert(3)></iframe> Critics objected to the plan. "
        "{{ 7*7 }} and {% raw %} template syntax stays text too."
    ),
    "source": "<b onmouseover=alert(4)>Evil Outlet</b>",
    "url": "javascript:alert(5)",
    "published": "2024-02-01T10:00:00Z",
}

DANGEROUS = ("<script>alert", "<img src=x", "<iframe", "<b onmouseover", 'href="javascript:')


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xss")
    input_path = folder / "evil.jsonl"
    input_path.write_text(json.dumps(HOSTILE) + "\n")
    db = folder / "evil.db"
    ingest_paths(db, [str(input_path)])
    return db


def _assert_inert(html: str) -> None:
    for needle in DANGEROUS:
        assert needle not in html, needle


def test_every_page_escapes_the_hostile_article(hostile_db: Path) -> None:
    with app_client(hostile_db) as client:
        story = client.get("/api/v1/stories").json()["stories"][0]
        article_id = client.get(f"/api/v1/stories/{story['id']}").json()["articles"][0]["id"]
        pages = {
            "list": client.get("/"),
            "story": client.get(f"/stories/{story['id']}"),
            "article": client.get(f"/articles/{article_id}"),
            "search": client.get("/search", params={"q": "plan approved"}),
            "search-script": client.get("/search", params={"q": "<script>alert(1)</script>"}),
            "sources": client.get("/sources"),
        }
        for name, response in pages.items():
            assert response.status_code == 200, name
            _assert_inert(response.text)
        article = pages["article"].text
        assert "&lt;script&gt;" in article
        assert "{{ 7*7 }}" in article, "template syntax in articles is not evaluated"
        assert "Source address: javascript:alert(5)" in article
        assert "<mark>" in pages["search"].text


def test_error_pages_escape_the_path(hostile_db: Path) -> None:
    with app_client(hostile_db) as client:
        response = client.get("/stories/<script>alert(6)</script>")
        assert response.status_code == 404
        _assert_inert(response.text)


def test_json_keeps_the_text_verbatim(hostile_db: Path) -> None:
    with app_client(hostile_db) as client:
        response = client.get("/api/v1/articles/" + _first_article(client))
        assert response.headers["content-type"].startswith("application/json")
        texts = " ".join(s["text"] for p in response.json()["paragraphs"] for s in p)
        assert "<script>alert('body')</script>" in texts


def _first_article(client: TestClient) -> str:
    story = client.get("/api/v1/stories").json()["stories"][0]
    return str(client.get(f"/api/v1/stories/{story['id']}").json()["articles"][0]["id"])
