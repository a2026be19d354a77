"""The streaming download of a large remote file to disk (:mod:`newsweave.ingest.download`),
against a real local HTTP server: written as it arrives (bounded memory), under its own
cap, retried on 503 and on a body cut short (resuming with ``Range``), and every
failure naming the URL.  Waits are recorded by an injected ``sleep``, not waited for.
"""

from __future__ import annotations

import gzip
import socket
import tempfile
import tracemalloc
from dataclasses import replace
from pathlib import Path

import pytest

from httpserver import FakeClock, LocalHTTPServer, Reply, local_server
from newsweave.config import FetchSettings, InputSettings, Settings
from newsweave.errors import FetchError, InputTooLargeError
from newsweave.ingest.download import download_to

__all__ = ["local_server"]  # the fixture, imported for pytest

BLOCK = bytes(range(256)) * 256  # 64 KiB
"""A block of the served bodies; sent many times, so the server builds no large body."""


def _settings(*, cap: int = 64 * 1024 * 1024, **fetch: object) -> Settings:
    base = FetchSettings(backoff=0.5, retries=2, timeout=5.0)
    return Settings(
        input=InputSettings(max_download_bytes=cap),
        fetch=replace(base, **fetch),  # type: ignore[arg-type]
    )


def _download(url: str, path: Path, settings: Settings, clock: FakeClock | None = None) -> int:
    with path.open("w+b") as handle:
        sleep = clock.sleep if clock is not None else _no_sleep
        return download_to(url, handle, settings=settings, sleep=sleep)


def _no_sleep(seconds: float) -> None:
    raise AssertionError(f"no retry expected, but asked to wait {seconds} s")


def test_a_large_body_is_written_as_it_arrives_not_held_in_memory(
    local_server: LocalHTTPServer, tmp_path: Path
) -> None:
    blocks = 256  # a 16 MiB body
    url = local_server.route(
        "/crawl/a.warc.gz",
        Reply(body=BLOCK, repeat_body=blocks, content_type="application/octet-stream"),
    )
    target = tmp_path / "spool"
    tracemalloc.start()
    try:
        written = _download(url, target, _settings())
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    size = len(BLOCK) * blocks
    assert written == size == target.stat().st_size
    # A few chunks of a MiB at most, never the 16 MiB body.
    assert peak < 4 * 1024 * 1024, peak
    with target.open("rb") as handle:
        assert handle.read(len(BLOCK)) == BLOCK
        handle.seek(-len(BLOCK), 2)
        assert handle.read() == BLOCK
    (request,) = local_server.requests_for("/crawl/a.warc.gz")
    assert request.headers["user-agent"].startswith("newsweave/")
    assert request.headers["accept-encoding"] == "identity"
    assert "range" not in request.headers


def test_the_cap_stops_a_download_announced_or_found_too_large(
    local_server: LocalHTTPServer, tmp_path: Path
) -> None:
    announced = local_server.route("/big", Reply(body=BLOCK, repeat_body=8))
    with pytest.raises(InputTooLargeError) as caught:
        _download(announced, tmp_path / "a", _settings(cap=100_000))
    assert caught.value.origin == announced
    assert "announces 524288 bytes" in str(caught.value)
    assert "input.max_download_bytes" in str(caught.value)
    assert (tmp_path / "a").stat().st_size == 0  # refused before the body
    unannounced = local_server.route("/big2", Reply(body=BLOCK, repeat_body=8, send_length=False))
    with pytest.raises(InputTooLargeError, match="download stopped") as caught:
        _download(unannounced, tmp_path / "b", _settings(cap=100_000))
    assert str(caught.value).startswith(unannounced)
    assert (tmp_path / "b").stat().st_size <= 100_000
    # The page fetcher's max_input_bytes does not apply to this path: the cap does.
    small_pages = replace(_settings(cap=1_000_000), input=InputSettings(10, 1_000_000))
    assert _download(announced, tmp_path / "c", small_pages) == 8 * len(BLOCK)


def test_503_is_retried_with_backoff_then_succeeds(
    local_server: LocalHTTPServer, tmp_path: Path
) -> None:
    url = local_server.route(
        "/flaky", Reply(status=503), Reply(status=503), Reply(body=BLOCK, repeat_body=2)
    )
    clock = FakeClock()
    assert _download(url, tmp_path / "f", _settings(), clock) == 2 * len(BLOCK)
    assert clock.sleeps == [0.5, 1.0]
    assert len(local_server.requests_for("/flaky")) == 3
    # Retry-After (seconds) longer than the backoff is honoured.
    url = local_server.route(
        "/later", Reply(status=429, headers={"Retry-After": "7"}), Reply(body=b"x")
    )
    clock = FakeClock()
    assert _download(url, tmp_path / "g", _settings(), clock) == 1
    assert clock.sleeps == [7.0]


