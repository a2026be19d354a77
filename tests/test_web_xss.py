"""Article text is untrusted: a hostile article is shown as text on every page, never run."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import markdown_it
import pytest
from starlette.routing import Route
from tests.webapp import TestClient, app_client, ingest_paths
from typer.testing import CliRunner

from newsweave.cli import app as cli_app
from newsweave.cli.show import ExportFormat, ShowFormat
from newsweave.store import open_store

runner = CliRunner()

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


# -- every route and every export format, enumerated (issue 21) ------------------------

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'><svg onload=alert(2)>'

# Several outlets and articles on one event, markup in every field a record has:
# title, body, quotes, names (entities), authors, outlet and a javascript: URL.
STORY_RECORDS = [
    {
        "id": f"evil-story-{n}",
        "title": f"Mayor {PAYLOAD} Halvorsen approves the harbour bridge plan {n}",
        "text": (
            "The city council of Brindlemark approved the harbour bridge plan on Monday "
            f"{PAYLOAD}. "
            f'"We will build it {PAYLOAD} this year," said Mayor Anna Halvorsen. '
            f"Critics at the Brindlemark Harbour Trust {PAYLOAD} said the cost was too high. "
            f"The vote was {7 + n} to 4 after a long debate about the bridge. "
            f"Construction of the harbour bridge is due to start in March {PAYLOAD}."
        ),
        "source": f"Outlet{n} {PAYLOAD}",
        "authors": [f"Reporter {PAYLOAD} {n}"],
        "url": "javascript:alert(7)" if n % 2 else f"https://example.org/{n}?q={PAYLOAD}",
        "published": f"2024-03-0{n + 1}T10:00:00Z",
    }
    for n in range(4)
]


class _Elements(HTMLParser):
    """Every start tag and attribute of a page, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


_CHARTS = {"cov-cap", "tl-cap", "sl-cap"}


def _live_markup(html: str) -> list[str]:
    """What in ``html`` would run in a browser: script-like elements, event
    handlers, ``javascript:`` URLs."""
    parser = _Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        if tag == "svg" and dict(attrs).get("aria-labelledby") in _CHARTS:
            # The story page's own charts (drawn by the template, every text
            # escaped); an <svg> from the data would carry none of these names,
            # and its handlers and URLs are still checked below.
            pass
        elif tag in ("script", "iframe", "object", "embed", "svg", "img"):
            found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            url = (value or "").strip().lower()
            if name in ("href", "src", "action", "formaction") and url.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                found.append(f"<{tag} {name}={value}>")
    return found


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("xss-story")
    input_path = folder / "evil-story.jsonl"
    records = [*STORY_RECORDS, HOSTILE]
    input_path.write_text("".join(json.dumps(r) + "\n" for r in records))
    db = folder / "evil-story.db"
    ingest_paths(db, [str(input_path)])
    return db


def _get_routes(routes: Sequence[object], prefix: str = "") -> list[str]:
    """Every GET route of the app, routers included (by whatever FastAPI nests them in)."""
    paths = []
    for route in routes:
        inner = getattr(route, "original_router", None)  # FastAPI >= 0.12x nests routers
        if inner is not None:
            context = getattr(route, "include_context", None)
            paths += _get_routes(inner.routes, prefix + str(getattr(context, "prefix", "") or ""))
        elif isinstance(route, Route) and "GET" in (route.methods or set()):
            paths.append(prefix + route.path)
    return paths


