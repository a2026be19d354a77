"""API keys a store keeps for the web app and the API: the interface and its record.

:class:`KeyStore` is the abstract part of :class:`~newsweave.store.base.Store`
that ``newsweave keys`` and the API's authentication use.  A key is shown once,
when it is made; the store keeps only a salted hash of it and a short prefix to
find it by, so a listing (:class:`ApiKeyInfo`) never holds the key itself.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime

__all__ = ["ApiKeyInfo", "KeyStore"]


@dataclass(frozen=True, slots=True)
class ApiKeyInfo:
    """An API key as listed: never the key itself."""

    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


class KeyStore(abc.ABC):
    """Making, checking, listing and revoking API keys (see the module docstring)."""

    @abc.abstractmethod
    def create_api_key(self, name: str) -> str:
        """Make a key called ``name`` and return it; only a salted hash is stored."""

    @abc.abstractmethod
    def check_api_key(self, key: str) -> str | None:
        """The name of the valid, unrevoked key ``key``, else ``None``."""

    @abc.abstractmethod
    def list_api_keys(self) -> list[ApiKeyInfo]:
        """Every key, oldest first (revoked ones included)."""

    @abc.abstractmethod
    def revoke_api_key(self, name: str) -> bool:
        """Revoke the key called ``name``; ``False`` if there is no such live key."""
