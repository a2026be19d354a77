"""Feeds (RSS 0.91, RSS 1.0, RSS 2.0, Atom), feed lists, and reading URLs over local HTTP."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from httpserver import FakeClock, LocalHTTPServer, Reply, local_server
from newsweave.config import FetchSettings, Settings
from newsweave.errors import DecodeError, MalformedInputError
from newsweave.extract import extract_article
from newsweave.ingest.feeds import looks_like_feed, parse_feed, read_feed_bytes, read_feed_list
from newsweave.ingest.fetch import Fetcher
from newsweave.ingest.web import read_url
from newsweave.models import InputFailure, RawDocument
from newsweave.pipeline.cluster import cluster_input

__all__ = ["local_server"]  # the fixture, imported for pytest

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "version", "title", "count", "first_link"),
    [
        ("rss091.xml", "rss091", "Harbour Gazette", 2, "http://news.example/2024/ferry-timetable"),
        ("rss10.rdf", "rss10", "Valley Courier", 2, "http://news.example/2024/bridge"),
        ("rss20.xml", "rss20", "Daily Ledger", 3, "http://news.example/2024/budget"),
        ("atom.xml", "atom", "Coastal Times", 2, "http://news.example/2024/storm"),
    ],
)
def test_each_feed_format_parses(
    name: str, version: str, title: str, count: int, first_link: str
) -> None:
    feed = parse_feed(fixture(name), origin=name)
    assert feed.version.startswith(version)
    assert feed.title == title
    assert feed.link == "http://news.example/"
    assert len(feed.entries) == count
    assert feed.entries[0].link == first_link
    assert all(entry.title for entry in feed.entries)
    assert looks_like_feed(fixture(name))


def test_rss091_latin1_text_and_html_entities_decoded() -> None:
    feed = parse_feed(fixture("rss091.xml"), origin="rss091.xml")
    assert feed.entries[0].summary is not None
    assert "café at the terminal" in feed.entries[0].summary
    assert "near the café" in (feed.entries[1].summary or "")
    assert feed.entries[0].published is None


def test_rss20_entry_fields() -> None:
    budget, strike, museum = parse_feed(fixture("rss20.xml"), origin="rss20.xml").entries
    assert budget.id == "ledger-1001"
    assert budget.published == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    assert budget.authors == ("Jane Doe",)
    assert budget.summary == "The council voted 7 to 2 in favour."
    assert budget.content is not None
    assert "Spending on roads" in budget.content
    # "desk@news.example (Sam Lee)": the name, not a garbled address.
    assert strike.authors == ("Sam Lee",)
    assert strike.content is None
    assert museum.authors == ()


def test_rss10_dates_and_creators() -> None:
    bridge, _school = parse_feed(fixture("rss10.rdf"), origin="rss10.rdf").entries
    assert bridge.published == datetime(2024, 3, 5, 9, 15, tzinfo=UTC)
    assert bridge.published.tzinfo is UTC
    assert bridge.authors == ("Ana Ruiz",)


def test_atom_authors_content_and_utc_dates() -> None:
    storm, lifeboat = parse_feed(fixture("atom.xml"), origin="atom.xml").entries
    assert storm.authors == ("Mia Chen", "Leo Park")
    assert storm.published == datetime(2024, 3, 5, 9, 30, tzinfo=UTC)
    assert storm.content is not None
    assert "Ferries may be cancelled" in storm.content
    # Without <published>, the <updated> date stands in.
    assert lifeboat.published == datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("name", ["billion_laughs.xml", "external_entity.xml"])
def test_entity_declarations_are_refused(name: str) -> None:
    with pytest.raises(MalformedInputError, match="entit") as caught:
        parse_feed(fixture(name), origin=name)
    assert caught.value.origin == name


def test_entity_bomb_in_broken_xml_is_refused_too() -> None:
    # The syntax error comes before the declarations, so the XML parser never sees them.
    broken = fixture("billion_laughs.xml").replace(b"<!DOCTYPE rss [", b"<!DOCTYPE rss [<!BOGUS>")
    with pytest.raises(MalformedInputError, match="entit"):
        parse_feed(broken, origin="broken")


def test_entity_bomb_in_utf16_is_refused() -> None:
    text = fixture("billion_laughs.xml").decode("ascii")
    for wide in (text, text.replace("<!DOCTYPE rss [", "<!DOCTYPE rss [<!BOGUS>")):
        with pytest.raises(MalformedInputError, match="entit"):
            parse_feed(wide.encode("utf-16"), origin="wide")


@pytest.mark.parametrize("name", ["not_a_feed.html", "malformed.xml"])
def test_a_document_that_is_not_a_feed_is_refused(name: str) -> None:
    with pytest.raises(MalformedInputError, match="not an RSS or Atom feed") as caught:
        parse_feed(fixture(name), origin=name)
    assert caught.value.origin == name
    assert not looks_like_feed(fixture("not_a_feed.html"))


def test_read_feed_bytes_one_document_per_entry() -> None:
    docs = list(read_feed_bytes(fixture("rss20.xml"), origin="feeds/ledger.xml"))
    assert [d.origin for d in docs] == [f"feeds/ledger.xml#{i}" for i in range(3)]
    assert all(d.content_type == "text/html" for d in docs)
    assert all(d.outlet == "Daily Ledger" for d in docs)
    budget, strike, _museum = docs
    assert "Spending on roads" in budget.content  # full content wins over the summary
    assert strike.content == "Unions and the operator reached an agreement late on Monday."
    assert budget.url == "http://news.example/2024/budget"
    assert budget.title == "City council approves new budget"
    assert budget.published == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    assert budget.record_id == "ledger-1001"


@pytest.mark.parametrize("name", ["rss20.xml", "rss10.rdf", "atom.xml", "rss091.xml"])
def test_every_entry_of_a_feed_file_becomes_an_article(name: str) -> None:
    # An entry's content or summary is an HTML fragment, which trafilatura refused
    # to load: every summary-only entry failed with "no article text found".
    docs = list(read_feed_bytes(fixture(name), origin=name))
    articles = [extract_article(doc) for doc in docs]
    assert all(article.body for article in articles)
    run = cluster_input(str(FIXTURES / name), settings=Settings())
    assert not run.failures
    assert all(story is not None for _id, story in run.rows)


@pytest.mark.parametrize(
    ("content", "body"),
    [
        # trafilatura refused to load these two fragments at all.
        (
            "<p>Unions and the operator agreed on Monday.</p>",
            "Unions and the operator agreed on Monday.",
        ),
        (
            "Unions and the operator agreed. Trains run.",
            "Unions and the operator agreed. Trains run.",
        ),
        (
            "<p>Unions and the operator agreed.</p><p>Trains run.</p>",
            "Unions and the operator agreed.\n\nTrains run.",
        ),
    ],
)
def test_an_html_fragment_is_read_as_a_page_body(content: str, body: str) -> None:
    article = extract_article(
        RawDocument(origin="x.json", content_type="text/html", content=content)
    )
    assert article.body == body


def test_feed_list_from_opml() -> None:
    urls = read_feed_list(fixture("feeds.opml"), origin="subs.opml")
    assert urls == [
        "https://ledger.example/rss.xml",
        "https://coastal.example/atom.xml",
        "http://valley.example/index.rdf",
    ]


def test_feed_list_from_text_with_comments() -> None:
    expected = [
        "https://ledger.example/rss.xml",
        "https://coastal.example/atom.xml",
        "http://valley.example/index.rdf",
    ]
    assert read_feed_list(fixture("feeds.txt"), origin="feeds.txt") == expected
    as_text = fixture("feeds.txt").decode("utf-8")
    assert read_feed_list(as_text, origin="feeds.txt") == expected


def test_feed_list_bad_line_is_named() -> None:
    with pytest.raises(MalformedInputError) as caught:
        read_feed_list("https://ok.example/feed\nftp://old.example/feed\n", origin="list.txt")
    assert caught.value.origin == "list.txt:2"


def test_feed_list_opml_with_entities_is_refused() -> None:
    opml = (
        b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]>'
        b'<opml><body><outline xmlUrl="https://x.example/&a;"/></body></opml>'
    )
    with pytest.raises(MalformedInputError, match="entit"):
        read_feed_list(opml, origin="bomb.opml")


def test_feed_list_must_be_utf8() -> None:
    with pytest.raises(DecodeError):
        read_feed_list(b"https://x.example/\xff\xfe\n", origin="list.txt")


# -- read_url over a real local server ---------------------------------------


def quiet_fetcher(clock: FakeClock) -> Fetcher:
    settings = Settings(fetch=FetchSettings(politeness_delay=0.5, retries=0))
    return Fetcher(settings, clock=clock.clock, sleep=clock.sleep)


def serve_feed(server: LocalHTTPServer, name: str, *, content_type: str, path: str) -> str:
    body = fixture(name).replace(b"http://news.example", server.base_url.encode())
    return server.route(path, Reply(body=body, content_type=content_type))


def test_read_url_html_page_uses_http_charset(local_server: LocalHTTPServer) -> None:
    page = "<html><head><title>Ça va</title></head><body><p>Déjà vu</p></body></html>"
    url = local_server.route(
        "/page", Reply(body=page.encode("latin-1"), content_type="text/html; charset=iso-8859-1")
    )
    with quiet_fetcher(FakeClock()) as fetcher:
        items = list(read_url(url, fetcher=fetcher))
    assert len(items) == 1
    doc = items[0]
    assert isinstance(doc, RawDocument)
    assert doc.content_type == "text/html"
    assert "Déjà vu" in doc.content
    assert doc.url == url
    assert doc.origin == url
    assert doc.fetched_at is not None


def test_read_url_feed_fetches_each_entry_page(local_server: LocalHTTPServer) -> None:
    feed_url = serve_feed(
        local_server, "rss20.xml", content_type="application/rss+xml", path="/rss"
    )
    local_server.route("/2024/budget", Reply(body="<html><body><p>Budget page</p></body></html>"))
    local_server.route("/2024/museum", Reply(body="<html><body><p>Museum page</p></body></html>"))
    # /2024/strike is not routed: 404.
    clock = FakeClock()
    with quiet_fetcher(clock) as fetcher:
        items = list(read_url(feed_url, fetcher=fetcher))
    assert len(items) == 3
    budget, strike, museum = items
    assert isinstance(budget, RawDocument)
    assert isinstance(museum, RawDocument)
    assert "Budget page" in budget.content
    assert budget.url == local_server.url("/2024/budget")
    assert budget.title == "City council approves new budget"
    assert budget.outlet == "Daily Ledger"
    assert budget.authors == ("Jane Doe",)
    assert budget.published == datetime(2024, 3, 5, 9, 0, tzinfo=UTC)
    assert isinstance(strike, InputFailure)
    assert strike.origin == local_server.url("/2024/strike")
    assert "404" in strike.message
    # Feed, robots.txt and three pages on one host: a polite pause before each but the first.
    assert clock.sleeps == [pytest.approx(0.5)] * 4


def test_read_url_sniffs_a_feed_served_as_html(local_server: LocalHTTPServer) -> None:
    feed_url = serve_feed(local_server, "atom.xml", content_type="text/html", path="/atom")
    local_server.route("/2024/storm", Reply(body="<p>storm</p>"))
    local_server.route("/2024/lifeboat", Reply(body="<p>lifeboat</p>"))
    with quiet_fetcher(FakeClock()) as fetcher:
        items = list(read_url(feed_url, fetcher=fetcher))
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    assert all(isinstance(i, RawDocument) and i.outlet == "Coastal Times" for i in items)


def test_read_url_failures_are_yielded_not_raised(local_server: LocalHTTPServer) -> None:
    pdf = local_server.route("/doc.pdf", Reply(body=b"%PDF-1.4", content_type="application/pdf"))
    bomb = local_server.route(
        "/bomb.xml", Reply(body=fixture("billion_laughs.xml"), content_type="application/rss+xml")
    )
    missing = local_server.url("/gone")
    with quiet_fetcher(FakeClock()) as fetcher:
        results = {url: list(read_url(url, fetcher=fetcher)) for url in (pdf, bomb, missing)}
    errors = {
        url: [(f.error, f.origin) for f in items if isinstance(f, InputFailure)]
        for url, items in results.items()
    }
    assert errors == {
        pdf: [("UnsupportedInputError", pdf)],
        bomb: [("MalformedInputError", bomb)],
        missing: [("FetchError", missing)],
    }
