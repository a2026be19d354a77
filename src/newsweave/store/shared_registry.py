"""API keys and the source registry, shared by the SQLite and PostgreSQL stores.

A key is ``nw_`` and 43 random URL-safe characters; the ``api_keys`` table holds
its first characters (to find it by), a random salt and the SHA-256 of salt and
key, compared in constant time.  A source is keyed by its name, case and spacing
folded; its bias ratings are kept as JSON.  Each store supplies its connection,
placeholder and :meth:`_mark_briefs_stale` through
:class:`~newsweave.store.tables.Tables`.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import secrets
from collections.abc import Iterator, Sequence
from datetime import datetime

from newsweave.errors import StoreError
from newsweave.models import BiasRating, Source, SourceType
from newsweave.store.keys import ApiKeyInfo
from newsweave.store.rows import now_text
from newsweave.store.tables import Tables

__all__ = ["KEY_PREFIX", "SharedKeyTables", "SharedSourceTables"]

KEY_PREFIX = "nw_"
_PREFIX_CHARS = 8


def _hash_key(salt: bytes, key: str) -> bytes:
    return hashlib.sha256(salt + key.encode("utf-8")).digest()


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


class SharedKeyTables(Tables):
    """API keys common to both stores (a mixin)."""

    def create_api_key(self, name: str) -> str:
        """See :meth:`KeyStore.create_api_key`."""
        name = name.strip()
        if not name:
            raise StoreError(f"{self.path}: an API key needs a name")
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        prefix = key[: len(KEY_PREFIX) + _PREFIX_CHARS]
        salt = secrets.token_bytes(16)
        with self._writing(f"create API key {name!r}") as conn:
            if conn.execute(self.sql("SELECT 1 FROM api_keys WHERE name = ?"), (name,)).fetchone():
                raise StoreError(f"{self.path}: an API key called {name!r} exists already")
            conn.execute(
                self.sql(
                    "INSERT INTO api_keys (name, prefix, salt, hash, created_at) "
                    "VALUES (?, ?, ?, ?, ?)"
                ),
                (name, prefix, salt, _hash_key(salt, key), now_text()),
            )
        return key

    def check_api_key(self, key: str) -> str | None:
        """See :meth:`KeyStore.check_api_key`."""
        if not key.startswith(KEY_PREFIX) or len(key) < len(KEY_PREFIX) + _PREFIX_CHARS:
            return None
        prefix = key[: len(KEY_PREFIX) + _PREFIX_CHARS]
        if "\x00" in prefix:  # no key holds one (and PostgreSQL text cannot)
            return None
        with self._reading("check an API key") as conn:
            row = conn.execute(
                self.sql(
                    "SELECT name, salt, hash FROM api_keys WHERE prefix = ? AND revoked_at IS NULL"
                ),
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
                self.sql(
                    "UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL"
                ),
                (now_text(), name),
            ).rowcount
        return bool(changed)


class SharedSourceTables(Tables):
    """The source registry common to both stores (a mixin)."""

    def save_sources(self, sources: Sequence[Source]) -> int:
        """See :meth:`Store.save_sources`."""
        now = now_text()
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
                # Coverage (countries, owners, ratings) of every cached brief may change.
                self._mark_briefs_stale(conn)
            with contextlib.closing(conn.cursor()) as cursor:
                cursor.executemany(
                    self.sql(
                        "INSERT INTO sources (name_key, name, domain, country, type, owner, "
                        "bias_ratings, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                        "ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, "
                        "domain = excluded.domain, country = excluded.country, "
                        "type = excluded.type, owner = excluded.owner, "
                        "bias_ratings = excluded.bias_ratings, imported_at = excluded.imported_at"
                    ),
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
