"""The fetcher (politeness, robots.txt, retries, limits) and the network transport under
it (:mod:`newsweave.http`), against a real local HTTP server.

Delays are asserted through the injectable clock/sleep (``FakeClock``): the test
checks which pauses the fetcher asked for instead of waiting for them.
"""

from __future__ import annotations

import gzip
import socket
from dataclasses import replace

import httpx
import pytest

from httpserver import FakeClock, LocalHTTPServer, Reply, local_server
from newsweave.config import FetchSettings, InputSettings, Settings
from newsweave.errors import FetchError, InputTooLargeError, RobotsDisallowedError
from newsweave.ingest.fetch import Fetcher

__all__ = ["local_server"]  # the fixture, imported for pytest

ROBOTS = "User-agent: *\nDisallow: /private\n"


def make_fetcher(clock: FakeClock, *, max_input_bytes: int = 1_000_000, **fetch: object) -> Fetcher:
    base = FetchSettings(politeness_delay=1.0, backoff=0.5, retries=2, timeout=5.0)
    settings = Settings(
        input=InputSettings(max_input_bytes=max_input_bytes),
        fetch=replace(base, **fetch),  # type: ignore[arg-type]
    )
    return Fetcher(settings, clock=clock.clock, sleep=clock.sleep)


def test_get_returns_body_headers_and_sends_newsweave_user_agent(
    local_server: LocalHTTPServer,
) -> None:
    url = local_server.route(
        "/page",
        Reply(body="<p>café</p>".encode("latin-1"), content_type="text/html; charset=ISO-8859-1"),
    )
    with make_fetcher(FakeClock()) as fetcher:
        result = fetcher.get(url)
    assert result.status == 200
    assert result.url == url
    assert result.content == "<p>café</p>".encode("latin-1")
    assert result.content_type == "text/html"
    assert result.charset == "ISO-8859-1"
    assert not result.not_modified
    seen = local_server.requests_for("/page")[0].headers["user-agent"]
    assert seen.lower().startswith("newsweave/")


def test_conditional_get_with_etag_gives_not_modified(local_server: LocalHTTPServer) -> None:
    url = local_server.route("/feed", Reply(body="<rss/>", etag='"v1"'))
    with make_fetcher(FakeClock()) as fetcher:
        first = fetcher.get(url)
        second = fetcher.get(url, etag=first.etag)
    assert first.etag == '"v1"'
    assert second.status == 304
    assert second.not_modified
    assert second.content == b""
    assert second.etag == '"v1"'
    requests = local_server.requests_for("/feed")
    assert "if-none-match" not in requests[0].headers
    assert requests[1].headers["if-none-match"] == '"v1"'


def test_conditional_get_with_last_modified(local_server: LocalHTTPServer) -> None:
    stamp = "Tue, 05 Mar 2024 10:00:00 GMT"
    url = local_server.route("/feed", Reply(body="<rss/>", last_modified=stamp))
    with make_fetcher(FakeClock()) as fetcher:
        first = fetcher.get(url)
        second = fetcher.get(url, last_modified=first.last_modified)
    assert first.last_modified == stamp
    assert second.not_modified
    assert second.last_modified == stamp
    assert local_server.requests_for("/feed")[1].headers["if-modified-since"] == stamp


def test_redirect_is_followed_and_final_url_reported(local_server: LocalHTTPServer) -> None:
    target = local_server.route("/new", Reply(body="moved here"))
    start = local_server.route("/old", Reply(status=301, headers={"Location": "/new"}))
    with make_fetcher(FakeClock()) as fetcher:
        result = fetcher.get(start)
    assert result.url == target
    assert result.content == b"moved here"


def test_redirect_to_another_scheme_is_refused(local_server: LocalHTTPServer) -> None:
    start = local_server.route(
        "/old", Reply(status=302, headers={"Location": "file:///etc/passwd"})
    )
    with make_fetcher(FakeClock()) as fetcher, pytest.raises(FetchError, match="only http"):
        fetcher.get(start)


@pytest.mark.parametrize("url", ["ftp://example.org/feed", "file:///etc/passwd", "http:///x"])
def test_only_http_and_https_urls(url: str) -> None:
    with make_fetcher(FakeClock()) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert caught.value.url == url


