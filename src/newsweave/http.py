"""The one network transport: every HTTP request newsweave makes goes through :class:`HttpClient`.

It is an httpx client with newsweave's user agent (``fetch.user_agent``) and a
timeout, whose network is injectable: tests hand it an httpx transport (or run it
against a real local HTTP server).  Every failure of the network becomes a
:class:`~newsweave.errors.FetchError` naming the URL, raised ``from`` the httpx
error, so callers catch one family.  Two callers build on it:

* :class:`~newsweave.ingest.fetch.Fetcher` (a URL to ingest, feeds, ``follow``) adds
  politeness, robots.txt, redirects hop by hop, retries and size limits;
* :func:`~newsweave.brief.llm.write_abstract` (``--llm``) posts one chat request;
  the command hands it the client.

It sits at the top of the package beside :mod:`newsweave.config` and
:mod:`newsweave.errors`, so a stage (``brief/``) and the readers of ``ingest/`` both
use it without a stage importing ``ingest/``.  Redirects are never followed here: the caller
decides (the fetcher checks every hop).
"""

from __future__ import annotations

import email.utils
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from types import TracebackType
from typing import Any, Self

import httpx

from newsweave.config import FetchSettings, Settings
from newsweave.errors import FetchError

__all__ = [
    "MAX_REDIRECTS",
    "MAX_RETRY_AFTER",
    "TRANSIENT_ERRORS",
    "HttpClient",
    "Timeout",
    "is_transient",
    "network_error",
    "retry_after_seconds",
]

MAX_REDIRECTS = 10
"""Redirect hops a caller that follows them (the fetcher, a download) follows at most."""
MAX_RETRY_AFTER = 30.0
"""A ``Retry-After`` longer than this (seconds) ends the retries instead of blocking."""

TRANSIENT_ERRORS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
"""httpx errors worth another attempt (timeouts, dropped connections); protocol misuse and
bad URLs are not."""


def retry_after_seconds(value: str | None, *, now: float) -> float | None:
    """Seconds asked for by a ``Retry-After`` header (delta or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


@dataclass(frozen=True, slots=True)
class Timeout:
    """How long to wait for the server, and the setting that says so (named when it runs out)."""

    seconds: float
    setting: str


_DEFAULTS = FetchSettings()
_FETCH_TIMEOUT = "fetch.timeout"
_DEFAULT_TIMEOUT = Timeout(_DEFAULTS.timeout, _FETCH_TIMEOUT)


def network_error(url: str, exc: httpx.HTTPError, timeout: Timeout) -> FetchError:
    """The :class:`FetchError` for ``exc``, naming ``url`` (raise it ``from exc``)."""
    kind = type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        waited = f"no answer within {timeout.seconds:g} s ({timeout.setting})"
        return FetchError(url, f"{kind}: {waited}")
    detail = str(exc)
    return FetchError(url, f"{kind}: {detail}" if detail else kind)


def is_transient(exc: FetchError) -> bool:
    """Whether the network error behind ``exc`` is worth another try (:data:`TRANSIENT_ERRORS`)."""
    return isinstance(exc.__cause__, TRANSIENT_ERRORS)


class HttpClient:
    """newsweave's HTTP client: its user agent, a timeout, an injectable transport.

    ``transport`` replaces the network (``httpx.MockTransport`` in a unit test, a
    guard against private addresses in the web app).  Meant for one thread at a time.
    """

    def __init__(
        self,
        *,
        user_agent: str = _DEFAULTS.user_agent,
        timeout: Timeout = _DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(timeout.seconds),
            headers={"User-Agent": user_agent},
            follow_redirects=False,
        )

    @classmethod
    def from_settings(
        cls, settings: Settings, *, transport: httpx.BaseTransport | None = None
    ) -> Self:
        """The client ``settings.fetch`` describes (user agent and timeout)."""
        fetch = settings.fetch
        return cls(
            user_agent=fetch.user_agent,
            timeout=Timeout(fetch.timeout, _FETCH_TIMEOUT),
            transport=transport,
        )

    @contextmanager
    def stream(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        timeout: Timeout | None = None,
    ) -> Iterator[httpx.Response]:
        """Send one request and yield the response with its body still unread.

        A failure of the network, while sending or while the caller reads the body,
        raises :func:`network_error`; ``timeout`` replaces the client's for this request.
        """
        limit = timeout if timeout is not None else self.timeout
        try:
            with self._client.stream(
                method, url, headers=headers, json=json, timeout=httpx.Timeout(limit.seconds)
            ) as response:
                yield response
        except httpx.HTTPError as exc:
            raise network_error(url, exc, limit) from exc

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        json: Any = None,
        timeout: Timeout | None = None,
    ) -> httpx.Response:
        """Send one request and return the response with its body read (see :meth:`stream`)."""
        with self.stream(method, url, headers=headers, json=json, timeout=timeout) as response:
            response.read()
        return response

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
