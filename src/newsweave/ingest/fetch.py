"""Fetching pages and feeds politely, on the one network transport (:mod:`newsweave.http`).

Every fetch of ingest (a URL to ingest, ``follow`` of feeds) goes through
:class:`Fetcher`, so politeness, robots.txt, retries and size limits are decided
in one place; the requests themselves and the wrapping of network errors into
:class:`~newsweave.errors.FetchError` are :class:`~newsweave.http.HttpClient`'s.
The httpx transport, the clock and the sleep function are injectable: tests run
against a real local HTTP server and assert the delays that were asked for
instead of waiting for them.

A :class:`Fetcher` is meant to be used from one thread at a time.
"""

from __future__ import annotations

import time
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Self
from urllib.parse import urljoin, urlsplit

import httpx

from newsweave.config import Settings
from newsweave.errors import FetchError, InputTooLargeError, RobotsDisallowedError
from newsweave.http import (
    MAX_REDIRECTS,
    MAX_RETRY_AFTER,
    HttpClient,
    is_transient,
    retry_after_seconds,
)

__all__ = ["FetchResult", "Fetcher"]

MAX_CRAWL_DELAY = 60.0
"""A robots.txt ``Crawl-delay`` is honoured up to this many seconds."""
ROBOTS_MAX_BYTES = 512 * 1024
"""RFC 9309 asks crawlers to parse at least 500 KiB of robots.txt; the rest is ignored."""
ROBOTS_TTL = 24 * 3600.0
"""RFC 9309: a cached robots.txt should not be used for more than 24 hours."""

