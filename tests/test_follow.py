"""Following feeds over a real local HTTP server, with the in-memory state store."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from httpserver import FakeClock, LocalHTTPServer, Reply, local_server
from newsweave.config import FetchSettings, Settings
from newsweave.ingest.fetch import Fetcher
from newsweave.ingest.follow import FeedFollower, FeedStateStore, MemoryFeedStateStore, PollSummary
from newsweave.models import FeedState, InputFailure, RawDocument

__all__ = ["local_server"]  # the fixture, imported for pytest

NOW = datetime(2024, 3, 6, 12, 0, tzinfo=UTC)
ITEM = """<item><title>{title}</title><link>{base}/news/{slug}</link>
<guid>{slug}</guid><pubDate>Wed, 06 Mar 2024 10:00:00 GMT</pubDate>
<description>About {title}.</description></item>"""


def rss(base: str, *slugs: str) -> bytes:
    items = "".join(ITEM.format(title=s.title(), base=base, slug=s) for s in slugs)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
        f"<link>{base}/</link>{items}</channel></rss>"
    ).encode()


def page(slug: str) -> Reply:
    return Reply(body=f"<html><body><h1>{slug}</h1><p>Text of {slug}.</p></body></html>")


def make_fetcher(clock: FakeClock, *, politeness: float = 0.0) -> Fetcher:
    settings = Settings(fetch=FetchSettings(politeness_delay=politeness, retries=0))
    return Fetcher(settings, clock=clock.clock, sleep=clock.sleep)


def follower(
    urls: list[str], fetcher: Fetcher, store: MemoryFeedStateStore | None = None
) -> FeedFollower:
    return FeedFollower(
        urls, fetcher=fetcher, store=store or MemoryFeedStateStore(), now=lambda: NOW
    )


def slugs_of(items: list[RawDocument | InputFailure]) -> list[str]:
    return [i.url.rsplit("/", 1)[-1] for i in items if isinstance(i, RawDocument) and i.url]


def test_memory_store_satisfies_the_protocol() -> None:
    store = MemoryFeedStateStore(["https://x.example/a"])
    assert isinstance(store, FeedStateStore)
    assert store.has_url("https://x.example/a")
    assert store.get_feed_state("https://x.example/feed") is None


def test_second_poll_is_conditional_and_yields_no_duplicates(
    local_server: LocalHTTPServer,
) -> None:
    base = local_server.base_url
    feed_url = local_server.route(
        "/feed", Reply(body=rss(base, "alpha", "beta"), etag='"v1"', content_type="text/xml")
    )
    local_server.route("/news/alpha", page("alpha"))
    local_server.route("/news/beta", page("beta"))
    store = MemoryFeedStateStore()
    with make_fetcher(FakeClock()) as fetcher:
        watcher = follower([feed_url], fetcher, store)
        first = list(watcher.poll_once())
        first_summary = watcher.last_summary
        second = list(watcher.poll_once())
    assert slugs_of(first) == ["alpha", "beta"]
    assert first[0].title == "Alpha"  # type: ignore[union-attr]
    assert first[0].outlet == "Test Wire"  # type: ignore[union-attr]
    assert first_summary == PollSummary(feeds=1, new_items=2)
    assert second == []
    assert watcher.last_summary == PollSummary(feeds=1, not_modified=1)
    feed_requests = local_server.requests_for("/feed")
    assert "if-none-match" not in feed_requests[0].headers
    assert feed_requests[1].headers["if-none-match"] == '"v1"'
    assert len(local_server.requests_for("/news/alpha")) == 1
    state = store.get_feed_state(feed_url)
    assert state == FeedState(url=feed_url, etag='"v1"', last_polled=NOW, last_status=304)


def test_changed_feed_yields_only_new_items(local_server: LocalHTTPServer) -> None:
    base = local_server.base_url
    feed_url = local_server.route(
        "/feed",
        Reply(body=rss(base, "alpha", "beta"), etag='"v1"'),
        Reply(body=rss(base, "gamma", "alpha", "beta"), etag='"v2"'),
    )
    for slug in ("alpha", "beta", "gamma"):
        local_server.route(f"/news/{slug}", page(slug))
    store = MemoryFeedStateStore()
    with make_fetcher(FakeClock()) as fetcher:
        watcher = follower([feed_url], fetcher, store)
        first = list(watcher.poll_once())
        second = list(watcher.poll_once())
    assert slugs_of(first) == ["alpha", "beta"]
    assert slugs_of(second) == ["gamma"]
    assert watcher.last_summary.skipped_items == 2
    assert len(local_server.requests_for("/news/alpha")) == 1
    state = store.get_feed_state(feed_url)
    assert state is not None
    assert state.etag == '"v2"'


def test_items_already_stored_are_not_fetched(local_server: LocalHTTPServer) -> None:
    base = local_server.base_url
    feed_url = local_server.route("/feed", Reply(body=rss(base, "alpha", "beta")))
    local_server.route("/news/beta", page("beta"))
    store = MemoryFeedStateStore([f"{base}/news/alpha"])
    with make_fetcher(FakeClock()) as fetcher:
        items = list(follower([feed_url], fetcher, store).poll_once())
    assert slugs_of(items) == ["beta"]
    assert local_server.requests_for("/news/alpha") == []


def test_one_failing_feed_is_recorded_and_the_others_go_on(
    local_server: LocalHTTPServer,
) -> None:
    base = local_server.base_url
    broken = local_server.url("/missing-feed")
    not_a_feed = local_server.route("/page-not-feed", page("nothing"))
    good = local_server.route("/feed", Reply(body=rss(base, "alpha")))
    local_server.route("/news/alpha", page("alpha"))
    store = MemoryFeedStateStore()
    with make_fetcher(FakeClock()) as fetcher:
        watcher = follower([broken, not_a_feed, good], fetcher, store)
        items = list(watcher.poll_once())
    failures = [(i.origin, i.error) for i in items if isinstance(i, InputFailure)]
    assert failures == [(broken, "FetchError"), (not_a_feed, "MalformedInputError")]
    assert slugs_of(items) == ["alpha"]
    assert watcher.last_summary.failed_feeds == 2
    broken_state = store.get_feed_state(broken)
    assert broken_state is not None
    assert broken_state.last_status == 404
    assert broken_state.error is not None
    assert "404" in broken_state.error
    good_state = store.get_feed_state(good)
    assert good_state is not None
    assert good_state.error is None


def test_failed_item_page_is_reported_and_retried_when_the_feed_changes(
    local_server: LocalHTTPServer,
) -> None:
    base = local_server.base_url
    feed_url = local_server.route(
        "/feed",
        Reply(body=rss(base, "alpha"), etag='"v1"'),
        Reply(body=rss(base, "beta", "alpha"), etag='"v2"'),
    )
    local_server.route("/news/alpha", Reply(status=404), page("alpha"))
    local_server.route("/news/beta", page("beta"))
    with make_fetcher(FakeClock()) as fetcher:
        watcher = follower([feed_url], fetcher)
        first = list(watcher.poll_once())
        second = list(watcher.poll_once())
    assert [(type(i).__name__, i.origin) for i in first] == [("InputFailure", f"{base}/news/alpha")]
    assert slugs_of(second) == ["beta", "alpha"]


def test_item_pages_on_one_host_are_fetched_politely(local_server: LocalHTTPServer) -> None:
    base = local_server.base_url
    feed_url = local_server.route("/feed", Reply(body=rss(base, "a", "b", "c")))
    for slug in "abc":
        local_server.route(f"/news/{slug}", page(slug))
    clock = FakeClock()
    with make_fetcher(clock, politeness=1.5) as fetcher:
        items = list(follower([feed_url], fetcher).poll_once())
    assert len(items) == 3
    # robots.txt, feed, 3 pages: five requests to one host, four pauses.
    assert clock.sleeps == [pytest.approx(1.5)] * 4


def test_run_rounds_callbacks_and_stop(local_server: LocalHTTPServer) -> None:
    base = local_server.base_url
    feed_url = local_server.route(
        "/feed",
        Reply(body=rss(base, "alpha"), etag='"v1"'),
    )
    local_server.route("/news/alpha", page("alpha"))
    waits: list[float] = []
    rounds: list[tuple[int, PollSummary]] = []
    got: list[RawDocument | InputFailure] = []
    with make_fetcher(FakeClock()) as fetcher:
        watcher = FeedFollower(
            [feed_url],
            fetcher=fetcher,
            store=MemoryFeedStateStore(),
            wait=lambda s: bool(waits.append(s)),
        )
        done = watcher.run(
            interval=60.0,
            max_rounds=3,
            on_item=got.append,
            on_round=lambda n, summary: rounds.append((n, summary)),
        )
    assert done == 3
    assert waits == [60.0, 60.0]
    assert [n for n, _ in rounds] == [1, 2, 3]
    assert [s.new_items for _, s in rounds] == [1, 0, 0]
    assert [s.not_modified for _, s in rounds] == [0, 1, 1]
    assert slugs_of(got) == ["alpha"]


def test_stop_from_a_callback_ends_run(local_server: LocalHTTPServer) -> None:
    base = local_server.base_url
    feed_url = local_server.route("/feed", Reply(body=rss(base, "alpha", "beta")))
    local_server.route("/news/alpha", page("alpha"))
    local_server.route("/news/beta", page("beta"))
    got: list[RawDocument | InputFailure] = []
    with make_fetcher(FakeClock()) as fetcher:
        watcher = follower([feed_url], fetcher)

        def take_one(item: RawDocument | InputFailure) -> None:
            got.append(item)
            watcher.stop()

        assert watcher.run(interval=0.0, on_item=take_one) == 1
    assert len(got) == 1
    assert local_server.requests_for("/news/beta") == []


def test_interrupt_leaves_feed_state_unsaved(local_server: LocalHTTPServer) -> None:
    base = local_server.base_url
    feed_url = local_server.route("/feed", Reply(body=rss(base, "alpha", "beta"), etag='"v1"'))
    local_server.route("/news/alpha", page("alpha"))
    local_server.route("/news/beta", page("beta"))
    store = MemoryFeedStateStore()

    def interrupt(item: RawDocument | InputFailure) -> None:
        raise KeyboardInterrupt

    with make_fetcher(FakeClock()) as fetcher:
        watcher = follower([feed_url], fetcher, store)
        with pytest.raises(KeyboardInterrupt):
            watcher.run(interval=0.0, on_item=interrupt)
    # The ETag was not saved, so the next poll reads the whole feed again.
    assert store.get_feed_state(feed_url) is None


def test_run_rejects_negative_interval() -> None:
    watcher = FeedFollower([], fetcher=Fetcher(), store=MemoryFeedStateStore())
    with pytest.raises(ValueError, match="interval"):
        watcher.run(interval=-1, on_item=lambda item: None)
    watcher.fetcher.close()