def test_failures_name_the_url_and_the_reason(
    local_server: LocalHTTPServer, tmp_path: Path
) -> None:
    missing = local_server.url("/crawl/missing.warc.gz")
    with pytest.raises(FetchError) as caught:
        _download(missing, tmp_path / "m", _settings())
    assert caught.value.url == missing
    assert str(caught.value) == f"{missing}: HTTP 404"
    assert len(local_server.requests_for("/crawl/missing.warc.gz")) == 1  # not retried

    down = local_server.route("/down", Reply(status=503))
    clock = FakeClock()
    with pytest.raises(FetchError) as caught:
        _download(down, tmp_path / "d", _settings(retries=1), clock)
    assert str(caught.value) == f"{down}: HTTP 503, after 2 attempt(s)"
    assert clock.sleeps == [0.5]

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused = f"http://127.0.0.1:{port}/a.warc.gz"
    with pytest.raises(FetchError) as caught:
        _download(refused, tmp_path / "r", _settings(retries=1), FakeClock())
    assert caught.value.url == refused
    assert "ConnectError" in caught.value.reason
    assert caught.value.reason.endswith("after 2 attempt(s)")


def test_a_body_cut_short_is_retried_and_resumed_or_fails_naming_the_url(
    local_server: LocalHTTPServer, tmp_path: Path
) -> None:
    size = 4 * len(BLOCK)
    cut = local_server.route("/cut", Reply(body=BLOCK, repeat_body=4, cut=1000))
    clock = FakeClock()
    with pytest.raises(FetchError) as caught:
        _download(cut, tmp_path / "c", _settings(retries=2), clock)
    assert caught.value.url == cut
    assert "after 3 attempt(s)" in caught.value.reason
    assert len(local_server.requests_for("/cut")) == 3
    # Each retry asks for the rest; this server ignores Range, so each starts over.
    ranges = [r.headers.get("range") for r in local_server.requests_for("/cut")]
    assert ranges == [None, f"bytes={size - 1000}-", f"bytes={size - 1000}-"]

    whole = BLOCK * 4
    resumed = local_server.route(
        "/resume",
        Reply(body=whole, cut=1000),
        Reply(
            status=206,
            body=whole[-1000:],
            headers={"Content-Range": f"bytes {size - 1000}-{size - 1}/{size}"},
        ),
    )
    clock = FakeClock()
    assert _download(resumed, tmp_path / "r", _settings(), clock) == size
    assert (tmp_path / "r").read_bytes() == whole
    assert clock.sleeps == [0.5]
    last = local_server.requests_for("/resume")[-1]
    assert last.headers["range"] == f"bytes={size - 1000}-"


def test_a_redirect_is_followed_and_a_non_http_target_refused(
    local_server: LocalHTTPServer,
) -> None:
    local_server.route("/data/a.warc", Reply(body=b"WARC/1.0\r\n"))
    moved = local_server.route("/a.warc", Reply(status=302, headers={"Location": "/data/a.warc"}))
    with tempfile.TemporaryFile() as handle:
        assert download_to(moved, handle, settings=_settings(), sleep=_no_sleep) == 10
        handle.seek(0)
        assert handle.read() == b"WARC/1.0\r\n"
    assert local_server.requests_for("/data/a.warc")
    away = local_server.route("/away", Reply(status=301, headers={"Location": "ftp://x/a"}))
    with tempfile.TemporaryFile() as handle, pytest.raises(FetchError) as caught:
        download_to(away, handle, settings=_settings(), sleep=_no_sleep)
    assert caught.value.url == away
    assert "ftp://x/a" in caught.value.reason


def test_a_content_encoding_sent_anyway_is_undone_and_counted_decoded(
    local_server: LocalHTTPServer, tmp_path: Path
) -> None:
    data = BLOCK * 4
    url = local_server.route(
        "/enc", Reply(body=gzip.compress(data), headers={"Content-Encoding": "gzip"})
    )
    assert _download(url, tmp_path / "e", _settings()) == len(data)
    assert (tmp_path / "e").read_bytes() == data
    bomb = local_server.route(
        "/bomb", Reply(body=gzip.compress(bytes(4_000_000)), headers={"Content-Encoding": "gzip"})
    )
    with pytest.raises(InputTooLargeError, match="download stopped"):
        _download(bomb, tmp_path / "b", _settings(cap=100_000))
