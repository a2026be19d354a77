"""`ingest URL` and `follow` end to end against a real local HTTP server and a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.httpserver import LocalHTTPServer, Reply
from typer.testing import CliRunner

from newsweave.cli import app

runner = CliRunner()

PARAGRAPH = (
    "<p>The council voted on Tuesday to rebuild the old harbour bridge, which has been closed "
    "since the spring floods damaged two of its piers, and work is due to start in {month}.</p>"
)


def page(title: str, month: str) -> str:
    body = "".join(PARAGRAPH.format(month=month) for _ in range(5))
    return (
        f"<html><head><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def rss(base: str, items: list[tuple[str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link>"
        f"<pubDate>Tue, 18 Jun 2024 10:00:00 GMT</pubDate></item>"
        for path, title in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>'
        f"<link>{base}/</link>{entries}</channel></rss>"
    )


@pytest.fixture(autouse=True)
def no_delays(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSWEAVE_FETCH_POLITENESS_DELAY", "0")
    monkeypatch.setenv("NEWSWEAVE_FETCH_BACKOFF", "0")
    monkeypatch.setenv("NEWSWEAVE_FETCH_RETRIES", "0")


def stored(db: Path) -> list[dict[str, object]]:
    result = runner.invoke(app, ["--db", str(db), "articles", "--json"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_follow_stores_new_items_once(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with LocalHTTPServer() as server:
        base = server.base_url
        server.route(
            "/robots.txt",
            Reply(body="User-agent: *\nDisallow: /private/\n", content_type="text/plain"),
        )
        feed = rss(base, [("/a.html", "Bridge to be rebuilt"), ("/private/b.html", "Hidden")])
        server.route("/feed.xml", Reply(body=feed, content_type="application/rss+xml", etag='"v1"'))
        server.route("/a.html", Reply(body=page("Bridge to be rebuilt", "May")))
        server.route("/private/b.html", Reply(body=page("Hidden", "June")))
        feedlist = tmp_path / "feeds.txt"
        feedlist.write_text(f"# my feeds\n{server.url('/feed.xml')}\n")

        result = runner.invoke(
            app, ["--db", str(db), "follow", str(feedlist), "--rounds", "2", "--interval", "0"]
        )
        assert result.exit_code == 0, result.output
        assert "1 new, 0 duplicate, 1 failed" in result.stdout
        assert "robots.txt" in result.stderr
        # The second poll was a conditional GET answered 304: no page was fetched again.
        feed_requests = server.requests_for("/feed.xml")
        assert len(feed_requests) == 2
        assert feed_requests[1].headers.get("if-none-match") == '"v1"'
        assert len(server.requests_for("/a.html")) == 1
        assert not server.requests_for("/private/b.html")
        assert feed_requests[0].headers["user-agent"].startswith("newsweave")

    (article,) = stored(db)
    assert article["url"] == f"{base}/a.html"
    assert article["outlet"] == "Harbour Times"
    assert "harbour bridge" in str(article["body"])


def test_ingest_page_url(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with LocalHTTPServer() as server:
        server.route("/story.html", Reply(body=page("Bridge to be rebuilt", "May")))
        server.route("/gone.html", Reply(status=404, body="nope"))
        result = runner.invoke(
            app, ["--db", str(db), "ingest", server.url("/story.html"), server.url("/gone.html")]
        )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 new, 0 duplicate, 1 failed")
    assert "gone.html" in result.stderr
    (article,) = stored(db)
    assert article["title"] == "Bridge to be rebuilt"


def test_follow_unreadable_feedlist(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["--db", str(tmp_path / "x.db"), "follow", str(tmp_path / "nope.txt")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:")
    assert "nope.txt" in result.stderr