def test_robots_disallow_is_respected_and_robots_fetched_once(
    local_server: LocalHTTPServer,
) -> None:
    local_server.route("/robots.txt", Reply(body=ROBOTS, content_type="text/plain"))
    allowed = local_server.route("/public", Reply(body="ok"))
    forbidden = local_server.route("/private/page", Reply(body="secret"))
    with make_fetcher(FakeClock()) as fetcher:
        assert fetcher.get(allowed).content == b"ok"
        with pytest.raises(RobotsDisallowedError) as caught:
            fetcher.get(forbidden)
        fetcher.get(allowed)
    assert caught.value.url == forbidden
    assert local_server.requests_for("/private/page") == []
    assert len(local_server.requests_for("/robots.txt")) == 1


def test_missing_robots_allows_everything(local_server: LocalHTTPServer) -> None:
    url = local_server.route("/private/page", Reply(body="fine"))
    with make_fetcher(FakeClock()) as fetcher:
        assert fetcher.get(url).content == b"fine"
    assert len(local_server.requests_for("/robots.txt")) == 1


def test_robots_server_error_means_disallow(local_server: LocalHTTPServer) -> None:
    local_server.route("/robots.txt", Reply(status=500))
    url = local_server.route("/page", Reply(body="x"))
    with make_fetcher(FakeClock(), retries=0) as fetcher, pytest.raises(RobotsDisallowedError):
        fetcher.get(url)
    assert local_server.requests_for("/page") == []


def test_robots_can_be_ignored_by_setting(local_server: LocalHTTPServer) -> None:
    local_server.route("/robots.txt", Reply(body=ROBOTS, content_type="text/plain"))
    url = local_server.route("/private/page", Reply(body="secret"))
    with make_fetcher(FakeClock(), respect_robots=False) as fetcher:
        assert fetcher.get(url).content == b"secret"
    assert local_server.requests_for("/robots.txt") == []


def test_politeness_delay_between_requests_to_the_same_host(
    local_server: LocalHTTPServer,
) -> None:
    url = local_server.route("/a", Reply(body="a"))
    clock = FakeClock()
    with make_fetcher(clock, politeness_delay=2.5, respect_robots=False) as fetcher:
        fetcher.get(url)
        assert clock.sleeps == []
        fetcher.get(url)
        assert clock.sleeps == [pytest.approx(2.5)]
        clock.now += 10  # time passed elsewhere: no need to wait again
        fetcher.get(url)
    assert clock.sleeps == [pytest.approx(2.5)]


def test_politeness_is_per_host(local_server: LocalHTTPServer) -> None:
    local_server.route("/a", Reply(body="a"))
    by_ip = local_server.url("/a")
    by_name = by_ip.replace("127.0.0.1", "localhost")
    clock = FakeClock()
    with make_fetcher(clock, politeness_delay=3.0, respect_robots=False) as fetcher:
        fetcher.get(by_ip)
        fetcher.get(by_name)
        assert clock.sleeps == []
        fetcher.get(by_ip)
    assert clock.sleeps == [pytest.approx(3.0)]


def test_robots_fetch_counts_for_politeness_and_crawl_delay_is_honoured(
    local_server: LocalHTTPServer,
) -> None:
    local_server.route("/robots.txt", Reply(body="User-agent: *\nCrawl-delay: 4\n"))
    url = local_server.route("/a", Reply(body="a"))
    clock = FakeClock()
    with make_fetcher(clock, politeness_delay=1.0) as fetcher:
        fetcher.get(url)
    assert clock.sleeps == [pytest.approx(4.0)]


def test_retry_with_backoff_after_503_then_success(local_server: LocalHTTPServer) -> None:
    url = local_server.route("/flaky", Reply(status=503), Reply(status=503), Reply(body="ok"))
    clock = FakeClock()
    with make_fetcher(clock, backoff=0.5, retries=3, politeness_delay=0.0) as fetcher:
        result = fetcher.get(url)
    assert result.content == b"ok"
    assert len(local_server.requests_for("/flaky")) == 3
    assert clock.sleeps == [pytest.approx(0.5), pytest.approx(1.0)]


