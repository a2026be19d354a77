"""A real local HTTP server for tests: scripted routes, conditional GET, delays, a request log.

Usage::

    with LocalHTTPServer() as server:
        server.route("/feed.xml", Reply(body=rss, content_type="application/rss+xml", etag='"v1"'))
        server.route("/flaky", Reply(status=503), Reply(body="ok"))   # 503 once, then 200
        fetcher.get(server.url("/feed.xml"))
        assert server.requests_for("/feed.xml")[0].headers["user-agent"].startswith("newsweave")

POST is scripted the same way; its body is kept in ``RecordedRequest.body``.
Unknown paths (including ``/robots.txt`` until a route is given) answer 404.
A route given several replies serves them in order and then repeats the last one.
The ``local_server`` pytest fixture yields a started server.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

import pytest

__all__ = ["FakeClock", "LocalHTTPServer", "RecordedRequest", "Reply", "local_server"]


@dataclass(frozen=True)
class Reply:
    """One scripted response."""

    status: int = 200
    body: bytes | str = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    """Sent as ``ETag``; a request whose ``If-None-Match`` matches gets 304."""
    last_modified: str | None = None
    """Sent as ``Last-Modified``; a request whose ``If-Modified-Since`` is not older gets 304."""
    delay: float = 0.0
    """Seconds to wait before answering (to provoke client timeouts)."""
    send_length: bool = True
    """``False`` omits ``Content-Length`` so the client must stream to find the size."""
    repeat_body: int = 1
    """Send ``body`` this many times (a large body without building it in memory)."""
    cut: int = 0
    """Send this many bytes fewer than ``Content-Length`` announces, then close (a body
    cut short)."""

    def payload(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    """Header names lower-cased."""
    body: bytes = b""
    """The request body (POST)."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Do not wait at shutdown for handlers still sleeping in a scripted delay.
    block_on_close = False
    owner: LocalHTTPServer

    def handle_error(self, request: object, client_address: object) -> None:
        # A client that gave up (timeout, size limit) breaks the pipe; that is expected.
        return


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_POST(self) -> None:
        # Scripted like GET; the body is read (so the client is not cut off) and recorded.
        length = int(self.headers.get("Content-Length") or 0)
        self.do_GET(method="POST", body=self.rfile.read(length) if length else b"")

    def do_GET(self, method: str = "GET", body: bytes = b"") -> None:
        owner = self.server.owner
        headers = {name.lower(): value for name, value in self.headers.items()}
        owner._record(RecordedRequest(method, self.path, headers, body))
        reply = owner._next_reply(self.path.split("?", 1)[0])
        if reply.delay and owner._stopping.wait(reply.delay):
            return
        if _not_modified(reply, headers):
            self.send_response(304)
            if reply.etag:
                self.send_header("ETag", reply.etag)
            if reply.last_modified:
                self.send_header("Last-Modified", reply.last_modified)
            self.end_headers()
            return
        payload = reply.payload()
        self.send_response(reply.status)
        if reply.content_type:
            self.send_header("Content-Type", reply.content_type)
        if reply.etag:
            self.send_header("ETag", reply.etag)
        if reply.last_modified:
            self.send_header("Last-Modified", reply.last_modified)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.send_length:
            self.send_header("Content-Length", str(len(payload) * reply.repeat_body))
        self.send_header("Connection", "close")
        self.end_headers()
        if reply.cut:
            whole = memoryview(payload * reply.repeat_body)
            self.wfile.write(whole[: max(0, len(whole) - reply.cut)])
            return
        for _ in range(reply.repeat_body):
            self.wfile.write(payload)


def _not_modified(reply: Reply, headers: dict[str, str]) -> bool:
    if reply.status != 200:
        return False
    if reply.etag and "if-none-match" in headers:
        tags = {tag.strip() for tag in headers["if-none-match"].split(",")}
        return reply.etag in tags or "*" in tags
    if reply.last_modified and "if-modified-since" in headers:
        try:
            since = parsedate_to_datetime(headers["if-modified-since"])
            modified = parsedate_to_datetime(reply.last_modified)
        except (TypeError, ValueError):
            return False
        return modified <= since
    return False


class LocalHTTPServer:
    """A ``ThreadingHTTPServer`` on 127.0.0.1 in a background thread."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._routes: dict[str, list[Reply]] = {}
        self._served: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.requests: list[RecordedRequest] = []
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def host(self) -> str:
        """``host:port`` as it appears in URLs."""
        return self.base_url.removeprefix("http://")

    def url(self, path: str) -> str:
        return self.base_url + path

    def route(self, path: str, *replies: Reply) -> str:
        """Script the replies for ``path``; returns its full URL."""
        if not replies:
            raise ValueError("give at least one Reply")
        with self._lock:
            self._routes[path] = list(replies)
            self._served[path] = 0
        return self.url(path)

    def requests_for(self, path: str) -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def _next_reply(self, path: str) -> Reply:
        with self._lock:
            replies = self._routes.get(path)
            if not replies:
                return Reply(status=404, body=b"not found", content_type="text/plain")
            index = min(self._served[path], len(replies) - 1)
            self._served[path] += 1
            return replies[index]

    def start(self) -> LocalHTTPServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LocalHTTPServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


@pytest.fixture
def local_server() -> Iterator[LocalHTTPServer]:
    """A started :class:`LocalHTTPServer`, stopped after the test."""
    with LocalHTTPServer() as server:
        yield server


class FakeClock:
    """A clock and sleep pair for ``Fetcher(clock=..., sleep=...)``: sleeping only records.

    Time advances only when something sleeps, so the delays a test asserts are
    exactly the ones the code asked for.
    """

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
