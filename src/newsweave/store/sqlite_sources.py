"""The source registry half of :class:`~newsweave.store.sqlite.SQLiteStore`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime

from newsweave.models import BiasRating, Source, SourceType
from newsweave.store.sqlite_serving import mark_briefs_stale

__all__ = ["SourceTables"]


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


class SourceTables:
    """Source registry persistence for a SQLite store (mixed into ``SQLiteStore``)."""

    def _reading(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _writing(self, action: str) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def save_sources(self, sources: Sequence[Source]) -> int:
        """See :meth:`Store.save_sources`."""
        now = datetime.now(UTC).isoformat()
        rows = [
            (
                _key(source.name),
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
                mark_briefs_stale(conn)
            conn.executemany(
                "INSERT INTO sources (name_key, name, domain, country, type, owner, "
                "bias_ratings, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (name_key) DO UPDATE SET name = excluded.name, "
                "domain = excluded.domain, country = excluded.country, type = excluded.type, "
                "owner = excluded.owner, bias_ratings = excluded.bias_ratings, "
                "imported_at = excluded.imported_at",
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
