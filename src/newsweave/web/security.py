"""What stands between the network and the store: API keys, body limits, the fetch guard.

* API keys: ``Authorization: Bearer KEY`` or ``X-API-Key: KEY``.  A key is valid
  when it equals ``$NEWSWEAVE_API_KEY`` (compared in constant time) or matches a
  key made with ``newsweave keys create`` (the store keeps a salted hash only).
* Request bodies over ``server.max_request_bytes`` get 413, whether announced by
  ``Content-Length`` or streamed in chunks.
* Ingest-by-URL fetches through :class:`GuardedTransport`, which refuses hosts
  that resolve to private, loopback, link-local or otherwise non-public
  addresses (every redirect hop passes through it too), unless
  ``server.allow_private_fetch`` is set.  The connection goes to the address
  that was checked, so a name cannot answer differently the second time.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import socket
from collections.abc import Callable

import httpx
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsweave.store import Store

__all__ = [
    "BlockedAddressError",
    "BodyLimitMiddleware",
    "GuardedTransport",
    "is_public_address",
    "key_from_headers",
    "valid_key",
]

Resolver = Callable[[str, int], list[str]]


def key_from_headers(authorization: str | None, x_api_key: str | None) -> str | None:
    """The API key a request carries, if any."""
    if x_api_key and x_api_key.strip():
        return x_api_key.strip()
    if authorization:
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() == "bearer" and value.strip():
            return value.strip()
    return None


def valid_key(key: str | None, *, env_key: str | None, store: Store) -> bool:
    """Whether ``key`` is the environment's key or a live stored key."""
    if not key:
        return False
    if env_key and hmac.compare_digest(key.encode("utf-8"), env_key.encode("utf-8")):
        return True
    return store.check_api_key(key) is not None


class BodyLimitMiddleware:
    """Answer 413 to request bodies larger than ``limit`` bytes (pure ASGI)."""

    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.limit:
                    await self._refuse(send)
                    return
        received = 0
        refused = False
        started = False

        async def limited() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    # Answer 413 now and tell the app the client left: the app
                    # (FastAPI turns any error while reading a body into a 400)
                    # stops reading, and whatever it answers is dropped below.
                    refused = True
                    if not started:
                        await self._refuse(send)
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if not refused:
                started = started or message["type"] == "http.response.start"
                await send(message)

        await self.app(scope, limited, guarded_send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(
            {
                "error": {
                    "code": "too_large",
                    "message": f"the request body is over the {self.limit}-byte limit",
                }
            }
        ).encode("utf-8")
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class BlockedAddressError(httpx.TransportError):
    """The host resolves to an address ingest-by-URL may not fetch."""


def is_public_address(address: str) -> bool:
    """Whether ``address`` is a globally routable unicast address.

    Decided by :mod:`ipaddress` properties, not by a list of our own: an IPv6
    address that carries an IPv4 one (mapped, 6to4, Teredo) is judged by the
    IPv4 address it reaches, and 6to4 and Teredo relays are refused outright
    since the relay, not the embedded address, decides where they go; the
    deprecated site-local range (``fec0::/10``) counts as private.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None or ip.teredo is not None or ip.is_site_local:
            return False
    return ip.is_global and not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def _pinned(request: httpx.Request, address: str) -> httpx.Request:
    """``request`` sent to ``address``, the address the guard checked.

    Connecting by name would resolve it a second time, and a name can answer a
    public address to the check and a private one to the connection (DNS
    rebinding).  So the connection goes to the checked address; the ``Host``
    header keeps the name, and so does TLS (``sni_hostname`` is used for SNI and
    for matching the certificate).
    """
    host = request.url.host
    extensions = dict(request.extensions)
    if request.url.scheme == "https":
        extensions["sni_hostname"] = host
    headers = request.headers.copy()
    headers.setdefault("Host", request.url.netloc.decode("ascii"))
    return httpx.Request(
        request.method,
        request.url.copy_with(host=address.split("%", 1)[0]),
        headers=headers,
        stream=request.stream,
        extensions=extensions,
    )


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that refuses non-public destinations (see the module docstring).

    ``inner`` does the real work (a plain :class:`httpx.HTTPTransport` by
    default); ``resolver`` replaces DNS in tests.  The check resolves the host
    itself, so a name pointing at 127.0.0.1 is refused like the literal address,
    and the request is then sent to the checked address (see :func:`_pinned`).
    """

    def __init__(
        self,
        inner: httpx.BaseTransport | None = None,
        *,
        resolver: Resolver | None = None,
    ) -> None:
        self._inner = inner if inner is not None else httpx.HTTPTransport()
        self._resolver = resolver or _resolve

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        try:
            addresses = self._resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise httpx.ConnectError(f"cannot resolve {host}: {exc}", request=request) from exc
        blocked = [a for a in addresses if not is_public_address(a)]
        if not addresses or blocked:
            shown = blocked[0] if blocked else "no address"
            raise BlockedAddressError(
                f"{host} resolves to {shown}, a private, loopback or link-local address; "
                "set server.allow_private_fetch = true to allow it",
                request=request,
            )
        return self._inner.handle_request(_pinned(request, addresses[0]))

    def close(self) -> None:
        self._inner.close()