def test_every_get_route_with_hostile_data_and_parameters_is_inert(story_db: Path) -> None:
    with app_client(story_db, rate_per_minute=0) as client:
        stories = client.get("/api/v1/stories", params={"limit": 200}).json()["stories"]
        biggest = max(stories, key=lambda s: int(s["articles"]))
        assert biggest["articles"] >= 2, "the hostile articles should make one story"
        story = client.get(f"/api/v1/stories/{biggest['id']}").json()
        first = story["articles"][0]["id"]
        line = (story.get("storyline") or {}).get("id") or "l-none"
        outlet = story["articles"][0]["outlet"] or "no-outlet"
        values = {
            "story_id": biggest["id"],
            "article_id": first,
            "storyline_id": line,
            "outlet": outlet,
        }
        routes = _get_routes(client.app.routes)  # type: ignore[attr-defined]
        assert {"/", "/stories/{story_id}", "/api/v1/search", "/sources"} <= set(routes)
        names = ("q", "entity", "outlet", "language", "cursor", "order", "since", "limit", "name")
        hostile = dict.fromkeys(names, PAYLOAD)
        visited = 0
        for route in routes:
            if route in ("/openapi.json", "/docs"):
                continue  # no stored data and no parameters reach these
            path = route.format(**values)
            for params in ({}, {"q": "harbour bridge"}, hostile):
                response = client.get(path, params=params)
                assert response.status_code < 500, (path, params, response.text[:300])
                kind = response.headers["content-type"]
                if kind.startswith("text/html"):
                    assert _live_markup(response.text) == [], (path, params)
                elif kind.startswith("application/rss+xml"):
                    _check_rss(response.text)
                else:
                    assert kind.startswith("application/json"), (path, kind)
                    response.json()  # valid JSON, whatever the data
                visited += 1
            # The plain request shows the hostile data, and is not an error page.
            # (The outlet feed names its outlet in the query: a name may hold "/".)
            needs = {"name": values["outlet"]} if path == "/outlets.rss" else {}
            plain = client.get(path, params=needs)
            assert plain.status_code in (200, 404), (path, plain.status_code)
        assert visited >= 3 * 15


def test_every_page_shows_the_hostile_fields_as_text(story_db: Path) -> None:
    with app_client(story_db, rate_per_minute=0) as client:
        stories = client.get("/api/v1/stories", params={"limit": 200}).json()["stories"]
        biggest = max(stories, key=lambda s: int(s["articles"]))
        story = client.get(f"/stories/{biggest['id']}").text
        first = client.get(f"/api/v1/stories/{biggest['id']}").json()["articles"][0]["id"]
        article = client.get(f"/articles/{first}").text
        # Escaped, not dropped: the reader sees what the outlet wrote.
        for page in (story, article):
            assert "&lt;script&gt;alert(" in page
        assert "Reporter &lt;script&gt;" in article, "authors are shown as text"
        assert 'href="javascript:' not in story + article


def _cli(db: Path, *args: str) -> str:
    result = runner.invoke(cli_app, ["--db", str(db), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", [f.value for f in ExportFormat])
def test_every_export_format_is_valid_and_inert(story_db: Path, fmt: str) -> None:
    text = _cli(story_db, "export", "--format", fmt, "--base-url", "https://news.example/s/")
    _check_format(fmt, text)


@pytest.mark.parametrize("fmt", [f.value for f in ShowFormat])
def test_every_show_format_is_valid_and_inert(story_db: Path, fmt: str) -> None:
    with open_store(story_db) as store:
        story = max(store.iter_stories(), key=lambda s: len(s.article_ids))
    _check_format(fmt, _cli(story_db, "show", story.id, "--format", fmt))


def _check_rss(text: str) -> None:
    root = ET.fromstring(text.encode("utf-8"))  # strict XML
    for element in root.iter():
        if element.tag in ("title", "description"):
            # What an HTML-rendering reader gets after XML parsing.
            assert _live_markup(element.text or "") == [], element.tag
        if element.tag == "link":
            assert not (element.text or "").lower().startswith("javascript:")


def _check_format(fmt: str, text: str) -> None:
    assert "alert(" in text, "the hostile text is exported, not dropped"
    if fmt == "json":
        json.loads(text)
    elif fmt == "jsonl":
        for line in text.splitlines():
            json.loads(line)
    elif fmt == "html":
        assert _live_markup(text) == []
    elif fmt == "md":
        # Markdown viewers render raw HTML and links: none may come from the data.
        rendered = markdown_it.MarkdownIt("commonmark").render(text)
        assert _live_markup(rendered) == [], fmt
    else:
        root = ET.fromstring(text.encode("utf-8"))  # strict XML
        for element in root.iter():
            if element.tag in ("title", "description"):
                # What an HTML-rendering reader gets after XML parsing.
                assert _live_markup(element.text or "") == [], element.tag
            if element.tag == "link":
                assert not (element.text or "").lower().startswith("javascript:")