def test_small_retry_after_is_honoured(local_server: LocalHTTPServer) -> None:
    url = local_server.route(
        "/busy", Reply(status=429, headers={"Retry-After": "3"}), Reply(body="ok")
    )
    clock = FakeClock()
    with make_fetcher(clock, politeness_delay=0.0, respect_robots=False) as fetcher:
        assert fetcher.get(url).content == b"ok"
    assert clock.sleeps == [pytest.approx(3.0)]


def test_long_retry_after_ends_the_retries(local_server: LocalHTTPServer) -> None:
    url = local_server.route("/busy", Reply(status=503, headers={"Retry-After": "3600"}))
    fetcher = make_fetcher(FakeClock(), respect_robots=False)
    with fetcher, pytest.raises(FetchError, match="retry after 3600"):
        fetcher.get(url)
    assert len(local_server.requests_for("/busy")) == 1


def test_server_errors_exhaust_retries(local_server: LocalHTTPServer) -> None:
    url = local_server.route("/down", Reply(status=502))
    clock = FakeClock()
    fetcher = make_fetcher(clock, retries=2, backoff=1.0, politeness_delay=0.0)
    with fetcher, pytest.raises(FetchError, match="HTTP 502") as caught:
        fetcher.get(url)
    assert caught.value.url == url
    assert len(local_server.requests_for("/down")) == 3
    assert clock.sleeps == [pytest.approx(1.0), pytest.approx(2.0)]


def test_client_errors_are_not_retried(local_server: LocalHTTPServer) -> None:
    url = local_server.url("/missing")
    with make_fetcher(FakeClock()) as fetcher, pytest.raises(FetchError, match="HTTP 404"):
        fetcher.get(url)
    assert len(local_server.requests_for("/missing")) == 1


def test_timeout_gives_fetch_error_after_retries(local_server: LocalHTTPServer) -> None:
    url = local_server.route("/slow", Reply(body="late", delay=3.0))
    clock = FakeClock()
    fetcher = make_fetcher(clock, timeout=0.2, retries=1, backoff=0.25, respect_robots=False)
    with fetcher, pytest.raises(FetchError, match="Timeout") as caught:
        fetcher.get(url)
    assert caught.value.url == url
    assert isinstance(caught.value.__cause__, httpx.TimeoutException)
    # The message says how long it waited, which setting says so, and how often it tried.
    assert "no answer within 0.2 s (fetch.timeout), after 2 attempt(s)" in str(caught.value)
    assert len(local_server.requests_for("/slow")) == 2
    assert clock.sleeps[0] == pytest.approx(0.25)


def test_connection_refused_gives_fetch_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/page"
    clock = FakeClock()
    fetcher = make_fetcher(clock, retries=1, politeness_delay=0.0, respect_robots=False)
    with fetcher, pytest.raises(FetchError, match="ConnectError") as caught:
        fetcher.get(url)
    assert caught.value.url == url
    assert clock.sleeps == [pytest.approx(0.5)]


@pytest.mark.parametrize("send_length", [True, False], ids=["declared", "streamed"])
def test_oversized_response_is_refused(local_server: LocalHTTPServer, send_length: bool) -> None:
    url = local_server.route(
        "/big", Reply(body=b"x" * 1000, repeat_body=50, send_length=send_length)
    )
    fetcher = make_fetcher(FakeClock(), max_input_bytes=10_000)
    with fetcher, pytest.raises(InputTooLargeError) as caught:
        fetcher.get(url)
    assert caught.value.origin == url
    assert "10000-byte limit" in str(caught.value)


def test_size_limit_applies_after_decompression(local_server: LocalHTTPServer) -> None:
    bomb = gzip.compress(b"0" * 200_000)
    url = local_server.route("/gz", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    assert len(bomb) < 10_000
    fetcher = make_fetcher(FakeClock(), max_input_bytes=10_000)
    with fetcher, pytest.raises(InputTooLargeError):
        fetcher.get(url)


def test_transport_is_injectable_for_pure_unit_cases() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, text="from the mock", headers={"ETag": '"m"'})

    fetcher = Fetcher(Settings(), transport=httpx.MockTransport(handler), sleep=lambda _: None)
    with fetcher:
        result = fetcher.get("https://unit.example/x")
    assert result.content == b"from the mock"
    assert result.etag == '"m"'
