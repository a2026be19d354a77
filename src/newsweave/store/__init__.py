"""Where articles live: one small interface, one backend per database.

``open_store`` picks the backend from the target, so callers never import a
backend directly::

    with open_store(settings.db_path) as store:
        store.add_articles(batch)
"""

from __future__ import annotations

import os

from newsweave.errors import StoreError
from newsweave.store.base import Store
from newsweave.store.sqlite import SQLiteStore

__all__ = ["SQLiteStore", "Store", "open_store"]

_SQLITE_SCHEME = "sqlite:///"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


def open_store(target: str | os.PathLike[str]) -> Store:
    """Open (creating and migrating as needed) the store at ``target``.

    ``target`` is a file path or ``sqlite:///path`` (SQLite; ``sqlite:////abs``
    for an absolute path, as in SQLAlchemy), or ``:memory:``.  PostgreSQL URLs
    are recognised but not supported yet.
    """
    if not isinstance(target, str):
        return SQLiteStore(os.fspath(target))
    if target.startswith(_SQLITE_SCHEME):
        path = target[len(_SQLITE_SCHEME) :]
        if not path:
            raise StoreError(f"{target}: no database path after {_SQLITE_SCHEME!r}")
        return SQLiteStore(path)
    if target.startswith(_POSTGRES_SCHEMES):
        raise StoreError(
            f"{_redact(target)}: PostgreSQL stores are not yet supported; "
            "use a SQLite file path (e.g. --db newsweave.db) for now"
        )
    scheme, sep, _rest = target.partition("://")
    if sep and scheme.isidentifier():
        raise StoreError(
            f"{_redact(target)}: unknown database URL scheme {scheme!r}; "
            "give a file path or a sqlite:/// URL"
        )
    return SQLiteStore(target)


def _redact(url: str) -> str:
    """``url`` without the password, so that it can appear in an error message."""
    scheme, sep, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not (sep and at):
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}{sep}{user}:***@{host}"