ROBOTS_ERROR_TTL = 600.0
"""How long a robots.txt server error keeps a host closed before asking again."""

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/rdf+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One HTTP response, body fully read (and decompressed)."""

    url: str
    """The URL after redirects."""
    status: int
    headers: Mapping[str, str]
    """Response headers, names lower-cased."""
    content: bytes
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    """The server answered 304 to a conditional GET; ``content`` is empty."""
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def content_type(self) -> str | None:
        """The media type without parameters, lower-cased (``text/html``)."""
        value = self.headers.get("content-type")
        if not value:
            return None
        return value.split(";", 1)[0].strip().lower() or None

    @property
    def charset(self) -> str | None:
        """The ``charset`` parameter of ``Content-Type``, if the server gave one."""
        value = self.headers.get("content-type") or ""
        for param in value.split(";")[1:]:
            name, _, raw = param.partition("=")
            if name.strip().lower() == "charset":
                return raw.strip().strip("\"'") or None
        return None


@dataclass(slots=True)
class _Response:
    url: str
    status: int
    headers: dict[str, str]
    content: bytes


@dataclass(slots=True)
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None
    """``None`` means every path is allowed (no robots.txt)."""
    disallow_all: bool
    fetched: float
    ttl: float = ROBOTS_TTL


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Fetcher:
    """HTTP(S) GET with politeness, robots.txt, retries, size limit and conditional requests.

    ``transport`` replaces the network (e.g. ``httpx.MockTransport`` in a unit
    test); ``clock`` (monotonic seconds) and ``sleep`` replace the real ones so a
    test can record the delays instead of waiting.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings if settings is not None else Settings()
        self._clock = clock
        self._sleep = sleep
        # Redirects are followed here (the client never does), hop by hop, so that
        # every hop passes the scheme check, robots.txt and the politeness delay of
        # its own host.
        self._client = HttpClient.from_settings(self.settings, transport=transport)
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, _Robots] = {}

    # -- public API ---------------------------------------------------------

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET ``url`` and return the response.

        ``etag`` / ``last_modified`` make the request conditional; a 304 answer
        comes back with ``not_modified=True``.  Raises :class:`FetchError` when the
        network fails after the configured retries or the final status is an
        error, :class:`RobotsDisallowedError` when robots.txt forbids the URL and
        :class:`InputTooLargeError` when the body exceeds ``max_input_bytes``.
        """
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_scheme(current)
            if self.settings.fetch.respect_robots:
                self._check_robots(current)
            response = self._send_with_retries(
                current, headers, limit=self.settings.input.max_input_bytes
            )
            location = response.headers.get("location")
            if response.status in _REDIRECT_STATUSES and location:
                current = urljoin(current, location.strip())
                continue
            return self._result(url, response, etag=etag, last_modified=last_modified)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects; last was to {current}")

    def close(self) -> None:
        """Close the connection pool."""
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- internals ----------------------------------------------------------

    def _result(
        self,
        requested: str,
        response: _Response,
        *,
        etag: str | None,
        last_modified: str | None,
    ) -> FetchResult:
        status = response.status
        if status == 304:
            return FetchResult(
                url=response.url,
                status=status,
                headers=response.headers,
                content=b"",
                etag=response.headers.get("etag") or etag,
                last_modified=response.headers.get("last-modified") or last_modified,
                not_modified=True,
            )
        if status >= 400 or status < 200:
            where = "" if response.url == requested else f" (redirected to {response.url})"
            raise FetchError(requested, f"HTTP {status}{where}")
        if 300 <= status < 400:
            raise FetchError(requested, f"HTTP {status} without a usable Location header")
        return FetchResult(
            url=response.url,
            status=status,
            headers=response.headers,
            content=response.content,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    @staticmethod
    def _check_scheme(url: str) -> None:
        """Refuse a URL that is not http(s), has no host, or that httpx cannot parse.

        Checked before anything is sent (robots.txt included), at every hop, so
        a URL the HTTP library rejects (``http://0177.0.0.1/``, a bad port, a
        broken IPv6 literal) is a failure of that input, not a crash of the run.
        """
        try:
            parts = urlsplit(url)
            host, _port = parts.hostname, parts.port
            httpx.URL(url)
        except (httpx.InvalidURL, ValueError) as exc:
            raise FetchError(url, f"not a valid URL ({exc})") from exc
        if parts.scheme.lower() not in {"http", "https"}:
            raise FetchError(url, "only http:// and https:// URLs can be fetched")
        if not host:
            raise FetchError(url, "the URL has no host name")

    def _delay_for(self, host: str) -> float:
        delay = self.settings.fetch.politeness_delay
        robots = self._robots.get(host)
        if robots is not None and robots.parser is not None:
            asked = robots.parser.crawl_delay(self.settings.fetch.user_agent)
            if asked is not None:
                delay = max(delay, min(float(asked), MAX_CRAWL_DELAY))
        return delay

    def _wait_politely(self, host: str) -> None:
        last = self._last_request.get(host)
        if last is None:
            return
        wait = last + self._delay_for(host) - self._clock()
        if wait > 0:
            self._sleep(wait)

    def _send_with_retries(
        self, url: str, headers: Mapping[str, str], *, limit: int, truncate: bool = False
    ) -> _Response:
        fetch = self.settings.fetch
        attempts = max(0, fetch.retries) + 1
        host = _host_key(url)
        for attempt in range(attempts):
            self._wait_politely(host)
            last_attempt = attempt == attempts - 1
            try:
                try:
                    response = self._send_once(url, headers, limit=limit, truncate=truncate)
                finally:
                    # Set before any backoff sleep, so the backoff counts as politeness.
                    self._last_request[host] = self._clock()
            except FetchError as exc:
                if not is_transient(exc):
                    raise
                if last_attempt:
                    raise FetchError(
                        url, f"{exc.reason}, after {attempts} attempt(s)"
                    ) from exc.__cause__
                self._sleep(fetch.backoff * 2**attempt)
                continue
            status = response.status
            if status != 429 and status < 500:
                return response
            if last_attempt:
                return response
            delay = fetch.backoff * 2**attempt
            asked = retry_after_seconds(response.headers.get("retry-after"), now=time.time())
            if asked is not None:
                if asked > MAX_RETRY_AFTER:
                    raise FetchError(
                        url, f"HTTP {status}; the server asks to retry after {asked:.0f} s"
                    )
                delay = max(delay, asked)
            self._sleep(delay)
        raise AssertionError("unreachable: the last attempt always returns or raises")

    def _send_once(
        self, url: str, headers: Mapping[str, str], *, limit: int, truncate: bool
    ) -> _Response:
        deadline = self._clock() + self.settings.fetch.timeout * 4
        with self._client.stream("GET", url, headers={"Accept": _ACCEPT, **headers}) as response:
            declared = response.headers.get("content-length", "")
            if not truncate and declared.isdigit() and int(declared) > limit:
                raise InputTooLargeError(
                    url, f"the server announces {int(declared)} bytes, over the {limit}-byte limit"
                )
            chunks: list[bytes] = []
            size = 0
            # iter_bytes() decompresses, so the limit also stops gzip bombs.
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > limit:
                    if truncate:
                        chunks.append(chunk[: limit - (size - len(chunk))])
                        break
                    raise InputTooLargeError(
                        url, f"the response is larger than the {limit}-byte limit; download stopped"
                    )
                chunks.append(chunk)
                # The read timeout is per chunk; this bounds a server that drips forever.
                if self._clock() > deadline:
                    raise FetchError(url, "the download took too long; stopped")
            return _Response(
                url=str(response.url),
                status=response.status_code,
                headers=dict(response.headers.items()),
                content=b"".join(chunks),
            )

    def _check_robots(self, url: str) -> None:
        host = _host_key(url)
        robots = self._robots.get(host)
        if robots is None or self._clock() - robots.fetched > robots.ttl:
            robots = self._fetch_robots(host)
            self._robots[host] = robots
        if robots.disallow_all:
            raise RobotsDisallowedError(
                url, "robots.txt of the host could not be read (server error); not fetching"
            )
        if robots.parser is not None and not robots.parser.can_fetch(
            self.settings.fetch.user_agent, url
        ):
            raise RobotsDisallowedError(
                url, "robots.txt of the host disallows this URL for newsweave"
            )

    def _fetch_robots(self, host: str) -> _Robots:
        robots_url = host + "/robots.txt"
        for _hop in range(5):
            response = self._send_with_retries(
                robots_url, {}, limit=ROBOTS_MAX_BYTES, truncate=True
            )
            location = response.headers.get("location")
            if response.status in _REDIRECT_STATUSES and location:
                robots_url = urljoin(robots_url, location.strip())
                self._check_scheme(robots_url)
                continue
            break
        else:
            # RFC 9309: after five redirects, treat robots.txt as unavailable (allow).
            return _Robots(parser=None, disallow_all=False, fetched=self._clock())
        status = response.status
        if 200 <= status < 300:
            parser = urllib.robotparser.RobotFileParser(robots_url)
            text = response.content.decode("utf-8", errors="replace")
            parser.parse(text.splitlines())
            return _Robots(parser=parser, disallow_all=False, fetched=self._clock())
        if status >= 500:
            # RFC 9309: an unreachable robots.txt (server error) means complete disallow.
            # Cached briefly only: the error is probably temporary.
            return _Robots(
                parser=None, disallow_all=True, fetched=self._clock(), ttl=ROBOTS_ERROR_TTL
            )
        # 4xx (typically 404): there are no rules, everything is allowed.
        return _Robots(parser=None, disallow_all=False, fetched=self._clock())
