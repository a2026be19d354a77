"""The API-key half of :class:`~newsweave.store.sqlite.SQLiteStore` (table ``api_keys``).

A mixin like :mod:`~newsweave.store.sqlite_serving`: it relies on the store's
``_reading``/``_writing`` helpers.  A key is ``nw_`` and 43 random URL-safe
characters; the table holds its first characters (to find it by), a random salt
and the SHA-256 of salt and key, compared in constant time.  The table comes from
migration ``0003_search_briefs_keys``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from newsweave.errors import StoreError
from newsweave.store.keys import ApiKeyInfo

__all__ = ["KEY_PREFIX", "KeyTables"]

KEY_PREFIX = "nw_"
_PREFIX_CHARS = 8


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _hash_key(salt: bytes, key: str) -> bytes:
    return hashlib.sha256(salt + key.encode("utf-8")).digest()


class KeyTables:
    """API keys for a SQLite store (mixed into ``SQLiteStore``)."""

    path: str

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def create_api_key(self, name: str) -> str:
        """See :meth:`KeyStore.create_api_key`."""
        name = name.strip()
        if not name:
            raise StoreError(f"{self.path}: an API key needs a name")
        secret = secrets.token_urlsafe(32)
        key = KEY_PREFIX + secret
        prefix = key[: len(KEY_PREFIX) + _PREFIX_CHARS]
        salt = secrets.token_bytes(16)
        with self._writing(f"create API key {name!r}") as conn:
            if conn.execute("SELECT 1 FROM api_keys WHERE name = ?", (name,)).fetchone():
                raise StoreError(f"{self.path}: an API key called {name!r} exists already")
            conn.execute(
                "INSERT INTO api_keys (name, prefix, salt, hash, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, prefix, salt, _hash_key(salt, key), _now()),
            )
        return key

    def check_api_key(self, key: str) -> str | None:
        """See :meth:`KeyStore.check_api_key`."""
        if not key.startswith(KEY_PREFIX) or len(key) < len(KEY_PREFIX) + _PREFIX_CHARS:
            return None
        with self._reading("check an API key") as conn:
            row = conn.execute(
                "SELECT name, salt, hash FROM api_keys WHERE prefix = ? AND revoked_at IS NULL",
                (key[: len(KEY_PREFIX) + _PREFIX_CHARS],),
            ).fetchone()
        if row is None:
            return None
        name, salt, digest = row
        valid = hmac.compare_digest(_hash_key(bytes(salt), key), bytes(digest))
        return str(name) if valid else None

    def list_api_keys(self) -> list[ApiKeyInfo]:
        """See :meth:`KeyStore.list_api_keys`."""
        with self._reading("list API keys") as conn:
            rows = conn.execute(
                "SELECT name, prefix, created_at, revoked_at FROM api_keys ORDER BY created_at"
            ).fetchall()
        return [
            ApiKeyInfo(
                name=r[0],
                prefix=r[1],
                created_at=datetime.fromisoformat(r[2]),
                revoked_at=datetime.fromisoformat(r[3]) if r[3] else None,
            )
            for r in rows
        ]

    def revoke_api_key(self, name: str) -> bool:
        """See :meth:`KeyStore.revoke_api_key`."""
        with self._writing(f"revoke API key {name!r}") as conn:
            changed = conn.execute(
                "UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
                (_now(), name),
            ).rowcount
        return bool(changed)
