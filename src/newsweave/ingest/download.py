"""Downloading one large file to disk as it arrives (a remote WARC of the Spark job).

:class:`~newsweave.ingest.fetch.Fetcher` reads a page or a feed into memory, under
``input.max_input_bytes``.  A CC-NEWS archive is about a gigabyte, so
:func:`download_to` writes the body to an open file chunk by chunk, under a cap of
its own (``input.max_download_bytes``), and holds one chunk in memory at a time.
It keeps the fetcher's user agent, timeout, retries and backoff (``fetch.*``): a
timeout, a dropped connection, a body cut short, 429 or a 5xx is tried again
after ``backoff * 2**attempt`` seconds (or the server's ``Retry-After``), and the
next attempt asks for the rest of the file (``Range``) when it has part of it,
starting over when the server sends the whole file instead.  robots.txt and the
politeness delay are not applied: this is one request for a data file the user
named, not crawling.

Every failure raises :class:`~newsweave.errors.FetchError` (the network, an HTTP
error status) or :class:`~newsweave.errors.InputTooLargeError` (over the cap),
naming the URL and the reason.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import IO
from urllib.parse import urljoin, urlsplit

import httpx

from newsweave.config import Settings
from newsweave.errors import FetchError, InputTooLargeError
from newsweave.http import (
    MAX_REDIRECTS,
    MAX_RETRY_AFTER,
    HttpClient,
    is_transient,
    retry_after_seconds,
)

__all__ = ["download_to"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class _Again(Exception):
    """A failure worth another attempt (429, a 5xx, a body cut short), and the
    server's ``Retry-After`` if it gave one."""

    def __init__(self, reason: str, retry_after: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _Download:
    """One file's download: what is on disk so far, and one attempt at the rest."""

    def __init__(self, url: str, handle: IO[bytes], client: HttpClient, limit: int) -> None:
        self.url = url
        self.handle = handle
        self.client = client
        self.limit = limit
        self.written = 0
        self.resumable = True
        """Whether the bytes written are the file's own (not decoded from a content
        encoding), so the next attempt can ask for the rest with ``Range``."""

    def _restart(self) -> None:
        self.handle.seek(0)
        self.handle.truncate()
        self.written = 0

    def _too_large(self, what: str) -> InputTooLargeError:
        return InputTooLargeError(
            self.url,
            f"{what}, over the download limit of {self.limit} bytes; raise "
            "input.max_download_bytes (NEWSWEAVE_INPUT_MAX_DOWNLOAD_BYTES) if this is intended",
        )

    def attempt(self) -> None:
        """Fetch the rest of the file (following redirects); raise on any failure."""
        current = self.url
        for _hop in range(MAX_REDIRECTS + 1):
            _check_url(current, self.url)
            headers = {"Accept-Encoding": "identity"}
            if self.written and self.resumable:
                headers["Range"] = f"bytes={self.written}-"
            with self.client.stream("GET", current, headers=headers) as response:
                location = response.headers.get("location")
                if response.status_code in _REDIRECTS and location:
                    current = urljoin(current, location.strip())
                    continue
                self._receive(response)
                return
        raise FetchError(self.url, f"more than {MAX_REDIRECTS} redirects; last was to {current}")

    def _receive(self, response: httpx.Response) -> None:
        status = response.status_code
        if status == 429 or status >= 500:
            raise _Again(f"HTTP {status}", response.headers.get("retry-after"))
        if status == 206 and self.written:
            start = response.headers.get("content-range", "")
            if not start.startswith(f"bytes {self.written}-"):
                self._restart()
                raise _Again(f"the server sent another part of the file ({start})")
        elif status == 200:
            self._restart()
        else:
            where = "" if str(response.url) == self.url else f" (at {response.url})"
            raise FetchError(self.url, f"HTTP {status}{where}")
        declared = response.headers.get("content-length", "")
        expected = self.written + int(declared) if declared.isdigit() else None
        if expected is not None and expected > self.limit:
            raise self._too_large(f"the server announces {expected} bytes")
        # iter_bytes() undoes a content encoding the server applied despite
        # ``identity``, so the cap counts the bytes written; their number is then not
        # the announced one, and a retry starts over.
        if response.headers.get("content-encoding", "identity").strip().lower() != "identity":
            self.resumable = False
            expected = None
        for chunk in response.iter_bytes():
            if self.written + len(chunk) > self.limit:
                raise self._too_large("the file is larger; download stopped")
            self.handle.write(chunk)
            self.written += len(chunk)
        if expected is not None and self.written != expected:
            raise _Again(f"the body ends after {self.written} of {expected} bytes")


def _check_url(url: str, asked: str) -> None:
    try:
        parts = urlsplit(url)
        httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
        raise FetchError(asked, f"not a valid URL: {url} ({exc})") from exc
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise FetchError(asked, f"only http:// and https:// URLs with a host are fetched: {url}")


def download_to(
    url: str,
    handle: IO[bytes],
    *,
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Write the body of ``url`` to ``handle`` (open for writing and reading, seekable,
    at its start); returns the bytes written.

    ``transport`` replaces the network and ``sleep`` the waits between attempts
    (tests).  Raises :class:`FetchError` naming ``url`` after the configured
    retries, or :class:`InputTooLargeError` over ``input.max_download_bytes``; what
    was written before a failure is left in ``handle`` (the caller discards it).
    """
    fetch = settings.fetch
    attempts = max(0, fetch.retries) + 1
    with HttpClient.from_settings(settings, transport=transport) as client:
        download = _Download(url, handle, client, settings.input.max_download_bytes)
        for attempt in range(attempts):
            asked: float | None = None
            try:
                download.attempt()
            except FetchError as exc:
                if not is_transient(exc):
                    if exc.url == url:
                        raise
                    # A hop of a redirect is named by the client; the caller asked for ``url``.
                    raise FetchError(url, exc.reason) from exc
                reason = exc.reason
            except _Again as again:
                reason, asked = (
                    again.reason,
                    retry_after_seconds(again.retry_after, now=time.time()),
                )
            else:
                handle.flush()
                return download.written
            if attempt == attempts - 1:
                raise FetchError(url, f"{reason}, after {attempts} attempt(s)")
            if asked is not None and asked > MAX_RETRY_AFTER:
                raise FetchError(url, f"{reason}; the server asks to retry after {asked:.0f} s")
            sleep(max(fetch.backoff * 2**attempt, asked or 0.0))
    raise AssertionError("unreachable: the last attempt returns or raises")
