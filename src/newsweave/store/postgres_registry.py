"""API keys and the source registry of :class:`~newsweave.store.postgres.PostgresStore`.

A mixin like :mod:`~newsweave.store.postgres_stories`, twin of
:mod:`~newsweave.store.sqlite_keys` (same key format and hashing) and
:mod:`~newsweave.store.sqlite_sources` (same JSON shapes).
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsweave.errors import StoreError
from newsweave.models import BiasRating, Source, SourceType
from newsweave.store.keys import ApiKeyInfo
from newsweave.store.postgres_serving import mark_briefs_stale
from newsweave.store.sqlite_keys import _PREFIX_CHARS, KEY_PREFIX, _hash_key

if TYPE_CHECKING:
    import psycopg

__all__ = ["RegistryTables"]


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


class RegistryTables:
    """API keys and sources for a PostgreSQL store (mixed into ``PostgresStore``)."""

    path: str

    def _reading(self, action: str) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[psycopg.Connection[Any]]:
        raise NotImplementedError

    # -- API keys ------------------------------------------------------------------

    def create_api_key(self, name: str) -> str:
        """See :meth:`KeyStore.create_api_key`."""
        name = name.strip()
        if not name:
            raise StoreError(f"{self.path}: an API key needs a name")
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        prefix = key[: len(KEY_PREFIX) + _PREFIX_CHARS]
        salt = secrets.token_bytes(16)
        with self._writing(f"create API key {name!r}") as conn:
            if conn.execute("SELECT 1 FROM api_keys WHERE name = %s", (name,)).fetchone():
                raise StoreError(f"{self.path}: an API key called {name!r} exists already")
            conn.execute(
                "INSERT INTO api_keys (name, prefix, salt, hash, created_at) "
                "VALUES (%s, %s, %s, %s, %s)",
                (name, prefix, salt, _hash_key(salt, key), _now()),
            )
        return key

    def check_api_key(self, key: str) -> str | None:
        """See :meth:`KeyStore.check_api_key`."""
        if not key.startswith(KEY_PREFIX) or len(key) < len(KEY_PREFIX) + _PREFIX_CHARS:
            return None
        prefix = key[: len(KEY_PREFIX) + _PREFIX_CHARS]
        if "\x00" in prefix:
            return None
        with self._reading("check an API key") as conn:
            row = conn.execute(
                "SELECT name, salt, hash FROM api_keys WHERE prefix = %s AND revoked_at IS NULL",
                (prefix,),
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
                "UPDATE api_keys SET revoked_at = %s WHERE name = %s AND revoked_at IS NULL",
                (_now(), name),
            ).rowcount
        return bool(changed)

    # -- sources -------------------------------------------------------------------

    def save_sources(self, sources: Sequence[Source]) -> int:
        """See :meth:`Store.save_sources`."""
        now = _now()
        rows = [
            (
                _name_key(source.name),
                source.name,
                source.domain,
                source.country,
                source.type.value,
                source.owner,
                json.dumps(
                    [
                        {"value": r.value, "rater": r.rater, "provenance": r.provenance}
                        for r in source.bias_ratings
                    ]
                ),
                now,
            )
            for source in sources
        ]
        with self._writing("save sources") as conn:
            stored = {
                row[0]: tuple(row[1:])
                for row in conn.execute(
                    "SELECT name_key, name, domain, country, type, owner, bias_ratings FROM sources"
                )
            }
            if any(stored.get(row[0]) != row[1:-1] for row in rows):
                mark_briefs_stale(conn)  # the coverage of every cached brief may change
            with conn.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO sources (name_key, name, domain, country, type, owner, "
                    "bias_ratings, imported_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) "
                    "ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, "
                    "domain = excluded.domain, country = excluded.country, "
                    "type = excluded.type, owner = excluded.owner, "
                    "bias_ratings = excluded.bias_ratings, imported_at = excluded.imported_at",
                    rows,
                )
        return len(rows)

    def iter_sources(self) -> Iterator[Source]:
        """See :meth:`Store.iter_sources`."""
        with self._reading("list sources") as conn:
            rows = conn.execute(
                "SELECT name, domain, country, type, owner, bias_ratings FROM sources "
                "ORDER BY name_key"
            ).fetchall()
        for name, domain, country, kind, owner, ratings in rows:
            yield Source(
                name=name,
                domain=domain,
                country=country,
                type=SourceType(kind),
                owner=owner,
                bias_ratings=tuple(
                    BiasRating(value=r["value"], rater=r["rater"], provenance=r["provenance"])
                    for r in json.loads(ratings)
                ),
            )
